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
    title: str = "Cultivation of opium poppy in selected countries, 2012-2025 (hectares)",
    years=(2013, 2024, 2025),
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
        ["Afghanistan", 2025, "Opium poppy cultivation", "ha", 10200, "", ""],
        ["Afghanistan", 2025, "Potential opium production", "t", 296, "", "provisional"],
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
