"""Plain-text tables of the data with numbered source notes, for the terminal and notebooks."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pandas as pd

from poppy.checks import metrics
from poppy.data.loaders import cite
from poppy.escape import md_link, md_text
from poppy.fmt import check_lang, number, percent_change, quantity, years_word
from poppy.i18n import COUNTRIES, N_, t

if TYPE_CHECKING:
    from poppy.checks.claims import ClaimCheck
    from poppy.data.frames import Frames


def _range(row: pd.Series, lang: str = "en") -> str:
    if pd.isna(row["low"]):
        return ""
    return f"{number(row['low'], lang)}–{number(row['high'], lang)}"


def source_notes(frame: pd.DataFrame, column: str = "source_id") -> tuple[pd.Series, list[str]]:
    """Number each distinct source of ``frame`` in order of use.

    Returns the per-row marker ('[3]') and the note lines ('[3] UNODC, World Drug Report ...').
    """
    order = list(dict.fromkeys(frame[column]))
    marks = frame[column].map({sid: f"[{i}]" for i, sid in enumerate(order, 1)})
    notes = [f"[{i}] {frame.attrs['sources'][sid]}" for i, sid in enumerate(order, 1)]
    return marks, notes


#: Words of the headline table.
HEADLINE = {
    "title": N_("report.headline.title"),
    "year": N_("report.headline.year"),
    "cultivation": N_("report.headline.cultivation"),
    "production": N_("report.headline.production"),
    "range": N_("report.headline.range"),
    "status": N_("report.headline.status"),
    "flags": N_("report.headline.flags"),
    "sources": N_("report.headline.sources"),
    "empty": N_("report.headline.empty"),
    "notes": N_("report.headline.notes"),
}


def headline_table(frames: Frames, lang: str = "en") -> str:
    """The preferred Afghan series, one line per year, with ranges, status and numbered sources."""
    df = frames.afghanistan
    marks, notes = source_notes(df)
    df = df.assign(mark=marks, rng=df.apply(_range, axis=1, lang=lang))
    wide = df.pivot(index="year", columns="measure", values=["value", "rng", "status", "mark", "flags"])
    text = [c for c in wide.columns if c[0] != "value"]
    wide[text] = wide[text].fillna("")  # a year with one measure only: the other's cells stay empty
    w = {k: t(lang, key) for k, key in HEADLINE.items()}
    header = (
        f"{w['year']:>4}  {w['cultivation']:>16}  {w['range']:>15}  {w['status']:<13}  "
        f"{w['production']:>14}  {w['range']:>11}  {w['status']:<13}  {w['flags']:<33}  {w['sources']}"
    )
    lines = [
        w["title"],
        header,
        "-" * len(header),
    ]
    for year, row in wide.iterrows():
        flags = ";".join(
            sorted({f for f in (row[("flags", "cultivation")], row[("flags", "production")]) if f})
        )
        cult, prod = number(row[("value", "cultivation")], lang), number(row[("value", "production")], lang)
        lines.append(
            f"{year:>4}  {cult:>16}  {row[('rng', 'cultivation')]:>15}  "
            f"{row[('status', 'cultivation')]:<13}  {prod:>14}  "
            f"{row[('rng', 'production')]:>11}  {row[('status', 'production')]:<13}  {flags:<33}  "
            f"{row[('mark', 'cultivation')]} {row[('mark', 'production')]}"
        )
    lines += [
        "",
        w["empty"],
        w["notes"],
        *notes,
    ]
    return "\n".join(lines)


#: Labels of the claim report.
LABELS = {
    "title": N_("report.claims.title"),
    "title_adhoc": N_("report.claims.title.adhoc"),
    "quote": N_("report.claims.quote"),
    "stated": N_("report.claims.stated"),
    "computed": N_("report.claims.computed"),
    "verdict": N_("report.claims.verdict"),
    "explanation": N_("report.claims.explanation"),
    "sources": N_("report.claims.sources"),
    "claim": N_("report.claims.claim"),
}


def _title(lang: str, appearances: str) -> str:
    """The report's title, naming the documents the statements appeared in (an ad-hoc check has none)."""
    if not appearances.strip("; "):
        return t(lang, LABELS["title_adhoc"])
    return t(lang, LABELS["title"], source=appearances)


def claims_text(
    checks: list[ClaimCheck], sources: pd.DataFrame, lang: str = "en", markdown: bool = False
) -> str:
    """The claim checks as a readable report (plain text or Markdown), sources numbered at the end.

    ``sources`` is the sources table of the data the checks were made from (``frames.sources``).
    """

    def label(name: str) -> str:
        return t(lang, LABELS[name])

    appearances = "; ".join(dict.fromkeys(c.appearance for c in checks))
    cites = sources.set_index("source_id")
    order = list(dict.fromkeys(s for c in checks for s in c.sources))
    mark = {sid: f"[{i}]" for i, sid in enumerate(order, 1)}
    if markdown:
        return _claims_markdown(checks, cites, mark, lang, appearances)
    title = _title(lang, appearances)
    notes = [f"{mark[sid]} {cite(cites.loc[sid])}" for sid in order]
    lines = [title, "=" * len(title)]
    for i, c in enumerate(checks, 1):
        lines += [
            "",
            f"{i}. {c.claim_id}: {c.verdict_label(lang).upper()}",
            *textwrap.wrap(
                f'{label("quote")}: "{c.quote}"', 100, initial_indent="   ", subsequent_indent="   "
            ),
            f"   {label('stated')}: {c.stated[lang]}",
            f"   {label('computed')}: {c.computed[lang]}",
            *textwrap.wrap(
                f"{label('explanation')}: {c.explanation[lang]}",
                100,
                initial_indent="   ",
                subsequent_indent="   ",
            ),
            f"   {label('sources')}: " + " ".join(mark[s] for s in c.sources),
        ]
    return "\n".join([*lines, "", f"{label('sources')}:", *notes])


def _claims_markdown(
    checks: list[ClaimCheck], cites: pd.DataFrame, mark: dict[str, str], lang: str, appearances: str
) -> str:
    """The claim report in Markdown; every text from the data is escaped (md_text, md_link)."""

    def label(name: str) -> str:
        return t(lang, LABELS[name])

    def note(sid: str) -> str:
        row = cites.loc[sid].copy()
        url, row["url"] = row["url"], ""  # the address becomes a link, and only if http(s)
        return f"- {mark[sid]} {md_text(cite(row))}" + (f" {md_link(url, url)}" if url else "")

    lines = [
        f"# {_title(lang, md_text(appearances))}",
        "",
        f"| {label('claim')} | {label('stated')} | {label('computed')} | {label('verdict')} |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {md_text(c.claim_id)} | {md_text(c.stated[lang])} | {md_text(c.computed[lang])} "
        f"| **{c.verdict_label(lang)}** |"
        for c in checks
    ]
    for c in checks:
        lines += [
            "",
            f"## {md_text(c.claim_id)}: {c.verdict_label(lang)}",
            "",
            f"> {md_text(c.quote)}",
            "",
            md_text(c.explanation[lang]),
            "",
            f"{label('sources')}: " + " ".join(mark[s] for s in c.sources),
        ]
    return "\n".join([*lines, "", f"## {label('sources')}", "", *(note(sid) for sid in mark)])


#: Name of each series describe_change can speak of.
SERIES_NAMES = {
    "cultivation": N_("series.cultivation"),
    "production": N_("series.production"),
    "coca": N_("series.coca"),
}


def describe_change(frame: pd.DataFrame, start_year: int, end_year: int, lang: str = "en") -> str:
    """One sentence on the change between two years, then the sources of both values."""
    check_lang(lang)
    ch = metrics.change(frame, start_year, end_year)
    if "country" in frame.columns:
        country = t(lang, COUNTRIES[str(frame["country"].iloc[0])])
        name = f"{t(lang, SERIES_NAMES['coca'])} ({country})"
    else:
        name = t(lang, SERIES_NAMES[str(frame["measure"].iloc[0])])
    text = t(
        lang,
        "report.change",
        series=name,
        start=quantity(ch.start, ch.unit, lang),
        end=quantity(ch.end, ch.unit, lang),
        start_year=start_year,
        end_year=end_year,
        pct=percent_change(ch.percent, lang),
        ratio=quantity(ch.ratio, "times", lang, 2),
        years=years_word(ch.years, lang),
        cagr=percent_change(ch.cagr, lang),
    )
    rows = frame[frame["year"].isin([start_year, end_year])]
    cites = [frame.attrs["sources"][sid] for sid in dict.fromkeys(rows["source_id"])]
    return "\n".join([text, *("  " + t(lang, "report.source", citation=c) for c in cites)])
