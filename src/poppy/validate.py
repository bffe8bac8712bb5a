"""Check data files against the descriptor and type them; report every problem at once.

The CSV structure is read with the csv module (exact line numbers, ragged rows); every
field rule then runs as one vectorised pandas operation per column, so cost grows with
the number of rows, not with Python work per row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import pandas as pd

from poppy.datapackage import sha256_of
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
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        rows, lines, problems = [], [], []
        width = len(header)
        last = reader.line_num
        for row in reader:
            start, last = last + 1, reader.line_num
            if not row:
                problems.append(
                    Problem(display, start, None, None, "blank-line", "blank line inside the table")
                )
                continue
            if len(row) != width:
                col = None if len(row) > width else header[len(row)]  # first missing column
                problems.append(
                    Problem(
                        display,
                        start,
                        col,
                        None,
                        "field-count",
                        f"row has {len(row)} fields, header has {width}",
                    )
                )
                continue
            rows.append(row)
            lines.append(start)
    except csv.Error as exc:
        return None, [Problem(display, reader.line_num, None, None, "csv-syntax", f"malformed CSV: {exc}")]
    frame = pd.DataFrame(rows, columns=_dedupe(header), dtype=object)
    frame.attrs["header"] = header
    return (frame, np.asarray(lines, dtype=np.int64)), problems


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
    return [
        Problem(display, int(line), column, str(value), rule, message)
        for line, value in zip(lines[mask], values[mask], strict=True)
    ]


_INT = r"[+-]?\d+"


def check_fields(
    frame: pd.DataFrame, lines: np.ndarray, fields: list[dict[str, Any]], display: str
) -> list[Problem]:
    """Types and constraints of every declared column present in ``frame``."""
    problems: list[Problem] = []
    for field in fields:
        name = field["name"]
        if name not in frame.columns:
            continue
        col = frame[name].astype(str)
        c = field.get("constraints", {})
        empty = (col == "").to_numpy()
        if c.get("required"):
            problems += _report(display, lines, name, col, empty, "required", "value is required")
        present = ~empty
        if field["type"] in ("integer", "number"):
            pattern = _INT if field["type"] == "integer" else r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"
            ok = col.str.fullmatch(pattern).to_numpy(dtype=bool)
            bad = present & ~ok
            kind = (
                "an integer"
                if field["type"] == "integer"
                else "a number (plain digits, '.' decimal, no thousands separator)"
            )
            problems += _report(display, lines, name, col, bad, "type", f"must be {kind}")
            nums = pd.to_numeric(col.where(present & ok, None), errors="coerce").to_numpy(dtype=float)
            for key, op, word in (("minimum", np.less, ">="), ("maximum", np.greater, "<=")):
                if key in c:
                    problems += _report(
                        display,
                        lines,
                        name,
                        col,
                        op(nums, c[key], where=~np.isnan(nums), out=np.zeros(len(nums), bool)),
                        key,
                        f"must be {word} {c[key]}",
                    )
        if "enum" in c:
            problems += _report(
                display,
                lines,
                name,
                col,
                present & ~col.isin(c["enum"]).to_numpy(),
                "enum",
                "must be one of " + ", ".join(map(str, c["enum"])),
            )
        if "pattern" in c:
            ok = col.str.fullmatch(c["pattern"]).to_numpy(dtype=bool)
            problems += _report(
                display,
                lines,
                name,
                col,
                present & ~ok,
                "pattern",
                f"does not match the declared pattern {c['pattern']}",
            )
        if c.get("unique"):
            dup = (col.duplicated(keep=False) & present).to_numpy()
            problems += _report(
                display, lines, name, col, dup, "unique", "value appears on more than one row"
            )
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


def check_foreign_key(
    frame: pd.DataFrame, lines: np.ndarray, fk: dict[str, Any], targets: set[str], display: str
) -> list[Problem]:
    """Values (';'-separated lists allowed) that do not resolve in the referenced resource."""
    name = fk["fields"]
    if name not in frame.columns:
        return []
    col = frame[name].astype(str)
    parts = col.str.split(";").explode()
    parts = parts[parts != ""]
    bad_idx = parts[~parts.isin(targets)]
    ref = fk["reference"]
    return [
        Problem(
            display,
            int(lines[i]),
            name,
            v,
            "foreign-key",
            f"does not resolve in {ref['resource']}.{ref['fields']}",
        )
        for i, v in zip(bad_idx.index, bad_idx, strict=True)
    ]


def _num(frame: pd.DataFrame, name: str) -> np.ndarray:
    return pd.to_numeric(frame[name].astype(str).where(frame[name] != "", None), errors="coerce").to_numpy(
        dtype=float
    )


def _rule_within_range(frame, lines, rule, display):
    v, lo, hi = (_num(frame, rule[k]) for k in ("value", "low", "high"))
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


def _rule_unit_by(frame, lines, rule, display):
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


def _rule_empty_when(frame, lines, rule, display):
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


#: Declared cross-field rules, by the name used in datapackage.json ("rules").
RULES: dict[str, Callable[..., list[Problem]]] = {
    "within_range": _rule_within_range,
    "unit_by": _rule_unit_by,
    "empty_when": _rule_empty_when,
}


def check_rules(
    frame: pd.DataFrame, lines: np.ndarray, rules: Iterable[dict[str, Any]], display: str
) -> list[Problem]:
    """Run the resource's declared rules; an unknown rule name is itself a problem."""
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
        needed = {v for k, v in rule.items() if k in ("value", "low", "high", "field", "by")}
        if needed <= set(frame.columns):
            problems += check(frame, lines, rule, display)
    return problems


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
    """Typed copy of a validated frame: integer -> Int64, number -> float64, enum -> category."""
    out = {}
    for field in fields:
        col = frame[field["name"]].astype(str)
        enum = field.get("constraints", {}).get("enum")
        if field["type"] == "integer":
            out[field["name"]] = pd.to_numeric(col.where(col != "", None)).astype("Int64")
        elif field["type"] == "number":
            out[field["name"]] = pd.to_numeric(col.where(col != "", None)).astype("float64")
        elif enum:
            out[field["name"]] = pd.Categorical(col.where(col != "", None), categories=enum)
        else:
            out[field["name"]] = col.astype("str")
    return pd.DataFrame(out)
