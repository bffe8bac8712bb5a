"""Briefing figures: key numbers as sentences (en, ru) with value, unit and source,
written as Markdown and as an Excel workbook (openpyxl) that is byte-identical run after run.
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

from poppy import data
from poppy.findings import findings
from poppy.fmt import LANGS, percent_change, quantity, years_word
from poppy.frames import Frames


@dataclass(frozen=True)
class KeyFigure:
    """One briefing figure: value in ``unit`` for ``year``, a sentence per language, its sources."""

    figure_id: str
    year: int
    value: float
    unit: str
    sentence: dict[str, str]
    sources: tuple[str, ...]


def _ha(v: float, lang: str) -> str:
    return quantity(v, "ha", lang)


ORDINAL = {"en": {1: "first", 2: "second"}, "ru": {1: "Первый", 2: "Второй"}}
BAN_TEXT = {
    "en": lambda f, L: (
        f"The {ORDINAL[L][f['n']]} Taliban ban cut the area from {_ha(f['a'], L)} in {f['prev']} to "
        f"{_ha(f['b'], L)} in {f['year']} ({percent_change(f['pct'], L)})."
    ),
    "ru": lambda f, L: (
        f"{ORDINAL[L][f['n']]} запрет талибов сократил площадь с {_ha(f['a'], L)} в {f['prev']} году до "
        f"{_ha(f['b'], L)} в {f['year']} году ({percent_change(f['pct'], L)})."
    ),
}

#: The briefing's key figures: fact id (poppy.findings) -> sentence per language.
KEY_FIGURES: dict[str, dict[str, Callable[..., str]]] = {
    "latest_area": {
        "en": lambda f, L: (
            f"In {f['year']}, opium poppy covered {_ha(f['value'], L)} in Afghanistan "
            f"({percent_change(f['pct'], L)} on {f['prev']})."
        ),
        "ru": lambda f, L: (
            f"В {f['year']} году опийный мак в Афганистане занимал {_ha(f['value'], L)} "
            f"({percent_change(f['pct'], L)} к {f['prev']} году)."
        ),
    },
    "peak_area": {
        "en": lambda f, L: (
            f"The largest area in the series since {f['first']} was {_ha(f['value'], L)}, in {f['year']}."
        ),
        "ru": lambda f, L: (
            f"Наибольшая площадь в ряду с {f['first']} года — {_ha(f['value'], L)} в {f['year']} году."
        ),
    },
    "ban_1": BAN_TEXT,
    "ban_2": BAN_TEXT,
    "claim_years": {
        "en": lambda f, L: (
            f"UNODC counted {_ha(f['a'], L)} in {f['start']} and {_ha(f['b'], L)} in {f['end']} (range "
            f"{_ha(f['low'], L)} to {_ha(f['high'], L)}): {percent_change(f['pct'], L)} over "
            f"{years_word(f['years'], L)}."
        ),
        "ru": lambda f, L: (
            f"УНП ООН насчитало {_ha(f['a'], L)} в {f['start']} году и {_ha(f['b'], L)} в {f['end']} году "
            f"(диапазон от {_ha(f['low'], L)} до {_ha(f['high'], L)}): "
            f"{percent_change(f['pct'], L)} за {years_word(f['years'], L)}."
        ),
    },
    "latest_production": {
        "en": lambda f, L: (
            f"Potential opium production in Afghanistan was {quantity(f['value'], 't', L)} in {f['year']}."
        ),
        "ru": lambda f, L: (
            f"Потенциальное производство опиума в Афганистане в {f['year']} году — "
            f"{quantity(f['value'], 't', L)}."
        ),
    },
    "world_share": {
        "en": lambda f, L: (
            f"In {f['year']}, Afghanistan produced {quantity(f['pct'], 'percent', L, 1)} of the "
            f"world's opium ({quantity(f['part'], 't', L)} of {quantity(f['total'], 't', L)})."
        ),
        "ru": lambda f, L: (
            f"В {f['year']} году Афганистан произвёл {quantity(f['pct'], 'percent', L, 1)} "
            f"мирового опиума ({quantity(f['part'], 't', L)} из {quantity(f['total'], 't', L)})."
        ),
    },
    "stated_share": {
        "en": lambda f, L: (
            f"UNODC's latest statement: Afghanistan produced {quantity(f['pct'], 'percent', L)} of the "
            f"world's opium in {f['year']} ('{f['wording']}')."
        ),
        "ru": lambda f, L: (
            f"Последнее заявление УНП ООН: в {f['year']} году Афганистан произвёл "
            f"{quantity(f['pct'], 'percent', L)} мирового опиума."
        ),
    },
    "coca_colombia": {
        "en": lambda f, L: (
            f"Coca bush in Colombia covered {_ha(f['value'], L)} in {f['year']}, up from "
            f"{_ha(f['low'], L)} in {f['low_year']}."
        ),
        "ru": lambda f, L: (
            f"Кустарник коки в Колумбии занимал {_ha(f['value'], L)} в {f['year']} году против "
            f"{_ha(f['low'], L)} в {f['low_year']} году."
        ),
    },
}


def key_figures(frames: Frames) -> list[KeyFigure]:
    """The briefing's key figures: the facts of ``poppy.findings`` that have a sentence."""
    facts = findings(frames)
    return [
        KeyFigure(
            fid,
            fact.year,
            fact.value,
            fact.unit,
            {lang: texts[lang](fact.fields, lang) for lang in LANGS},
            fact.sources,
        )
        for fid, texts in KEY_FIGURES.items()
        for fact in [facts[fid]]
    ]


# --- Markdown -------------------------------------------------------------------------------
MD = {
    "en": {
        "title": "Briefing: Afghan opium poppy and the FSKN claims",
        "figures": "Key figures",
        "claims": "The claims checked",
        "charts": "Charts and their alt text",
        "sources": "Sources",
    },
    "ru": {
        "title": "Брифинг: афганский опийный мак и заявления ФСКН",
        "figures": "Ключевые цифры",
        "claims": "Проверка заявлений",
        "charts": "Графики и их текстовое описание",
        "sources": "Источники",
    },
}


def briefing_markdown(
    figures: list[KeyFigure],
    checks: list[Any],
    alt_texts: dict[tuple[str, str], tuple[str, str]],
    sources: pd.DataFrame,
    data_hash: str,
) -> str:
    """briefing.md: key figures, claim verdicts and chart alt text in both languages, sources numbered."""
    cites = sources.set_index("source_id")
    order = list(
        dict.fromkeys([s for f in figures for s in f.sources] + [s for c in checks for s in c.sources])
    )
    mark = {sid: i for i, sid in enumerate(order, 1)}
    lines: list[str] = []
    for lang in LANGS:
        w = MD[lang]
        lines += [f"# {w['title']}", "", f"## {w['figures']}", ""]
        lines += [f"- {f.sentence[lang]} [{', '.join(str(mark[s]) for s in f.sources)}]" for f in figures]
        lines += ["", f"## {w['claims']}", ""]
        lines += [
            f"- **{c.verdict_label(lang)}**: {c.explanation[lang]} "
            f"[{', '.join(str(mark[s]) for s in c.sources)}]"
            for c in checks
        ]
        lines += ["", f"## {w['charts']}", ""]
        lines += [
            f"- **{title}**: {alt}" for (_chart, lg), (title, alt) in sorted(alt_texts.items()) if lg == lang
        ]
        lines.append("")
    lines += [f"## {MD['en']['sources']} / {MD['ru']['sources']}", ""]
    lines += [f"{mark[sid]}. {data.cite(cites.loc[sid])}" for sid in order]
    lines += ["", f"Data package: {data_hash}", ""]
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


def workbook_bytes(
    frames: Frames,
    figures: list[KeyFigure],
    checks: list[Any],
    alt_texts: dict[tuple[str, str], tuple[str, str]],
) -> bytes:
    """The briefing workbook: key figures, chart series, claim checks, alt text and sources."""
    from openpyxl import Workbook

    from poppy.claims import claims_table

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "poppy"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    kf = pd.DataFrame(
        [
            {
                "figure": f.figure_id,
                "year": f.year,
                "value": f.value,
                "unit": f.unit,
                "sentence_en": f.sentence["en"],
                "sentence_ru": f.sentence["ru"],
                "sources": "; ".join(f.sources),
            }
            for f in figures
        ]
    )
    _sheet(wb, "Key figures", kf, {"value": "#,##0.0"})
    series_cols = [
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
    _sheet(
        wb,
        "Cultivation",
        frames.cultivation[series_cols],
        {"value": "#,##0", "low": "#,##0", "high": "#,##0"},
    )
    _sheet(
        wb,
        "Production",
        frames.production[series_cols],
        {"value": "#,##0", "low": "#,##0", "high": "#,##0"},
    )
    from poppy.claims import ratio_baselines

    claim = frames.claims.query("metric == 'ratio'").iloc[0]
    end = int(claim["end_year"])
    base = ratio_baselines(frames.cultivation, frames.alternates, frames.events, claim).table
    _sheet(
        wb,
        f"Baselines {end}",
        base,
        {c: "0.0" for c in ("ratio", "ratio_low", "ratio_high")}
        | {"baseline_value": "#,##0", "end_value": "#,##0"},
    )
    _sheet(
        wb,
        "World and shares",
        pd.concat(
            [
                frames.world.assign(kind="world total"),
                frames.shares.assign(kind="UNODC share statement"),
            ],
            ignore_index=True,
        ).astype({"year": "Int64"}),
        {"value": "#,##0"},
    )
    _sheet(wb, "Coca", frames.coca, {"value": "#,##0"})
    _sheet(wb, "Alternates", frames.alternates, {"value": "#,##0"})
    claims = claims_table(checks, "en").merge(
        claims_table(checks, "ru")[["claim_id", "verdict", "explanation"]],
        on="claim_id",
        suffixes=("_en", "_ru"),
    )
    _sheet(wb, "Claim checks", claims)
    alt = pd.DataFrame(
        [
            {"chart": c, "lang": lang, "title": t, "alt_text": a}
            for (c, lang), (t, a) in sorted(alt_texts.items())
        ]
    )
    _sheet(wb, "Alt text", alt)
    _sheet(wb, "Sources", frames.sources)
    buf = io.BytesIO()
    wb.save(buf)
    return _normalise_zip(buf.getvalue())
