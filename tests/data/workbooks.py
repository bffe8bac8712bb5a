"""Workbooks built by the tests, in the two UNODC layouts and in many broken forms."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook

ANNEX_ROWS = [
    ["Afghanistan (best estimate)", 209450, 12800, 10200],
    ["minimum", 173000, "..", 9000],
    ["maximum", 238000, "..", 11500],
    ["Myanmar a", 57800, 45200, ".."],
    ["Subtotal South-West Asia", 209450, 12800, 10200],
    ["Total", 296720, "..", ".."],
]


def annex(
    path: Path,
    rows: list[list] | None = None,
    title: str = "Cultivation of opium poppy in selected countries, 2012-2026 (hectares)",
    years=(2013, 2024, 2026),
    sheet: str = "Opium cultivation",
) -> Path:
    """A WDR statistical-annex sheet: merged title and 'Year' header, region row, min/max rows,
    footnote letters, '..', subtotal and total rows, footnotes below."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = title
    ws.merge_cells("A1:E1")
    ws["A2"] = "Note: estimates for Afghanistan from the Afghanistan Opium Survey."
    ws.append([])
    ws.append(["", "Year"])
    ws.merge_cells(start_row=4, start_column=2, end_row=4, end_column=1 + len(years))
    ws.append(["Country", *years])
    ws.append(["SOUTH-WEST ASIA"])
    for row in ANNEX_ROWS if rows is None else rows:
        ws.append(row)
    ws.append([])
    ws.append(["a) Myanmar: survey covers Shan State only."])
    wb.save(path)
    return path


def portal(
    path: Path,
    rows: list[list] | None = None,
    header=("Country", "Year", "Indicator", "Unit", "Value", "obs_status", "Note"),
) -> Path:
    """A UNODC data-portal sheet: two title rows, then a long table."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["UNODC data portal: drug cultivation"])
    ws.append(["Downloaded 2026-06-30"])
    ws.append(list(header))
    default = [
        ["Afghanistan", 2026, "Opium poppy cultivation", "ha", 10200, "", ""],
        ["Afghanistan", 2026, "Potential opium production", "t", 296, "", "provisional"],
        ["Colombia", 2024, "Coca bush cultivation", "ha", 262000, "", ""],
        ["Afghanistan", 1998, "Potential opium production", "t", "..", "..", ""],
        ["Mexico", 2024, "Opium poppy cultivation", "ha", 20000, "", ""],
    ]
    for row in default if rows is None else rows:
        ws.append(row)
    wb.save(path)
    return path


def rezip(
    src: Path,
    dst: Path,
    replace: dict[str, bytes] | None = None,
    add: dict[str, bytes] | None = None,
    compresslevel: int = 6,
) -> Path:
    """Copy an xlsx zip with some entries replaced or added (for bombs and macros)."""
    with (
        zipfile.ZipFile(src) as zin,
        zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as z,
    ):
        for info in zin.infolist():
            z.writestr(info.filename, (replace or {}).get(info.filename, zin.read(info.filename)))
        for name, data in (add or {}).items():
            z.writestr(name, data)
    return dst


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">
<c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


WDR_ROWS = [
    ["South-West Asia", "", "..", "..", ".."],
    ["Afghanistan", "Best", 209450, 12800, 10200],
    ["", "Minimum", 173000, "..", 9000],
    ["", "Maximum", 238000, "..", 11500],
    ["Pakistan", "Best", 493, 1000, ".."],
    ["Subtotal South-West Asia", "", 209943, 13800, ".."],
    ["SOUTH-EAST ASIA", "", "", "", ""],
    ["Myanmar a", "Best", 57800, 45200, ".."],
    ["", "minimum", 47000, 40000, ".."],
    ["", "MAXIMUM", 68000, 52000, ".."],
    ["total south-east asia", "", 57800, 45200, ".."],
    ["Latin America", "", "..", "..", ".."],
    ["Atlantis", "Best", 5, 6, 7],
    ["Total", "", 296720, "..", ".."],
]


def wdr_annex(
    path: Path,
    rows: list[list] | None = None,
    title: str = "Global illicit cultivation of opium poppy and production of opium, 2013-2026",
    unit: str = "(hectares)",
) -> Path:
    """A World Drug Report annex as UNODC publishes it: a title speaking of cultivation and
    production, the unit on its own row, the estimate kind in column B, mixed-case region rows
    with '..' cells, subtotals, countries poppy does not hold and one it does not know."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Table 1"
    ws.append([title])
    ws.append([unit])
    ws.append(["Region / country", "Estimate", 2013, 2024, 2026])
    for row in WDR_ROWS if rows is None else rows:
        ws.append(row)
    ws.append([])
    ws.append(["Source: UNODC."])
    wb.save(path)
    return path


def with_sheets(path: Path, sheets: list[tuple[str, str, list[list]]]) -> Path:
    """A workbook of (name, state, rows) sheets; state is visible, hidden or veryHidden."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, state, rows in sheets:
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        ws.sheet_state = state
    wb.save(path)
    return path


def rows_of(builder, path: Path, **kwargs) -> list[list]:
    """The rows of the first sheet another builder writes, to reuse them in with_sheets()."""
    from openpyxl import load_workbook

    ws = load_workbook(builder(path, **kwargs)).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def vba_part() -> bytes:
    """Bytes shaped like vbaProject.bin: a compound file naming its _VBA_PROJECT stream."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "_VBA_PROJECT".encode("utf-16-le") + b"\0" * 64


def huge_sheet_xml(rows: int) -> bytes:
    """A worksheet part of ``rows`` rows that declares itself 'A1:B2' (a lying dimension)."""
    body = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, rows + 1))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:B2"/><sheetData>{body}</sheetData></worksheet>'
    ).encode()
