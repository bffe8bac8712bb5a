"""The briefing workbook (xlsx): every table of the briefing, readable on screen and on paper.

One font family, also the default one that column widths are measured in; long text wrapped
in columns of bounded width with row heights to match; ha and t as integers, numbers and their
headers right-aligned, units in the workbook's language; sources as hyperlinks; each claim's
quote beside its verdict; every sheet set up for A4 landscape, one page wide at full size (prose
columns narrowed to fit), header row repeated, title and page numbers in the margins.
Byte-identical for the same data (fixed timestamps in a normalised zip).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING, Any

import pandas as pd

from poppy.data.frames import Frames
from poppy.escape import FORMULA_START, web_url
from poppy.i18n import LANGS, N_, t
from poppy.publish import sheet_layout as layout

if TYPE_CHECKING:
    from poppy.publish.briefing import KeyFigure

FIXED_TIME = dt.datetime(2000, 1, 1)  # workbook timestamps: fixed so the bytes depend on data only
#: One family throughout; office suites without Arial substitute a metric-compatible face
#: (LibreOffice: Liberation Sans), so wrapped rows keep their height.
FONT, SIZE = "Arial", 9
#: Height of a line of 9 pt Arial (1.15 em: 10.35 pt) with room for a screen's rounding, and
#: the cell's padding above and below, in points.
LINE_PT, CELL_PAD_PT = 11.0, 2.0
PAGES_TALL = 99  # most pages a sheet may print on, top to bottom (it needs far fewer)
#: Columns kept in the file but right of the print area (Sources: archive copy, licence, kind).
NOT_PRINTED = ("copy_url", "licence", "kind")
#: How each unit in a ``unit`` column reads in the workbook's language.
UNIT_LABELS = {
    "ha": N_("workbook.unit.ha"),
    "t": N_("workbook.unit.t"),
    "percent": N_("workbook.unit.percent"),
    "times": N_("workbook.unit.times"),
    "usd_per_kg": N_("workbook.unit.usd_per_kg"),
}
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
        "number": Alignment(wrap_text=True, vertical="top", horizontal="right"),
        "indent": Alignment(wrap_text=True, vertical="top", horizontal="left", indent=1),
    }


def _printed_first(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """``frame`` with its NOT_PRINTED columns moved to the right, and how many columns print."""
    kept = [c for c in frame.columns if c not in NOT_PRINTED]
    return frame[kept + [c for c in frame.columns if c in NOT_PRINTED]], len(kept)


def _unit(lang: str, unit: Any) -> Any:
    """The label of a unit code in ``lang`` (a code without one is shown as it is)."""
    key = UNIT_LABELS.get(str(unit))
    return t(lang, key) if key else unit


def _format(frame: pd.DataFrame, col: str, row: Any, formats: dict[str, str]) -> str | None:
    if col in UNIT_COLUMNS and "unit" in frame.columns:
        return UNIT_FORMATS.get(str(row["unit"]))
    return formats.get(col)


def _layout(frame: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[int], list[str], int]:
    """What ``frame``'s sheet shows, and how.

    Returns its values (units in ``lang``), columns' widths (with their indents), alignment
    styles, and how many columns, from the left, print. Numbers and their headers align right.
    Text right of a number or of wrapped text is indented, so that neighbours do not touch
    ('55,000 ha').
    """
    shown = frame.assign(unit=[_unit(lang, u) for u in frame["unit"]]) if "unit" in frame.columns else frame
    shown, printed = _printed_first(shown)
    number = [layout.numeric(shown[c]) for c in shown.columns]
    edge = [n or layout.prose(shown, str(c)) for n, c in zip(number, shown.columns, strict=True)]
    aligns = ["number" if n else "indent" if j and edge[j - 1] else "wrap" for j, n in enumerate(number)]
    pads = [layout.INDENT * (a == "indent") for a in aligns]
    fitted = layout.fit(shown, layout.widths(shown), pads, printed)
    return shown, [w + p for w, p in zip(fitted, pads, strict=True)], aligns, printed


def _write(
    ws, frame: pd.DataFrame, formats: dict[str, str], style: dict[str, Any], links: dict[str, str], lang: str
) -> int:
    """Header and rows of ``frame``; a ``source_id`` cell links to its document's address.

    Returns how many columns, from the left, print; units show in ``lang``.
    """
    shown, widths, aligns, printed = _layout(frame, lang)  # widths with indents
    frame = frame[shown.columns]
    for j, col in enumerate(shown.columns, 1):
        cell = ws.cell(row=1, column=j, value=str(col))
        cell.font, cell.alignment = style["head"], style[aligns[j - 1]]
        ws.column_dimensions[cell.column_letter].width = widths[j - 1] + 1
    # a header of one line (its column is as wide as it); left to LibreOffice, its height differs
    # between paging and printing, and a sheet can end in a blank page
    ws.row_dimensions[1].height = LINE_PT + CELL_PAD_PT
    for i, ((_, row), (_, values)) in enumerate(zip(frame.iterrows(), shown.iterrows(), strict=True), 2):
        lines = 1
        for j, col in enumerate(shown.columns, 1):
            value = layout.plain(values[col])
            if value is None:
                continue
            cell = ws.cell(row=i, column=j, value=value)
            if isinstance(value, str) and value.startswith(FORMULA_START):
                cell.data_type = "s"  # a string cell: shown as written, never run as a formula
            cell.font, cell.alignment = style["body"], style[aligns[j - 1]]
            if fmt := _format(frame, col, row, formats):
                cell.number_format = fmt
            if col == "source_id" and web_url(links.get(str(value), "")):
                cell.hyperlink, cell.font = links[str(value)], style["link"]
            indent = layout.INDENT * (aligns[j - 1] == "indent")
            lines = max(lines, layout.lines(value, widths[j - 1] - indent))
        ws.row_dimensions[i].height = lines * LINE_PT + CELL_PAD_PT
    return printed


def _print_setup(ws, title: str, lang: str, printed: int) -> None:
    """A4 landscape, one page wide, header row on every page, title above, page numbers below.

    The first ``printed`` columns print.
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    # 'Any number of pages tall' is 0 in the file format, but LibreOffice then shrinks every sheet
    # after the first a little and adds a blank page: a count no sheet reaches does the same job.
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, PAGES_TALL
    ws.print_title_rows = "1:1"
    if printed < ws.max_column:
        ws.print_area = f"A1:{get_column_letter(printed)}{ws.max_row}"
    side = layout.MARGIN_IN
    ws.page_margins = PageMargins(left=side, right=side, top=0.55, bottom=0.55, header=0.25, footer=0.25)
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
    # Column widths count digits of the default font: make it the cells' own, so that a width in
    # characters is one in print (LibreOffice lacks Calibri, openpyxl's default, and measures
    # widths in a wider face: every sheet printed 30% smaller).
    wb._named_styles["Normal"].font = style["body"]
    links = dict(zip(frames.sources["source_id"], frames.sources["url"], strict=True))
    for title, frame, formats in _sheets(frames, figures, checks, alt_texts, langs):
        ws = wb.create_sheet(title)
        printed = _write(ws, frame, formats, style, links, langs[0])
        _print_setup(ws, title, langs[0], printed)
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
        (t(lang, "workbook.world_totals"), frames.world, {}),
        (t(lang, "workbook.share_statements"), frames.shares, {"share_pct": "0.0"}),
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
