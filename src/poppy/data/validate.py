"""Check data files against the descriptor and type them; report every problem at once.

A plain CSV file (one record per line, checked with numpy) is parsed by pandas' C reader and
its rows mapped to lines directly; any other file is read with the csv module, which gives
exact line numbers for quoted line breaks, ragged rows and malformed quoting. Every field
rule then runs as one vectorised pandas operation per column, so cost grows with the number
of rows, not with Python work per row.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from poppy.data.descriptor import sha256_of
from poppy.errors import Problem

Table = tuple[pd.DataFrame, np.ndarray]  # raw string frame and each row's CSV line number


def read_raw(raw: bytes, display: str) -> tuple[Table | None, list[Problem]]:
    """Parse CSV bytes as strings with the line number of every record; structural problems only."""
    if not raw.strip():
        return None, [Problem(display, 1, None, None, "empty-file", "file is empty (no header row)")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [_encoding_problem(raw, exc, display)]
    fast = _plain_table(raw[3:] if raw.startswith(codecs.BOM_UTF8) else raw, text)
    if fast is not None:
        return fast, []
    try:
        records, starts = _records(text)
    except csv.Error as exc:
        line = getattr(exc, "poppy_line", None)
        return None, [Problem(display, line, None, None, "csv-syntax", f"malformed CSV: {exc}")]
    header, body, starts = records[0], records[1:], starts[1:]
    width = len(header)
    lengths = np.fromiter(map(len, body), np.int64, len(body))
    problems = []
    for k in np.flatnonzero(lengths != width):
        n = int(lengths[k])
        if n == 0:
            problems.append(
                Problem(display, int(starts[k]), None, None, "blank-line", "blank line inside the table")
            )
        else:
            col = None if n > width else header[n]  # first missing column
            problems.append(
                Problem(
                    display,
                    int(starts[k]),
                    col,
                    None,
                    "field-count",
                    f"row has {n} fields, header has {width}",
                )
            )
    keep = lengths == width
    good = [r for r, k in zip(body, keep, strict=True) if k] if problems else body
    columns = list(zip(*good, strict=True)) if good else [() for _ in header]
    frame = pd.DataFrame(
        {name: np.array(col, dtype=object) for name, col in zip(_dedupe(header), columns, strict=True)}
    )
    frame.attrs["header"] = header
    return (frame, starts[keep]), problems


#: Bytes that can never be a forbidden character (validate.FORBIDDEN).
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def _plain_table(body: bytes, text: str | None = None) -> Table | None:
    """The table parsed by pandas' C reader, when every record is exactly one physical line.

    That holds, and the C reader agrees with the csv module cell for cell, when the bytes have
    no quote, CR or NUL and every line has the header's number of fields (counted from the
    commas with numpy). Anything else returns None, and the exact csv-module path runs, with
    the same error messages as ever: this path can only accept a well-formed file. ``text``:
    the decoded bytes, if the caller has them.
    """
    if b'"' in body or b"\r" in body or b"\0" in body:
        return None
    arr = np.frombuffer(body, np.uint8)
    newlines = np.flatnonzero(arr == 10)
    ends = newlines if body.endswith(b"\n") else np.append(newlines, len(body))
    starts = np.concatenate(([0], ends[:-1] + 1)) if len(ends) else ends
    commas = np.flatnonzero(arr == 44)
    fields = np.searchsorted(commas, ends) - np.searchsorted(commas, starts) + 1
    fields[ends == starts] = 0  # a blank line is no record (the csv module yields [])
    if len(fields) == 0 or fields[0] < 1 or (fields[1:] != fields[0]).any():
        return None
    header = body[: ends[0]].decode("utf-8").split(",")
    names = _dedupe(header)
    if len(fields) == 1:
        columns = [np.array([], dtype=object) for _ in header]
    else:
        parsed = pd.read_csv(
            io.BytesIO(body[ends[0] + 1 :]),
            header=None,
            names=list(range(len(header))),
            dtype=object,
            na_filter=False,  # '' stays '', 'NA' stays 'NA': cells as written
            skip_blank_lines=False,
            quoting=csv.QUOTE_NONE,
            engine="c",
            index_col=False,
            encoding="utf-8",
        )
        columns = [parsed[i].to_numpy(dtype=object) for i in range(len(header))]
    frame = pd.DataFrame(dict(zip(names, columns, strict=True)))
    frame.attrs["header"] = header
    # One scan of the whole file stands in for check_text's scan of every column: no cell can
    # hold a character the file lacks, nor be longer than its line (here one record per line).
    lengths = ends - starts  # in bytes, never fewer than the characters
    frame.attrs["clean_text"] = bool(lengths.max() <= CELL_LIMIT) and (
        not body.translate(None, _PRINTABLE_ASCII)  # nothing but printable ASCII: a C pass
        or not FORBIDDEN.search(body.decode("utf-8") if text is None else text)
    )
    return frame, np.arange(2, len(fields) + 1, dtype=np.int64)


def _records(text: str) -> tuple[list[list[str]], np.ndarray]:
    """All CSV records and the line each starts on (1-based).

    When every record is one physical line (no quoted line breaks) the lines are simply
    1..n and the parse runs entirely in C; otherwise records are walked one by one.
    """
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error:
        records = None
    physical = text.count("\n") + (0 if text.endswith("\n") else 1)
    if records is not None and len(records) == physical:
        return records, np.arange(1, len(records) + 1, dtype=np.int64)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, starts, last = [], [], 0
    try:
        for row in reader:
            records.append(row)
            starts.append(last + 1)
            last = reader.line_num
    except csv.Error as exc:
        exc.poppy_line = reader.line_num  # type: ignore[attr-defined]
        raise
    return records, np.asarray(starts, dtype=np.int64)


def _dedupe(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in header:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return out


def _encoding_problem(raw: bytes, exc: UnicodeDecodeError, display: str) -> Problem:
    line = raw.count(b"\n", 0, exc.start) + 1
    header = next(csv.reader([raw.split(b"\n", 1)[0].decode("utf-8", "replace")]))
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    index = raw[line_start : exc.start].count(b",")
    column = header[index] if index < len(header) else None
    bad = raw[exc.start : exc.end].hex(" ")
    return Problem(display, line, column, None, "encoding", f"not UTF-8: byte(s) {bad} cannot be decoded")


def check_header(frame: pd.DataFrame, fields: list[dict[str, Any]], display: str) -> list[Problem]:
    """Missing, unexpected and repeated columns, reported on line 1."""
    header = frame.attrs["header"]
    declared = [f["name"] for f in fields]
    problems = [
        Problem(display, 1, name, None, "missing-column", "declared column is missing")
        for name in declared
        if name not in header
    ]
    problems += [
        Problem(display, 1, name, None, "extra-column", "column is not declared in datapackage.json")
        for name in dict.fromkeys(header)
        if name not in declared
    ]
    problems += [
        Problem(display, 1, name, None, "duplicate-column", "column appears more than once")
        for name in dict.fromkeys(header)
        if header.count(name) > 1
    ]
    return problems


def _report(
    display: str, lines: np.ndarray, column: str, values: pd.Series, mask: Any, rule: str, message: str
) -> list[Problem]:
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():  # also spares empty tables, whose empty frames reduce to odd shapes
        return []
    return [
        Problem(display, int(line), column, str(value), rule, message)
        for line, value in zip(lines[mask], values[mask], strict=True)
    ]


# Numbers as written: ASCII digits, no leading zeros (02013 or a full-width ２０１３ is not 2013:
# a key would silently collide), and no larger than float64 holds exactly (2**53): beyond it a
# value would not be the one written, and 1e308 would print as a 309-digit number.
_PATTERNS = {
    "integer": re.compile(r"0|-?[1-9][0-9]*", re.ASCII),  # one spelling per value: keys compare as typed
    "number": re.compile(r"-?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", re.ASCII),
}
#: Numbers must be smaller than this: every whole number below it is exact in float64.
MAGNITUDE = 2**53
_KIND = {
    "integer": f"an integer (ASCII digits, no '+', no leading zeros, smaller than {MAGNITUDE:,})",
    "number": (
        "a finite number (plain ASCII digits, '.' decimal, no thousands separator, no '+', no leading zeros, "
        f"smaller than {MAGNITUDE:,})"
    ),
}
_NOT_AS_WRITTEN = re.compile(r"(?m)^(\+|-?0\d|-0$)")  # over the cells joined by newlines


def _convert(present: np.ndarray, kind: str) -> np.ndarray:
    """Strings -> float64 in C; whole numbers through int64, twice as fast as float parsing.

    Both give the same float for every string the caller then accepts (no '-0', smaller
    than 2**53); anything int() refuses is parsed as a float (or fails for an integer).
    """
    try:
        return present.astype(np.int64).astype(np.float64)
    except (ValueError, TypeError, OverflowError):
        if kind == "integer":
            raise
        return present.astype(np.float64)


def parse_numbers(values: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Strings -> float64 (NaN where empty or invalid) and the mask of invalid, non-empty cells.

    The fast path converts every present cell in C; only when that fails does a per-cell
    regular expression find the culprits (so a valid file never pays for it).
    """
    empty = values == ""
    nums = np.full(len(values), np.nan)
    present = values[~empty]
    try:
        parsed = _convert(present, kind)
        joined = "\n".join(present)  # Python's int()/float() also accept '1_000', ' 5' and '٥': not here
        clean = (
            joined.isascii() and "_" not in joined and not any(ch.isspace() for ch in set(joined) - {"\n"})
        )
        if (np.abs(parsed) < MAGNITUDE).all() and clean and not _NOT_AS_WRITTEN.search(joined):
            nums[~empty] = parsed
            return nums, np.zeros(len(values), bool)
    except (ValueError, TypeError, OverflowError):
        pass
    pattern = _PATTERNS[kind]
    good = np.fromiter((pattern.fullmatch(v) is not None for v in present), bool, len(present))
    parsed = np.full(len(present), np.nan)
    parsed[good] = present[good].astype(np.float64)
    with np.errstate(invalid="ignore"):
        good &= np.abs(parsed) < MAGNITUDE  # 1e309 is written like a number but is infinite
    bad = np.zeros(len(values), bool)
    bad[~empty] = ~good
    nums[np.flatnonzero(~empty)[good]] = parsed[good]
    return nums, bad


#: Table Schema's default boolean spellings, as poppy writes them.
BOOLEANS = {"true": True, "false": False}


def parse_dates(values: np.ndarray) -> pd.Series:
    """Strings 'YYYY-MM-DD' -> datetime64 (NaT where empty or not a real calendar date).

    Only ASCII digits in exactly that layout: the parser alone would also take '2001-1-5'
    and full-width digits.
    """
    text = pd.Series(values, dtype=object)
    dates = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    return dates.where(text.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fillna(False).astype(bool))


Check = tuple[np.ndarray, str, str]  # (mask of bad rows, rule, message)


def _date_checks(values: np.ndarray, present: np.ndarray, c: dict[str, Any]) -> list[Check]:
    return [(present & parse_dates(values).isna().to_numpy(), "type", "must be a date (YYYY-MM-DD)")]


def _boolean_checks(values: np.ndarray, present: np.ndarray, c: dict[str, Any]) -> list[Check]:
    return [(present & ~np.isin(values, list(BOOLEANS)), "type", "must be true or false")]


def _number_checks(kind: str) -> Callable[[np.ndarray, np.ndarray, dict[str, Any]], list[Check]]:
    def checks(
        values: np.ndarray,
        present: np.ndarray,
        c: dict[str, Any],
        parsed: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> list[Check]:
        nums, bad = parse_numbers(values, kind) if parsed is None else parsed
        out = [(bad, "type", f"must be {_KIND[kind]}")]
        with np.errstate(invalid="ignore"):
            if "minimum" in c:
                out.append((nums < c["minimum"], "minimum", f"must be >= {c['minimum']}"))
            if "maximum" in c:
                out.append((nums > c["maximum"], "maximum", f"must be <= {c['maximum']}"))
        return out

    return checks


#: Checks of each declared type (strings need none).
TYPE_CHECKS: dict[str, Callable[[np.ndarray, np.ndarray, dict[str, Any]], list[Check]]] = {
    "date": _date_checks,
    "boolean": _boolean_checks,
    "integer": _number_checks("integer"),
    "number": _number_checks("number"),
}


#: A pattern that is a ';'-list of named choices: ^(a|b)(;(a|b))*$ (claims.csv ``measure``).
_CHOICE_LIST = re.compile(r"\^\(([\w|]+)\)\(;\(\1\)\)\*\$")


def _pattern_message(pattern: str) -> str:
    """What a value must be, in words where the pattern is a list of choices."""
    if m := _CHOICE_LIST.fullmatch(pattern):
        return f"must be one or more of {', '.join(m.group(1).split('|'))}, separated by ';'"
    return f"does not match the declared pattern {pattern}"


def _constraint_checks(
    col: pd.Series, values: np.ndarray, present: np.ndarray, c: dict[str, Any]
) -> list[Check]:
    out = []
    if "enum" in c:
        allowed = ", ".join(map(str, c["enum"]))
        out.append((present & ~col.isin(c["enum"]).to_numpy(), "enum", f"must be one of {allowed}"))
    if "pattern" in c:
        rx = re.compile(c["pattern"])
        ok = np.fromiter((rx.fullmatch(v) is not None for v in values), bool, len(values))
        out.append((present & ~ok, "pattern", _pattern_message(c["pattern"])))
    if c.get("unique"):
        out.append(
            (col.duplicated(keep=False).to_numpy() & present, "unique", "value appears on more than one row")
        )
    return out


#: Refused in every cell: C0 controls but the line feed, DEL and C1 controls (invisible; the
#: workbook writer and terminals choke on them) and the bidi embedding, override and isolate
#: controls (they reorder what a reader sees, as in "Trojan Source").
FORBIDDEN = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: The most characters a spreadsheet cell holds (Excel); the workbook would cut longer text.
CELL_LIMIT = 32_767


def check_text(values: np.ndarray, lines: np.ndarray, column: str, display: str) -> list[Problem]:
    """Cells holding a forbidden character, or more text than a spreadsheet cell holds."""
    problems = []
    if FORBIDDEN.search("\n".join(values)):  # one C-speed scan; per cell only on a hit
        for line, value in zip(lines, values, strict=True):
            found = FORBIDDEN.search(value)
            if found:
                code = f"U+{ord(found.group()):04X}"
                kind = "a bidi control" if found.group() >= "\u202a" else "a control character"
                shown = value if len(value) <= 200 else None
                problems.append(
                    Problem(display, int(line), column, shown, "character", f"contains {kind} ({code})")
                )
    if len(values) and max(map(len, values)) > CELL_LIMIT:
        problems += [
            Problem(
                display,
                int(line),
                column,
                None,
                "cell-length",
                f"text of {len(value):,} characters; a spreadsheet cell holds at most {CELL_LIMIT:,}",
            )
            for line, value in zip(lines, values, strict=True)
            if len(value) > CELL_LIMIT
        ]
    return problems


def _type_checks(
    field: dict[str, Any], values: np.ndarray, present: np.ndarray, numbers: dict[str, np.ndarray] | None
) -> list[Check]:
    """The checks of the field's type; a number column's values are kept in ``numbers``."""
    c = field.get("constraints", {})
    if field["type"] == "number" and numbers is not None:
        parsed = parse_numbers(values, "number")
        numbers[field["name"]] = parsed[0]
        return TYPE_CHECKS["number"](values, present, c, parsed)  # type: ignore[call-arg]
    return TYPE_CHECKS.get(field["type"], lambda *_: [])(values, present, c)


def check_fields(
    frame: pd.DataFrame,
    lines: np.ndarray,
    fields: list[dict[str, Any]],
    display: str,
    numbers: dict[str, np.ndarray] | None = None,
) -> list[Problem]:
    """Types and constraints of every declared column present in ``frame``.

    ``numbers``, when given, receives each number column as float64 (for the rules).
    """
    problems: list[Problem] = []
    for field in (f for f in fields if f["name"] in frame.columns):
        col = frame[field["name"]]
        values, c = col.to_numpy(dtype=object), field.get("constraints", {})
        present = values != ""
        if not frame.attrs.get("clean_text"):  # set by read_raw after one scan of the whole file
            problems += check_text(values, lines, field["name"], display)
        required = [(~present, "required", "value is required")] if c.get("required") else []
        types = _type_checks(field, values, present, numbers)
        for mask, rule, message in [*required, *types, *_constraint_checks(col, values, present, c)]:
            if mask.any():
                problems += _report(display, lines, field["name"], col, mask, rule, message)
    return problems


def check_primary_key(frame: pd.DataFrame, lines: np.ndarray, key: list[str], display: str) -> list[Problem]:
    """Rows whose primary key repeats another row's."""
    if not key or not set(key) <= set(frame.columns):
        return []
    dup = frame.duplicated(key, keep="first").to_numpy()
    if not dup.any():
        return []
    keys = frame[key].astype(str).agg(", ".join, axis=1)
    first_line = pd.Series(lines, index=keys.to_numpy()).groupby(level=0).min()
    return [
        Problem(
            display,
            int(line),
            key[0],
            k,
            "primary-key",
            f"duplicate key ({', '.join(key)}); first seen on line {int(first_line[k])}",
        )
        for line, k in zip(lines[dup], keys[dup], strict=True)
    ]


def _key_strings(frame: pd.DataFrame, fields: list[str]) -> pd.Series:
    """One string per row for a (possibly composite) key, comparable across tables."""
    return frame[fields].astype(str).agg("\x1f".join, axis=1) if len(fields) > 1 else frame[fields[0]]


def check_foreign_key(
    frame: pd.DataFrame, lines: np.ndarray, fk: dict[str, Any], target: pd.DataFrame, display: str
) -> list[Problem]:
    """Rows whose (possibly composite) key does not resolve in the referenced resource.

    As in the Table Schema standard, a key with any empty part is not checked.
    """
    ref = fk["reference"]
    fields = [fk["fields"]] if isinstance(fk["fields"], str) else list(fk["fields"])
    targets = [ref["fields"]] if isinstance(ref["fields"], str) else list(ref["fields"])
    if not set(fields) <= set(frame.columns) or not set(targets) <= set(target.columns):
        return []
    keys = _key_strings(frame, fields)
    known = set(_key_strings(target, targets))
    bad = (~keys.isin(known) & (frame[fields] != "").all(axis=1)).to_numpy()
    if not bad.any():  # the shown keys are joined row by row: only for the rows reported
        return []
    shown = frame.loc[bad, fields].astype(str).agg(", ".join, axis=1)
    return _report(
        display,
        lines[bad],
        fields[0],
        shown,
        np.ones(len(shown), bool),
        "foreign-key",
        f"does not resolve in {ref['resource']}.{', '.join(targets)}",
    )


def _num(frame: pd.DataFrame, name: str, numbers: dict[str, np.ndarray]) -> np.ndarray:
    """A column as numbers: parsed by check_fields if it is a number column, else here."""
    if name in numbers:
        return numbers[name]
    return parse_numbers(frame[name].to_numpy(dtype=object), "number")[0]


def _rule_within_range(frame, lines, rule, display, numbers):
    v, lo, hi = (_num(frame, rule[k], numbers) for k in ("value", "low", "high"))
    with np.errstate(invalid="ignore"):
        below, above, crossed = v < lo, v > hi, lo > hi
    col = frame[rule["value"]]
    return (
        _report(
            display, lines, rule["value"], col, below, "within-range", f"below its own '{rule['low']}' bound"
        )
        + _report(
            display, lines, rule["value"], col, above, "within-range", f"above its own '{rule['high']}' bound"
        )
        + _report(
            display,
            lines,
            rule["low"],
            frame[rule["low"]],
            crossed,
            "within-range",
            f"'{rule['low']}' is greater than '{rule['high']}'",
        )
    )


def _rule_unit_by(frame, lines, rule, display, numbers):
    expected = frame[rule["by"]].map(rule["map"])
    bad = expected.notna() & (frame[rule["field"]] != expected)
    return _report(
        display,
        lines,
        rule["field"],
        frame[rule["field"]],
        bad,
        "unit-by",
        f"unit does not match '{rule['by']}' ({', '.join(f'{k}: {v}' for k, v in rule['map'].items())})",
    )


def _rule_empty_when(frame, lines, rule, display, numbers):
    marked = frame[rule["by"]].isin(rule["values"]).to_numpy()
    empty = (frame[rule["field"]] == "").to_numpy()
    states = ", ".join(rule["values"])
    return _report(
        display,
        lines,
        rule["field"],
        frame[rule["field"]],
        marked & ~empty,
        "empty-when",
        f"must be empty when {rule['by']} is {states}",
    ) + _report(
        display,
        lines,
        rule["field"],
        frame[rule["field"]],
        ~marked & empty,
        "empty-when",
        f"is empty but {rule['by']} is not {states}",
    )


def _rule_one_per_group(frame, lines, rule, display, numbers):
    by, field = list(rule["by"]), rule["field"]
    marked = (frame[field] == rule["value"]).groupby([frame[c] for c in by]).transform("sum")
    bad = (marked != 1).to_numpy()
    return _report(
        display,
        lines,
        field,
        frame[field],
        bad,
        "one-per-group",
        f"exactly one row per ({', '.join(by)}) must have {field} = {rule['value']}",
    )


#: Declared cross-field rules, by the name used in datapackage.json ("rules").
RULES: dict[str, Callable[..., list[Problem]]] = {
    "within_range": _rule_within_range,
    "unit_by": _rule_unit_by,
    "empty_when": _rule_empty_when,
    "one_per_group": _rule_one_per_group,
}


def check_rules(
    frame: pd.DataFrame,
    lines: np.ndarray,
    rules: Iterable[dict[str, Any]],
    display: str,
    numbers: dict[str, np.ndarray] | None = None,
) -> list[Problem]:
    """Run the resource's declared rules; an unknown rule name is itself a problem.

    ``numbers``: number columns check_fields already parsed (so they are parsed once).
    """
    problems: list[Problem] = []
    for rule in rules:
        check = RULES.get(rule.get("rule", ""))
        if check is None:
            problems.append(
                Problem(
                    display,
                    None,
                    None,
                    rule.get("rule"),
                    "descriptor",
                    f"unknown rule; known: {', '.join(RULES)}",
                )
            )
            continue
        named = [v for k, v in rule.items() if k in ("value", "low", "high", "field", "by")]
        needed = {x for v in named for x in ([v] if isinstance(v, str) else v)}
        if needed <= set(frame.columns):
            problems += check(frame, lines, rule, display, {} if numbers is None else numbers)
    return problems


def check_table(
    frame: pd.DataFrame, lines: np.ndarray, resource: dict[str, Any], display: str
) -> list[Problem]:
    """The declared checks of one table: header, field types and constraints, primary key, rules."""
    fields = resource["schema"]["fields"]
    numbers: dict[str, np.ndarray] = {}
    return [
        *check_header(frame, fields, display),
        *check_fields(frame, lines, fields, display, numbers),
        *check_primary_key(frame, lines, resource["schema"].get("primaryKey", []), display),
        *check_rules(frame, lines, resource.get("rules", []), display, numbers),
    ]


def check_checksum(raw: bytes, res: dict[str, Any], display: str) -> list[Problem]:
    """Size and sha256 of the file against the descriptor."""
    actual = sha256_of(raw)
    if res.get("hash") == actual and res.get("bytes") == len(raw):
        return []
    return [
        Problem(
            display,
            None,
            None,
            None,
            "checksum",
            f"file does not match datapackage.json (declared {res.get('bytes')} bytes, "
            f"{res.get('hash')}; file has {len(raw)} bytes, {actual}); "
            "if the edit is intended, run `poppy rehash`",
        )
    ]


def to_typed(frame: pd.DataFrame, fields: list[dict[str, Any]]) -> pd.DataFrame:
    """Typed copy of a validated frame.

    integer -> Int64, number -> float64, date -> datetime64, boolean -> boolean,
    enum -> category, other text -> str.
    """
    out = {}
    for field in fields:
        values = frame[field["name"]].to_numpy(dtype=object)
        enum = field.get("constraints", {}).get("enum")
        if field["type"] in ("integer", "number"):
            nums = pd.Series(parse_numbers(values, field["type"])[0])
            out[field["name"]] = nums.astype("Int64") if field["type"] == "integer" else nums
        elif field["type"] == "date":
            out[field["name"]] = parse_dates(values)
        elif field["type"] == "boolean":
            out[field["name"]] = pd.array([BOOLEANS.get(v) for v in values], dtype="boolean")
        elif enum:
            out[field["name"]] = pd.Categorical(np.where(values == "", None, values), categories=enum)
        else:
            out[field["name"]] = pd.array(values, dtype="str")
    return pd.DataFrame(out)
