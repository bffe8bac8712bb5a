"""Read a UNODC workbook safely and map it onto poppy's series.

Two layouts are understood:

- the World Drug Report statistical-annex style: title and note rows above the table, years
  across the columns, countries (with regional subtotal rows) down the rows, best-estimate /
  minimum / maximum rows, '..' for not available, '-' for nil, footnote letters glued to
  names ('Myanmar a') and footnotes below the table;
- the UNODC data-portal style: two title rows, then a long table (country, year, indicator,
  unit, value, obs_status, note).

Safety comes first: the file must be a plain .xlsx zip of sane size and compression ratio,
without macros (by extension, content type, relationship or a VBA part under any name), and
openpyxl must be parsing through defusedxml. The sheet is streamed (read-only mode) and
refused as soon as it passes the row or column limit. Every refusal is an ImportRefused
with one clear line.

Units are never assumed: an annex's unit comes from its title and header rows (or a unit
column), a portal row's from its unit column (or the title); the unit decides the measure
(hectares: cultivation, tons: production) and is converted to poppy's (thousand ha -> ha,
kg -> t). An unknown unit, two units, or a unit that contradicts the table's words refuses.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from poppy.errors import ImportRefused

MAX_FILE_BYTES = 20 * 1024**2
MAX_UNPACKED_BYTES = 100 * 1024**2
MAX_RATIO = 100  # uncompressed / compressed per entry; Apache POI refuses beyond 100 as well
MAX_ENTRIES = 2_000
MAX_ROWS, MAX_COLS = 5_000, 200

#: Country names as UNODC writes them -> poppy's name; the poppy table each maps to by measure.
COUNTRIES = {
    "afghanistan": "Afghanistan",
    "colombia": "Colombia",
    "peru": "Peru",
    "bolivia": "Bolivia",
    "bolivia (plurinational state of)": "Bolivia",
    "world": "World",
    "total": "World",
    "global total": "World",
    "grand total": "World",
}
#: Producing countries poppy does not track: reported as not mapped, never refused.
OTHER_COUNTRIES = {
    "myanmar",
    "lao people's democratic republic",
    "lao pdr",
    "mexico",
    "pakistan",
    "thailand",
    "viet nam",
    "guatemala",
    "colombia (opium)",
    "india",
    "other countries",
    "rest of the world",
}
#: Aggregate rows of the annexes (regions and their subtotals): skipped, in any letter case.
REGIONS = {
    "south-west asia",
    "southwest asia",
    "south-east asia",
    "southeast asia",
    "south asia",
    "central asia",
    "asia",
    "latin america",
    "south america",
    "central america",
    "andean region",
    "americas",
    "europe",
    "africa",
    "near and middle east",
    "other",
    "others",
}
#: Unit names as workbooks write them -> (poppy's unit, multiply, divide). Matched as whole
#: words in titles and headers (longest first) or as a whole unit cell.
UNITS: dict[str, tuple[str, int, int]] = {
    "thousands of hectares": ("ha", 1000, 1),
    "thousand hectares": ("ha", 1000, 1),
    "thousand ha": ("ha", 1000, 1),
    "1,000 ha": ("ha", 1000, 1),
    "'000 ha": ("ha", 1000, 1),
    "’000 ha": ("ha", 1000, 1),
    "000 ha": ("ha", 1000, 1),
    "hectares": ("ha", 1, 1),
    "hectare": ("ha", 1, 1),
    "ha": ("ha", 1, 1),
    "thousand metric tons": ("t", 1000, 1),
    "thousand tons": ("t", 1000, 1),
    "thousand tonnes": ("t", 1000, 1),
    "metric tons": ("t", 1, 1),
    "metric tonnes": ("t", 1, 1),
    "tons": ("t", 1, 1),
    "tonnes": ("t", 1, 1),
    "ton": ("t", 1, 1),
    "tonne": ("t", 1, 1),
    "t": ("t", 1, 1),
    "kilograms": ("t", 1, 1000),
    "kilogram": ("t", 1, 1000),
    "kg": ("t", 1, 1000),
}
UNIT_WORDS = re.compile(
    r"(?<![\w'’])(" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)
#: The measure each unit measures, and the words that name a measure in titles and indicators.
MEASURE_OF_UNIT = {"ha": "cultivation", "t": "production"}
MEASURE_WORDS = {
    "cultivation": re.compile(r"cultivat|\barea\b", re.IGNORECASE),
    "production": re.compile(r"producti|\boutput\b", re.IGNORECASE),
}
FOOTNOTE_ROW = re.compile(r"^(note|notes|source|sources|[a-z]\)|[a-z]/|\*)", re.IGNORECASE)
FOOTNOTE_LETTERS = re.compile(r"\s+([a-z](?:,[a-z])*)$")
ESTIMATE_ROW = {
    "best": "best",
    "best estimate": "best",
    "minimum estimate": "low",
    "maximum estimate": "high",
    "minimum": "low",
    "min": "low",
    "min.": "low",
    "maximum": "high",
    "max": "high",
    "max.": "high",
}


@dataclass(frozen=True)
class Value:
    """One figure read from the workbook, with the cell it came from."""

    area: str
    year: int
    measure: str  # cultivation (ha) or production (t)
    value: float | None
    low: float | None
    high: float | None
    status: str  # published, not_available, nil
    cell: str  # "Sheet!B7"
    unit: str = ""  # poppy's unit of ``value``, ``low`` and ``high``: ha or t
    read_as: str = ""  # the unit the workbook gave when it was converted ('thousand hectares')
    raw: float | None = None  # the number as written, before the conversion


@dataclass
class Reading:
    """What a workbook gave: values, what could not be mapped, and the problems found."""

    sheet: str
    layout: str
    title: str
    values: list[Value] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- safety -----------------------------------------------------------------------------------
def check_file(path: Path) -> None:
    """Refuse anything that is not a plain, reasonably sized .xlsx zip without macros."""
    _check_name_and_size(path)
    try:
        with zipfile.ZipFile(path) as zf:
            _check_entries(path.name, zf)
    except zipfile.BadZipFile as exc:
        raise ImportRefused(f"{path.name}: damaged zip ({exc})") from None


def _check_name_and_size(path: Path) -> None:
    name = path.name
    if not path.is_file():
        raise ImportRefused(f"{name}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlsb"):
        raise ImportRefused(
            f"{name}: macro-enabled or binary workbooks ({suffix}) are refused; save it as .xlsx"
        )
    if suffix != ".xlsx":
        raise ImportRefused(f"{name}: only .xlsx workbooks are read (got '{suffix or 'no extension'}')")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportRefused(f"{name}: {size:,} bytes is over the {MAX_FILE_BYTES:,}-byte limit")
    if not zipfile.is_zipfile(path):
        raise ImportRefused(
            f"{name}: not an xlsx file (an xlsx is a zip archive; this is not one, or it is truncated)"
        )


def _check_entries(name: str, zf: zipfile.ZipFile) -> None:
    """Zip-bomb limits, macros and the parts every workbook has."""
    infos = zf.infolist()
    names = {i.filename for i in infos}
    if len(infos) > MAX_ENTRIES:
        raise ImportRefused(f"{name}: {len(infos)} zip entries, over the limit of {MAX_ENTRIES}")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise ImportRefused(f"{name}: unpacks to {total:,} bytes, over the {MAX_UNPACKED_BYTES:,}-byte limit")
    for info in infos:
        ratio = info.file_size // max(info.compress_size, 1)
        if ratio > MAX_RATIO and info.file_size > 1_000_000:
            raise ImportRefused(
                f"{name}: entry {info.filename} expands {ratio}-fold (limit {MAX_RATIO}); "
                "refused as a possible zip bomb"
            )
    if any(n.lower().endswith("vbaproject.bin") for n in names):
        raise ImportRefused(f"{name}: contains macros (vbaProject.bin); refused")
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ImportRefused(f"{name}: a zip, but not an Excel workbook (no xl/workbook.xml)")
    macro = _macro_part(zf)
    if macro:
        raise ImportRefused(f"{name}: contains macros ({macro}); refused")
    bad = zf.testzip()
    if bad:
        raise ImportRefused(f"{name}: corrupt zip entry {bad}")


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file, as vbaProject.bin is
VBA_STORAGE = "_VBA_PROJECT".encode("utf-16-le")  # a stream name every VBA project has
MACRO_TYPES = ("macroenabled", "vbaproject", "ms-excel.addin", "ms-excel.template.macro")


def _macro_part(zf: zipfile.ZipFile) -> str | None:
    """Where a workbook hides macros whatever the part is called, or None.

    Looked for: a macro-enabled or VBA content type in [Content_Types].xml, a relationship of
    type vbaProject, and any part that is a compound file holding a VBA project.
    """
    from defusedxml import ElementTree

    try:
        types = ElementTree.fromstring(zf.read("[Content_Types].xml"))
    except Exception:  # defusedxml and expat raise several types; any of them means unusable
        return "an unreadable [Content_Types].xml"
    for node in types:
        if any(word in node.get("ContentType", "").lower() for word in MACRO_TYPES):
            return (
                f"content type {node.get('ContentType')} for {node.get('PartName') or node.get('Extension')}"
            )
    for info in zf.infolist():
        with zf.open(info) as fh:
            head = fh.read(8)
        if info.filename.endswith(".rels") and b"vbaProject" in zf.read(info):
            return f"a vbaProject relationship in {info.filename}"
        if head == OLE_MAGIC and VBA_STORAGE in zf.read(info):
            return f"a VBA project in {info.filename}"
    return None


@contextmanager
def open_workbook(path: Path) -> Iterator[Any]:
    """Check the file, then open it read-only with openpyxl through defusedxml (values, not formulas).

    Read-only: sheets are parsed only when their rows are streamed, so a huge sheet can be
    refused at its first row over the limit. File and workbook are closed on leaving.
    """
    import openpyxl

    if not openpyxl.DEFUSEDXML:
        raise ImportRefused(
            "openpyxl is not using defusedxml, so XML bombs would not be stopped; "
            "install defusedxml and unset OPENPYXL_DEFUSEDXML"
        )
    check_file(path)
    with path.open("rb") as fh, refusing(path):  # our handle, closed even when openpyxl fails half-way
        # data_only: formulas are read as the values Excel cached when it last saved the file.
        wb = openpyxl.load_workbook(fh, read_only=True, data_only=True, keep_links=False, keep_vba=False)
        try:
            yield wb
        finally:
            wb.close()


@contextmanager
def refusing(path: Path) -> Iterator[None]:
    """Turn whatever openpyxl raises on a malformed part into one ImportRefused line."""
    try:
        yield
    except ImportRefused:
        raise
    except Exception as exc:  # openpyxl raises many types on malformed parts, wrapping the cause
        chain, cause = [], exc
        while cause is not None and len(chain) < 10:
            chain.append(type(cause).__name__)
            cause = cause.__cause__ or cause.__context__
        if any(word in name for name in chain for word in ("Entities", "DTDForbidden", "ExternalReference")):
            raise ImportRefused(
                f"{path.name}: XML with entity declarations refused (possible XML bomb)"
            ) from None
        detail = " ".join(str(exc).split())[:200]
        raise ImportRefused(f"{path.name}: cannot be read as a workbook ({chain[0]}: {detail})") from None


def stream_rows(path: Path, ws: Any) -> list[tuple]:
    """The sheet's rows as values, refused at the first row or column over the limit.

    The declared size (the sheet's dimension) is checked first; the rows are then counted as
    they are parsed, since a dimension can be missing or lie.
    """
    declared_rows, declared_cols = ws.max_row or 0, ws.max_column or 0
    if declared_rows > MAX_ROWS or declared_cols > MAX_COLS:
        raise ImportRefused(
            f"{path.name}: sheet '{ws.title}' declares {declared_rows} rows x {declared_cols} columns, "
            f"over the limit of {MAX_ROWS} x {MAX_COLS}"
        )
    rows: list[tuple] = []
    ws.reset_dimensions()  # read every row there is: a dimension that lies would hide rows
    with refusing(path):
        for i, row in enumerate(ws.iter_rows(values_only=True), 1):
            if i > MAX_ROWS or len(row) > MAX_COLS:
                raise ImportRefused(
                    f"{path.name}: sheet '{ws.title}' has row {i} with {len(row)} columns, "
                    f"over the limit of {MAX_ROWS} x {MAX_COLS}; refused before reading further"
                )
            rows.append(row)
    return rows


# --- cells --------------------------------------------------------------------------------------
def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _year(value: Any) -> int | None:
    text = _text(value)
    if re.fullmatch(r"(19|20)\d\d(\.0)?", text):
        return int(float(text))
    return None


def _number(value: Any, where: str, problems: list[str]) -> tuple[float | None, str]:
    """A numeric cell as (value, status): '..' not available, '-' nil (0), text is a problem."""
    if value is None or _text(value) in ("", "..", "...", "n.a.", "na", "n/a"):
        return None, "not_available"
    if _text(value) in ("-", "–", "—"):
        return 0.0, "nil"
    if isinstance(value, bool):
        problems.append(f"{where}: TRUE/FALSE where a number is expected")
        return None, "not_available"
    if isinstance(value, int | float):
        number = float(value)
    else:
        cleaned = _text(value).replace(",", "").replace("\u00a0", "").replace(" ", "")
        if not re.fullmatch(r"-?\d+(\.\d+)?", cleaned):
            problems.append(f"{where}: text '{_text(value)}' in a number cell")
            return None, "not_available"
        number = float(cleaned)
    if number < 0:
        problems.append(f"{where}: negative value {number:g}")
    return number, "published"


Unit = tuple[str, int, int]  # poppy's unit, multiply, divide


def units_in(text: str) -> dict[str, Unit]:
    """Units named in free text, by the name as written in lower case ('thousand hectares').

    A number's digits or comma before a name do not count: '209,000 ha' names hectares, not
    thousand hectares.
    """
    return {m.group(1).lower(): UNITS[m.group(1).lower()] for m in UNIT_WORDS.finditer(text)}


def table_unit(text: str) -> tuple[str, Unit, str] | str:
    """(measure, unit, unit name) a table's title and headers give, or why they give none.

    The unit decides the measure, so a title that speaks of cultivation and production
    alike still reads hectares as cultivation; a measure word that contradicts the unit, two
    different units, or no unit at all are reasons to refuse.
    """
    found = units_in(text)
    if len(set(found.values())) > 1:
        return f"name more than one unit ({', '.join(sorted(found))})"
    if not found:
        return "name no unit (hectares, thousand hectares, tons, tonnes or kg)"
    name, unit = next(iter(found.items()))
    measure = MEASURE_OF_UNIT[unit[0]]
    words = {m for m, rx in MEASURE_WORDS.items() if rx.search(text)}
    if words and measure not in words:
        return f"speak of {' and '.join(sorted(words))} but give the unit '{name}'"
    return measure, unit, name


def _indicator_measure(text: str) -> str | None:
    words = [m for m, rx in MEASURE_WORDS.items() if rx.search(text)]
    return words[0] if len(words) == 1 else None


def _convert(number: float | None, unit: Unit) -> float | None:
    _, mul, div = unit
    return None if number is None else number * mul / div


def _label(raw: Any) -> tuple[str, str]:
    """'Myanmar a' -> ('Myanmar', 'a'); footnote letters kept apart."""
    text = re.sub(r"\s+", " ", _text(raw))
    m = FOOTNOTE_LETTERS.search(text)
    return (text[: m.start()], m.group(1)) if m else (text, "")


def _key(label: str) -> str:
    return re.sub(r"\s*\((best estimate|total)\)\s*$", "", label.lower()).strip()


def _area(label: str, where: str, reading: Reading) -> str | None:
    """The name poppy uses for a row label, or None with the label listed as not mapped."""
    key = _key(label)
    if key in COUNTRIES:
        return COUNTRIES[key]
    why = "is not a series poppy holds" if key in OTHER_COUNTRIES else "is not a country poppy knows"
    reading.unmapped.append(f"{where}: '{label}' {why}")
    return None


# --- layouts --------------------------------------------------------------------------------------
def _annex(sheet: str, rows: list[tuple], reading: Reading) -> None:
    """Read a World Drug Report annex sheet: title rows, a header of years, country blocks."""
    header = next((i for i, r in enumerate(rows) if sum(_year(v) is not None for v in r) >= 2), None)
    if header is None:
        reading.problems.append(f"{sheet}: no header row with years found")
        return
    reading.title = " ".join(_text(v) for r in rows[:header] for v in r if _text(v))
    heads = [_text(v) for v in rows[header] if _text(v) and _year(v) is None]
    described = [
        _text(v) for r in rows[:header] if not FOOTNOTE_ROW.match(_text(r[0]) if r else "") for v in r
    ]
    text = " ".join([*described, *heads])
    if not any(rx.search(text) for rx in MEASURE_WORDS.values()) and not units_in(text):
        reading.problems.append(
            f"{sheet}: the title rows do not say cultivation or production: '{reading.title[:80]}'"
        )
        return
    unit_col = next((j for j, v in enumerate(rows[header]) if _text(v).lower() == "unit"), None)
    if unit_col is None and isinstance(table_unit(text), str):
        reading.problems.append(
            f"{sheet}: the title and header rows {table_unit(text)}: '{reading.title[:80]}'"
        )
        return
    years = {j: _year(v) for j, v in enumerate(rows[header]) if _year(v) is not None}
    for block in _annex_blocks(sheet, rows, header, years, reading):
        decided = (
            table_unit(text) if unit_col is None else _row_unit_annex(sheet, rows, block, unit_col, text)
        )
        if isinstance(decided, str):
            reading.problems.append(decided)
            continue
        _annex_values(sheet, block, years, decided, reading)


def _row_unit_annex(
    sheet: str, rows: list[tuple], block: dict[str, Any], unit_col: int, text: str
) -> tuple[str, Unit, str] | str:
    """A block's unit from the annex's unit column; it must agree with the title's words and unit."""
    i = block["best"][1]
    cell = _text(rows[i][unit_col]) if unit_col < len(rows[i]) else ""
    where = f"{sheet}!{_col(unit_col)}{i + 1}"
    if cell.lower() not in UNITS:
        return f"{where}: unit '{cell}' is not one poppy can convert (ha, thousand ha, t, kg)"
    decided = table_unit(f"{text} ({cell})")
    return f"{where}: the title, header and unit cell {decided}" if isinstance(decided, str) else decided


def _is_aggregate(label: str, cells: dict[int, Any]) -> bool:
    """Regions, their subtotals and region headers (upper-case label, no figures) are not series."""
    key = _key(label)
    subtotal = key.startswith(("subtotal", "sub-total", "total ")) or key in REGIONS
    return subtotal or (label.isupper() and all(_text(v) in ("", "..") for v in cells.values()))


def _kind(row: tuple, years: dict[int, int]) -> tuple[str, str | None]:
    """A row's label and its estimate kind (best, low, high), read from column A or B."""
    label, _ = _label(row[0] if row else None)
    second = _text(row[1]).lower() if len(row) > 1 and 1 not in years else ""
    kind = ESTIMATE_ROW.get(label.lower()) or ESTIMATE_ROW.get(second)
    if label.lower() in ESTIMATE_ROW:
        label = ""  # 'minimum' in column A: the row belongs to the country above
    return label, kind


def _annex_blocks(
    sheet: str, rows: list[tuple], header: int, years: dict[int, int], reading: Reading
) -> list[dict[str, Any]]:
    """Country blocks below the header: a best-estimate row and its minimum/maximum rows.

    Rows under a region, subtotal or unmapped country (and their minimum/maximum rows) are
    skipped; such countries are listed as not mapped.
    """
    current: dict[str, Any] | None = None
    blocks: list[dict[str, Any]] = []
    for i in range(header + 1, len(rows)):
        row = rows[i]
        if not any(_text(v) for v in row):
            if blocks:
                break  # the table ends at the first blank row; footnotes follow
            continue
        if FOOTNOTE_ROW.match(_text(row[0]) if row else ""):
            break
        label, kind = _kind(row, years)
        cells = {j: row[j] if j < len(row) else None for j in years}
        if label and _is_aggregate(label, cells):
            figures = any(_text(v) not in ("", "..") for v in cells.values())
            current = {"area": None} if figures else None  # a subtotal's min/max rows are skipped too
        elif label:
            area = _area(label, f"{sheet}!A{i + 1}", reading)
            current = {"area": area, (kind or "best"): (cells, i)}
            blocks += [current] if area else []
        elif kind and kind != "best" and current is None:
            reading.problems.append(
                f"{sheet}!A{i + 1}: '{_text(row[0]) or _text(row[1])}' row without a country above it"
            )
        elif kind and current is not None:
            current[kind] = (cells, i)
    return [b for b in blocks if "best" in b]


def _annex_values(
    sheet: str, block: dict[str, Any], years: dict[int, int], decided: tuple[str, Unit, str], reading: Reading
) -> None:
    """One Value per year of a country block, with its range where the block has one, in poppy's unit."""
    measure, unit, name = decided
    for j, year in years.items():
        got: dict[str, tuple[float | None, str]] = {}
        for kind in ("best", "low", "high"):
            if kind in block:
                cells, i = block[kind]
                got[kind] = _number(cells[j], f"{sheet}!{_col(j)}{i + 1}", reading.problems)
        raw, status = got["best"]
        low, high = got.get("low", (None, ""))[0], got.get("high", (None, ""))[0]
        where = f"{sheet}!{_col(j)}{block['best'][1] + 1}"
        reading.values.append(
            _value(block["area"], year, measure, (raw, low, high), status, where, unit, name)
        )


def _value(
    area: str, year: int, measure: str, numbers: tuple, status: str, where: str, unit: Unit, name: str
) -> Value:
    """A Value in poppy's unit, remembering the unit it was read in when that differs."""
    raw, low, high = numbers
    value, low, high = (_convert(n, unit) for n in numbers)
    read_as = name if unit[1:] != (1, 1) else ""
    return Value(area, year, measure, value, low, high, status, where, unit[0], read_as, raw)


def _col(j: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(j + 1)


PORTAL_COLUMNS = ("country", "year", "indicator", "unit", "value")


def _portal(sheet: str, rows: list[tuple], reading: Reading) -> None:
    header = next(
        (i for i, r in enumerate(rows[:10]) if {c for c in PORTAL_COLUMNS} <= {_text(v).lower() for v in r}),
        None,
    )
    if header is None:
        reading.problems.append(f"{sheet}: no header row with {', '.join(PORTAL_COLUMNS)}")
        return
    reading.title = " ".join(_text(v) for r in rows[:header] for v in r if _text(v))
    cols = {_text(v).lower(): j for j, v in enumerate(rows[header]) if _text(v)}
    title_units = units_in(reading.title)
    if len(set(title_units.values())) > 1:
        reading.problems.append(f"{sheet}: the title rows name more than one unit ({', '.join(title_units)})")
        return
    for i in range(header + 1, len(rows)):
        if any(_text(v) for v in rows[i]):
            _portal_row(sheet, rows[i], i, cols, title_units, reading)


def _portal_row(
    sheet: str, row: tuple, i: int, cols: dict[str, int], title_units: dict[str, Unit], reading: Reading
) -> None:
    """One row of a portal table: a Value, a not-mapped line or a problem."""

    def get(name: str) -> Any:
        return row[cols[name]] if name in cols and cols[name] < len(row) else None

    where = f"{sheet}!A{i + 1}"
    area = _area(_label(get("country"))[0], where, reading)
    year = _year(get("year"))
    if year is None:
        reading.problems.append(
            f"{sheet}!{_col(cols['year'])}{i + 1}: year '{_text(get('year'))}' is not a year"
        )
        return
    measure = _indicator_measure(_text(get("indicator")))
    if measure is None:
        reading.unmapped.append(f"{where}: indicator '{_text(get('indicator'))}' is not a series poppy holds")
        return
    if area is None:
        return
    unit = _row_unit(
        _text(get("unit")), measure, title_units, f"{sheet}!{_col(cols['unit'])}{i + 1}", reading
    )
    cell = f"{sheet}!{_col(cols['value'])}{i + 1}"
    raw, status = _number(get("value"), cell, reading.problems)
    if _text(get("obs_status")).lower() in ("..", "not available", "na"):
        raw, status = None, "not_available"
    if unit is not None:
        reading.values.append(_value(area, year, measure, (raw, None, None), status, cell, *unit))


def _row_unit(
    text: str, measure: str, title_units: dict[str, Unit], where: str, reading: Reading
) -> tuple[Unit, str] | None:
    """The unit of a portal row: its unit cell, else the title's; None (a problem) if unusable."""
    name = text.lower()
    if name and name not in UNITS:
        reading.problems.append(
            f"{where}: unit '{text}' is not one poppy can convert (ha, thousand ha, t, kg)"
        )
        return None
    if not name and not title_units:
        reading.problems.append(f"{where}: no unit in the unit column or the title")
        return None
    name = name or next(iter(title_units))
    unit = UNITS[name]
    if title_units and unit not in title_units.values():
        reading.problems.append(f"{where}: unit '{text}' contradicts the title's '{next(iter(title_units))}'")
        return None
    if MEASURE_OF_UNIT[unit[0]] != measure:
        reading.problems.append(f"{where}: unit '{name}' does not measure {measure}")
        return None
    return unit, name


def read_workbook(path: str | Path, sheet: str | None = None) -> Reading:
    """Read ``sheet`` (default: the first visible one) of a UNODC workbook into a Reading."""
    path = Path(path)
    warnings: list[str] = []
    with open_workbook(path) as wb:
        ws = _choose_sheet(path, wb, sheet, warnings)
        rows = stream_rows(path, ws)
        title = ws.title
    if not any(_text(v) for r in rows for v in r):
        raise ImportRefused(f"{path.name}: sheet '{title}' is empty")
    head = [{_text(v).lower() for v in r} for r in rows[:10]]
    portal = any(set(PORTAL_COLUMNS) <= cells for cells in head)
    reading = Reading(sheet=title, layout="portal" if portal else "annex", title="", warnings=warnings)
    (_portal if portal else _annex)(title, rows, reading)
    _check_values(reading)
    return reading


def _choose_sheet(path: Path, wb: Any, sheet: str | None, warnings: list[str]) -> Any:
    """The sheet named, or the first visible one; hidden and unread sheets are warned about."""
    names = wb.sheetnames
    if sheet is not None and sheet not in names:
        raise ImportRefused(f"{path.name}: no sheet '{sheet}' (sheets: {', '.join(names)})")
    hidden = [n for n in names if wb[n].sheet_state != "visible"]
    visible = [n for n in names if n not in hidden]
    chosen = sheet or (visible[0] if visible else None)
    if chosen is None:
        raise ImportRefused(f"{path.name}: every sheet is hidden ({', '.join(names)}); name one with --sheet")
    if chosen in hidden:
        warnings.append(f"sheet '{chosen}' is hidden in the workbook; read because --sheet named it")
    elif hidden:
        warnings.append(f"hidden sheet(s) not read: {', '.join(hidden)} (name one with --sheet to read it)")
    others = [n for n in visible if n != chosen]
    if others:
        warnings.append(f"other sheet(s) not read: {', '.join(others)}")
    return wb[chosen]


def _check_values(reading: Reading) -> None:
    """Rules across cells: ranges ordered and bracketing, one value per area, year and measure."""
    seen: dict[tuple[str, int, str], str] = {}
    for v in reading.values:
        key = (v.area, v.year, v.measure)
        if key in seen:
            reading.problems.append(f"{v.cell}: duplicate {v.area} {v.year} {v.measure} (also {seen[key]})")
        seen[key] = v.cell
        if v.low is not None and v.high is not None and v.low > v.high:
            reading.problems.append(
                f"{v.cell}: {v.area} {v.year} minimum {v.low:g} is above maximum {v.high:g}"
            )
        elif (
            v.value is not None
            and v.low is not None
            and v.high is not None
            and not v.low <= v.value <= v.high
        ):
            reading.problems.append(
                f"{v.cell}: {v.area} {v.year} value {v.value:g} outside {v.low:g}-{v.high:g}"
            )
