"""Briefing figures: key numbers as sentences with value, unit and source.

Written as Markdown and as an Excel workbook (openpyxl) that is byte-identical run after run.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from poppy.escape import md_link, md_text
from poppy.findings import findings
from poppy.fmt import percent_change, quantity, years_word
from poppy.frames import Frames
from poppy.i18n import ALL_LANGS, LANGS, N_, t


@dataclass(frozen=True)
class KeyFigure:
    """One briefing figure: value in ``unit`` for ``year``, a sentence per language, its sources."""

    figure_id: str
    year: int
    value: float
    unit: str
    sentence: dict[str, str]
    sources: tuple[str, ...]


#: The briefing's key figures: fact id (poppy.findings) -> its sentence and how each field is
#: written (ha, t, a percentage, a signed change, a count of years, an ordinal).
KEY_FIGURES: dict[str, tuple[str, dict[str, str]]] = {
    "latest_area": (N_("fact.latest_area"), {"value": "ha", "pct": "change"}),
    "peak_area": (N_("fact.peak_area"), {"value": "ha"}),
    "ban": (N_("fact.ban"), {"a": "ha", "b": "ha", "pct": "change", "ordinal": "ordinal"}),
    "claim_years": (
        N_("fact.claim_years"),
        {"a": "ha", "b": "ha", "low": "ha", "high": "ha", "pct": "change", "years": "years"},
    ),
    "latest_production": (N_("fact.latest_production"), {"value": "t"}),
    "world_share": (N_("fact.world_share"), {"pct": "percent1", "part": "t", "total": "t"}),
    "stated_share": (N_("fact.stated_share"), {"pct": "percent"}),
    "coca_colombia": (N_("fact.coca_colombia"), {"value": "ha", "low": "ha"}),
}

ORDINALS = (N_("ordinal.first"), N_("ordinal.second"), N_("ordinal.third"))

#: How a field of a fact is written, by the kind named in KEY_FIGURES.
WRITERS: dict[str, Callable[[Any, str], str]] = {
    "ha": lambda v, lang: quantity(v, "ha", lang),
    "t": lambda v, lang: quantity(v, "t", lang),
    "percent": lambda v, lang: quantity(v, "percent", lang),
    "percent1": lambda v, lang: quantity(v, "percent", lang, 1),
    "change": percent_change,
    "years": years_word,
    "ordinal": lambda n, lang: t(lang, ORDINALS[n - 1]) if n <= len(ORDINALS) else str(n),
}


def _kind(fact_id: str) -> str:
    """The KEY_FIGURES entry of a fact: 'ban_1', 'ban_2', ... share the one of 'ban'."""
    return "ban" if fact_id.startswith("ban_") else fact_id


def sentence(fact_id: str, fields: dict[str, Any], lang: str) -> str:
    """The key figure ``fact_id`` as a sentence in ``lang``, its fields written per KEY_FIGURES."""
    key, kinds = KEY_FIGURES[_kind(fact_id)]
    written = {name: WRITERS[kinds[name]](v, lang) if name in kinds else v for name, v in fields.items()}
    return t(lang, key, **written)


def key_figures(frames: Frames) -> list[KeyFigure]:
    """The briefing's key figures: the facts of ``poppy.findings`` that have a sentence."""
    facts = findings(frames)
    return [
        KeyFigure(
            fid,
            facts[fid].year,
            facts[fid].value,
            facts[fid].unit,
            {lang: sentence(fid, facts[fid].fields, lang) for lang in ALL_LANGS},
            facts[fid].sources,
        )
        for fid in facts
        if _kind(fid) in KEY_FIGURES
    ]


# --- Markdown -------------------------------------------------------------------------------
def _refs(ids: tuple[str, ...], mark: dict[str, int]) -> str:
    return f"[{', '.join(str(mark[s]) for s in ids)}]"


def _claim_block(c: Any, lang: str, mark: dict[str, int]) -> list[str]:
    """One claim: who said it and when, the quote, then the verdict that judges it."""
    said = t(lang, "briefing.said", speaker=md_text(c.speaker), date=c.date)
    return [
        f"### {md_text(c.claim_id)}",
        "",
        f"> {md_text(c.quote)}",
        ">",
        f"> — {said}",
        "",
        f"**{c.verdict_label(lang)}.** {md_text(c.explanation[lang])} {_refs(c.sources, mark)}",
        "",
    ]


def source_markdown(source: pd.Series, langs: tuple[str, ...]) -> str:
    """A sources.csv row as a Markdown citation: producer, linked title, part, year.

    A source without an http(s) address says so ('not online'), in each of ``langs``.
    """
    year = str(source["date_published"])[:4] or "n.d."
    edition = source["edition"] if source["edition"] not in ("", year) else ""
    title = source["title"] + (f" ({edition})" if edition else "")
    text = (
        f"{md_text(source['producer'])}, {md_link(title, source['url'])}, {md_text(source['table_or_page'])}"
    )
    offline = " / ".join(t(lang, "briefing.not_online") for lang in langs)
    return f"{text}, {year}." + ("" if md_link("x", source["url"]) != "x" else f" {offline}.")


def briefing_markdown(
    figures: list[KeyFigure],
    checks: list[Any],
    alt_texts: dict[tuple[str, str], tuple[str, str]],
    sources: pd.DataFrame,
    data_hash: str,
    langs: tuple[str, ...] = LANGS,
) -> str:
    """briefing.md: key figures, each claim's quote then its verdict, chart alt text; sources linked.

    Text from the data is escaped (no HTML, links or images from a data file); sources are
    numbered once for all languages.
    """
    cites = sources.set_index("source_id")
    order = list(
        dict.fromkeys([s for f in figures for s in f.sources] + [s for c in checks for s in c.sources])
    )
    mark = {sid: i for i, sid in enumerate(order, 1)}
    lines: list[str] = []
    for lang in langs:
        title, figures_head = t(lang, "briefing.title"), t(lang, "briefing.figures")
        claims_head, charts_head = t(lang, "briefing.claims"), t(lang, "briefing.charts")
        lines += [f"# {title}", "", f"## {figures_head}", ""]
        lines += [f"- {md_text(f.sentence[lang])} {_refs(f.sources, mark)}" for f in figures]
        lines += ["", f"## {claims_head}", ""]
        for c in checks:
            lines += _claim_block(c, lang, mark)
        lines += [f"## {charts_head}", ""]
        lines += [
            f"- **{md_text(title)}**: {md_text(alt)}"
            for (_chart, lg), (title, alt) in sorted(alt_texts.items())
            if lg == lang
        ]
        lines.append("")
    heads = [t(lang, "briefing.sources") for lang in langs]
    lines += [f"## {' / '.join(heads)}", ""]
    lines += [f"{mark[sid]}. {source_markdown(cites.loc[sid], langs)}" for sid in order]
    lines += ["", t(langs[0], "briefing.data_package", hash=data_hash), ""]
    return "\n".join(lines)


# --- Excel -----------------------------------------------------------------------------------
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FIXED_TIME = dt.datetime(2000, 1, 1)  # workbook timestamps: fixed so the bytes depend on data only


def _put(ws, row: int, col: int, value: Any) -> None:
    """Write one cell; text that a spreadsheet would run as a formula is stored as text."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return
    if hasattr(value, "item"):
        value = value.item()
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"


def _sheet(wb, title: str, frame: pd.DataFrame, formats: dict[str, str] | None = None) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(title)
    formats = formats or {}
    for j, col in enumerate(frame.columns, 1):
        _put(ws, 1, j, str(col))
        ws.cell(row=1, column=j).font = Font(bold=True)
    for i, row in enumerate(frame.itertuples(index=False), 2):
        for j, value in enumerate(row, 1):
            _put(ws, i, j, value)
    for j, col in enumerate(frame.columns, 1):
        letter = ws.cell(row=1, column=j).column_letter
        if col in formats:
            for cell in ws[letter][1:]:
                cell.number_format = formats[col]
        width = max([len(str(col)), *(len(str(v)) for v in frame[col].head(200))]) + 2
        ws.column_dimensions[letter].width = min(70, max(8, width))
    ws.freeze_panes = "A2"


def _normalise_zip(raw: bytes) -> bytes:
    """Rewrite the xlsx zip with fixed entry timestamps (openpyxl stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps 'modified' at save time
                body = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*",
                    rb"\g<1>" + FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode(),
                    body,
                )
            dst.writestr(fixed, body)
    return out.getvalue()


SERIES_COLUMNS = [
    "year",
    "value",
    "low",
    "high",
    "unit",
    "status",
    "flags",
    "confidence",
    "source_id",
    "note",
]
SERIES_FORMATS = {"value": "#,##0", "low": "#,##0", "high": "#,##0"}


def workbook_bytes(
    frames: Frames,
    figures: list[KeyFigure],
    checks: list[Any],
    alt_texts: dict[tuple[str, str], tuple[str, str]],
    langs: tuple[str, ...] = LANGS,
) -> bytes:
    """The briefing workbook: key figures, chart series, claim checks, alt text and sources.

    Sentences, verdicts and explanations appear in each of ``langs``; sheet names in the first.
    """
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "poppy"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    for title, frame, formats in _sheets(frames, figures, checks, alt_texts, langs):
        _sheet(wb, title, frame, formats)
    buf = io.BytesIO()
    wb.save(buf)
    return _normalise_zip(buf.getvalue())


def _sheets(
    frames: Frames,
    figures: list[KeyFigure],
    checks: list[Any],
    alt_texts: dict[tuple[str, str], tuple[str, str]],
    langs: tuple[str, ...],
) -> list[tuple[str, pd.DataFrame, dict[str, str]]]:
    """(sheet title, frame, number formats) of every sheet, in order."""
    from poppy.claims import ratio_baselines

    lang = langs[0]
    claim = frames.claims.query("metric == 'ratio'").iloc[0]
    base = ratio_baselines(frames.cultivation, frames.alternates, frames.events, claim).table
    world = pd.concat(
        [
            frames.world.assign(kind=t(lang, "workbook.world_total")),
            frames.shares.assign(kind=t(lang, "workbook.share_statement")),
        ],
        ignore_index=True,
    ).astype({"year": "Int64"})
    alt = pd.DataFrame(
        [
            {"chart": c, "lang": lg, "title": title, "alt_text": a}
            for (c, lg), (title, a) in sorted(alt_texts.items())
        ]
    )
    ratios = {c: "0.0" for c in ("ratio", "ratio_low", "ratio_high")}
    return [
        (t(lang, "workbook.key_figures"), _key_figure_frame(figures, langs), {"value": "#,##0.0"}),
        (t(lang, "workbook.cultivation"), frames.cultivation[SERIES_COLUMNS], SERIES_FORMATS),
        (t(lang, "workbook.production"), frames.production[SERIES_COLUMNS], SERIES_FORMATS),
        (
            t(lang, "workbook.baselines", year=int(claim["end_year"])),
            base,
            ratios | {"baseline_value": "#,##0", "end_value": "#,##0"},
        ),
        (t(lang, "workbook.world_and_shares"), world, {"value": "#,##0"}),
        (t(lang, "workbook.coca"), frames.coca, {"value": "#,##0"}),
        (t(lang, "workbook.alternates"), frames.alternates, {"value": "#,##0"}),
        (t(lang, "workbook.claim_checks"), _claims_frame(checks, langs), {}),
        (t(lang, "workbook.alt_text"), alt, {}),
        (t(lang, "workbook.sources"), frames.sources, {}),
    ]


def _key_figure_frame(figures: list[KeyFigure], langs: tuple[str, ...]) -> pd.DataFrame:
    rows = [
        {"figure": f.figure_id, "year": f.year, "value": f.value, "unit": f.unit}
        | {f"sentence_{lang}": f.sentence[lang] for lang in langs}
        | {"sources": "; ".join(f.sources)}
        for f in figures
    ]
    return pd.DataFrame(rows)


def _claims_frame(checks: list[Any], langs: tuple[str, ...]) -> pd.DataFrame:
    """One row per claim: its stated and computed figures, and the verdict and why in each language."""
    from poppy.claims import claims_table

    claims = claims_table(checks, langs[0]).drop(columns=["verdict", "explanation"])
    for lang in langs:
        texts = claims_table(checks, lang)[["claim_id", "verdict", "explanation"]]
        claims = claims.merge(texts.add_suffix(f"_{lang}").rename(columns={f"claim_id_{lang}": "claim_id"}))
    return claims
