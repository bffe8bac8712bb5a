"""The briefing workbook (xlsx): every table of the briefing, readable on screen and on paper.

One font family; long text wrapped in columns of bounded width with row heights to match;
ha and t as integers; sources as hyperlinks; each claim's quote beside its verdict; every
sheet set up for A4 landscape, one page wide, header row repeated, title and page numbers
in the margins. Byte-identical for the same data (fixed timestamps in a normalised zip).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from typing import TYPE_CHECKING, Any

import pandas as pd

from poppy.data.frames import Frames
from poppy.escape import FORMULA_START, web_url
from poppy.i18n import LANGS, t

if TYPE_CHECKING:
    from poppy.publish.briefing import KeyFigure

FIXED_TIME = dt.datetime(2000, 1, 1)  # workbook timestamps: fixed so the bytes depend on data only
#: One family throughout; office suites without Arial substitute a metric-compatible face
#: (LibreOffice: Liberation Sans), so wrapped rows keep their height.
FONT, SIZE = "Arial", 9
LINE_PT = 12.0  # height of one line of 9 pt text, in points
#: Widest a column gets, in characters, before its text wraps (others: WRAP_AT).
WRAP_AT = 24
COLUMN_WIDTHS = {
    "sentence": 48,
    "explanation": 56,
    "quote": 34,
    "note": 56,
    "title": 36,
    "alt_text": 70,
    "wording": 36,
    "url": 28,
    "source_id": 34,  # a link: LibreOffice does not wrap a hyperlink cell, so it gets its full width
    "stated": 22,
    "computed": 26,
}
CHARS_PER_WIDTH = 1.05  # 9 pt Arial fits ~1.15 characters per width unit; the rest is for word breaks
#: Number formats by the unit in a row's ``unit`` column (value, low, high).
UNIT_FORMATS = {"ha": "#,##0", "t": "#,##0", "percent": "0.0", "times": "0.0"}
UNIT_COLUMNS = ("value", "low", "high")


def _styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Font

    return {
        "body": Font(name=FONT, size=SIZE),
        "head": Font(name=FONT, size=SIZE, bold=True),
        "link": Font(name=FONT, size=SIZE, color="0563C1", underline="single"),
        "wrap": Alignment(wrap_text=True, vertical="top"),
    }


def _plain(value: Any) -> Any:
    """A cell value openpyxl can store: None for missing, Python scalars for numpy ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _widths(frame: pd.DataFrame) -> list[int]:
    """Column widths in characters: the content's, up to WRAP_AT (longer text wraps)."""
    out = []
    for col in frame.columns:
        longest = max([len(str(col)), *(len(str(v)) for v in frame[col] if _plain(v) is not None)])
        cap = COLUMN_WIDTHS.get(str(col)) or COLUMN_WIDTHS.get(str(col).rsplit("_", 1)[0], WRAP_AT)
        out.append(min(cap, max(6, longest + 1)))
    return out


def _lines(value: Any, width: int) -> int:
    """Lines a value takes when wrapped at ``width`` characters (a margin for wide letters)."""
    text = str(value)
    return sum(max(1, math.ceil(len(part) / (width * CHARS_PER_WIDTH))) for part in text.split("\n"))


def _format(frame: pd.DataFrame, col: str, row: Any, formats: dict[str, str]) -> str | None:
    if col in UNIT_COLUMNS and "unit" in frame.columns:
        return UNIT_FORMATS.get(str(row["unit"]))
    return formats.get(col)


def _write(
    ws, frame: pd.DataFrame, formats: dict[str, str], style: dict[str, Any], links: dict[str, str]
) -> None:
    """Header and rows of ``frame``; a ``source_id`` cell links to its document's address."""
    widths = _widths(frame)
    for j, col in enumerate(frame.columns, 1):
        cell = ws.cell(row=1, column=j, value=str(col))
        cell.font, cell.alignment = style["head"], style["wrap"]
        ws.column_dimensions[cell.column_letter].width = widths[j - 1] + 1
    for i, (_, row) in enumerate(frame.iterrows(), 2):
        lines = 1
        for j, col in enumerate(frame.columns, 1):
            value = _plain(row[col])
            if value is None:
                continue
            cell = ws.cell(row=i, column=j, value=value)
            if isinstance(value, str) and value.startswith(FORMULA_START):
                cell.data_type = "s"  # a string cell: shown as written, never run as a formula
            cell.font, cell.alignment = style["body"], style["wrap"]
            if fmt := _format(frame, col, row, formats):
                cell.number_format = fmt
            if col == "source_id" and web_url(links.get(str(value), "")):
                cell.hyperlink, cell.font = links[str(value)], style["link"]
            lines = max(lines, _lines(value, widths[j - 1]))
        ws.row_dimensions[i].height = lines * LINE_PT + 1


def _print_setup(ws, title: str, lang: str) -> None:
    """A4 landscape, one page wide, header row on every page, title above, page numbers below."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = "1:1"
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.55, bottom=0.55, header=0.25, footer=0.25)
    ws.oddHeader.center.text = title.replace("&", "&&")
    ws.oddFooter.center.text = t(lang, "workbook.page")
    for part in (ws.oddHeader.center, ws.oddFooter.center):
        part.font, part.size = f"{FONT},Regular", SIZE
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


def workbook_bytes(
    frames: Frames,
    figures: list[KeyFigure],
    checks: list[Any],
    alt_texts: dict[tuple[str, str], tuple[str, str]],
    langs: tuple[str, ...] = LANGS,
) -> bytes:
    """The briefing workbook: key figures, chart series, claim checks, alt text and sources.

    Sentences, verdicts and explanations appear in each of ``langs``; sheet names, page
    headers and footers in the first.
    """
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = "poppy"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    style = _styles()
    links = dict(zip(frames.sources["source_id"], frames.sources["url"], strict=True))
    for title, frame, formats in _sheets(frames, figures, checks, alt_texts, langs):
        ws = wb.create_sheet(title)
        _write(ws, frame, formats, style, links)
        _print_setup(ws, title, langs[0])
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
    """(sheet title, frame, number formats by column) of every sheet, in order."""
    from poppy.checks.claims import ratio_baselines

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
        ],
        columns=["chart", "lang", "title", "alt_text"],
    )
    ratios = {c: "0.0" for c in ("ratio", "ratio_low", "ratio_high")}
    sheets = [
        (t(lang, "workbook.key_figures"), _key_figure_frame(figures, langs), {}),
        (t(lang, "workbook.cultivation"), frames.cultivation[SERIES_COLUMNS], {}),
        (t(lang, "workbook.production"), frames.production[SERIES_COLUMNS], {}),
        (
            t(lang, "workbook.baselines", year=int(claim["end_year"])),
            base,
            ratios | {"baseline_value": "#,##0", "end_value": "#,##0"},
        ),
        (t(lang, "workbook.world_and_shares"), world, {"share_pct": "0.0"}),
        (t(lang, "workbook.coca"), frames.coca, {}),
        (t(lang, "workbook.alternates"), _alternates_shown(frames), {}),
        (t(lang, "workbook.claim_checks"), _claims_frame(checks, langs), {}),
        (t(lang, "workbook.alt_text"), alt, {}),
    ]
    return [*sheets, (t(lang, "workbook.sources"), _cited(frames.sources, sheets), {})]


def _alternates_shown(frames: Frames) -> pd.DataFrame:
    """The other figures for the series the workbook shows (Afghan and world opium, coca by country)."""
    alt = frames.alternates
    shown = {"Afghanistan", "World", *frames.coca["country"]}
    measures = ("cultivation", "production", "coca_cultivation")
    return alt[alt["area"].isin(shown) & alt["measure"].isin(measures)].reset_index(drop=True)


def _cited(sources: pd.DataFrame, sheets: list[tuple[str, pd.DataFrame, dict[str, str]]]) -> pd.DataFrame:
    """The sources the sheets cite (a ``source_id`` column, or ';'-lists in ``sources``), in file order."""
    ids: set[str] = set()
    for _, frame, _ in sheets:
        for column in ("source_id", "sources"):
            if column in frame.columns:
                ids |= {x.strip() for cell in frame[column].dropna() for x in str(cell).split(";")}
    return sources[sources["source_id"].isin(ids)].reset_index(drop=True)


def _key_figure_frame(figures: list[KeyFigure], langs: tuple[str, ...]) -> pd.DataFrame:
    rows = [
        {"figure": f.figure_id, "year": f.year, "value": f.value, "unit": f.unit}
        | {f"sentence_{lang}": f.sentence[lang] for lang in langs}
        | {"sources": "; ".join(f.sources)}
        for f in figures
    ]
    return pd.DataFrame(rows)


def _claims_frame(checks: list[Any], langs: tuple[str, ...]) -> pd.DataFrame:
    """One row per claim and language: id, quote, then the verdict and why beside it, then the figures."""
    from poppy.checks.claims import claims_table

    frames = [claims_table(checks, lang).assign(lang=lang) for lang in langs]
    rows = pd.concat(frames).sort_values("claim_id", kind="stable", key=_order(checks))
    rows["sources"] = rows["sources"].str.replace(";", "; ")
    columns = ["claim_id", "lang", "quote", "verdict", "explanation", "stated", "computed", "sources"]
    return rows[columns].reset_index(drop=True)


def _order(checks: list[Any]):
    """Sort key that keeps the claims in the order they were checked."""
    rank = {c.claim_id: i for i, c in enumerate(checks)}
    return lambda ids: ids.map(rank)
