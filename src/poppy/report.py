"""Plain-text tables of the data with numbered source notes, for the terminal and notebooks."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import pandas as pd

from poppy import metrics
from poppy.data import cite
from poppy.fmt import check_lang, number, percent_change, quantity, years_word

if TYPE_CHECKING:
    from poppy.claims import ClaimCheck
    from poppy.frames import Frames


def _range(row: pd.Series) -> str:
    if pd.isna(row["low"]):
        return ""
    return f"{number(row['low'])}–{number(row['high'])}"


def source_notes(frame: pd.DataFrame, column: str = "source_id") -> tuple[pd.Series, list[str]]:
    """Number each distinct source of ``frame`` in order of use.

    Returns the per-row marker ('[3]') and the note lines ('[3] UNODC, World Drug Report ...').
    """
    order = list(dict.fromkeys(frame[column]))
    marks = frame[column].map({sid: f"[{i}]" for i, sid in enumerate(order, 1)})
    notes = [f"[{i}] {frame.attrs['sources'][sid]}" for i, sid in enumerate(order, 1)]
    return marks, notes


def headline_table(frames: Frames) -> str:
    """The preferred Afghan series, one line per year, with ranges, status and numbered sources."""
    df = frames.afghanistan
    marks, notes = source_notes(df)
    df = df.assign(mark=marks, rng=df.apply(_range, axis=1))
    wide = df.pivot(index="year", columns="measure", values=["value", "rng", "status", "mark", "flags"])
    header = (
        f"{'year':>4}  {'cultivation (ha)':>16}  {'range':>15}  {'status':<13}  "
        f"{'production (t)':>14}  {'range':>11}  {'status':<13}  {'flags':<33}  sources"
    )
    lines = [
        "Afghanistan: opium poppy cultivation (ha) and potential opium production (t), "
        "preferred UNODC series",
        header,
        "-" * len(header),
    ]
    for year, row in wide.iterrows():
        flags = ";".join(
            sorted({f for f in (row[("flags", "cultivation")], row[("flags", "production")]) if f})
        )
        lines.append(
            f"{year:>4}  {number(row[('value', 'cultivation')]):>16}  {row[('rng', 'cultivation')]:>15}  "
            f"{row[('status', 'cultivation')]:<13}  {number(row[('value', 'production')]):>14}  "
            f"{row[('rng', 'production')]:>11}  {row[('status', 'production')]:<13}  {flags:<33}  "
            f"{row[('mark', 'cultivation')]} {row[('mark', 'production')]}"
        )
    lines += [
        "",
        "Empty values ('–') were not verified in any source read; see the notes in data/.",
        "Sources:",
        *notes,
    ]
    return "\n".join(lines)


#: Labels of the claim report, per language.
CLAIM_LABELS = {
    "en": {
        "title": "Claims in the FSKN press release of 25 February 2014, checked against UNODC data",
        "quote": "Quote",
        "stated": "Stated",
        "computed": "UNODC data",
        "verdict": "Verdict",
        "explanation": "Why",
        "sources": "Sources",
        "claim": "Claim",
    },
    "ru": {
        "title": "Заявления из пресс-релиза ФСКН от 25 февраля 2014 года в сравнении с данными УНП ООН",
        "quote": "Цитата",
        "stated": "Заявлено",
        "computed": "Данные УНП ООН",
        "verdict": "Вывод",
        "explanation": "Почему",
        "sources": "Источники",
        "claim": "Заявление",
    },
}


def claims_text(
    checks: list[ClaimCheck], sources: pd.DataFrame, lang: str = "en", markdown: bool = False
) -> str:
    """The claim checks as a readable report (plain text or Markdown), sources numbered at the end.

    ``sources`` is the sources table of the data the checks were made from (``frames.sources``).
    """
    label = CLAIM_LABELS[check_lang(lang)]
    cites = sources.set_index("source_id")
    order = list(dict.fromkeys(s for c in checks for s in c.sources))
    mark = {sid: f"[{i}]" for i, sid in enumerate(order, 1)}
    notes = [f"{mark[sid]} {cite(cites.loc[sid])}" for sid in order]
    if markdown:
        lines = [
            f"# {label['title']}",
            "",
            f"| {label['claim']} | {label['stated']} | {label['computed']} | {label['verdict']} |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {c.claim_id} | {c.stated[lang]} | {c.computed[lang]} | **{c.verdict_label(lang)}** |"
            for c in checks
        ]
        for c in checks:
            lines += [
                "",
                f"## {c.claim_id}: {c.verdict_label(lang)}",
                "",
                f"> {c.quote}",
                "",
                c.explanation[lang],
                "",
                f"{label['sources']}: " + " ".join(mark[s] for s in c.sources),
            ]
        return "\n".join([*lines, "", f"## {label['sources']}", "", *(f"- {n}" for n in notes)])
    lines = [label["title"], "=" * len(label["title"])]
    for i, c in enumerate(checks, 1):
        lines += [
            "",
            f"{i}. {c.claim_id}: {c.verdict_label(lang).upper()}",
            *textwrap.wrap(
                f'{label["quote"]}: "{c.quote}"', 100, initial_indent="   ", subsequent_indent="   "
            ),
            f"   {label['stated']}: {c.stated[lang]}",
            f"   {label['computed']}: {c.computed[lang]}",
            *textwrap.wrap(
                f"{label['explanation']}: {c.explanation[lang]}",
                100,
                initial_indent="   ",
                subsequent_indent="   ",
            ),
            f"   {label['sources']}: " + " ".join(mark[s] for s in c.sources),
        ]
    return "\n".join([*lines, "", f"{label['sources']}:", *notes])


#: Sentence for describe_change, per language.
CHANGE_TEXT = {
    "en": "{series}: {start} in {start_year} → {end} in {end_year}: {pct} ({ratio}) over {years}, "
    "{cagr} a year on average.",
    "ru": "{series}: {start} в {start_year} г. → {end} в {end_year} г.: {pct} (в {ratio}) за {years}, "
    "в среднем {cagr} в год.",
}
SERIES_NAMES = {
    "en": {
        "cultivation": "Afghan opium poppy area",
        "production": "Afghan potential opium production",
        "coca": "Coca bush area",
    },
    "ru": {
        "cultivation": "Площадь опийного мака в Афганистане",
        "production": "Потенциальное производство опиума в Афганистане",
        "coca": "Площадь кустарника коки",
    },
}
SOURCE_WORD = {"en": "Source", "ru": "Источник"}


def describe_change(frame: pd.DataFrame, start_year: int, end_year: int, lang: str = "en") -> str:
    """One sentence on the change between two years, then the sources of both values."""
    check_lang(lang)
    ch = metrics.change(frame, start_year, end_year)
    if "country" in frame.columns:
        name = f"{SERIES_NAMES[lang]['coca']} ({frame['country'].iloc[0]})"
    else:
        name = SERIES_NAMES[lang][str(frame["measure"].iloc[0])]
    text = CHANGE_TEXT[lang].format(
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
    return "\n".join([text, *(f"  {SOURCE_WORD[lang]}: {c}" for c in cites)])
