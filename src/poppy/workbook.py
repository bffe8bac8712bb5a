"""Read a UNODC workbook safely and map it onto poppy's series.

Two layouts are understood:

- the World Drug Report statistical-annex style: title and note rows above the table, years
  across the columns, countries (with regional subtotal rows) down the rows, best-estimate /
  minimum / maximum rows, '..' for not available, '-' for nil, footnote letters glued to
  names ('Myanmar a') and footnotes below the table;
- the UNODC data-portal style: two title rows, then a long table (country, year, indicator,
  unit, value, obs_status, note).

Safety comes first: the file must be a plain .xlsx zip of sane size and compression ratio,
without macros, and openpyxl must be parsing through defusedxml. Every refusal is an
ImportRefused with one clear line.
"""

from __future__ import annotations

import re
import zipfile
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
FOOTNOTE_ROW = re.compile(r"^(note|notes|source|sources|[a-z]\)|[a-z]/|\*)", re.IGNORECASE)
FOOTNOTE_LETTERS = re.compile(r"\s+([a-z](?:,[a-z])*)$")
ESTIMATE_ROW = {
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


@dataclass
class Reading:
    """What a workbook gave: values, what could not be mapped, and the problems found."""

    sheet: str
    layout: str
    title: str
    values: list[Value] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


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
    bad = zf.testzip()
    if bad:
        raise ImportRefused(f"{name}: corrupt zip entry {bad}")


def open_workbook(path: Path) -> Any:
    """Check the file, then open it with openpyxl through defusedxml (values, not formulas)."""
    import openpyxl

    if not openpyxl.DEFUSEDXML:
        raise ImportRefused(
            "openpyxl is not using defusedxml, so XML bombs would not be stopped; "
            "install defusedxml and unset OPENPYXL_DEFUSEDXML"
        )
    check_file(path)
    try:
        # data_only: formulas are read as the values Excel cached when it last saved the file.
        with path.open("rb") as fh:  # our handle, closed even when openpyxl fails half-way
            return openpyxl.load_workbook(
                fh, read_only=False, data_only=True, keep_links=False, keep_vba=False
            )
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


def _measure(title: str) -> str | None:
    low = title.lower()
    if "production" in low:
        return "production"
    if "cultivation" in low or "hectares" in low or "area" in low:
        return "cultivation"
    return None


def _label(raw: Any) -> tuple[str, str]:
    """'Myanmar a' -> ('Myanmar', 'a'); footnote letters kept apart."""
    text = re.sub(r"\s+", " ", _text(raw))
    m = FOOTNOTE_LETTERS.search(text)
    return (text[: m.start()], m.group(1)) if m else (text, "")


def _area(label: str, where: str, reading: Reading) -> str | None:
    key = label.lower().replace("(best estimate)", "").strip()
    if key in COUNTRIES:
        return COUNTRIES[key]
    if key in OTHER_COUNTRIES:
        reading.unmapped.append(f"{where}: '{label}' is not a series poppy holds")
        return None
    reading.problems.append(f"{where}: unknown country or region '{label}'")
    return None


# --- layouts --------------------------------------------------------------------------------------
def _annex(ws, reading: Reading) -> None:
    """Read a World Drug Report annex sheet: title rows, a header of years, country blocks."""
    rows = list(ws.iter_rows(values_only=True))
    header = next((i for i, r in enumerate(rows) if sum(_year(v) is not None for v in r) >= 2), None)
    if header is None:
        reading.problems.append(f"{ws.title}: no header row with years found")
        return
    title = " ".join(_text(v) for r in rows[:header] for v in r if _text(v))
    reading.title = title
    measure = _measure(title)
    if measure is None:
        reading.problems.append(
            f"{ws.title}: the title rows do not say cultivation or production: '{title[:80]}'"
        )
        return
    years = {j: _year(v) for j, v in enumerate(rows[header]) if _year(v) is not None}
    for block in _annex_blocks(ws.title, rows, header, years, reading):
        _annex_values(ws.title, block, years, measure, reading)


def _is_aggregate(label: str, cells: dict[int, Any]) -> bool:
    """Regional subtotals and region headers (upper-case label, no figures) are not series."""
    subtotal = label.lower().startswith(("subtotal", "sub-total", "total "))
    return subtotal or (label.isupper() and all(_text(v) == "" for v in cells.values()))


def _annex_blocks(
    sheet: str, rows: list[tuple], header: int, years: dict[int, int], reading: Reading
) -> list[dict[str, Any]]:
    """Country blocks below the header: a best-estimate row and its minimum/maximum rows."""
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
        label, _ = _label(row[0])
        where = f"{sheet}!A{i + 1}"
        cells = {j: row[j] if j < len(row) else None for j in years}
        kind = ESTIMATE_ROW.get(label.lower())
        if _is_aggregate(label, cells) or not (label or kind):
            continue
        if kind and current is None:
            reading.problems.append(f"{where}: '{label}' row without a country above it")
        elif kind:
            current[kind] = (cells, i)
        else:
            area = _area(label, where, reading)
            current = {"area": area, "best": (cells, i)} if area else None
            blocks += [current] if current else []
    return blocks


def _annex_values(
    sheet: str, block: dict[str, Any], years: dict[int, int], measure: str, reading: Reading
) -> None:
    """One Value per year of a country block, with its range where the block has one."""
    for j, year in years.items():
        got: dict[str, tuple[float | None, str]] = {}
        for kind in ("best", "low", "high"):
            if kind in block:
                cells, i = block[kind]
                got[kind] = _number(cells[j], f"{sheet}!{_col(j)}{i + 1}", reading.problems)
        value, status = got["best"]
        low, high = got.get("low", (None, ""))[0], got.get("high", (None, ""))[0]
        where = f"{sheet}!{_col(j)}{block['best'][1] + 1}"
        reading.values.append(Value(block["area"], year, measure, value, low, high, status, where))


def _col(j: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(j + 1)


PORTAL_COLUMNS = ("country", "year", "indicator", "unit", "value")


def _portal(ws, reading: Reading) -> None:
    rows = list(ws.iter_rows(values_only=True))
    header = next(
        (i for i, r in enumerate(rows[:10]) if {c for c in PORTAL_COLUMNS} <= {_text(v).lower() for v in r}),
        None,
    )
    if header is None:
        reading.problems.append(f"{ws.title}: no header row with {', '.join(PORTAL_COLUMNS)}")
        return
    reading.title = " ".join(_text(v) for r in rows[:header] for v in r if _text(v))
    cols = {_text(v).lower(): j for j, v in enumerate(rows[header]) if _text(v)}
    for i in range(header + 1, len(rows)):
        row = rows[i]
        if not any(_text(v) for v in row):
            continue
        where = f"{ws.title}!A{i + 1}"

        def get(name: str, row: tuple = row) -> Any:
            return row[cols[name]] if name in cols and cols[name] < len(row) else None

        label, _ = _label(get("country"))
        area = _area(label, where, reading)
        year = _year(get("year"))
        if year is None:
            reading.problems.append(
                f"{ws.title}!{_col(cols['year'])}{i + 1}: year '{_text(get('year'))}' is not a year"
            )
            continue
        measure = _measure(_text(get("indicator")))
        if measure is None:
            reading.unmapped.append(
                f"{where}: indicator '{_text(get('indicator'))}' is not a series poppy holds"
            )
            continue
        if area is None:
            continue
        status_text = _text(get("obs_status")).lower()
        value, status = _number(get("value"), f"{ws.title}!{_col(cols['value'])}{i + 1}", reading.problems)
        if status_text in ("..", "not available", "na"):
            value, status = None, "not_available"
        reading.values.append(
            Value(area, year, measure, value, None, None, status, f"{ws.title}!{_col(cols['value'])}{i + 1}")
        )


def read_workbook(path: str | Path, sheet: str | None = None) -> Reading:
    """Read ``sheet`` (default: the first) of a UNODC workbook into a Reading."""
    path = Path(path)
    wb = open_workbook(path)
    names = wb.sheetnames
    if sheet is not None and sheet not in names:
        raise ImportRefused(f"{path.name}: no sheet '{sheet}' (sheets: {', '.join(names)})")
    ws = wb[sheet or names[0]]
    if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLS:
        raise ImportRefused(
            f"{path.name}: sheet '{ws.title}' has {ws.max_row} rows x {ws.max_column} columns, "
            f"over the limit of {MAX_ROWS} x {MAX_COLS}"
        )
    if ws.max_row <= 1 and ws.max_column <= 1 and ws.cell(1, 1).value is None:
        raise ImportRefused(f"{path.name}: sheet '{ws.title}' is empty")
    head = [{_text(v).lower() for v in r} for r in ws.iter_rows(max_row=10, values_only=True)]
    portal = any(set(PORTAL_COLUMNS) <= cells for cells in head)
    reading = Reading(sheet=ws.title, layout="portal" if portal else "annex", title="")
    (_portal if portal else _annex)(ws, reading)
    _check_values(reading)
    return reading


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
