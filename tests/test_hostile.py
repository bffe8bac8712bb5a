"""Hostile inputs (issue 12): refused with exit 2 and one line per problem, never a traceback.

Every refusal leaves the data folder byte-identical; what passes validation works in every
command; outputs escape what the data says. The CLI runs in-process (``main(argv)``): an
exception escaping it fails the test with its traceback. tests/test_bad_input.py holds the
earlier cases.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from poppy.cli import main
from poppy.data.descriptor import DESCRIPTOR, dump_descriptor, refresh_checksums
from tests.conftest import edit_rows, set_cell


def run(*argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``poppy *argv``, run in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # argparse refuses an option this way
            code = exc.code
    return code, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every regular file of ``folder`` (not through symlinks) and its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.is_symlink()}


def refused(folder: Path, *argv: str) -> list[str]:
    """Run poppy over a broken ``folder``: exit 2, no traceback, folder unchanged; stderr lines."""
    before = snapshot(folder)
    code, _, err = run(*argv)
    assert code == 2, err
    assert "Traceback" not in err
    assert snapshot(folder) == before
    return err.splitlines()


# --- data CSVs: one cell --------------------------------------------------------------------

AFG, SRC, CLAIMS, EVENTS = "afghanistan_opium.csv", "sources.csv", "claims.csv", "events.csv"
WDR = {"source_id": "unodc-wdr2016-annex"}
ISAF_CLAIM = {"claim_id": "isaf-26-times"}
ISAF = {"event_id": "isaf"}
C2013 = {"year": "2013", "measure": "cultivation"}
P1994 = {"year": "1994", "measure": "production"}  # no range: only the value's own bounds apply
SHARE = {"year": "1999", "basis": "opium_production"}
COCA = {"country": "Colombia", "year": "2013"}

CHAR = "character"
#: (id, file, column, row, value, rule, words in the message)
CELLS = [
    ("nul", SRC, "title", WDR, "UNODC\x00", CHAR, "a control character (U+0000)"),
    ("soh", SRC, "producer", WDR, "UN\x01", CHAR, "(U+0001)"),
    ("bel", SRC, "note", WDR, "ring\x07", CHAR, "(U+0007)"),
    ("backspace", CLAIMS, "quote", ISAF_CLAIM, "26\x08 times", CHAR, "(U+0008)"),
    ("tab", EVENTS, "name", ISAF, "ISAF\tdeployment", CHAR, "(U+0009)"),
    ("vertical-tab", CLAIMS, "speaker", ISAF_CLAIM, "\x0bIvanov", CHAR, "(U+000B)"),
    ("form-feed", SRC, "table_or_page", WDR, "p.\x0c12", CHAR, "(U+000C)"),
    ("escape", SRC, "title", WDR, "\x1b[31mred\x1b[0m", CHAR, "(U+001B)"),
    ("unit-separator", "coca.csv", "note", COCA, "a\x1fb", CHAR, "(U+001F)"),
    ("delete", EVENTS, "note", ISAF, "\x7f", CHAR, "(U+007F)"),
    ("next-line", SRC, "note", WDR, "a\x85b", CHAR, "(U+0085)"),
    ("csi", CLAIMS, "topic", ISAF_CLAIM, "\x9b31m", CHAR, "(U+009B)"),
    ("wording-esc", "afghan_shares.csv", "wording", SHARE, "75%\x1b", CHAR, "(U+001B)"),
    ("lre", SRC, "title", WDR, "a\u202ab", CHAR, "a bidi control (U+202A)"),
    ("rle", SRC, "note", WDR, "a\u202bb", CHAR, "(U+202B)"),
    ("pdf", CLAIMS, "quote", ISAF_CLAIM, "a\u202cb", CHAR, "(U+202C)"),
    ("lro", EVENTS, "name", ISAF, "a\u202db", CHAR, "(U+202D)"),
    ("rlo", CLAIMS, "quote", ISAF_CLAIM, "26 \u202esemit", CHAR, "(U+202E)"),
    ("lri", SRC, "producer", WDR, "\u2066UNODC", CHAR, "(U+2066)"),
    ("rli", AFG, "note", C2013, "\u2067x", CHAR, "(U+2067)"),
    ("fsi", "coca.csv", "note", COCA, "\u2068x", CHAR, "(U+2068)"),
    ("pdi", SRC, "note", WDR, "x\u2069", CHAR, "(U+2069)"),
    ("over-cell-limit", SRC, "note", WDR, "x" * 32_768, "cell-length", "32,768 characters"),
    ("full-width-year", AFG, "year", {"year": "2012", "measure": "cultivation"}, "２０１３", "type", "ASCII"),
    ("arabic-indic-value", AFG, "value", P1994, "٣٤٠٠", "type", "ASCII"),
    ("plus-year", AFG, "year", {"year": "2012", "measure": "cultivation"}, "+2013", "type", "no '+'"),
    ("huge-value", AFG, "value", P1994, "1e308", "type", "smaller than 9,007,199,254,740,992"),
    (
        "twenty-digit-span",
        CLAIMS,
        "stated_span_years",
        {"claim_id": "fields-2007-2013"},
        "9" * 20,
        "type",
        "integer",
    ),
    ("nan", AFG, "value", P1994, "nan", "type", "finite"),
    ("inf", AFG, "value", P1994, "inf", "type", "finite"),
    ("minus-inf", AFG, "value", P1994, "-inf", "type", "finite"),
    ("underscore", AFG, "value", P1994, "3_400", "type", "number"),
    ("space-before", AFG, "value", P1994, " 3400", "type", "number"),
    ("hex", AFG, "value", P1994, "0xD48", "type", "number"),
    (
        "missing-required",
        "alternates.csv",
        "value",
        {"year": "1998", "measure": "cultivation"},
        "",
        "required",
        "required",
    ),
    ("claim-date-month-13", CLAIMS, "date", ISAF_CLAIM, "2014-13-25", "type", "must be a date"),
    ("end-date-month-0", EVENTS, "end_date", {"event_id": "taliban-ban-2000"}, "2001-00-10", "type", "date"),
    ("date-one-digit-month", EVENTS, "start_date", ISAF, "2001-1-5", "type", "date"),
    ("full-width-date", EVENTS, "start_date", ISAF, "２００１-12-20", "type", "date"),
    ("date-with-time", EVENTS, "start_date", ISAF, "2001-12-20T00:00", "type", "date"),
    ("boolean-capital", "afghan_shares.csv", "preferred", SHARE, "True", "type", "true or false"),
    ("boolean-digit", "afghan_shares.csv", "preferred", SHARE, "1", "type", "true or false"),
    ("enum-trailing-space", AFG, "measure", C2013, "cultivation ", "enum", "one of"),
    ("enum-case", AFG, "measure", C2013, "Cultivation", "enum", "one of"),
    ("unknown-metric", CLAIMS, "metric", ISAF_CLAIM, "forecast", "enum", "one of"),
    ("javascript-url", SRC, "url", WDR, "javascript:alert(1)", "pattern", "pattern"),
    ("url-with-space", SRC, "url", WDR, "https://a.example/x y", "pattern", "pattern"),
    ("event-id-injection", EVENTS, "event_id", {"event_id": "ungass-1998"}, "x;drop", "pattern", "pattern"),
    ("claim-unknown-source", CLAIMS, "source_id", ISAF_CLAIM, "nope", "foreign-key", "does not resolve"),
]


@pytest.mark.parametrize(
    ("file", "column", "row", "value", "rule", "words"), [c[1:] for c in CELLS], ids=[c[0] for c in CELLS]
)
def test_a_hostile_cell_is_refused_with_file_line_and_column(
    data_copy, file, column, row, value, rule, words
):
    line = {}
    edit_rows(data_copy, file, lambda rows: line.setdefault("n", set_cell(rows, column, value, **row)))
    where = f"{file}, line {line['n']}, column '{column}'"
    # every command loads through the same checks; claims is run for one case in four to show it
    also = [["claims", "--data", str(data_copy)]] if len(value) % 4 == 0 else []
    for argv in (["validate", str(data_copy)], *also):
        lines = refused(data_copy, *argv)
        hits = [x for x in lines if where in x and f"[{rule}]" in x]
        assert len(hits) == 1 and words in hits[0], lines[:5]
        assert lines[-1].startswith(f"poppy {argv[0]}: ") and "problem(s)" in lines[-1]
        assert not any(ch in "\n".join(lines) for ch in "\x00\x1b\x9b\u202e")  # shown escaped


@pytest.mark.parametrize("value", ["a\nb", "x" * 32_767], ids=["line-feed", "at-cell-limit"])
def test_allowed_text_passes_and_every_command_works(data_copy, value):
    edit_rows(data_copy, SRC, lambda rows: set_cell(rows, "note", value, **WDR))
    for argv in (
        ["validate", str(data_copy)],
        ["claims", "--data", str(data_copy)],
        ["headline", "--data", str(data_copy)],
    ):
        code, out, err = run(*argv)
        assert code == 0 and err == "" and out


# --- data CSVs: whole files ------------------------------------------------------------------

NEEDS_ROWS = ["sources", "afghanistan_opium", "alternates", "global_opium", "afghan_shares", "coca", "events"]


def _header_only(folder: Path, name: str) -> None:
    path = folder / f"{name}.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    refresh_checksums(folder)


@pytest.mark.parametrize("name", NEEDS_ROWS)
def test_a_header_only_table_a_command_needs_is_refused(data_copy, name):
    _header_only(data_copy, name)
    for argv in (
        ["validate", str(data_copy)],
        ["claims", "--data", str(data_copy)],
        ["headline", "--data", str(data_copy)],
    ):
        lines = refused(data_copy, *argv)
        assert f"{name}.csv, line 2: the table has a header but no rows [no-rows]" in "\n".join(lines)


@pytest.mark.parametrize("name", ["event_sources", "afghanistan_opium_sources", "supplementary"])
def test_a_header_only_table_no_command_needs_rows_of_is_valid(data_copy, name):
    _header_only(data_copy, name)
    for argv in (
        ["validate", str(data_copy)],
        ["claims", "--data", str(data_copy)],
        ["headline", "--data", str(data_copy)],
    ):
        code, _, err = run(*argv)
        assert code == 0 and err == ""


@pytest.mark.parametrize(
    ("claim_id", "words"),
    [
        ("", "no row with metric change, measure cultivation (the press pack needs one) [needed-row]"),
        ("fields-2007-2013", "no row with metric change, measure cultivation (the press pack needs one)"),
        ("isaf-26-times", "no row with metric ratio (the press pack needs one) [needed-row]"),
    ],
    ids=["header-only", "no-change-claim", "no-ratio-claim"],
)
def test_claims_the_press_pack_is_built_around_are_required(data_copy, claim_id, words):
    # the charts and key figures of `poppy build` are drawn from these two claims
    keep = (lambda r: r[0] != claim_id) if claim_id else (lambda r: False)
    edit_rows(
        data_copy, CLAIMS, lambda rows: rows.__setitem__(slice(1, None), [r for r in rows[1:] if keep(r)])
    )
    for argv in (
        ["validate", str(data_copy)],
        ["build", "--data", str(data_copy), "--out", str(data_copy.parent / "p")],
    ):
        lines = refused(data_copy, *argv)
        assert any(line.endswith(f"claims.csv: {words}") or words in line for line in lines), lines
    assert not (data_copy.parent / "p").exists()


def test_a_year_with_one_measure_only_shows_an_empty_cell_in_headline(quick_copy):
    # found by the fuzz test: the missing measure's flags were NaN and sorting them failed
    def drop(rows):
        rows[1:] = [r for r in rows[1:] if r[:2] != ["2024", "production"]]

    edit_rows(quick_copy, AFG, drop)
    edit_rows(quick_copy, "afghanistan_opium_sources.csv", drop)
    code, out, err = run("headline", "--data", str(quick_copy))
    assert code == 0 and err == ""
    row = next(line for line in out.splitlines() if line.startswith("2024"))
    assert row.split()[:4] == ["2024", "12,800", "published", "–"]


def _raw(name: str, data: bytes) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        (folder / name).write_bytes(data)
        refresh_checksums(folder)

    return write


def _header_cell(value: str) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        edit_rows(folder, EVENTS, lambda rows: rows[0].__setitem__(-1, value))

    return write


def _quoted_carriage_return(folder: Path) -> None:
    # csv.writer leaves a lone CR unquoted (a broken row, not this case): quote every cell
    path = folder / AFG
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    set_cell(rows, "note", "one\rtwo", **C2013)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    path.write_bytes(out.getvalue().encode())
    refresh_checksums(folder)


#: (id, breaker, words of the problem line)
FILES = [
    (
        "quoted-carriage-return",
        _quoted_carriage_return,
        "column 'note': contains a control character (U+000D)",
    ),
    ("utf-16", _raw(EVENTS, "event_id,name\n".encode("utf-16")), "events.csv, line 1, column"),
    ("binary", _raw(EVENTS, bytes(range(256))), "events.csv, line 2: not UTF-8"),
    ("nul-bytes-only", _raw(EVENTS, b"\x00\x00\n"), "events.csv, line 1"),
    ("escape-in-header", _header_cell("note\x1b[2J"), "column 'note\\x1b[2J': column is not declared"),
    ("bidi-in-header", _header_cell("note\u202e"), "column 'note\\u202e': column is not declared"),
]


@pytest.mark.parametrize(("breaker", "words"), [c[1:] for c in FILES], ids=[c[0] for c in FILES])
def test_a_hostile_file_is_one_line_each_and_shown_escaped(data_copy, breaker, words):
    breaker(data_copy)
    text = "\n".join(refused(data_copy, "validate", str(data_copy)))
    assert words in text
    assert "\x1b" not in text and "\u202e" not in text


# --- the descriptor ----------------------------------------------------------------------------


def _res(d: dict, name: str) -> dict:
    return next(r for r in d["resources"] if r["name"] == name)


def _field(d: dict, res: str, name: str) -> dict:
    return next(f for f in _res(d, res)["schema"]["fields"] if f["name"] == name)


def _set(d: dict, res: str, key: str, value) -> None:
    _res(d, res)[key] = value


def _constraint(res: str, field: str, key: str, value) -> Callable[[dict], None]:
    return lambda d: _field(d, res, field).setdefault("constraints", {}).__setitem__(key, value)


def _drop_constraint(res: str, field: str, key: str) -> Callable[[dict], None]:
    return lambda d: _field(d, res, field)["constraints"].pop(key)


def _schema(res: str, key: str, value) -> Callable[[dict], None]:
    return lambda d: _res(d, res)["schema"].__setitem__(key, value)


def _fields(res: str, change: Callable[[list], None]) -> Callable[[dict], None]:
    return lambda d: change(_res(d, res)["schema"]["fields"])


def _rule(res: str, i: int, key: str, value=None) -> Callable[[dict], None]:
    def change(d: dict) -> None:
        rule = _res(d, res)["rules"][i]
        rule.pop(key) if value is None else rule.__setitem__(key, value)

    return change


def _fk(res: str, i: int, change: Callable[[dict], None]) -> Callable[[dict], None]:
    return lambda d: change(_res(d, res)["schema"]["foreignKeys"][i])


A, CM = "afghanistan_opium", "claims"
OBJECT = "must be an object"
RELATIVE = "path: must be a relative path inside the data folder"
INSIDE = "path: must stay inside the data folder (no '..')"
NO_FILE = "path: must be a file name (a string)"
FIELDS_LIST = "fields: must be a non-empty list of objects"
NAME = "name: must be lower-case letters, digits"

#: (id, change of the parsed descriptor, words of the problem line)
DESCRIPTORS = [
    ("resources-missing", lambda d: d.pop("resources"), "resources: must be a non-empty list"),
    ("resources-empty", lambda d: d.__setitem__("resources", []), "resources: must be a non-empty list"),
    ("resources-object", lambda d: d.__setitem__("resources", {}), "resources: must be a non-empty list"),
    ("resource-string", lambda d: d["resources"].__setitem__(0, "sources.csv"), "resources[0]: " + OBJECT),
    ("name-missing", lambda d: d["resources"][0].pop("name"), "resources[0]." + NAME),
    ("name-slash", lambda d: _set(d, "coca", "name", "a/b"), "(a/b)." + NAME),
    ("name-list", lambda d: _set(d, "coca", "name", ["coca"]), "." + NAME),
    ("name-twice", lambda d: _set(d, "coca", "name", "events"), "name: another resource has this name"),
    ("path-missing", lambda d: _res(d, A).pop("path"), f"({A})." + NO_FILE),
    ("path-number", lambda d: _set(d, A, "path", 5), NO_FILE),
    ("path-list", lambda d: _set(d, A, "path", ["a.csv", "b.csv"]), NO_FILE),
    ("path-empty", lambda d: _set(d, A, "path", ""), NO_FILE),
    ("path-absolute", lambda d: _set(d, A, "path", "/etc/passwd"), RELATIVE),
    ("path-climbs", lambda d: _set(d, A, "path", "../../../../etc/passwd"), INSIDE),
    ("path-climbs-inside", lambda d: _set(d, A, "path", "x/../../coca.csv"), INSIDE),
    ("path-url", lambda d: _set(d, A, "path", "https://evil.example/a.csv"), RELATIVE),
    ("path-backslash", lambda d: _set(d, A, "path", "..\\..\\a.csv"), RELATIVE),
    ("path-home", lambda d: _set(d, A, "path", "~/a.csv"), RELATIVE),
    ("path-drive", lambda d: _set(d, A, "path", "C:a.csv"), RELATIVE),
    ("encoding-latin-1", lambda d: _set(d, A, "encoding", "latin-1"), "encoding: poppy reads UTF-8 only"),
    ("schema-missing", lambda d: _res(d, A).pop("schema"), "schema: must be an object with a 'fields' list"),
    ("schema-list", lambda d: _set(d, A, "schema", []), "schema: must be an object with a 'fields' list"),
    ("fields-string", _schema(A, "fields", "year"), FIELDS_LIST),
    ("fields-empty", _schema(A, "fields", []), FIELDS_LIST),
    ("field-string", _fields(A, lambda f: f.__setitem__(0, "year")), "fields[0]: " + OBJECT),
    ("field-name-missing", _fields(A, lambda f: f[0].pop("name")), "fields[0].name: must be a non-empty"),
    ("field-name-escape", _fields(A, lambda f: f[0].__setitem__("name", "year\x1b")), "printable"),
    ("field-twice", _fields(A, lambda f: f.__setitem__(1, dict(f[0]))), "fields[1].name: declared twice"),
    (
        "type-unknown",
        _fields(A, lambda f: f[0].__setitem__("type", "year")),
        "fields[0].type: must be one of",
    ),
    ("type-missing", _fields(A, lambda f: f[0].pop("type")), "fields[0].type: must be one of"),
    ("date-format", lambda d: _field(d, "events", "start_date").__setitem__("format", "%d/%m/%Y"), "format"),
    (
        "constraints-list",
        lambda d: _field(d, A, "year").__setitem__("constraints", []),
        ".constraints: " + OBJECT,
    ),
    (
        "constraint-unknown",
        _constraint(A, "note", "maxLength", 5),
        "maxLength: not a constraint poppy enforces",
    ),
    ("minimum-text", _constraint(A, "value", "minimum", "0"), "minimum: must be a finite number"),
    ("minimum-nan", _constraint(A, "value", "minimum", float("nan")), "minimum: must be a finite number"),
    (
        "maximum-infinite",
        _constraint(A, "value", "maximum", float("inf")),
        "maximum: must be a finite number",
    ),
    ("maximum-true", _constraint(A, "year", "maximum", True), "maximum: must be a finite number"),
    ("required-yes", _constraint(A, "year", "required", "yes"), "required: must be true or false"),
    ("unique-one", _constraint(SRC[:-4], "source_id", "unique", 1), "unique: must be true or false"),
    ("enum-string", _constraint(A, "measure", "enum", "cultivation"), "enum: must be a non-empty list"),
    ("enum-empty", _constraint(A, "measure", "enum", []), "enum: must be a non-empty list"),
    ("enum-numbers", _constraint(A, "measure", "enum", [1, 2]), "enum: must be a non-empty list"),
    ("pattern-invalid", _constraint(A, "flags", "pattern", "[a-"), "pattern: must be a regular expression"),
    ("pattern-number", _constraint(A, "flags", "pattern", 5), "pattern: must be a regular expression"),
    ("missing-values", _schema(A, "missingValues", ["NA"]), "missingValues: poppy reads only empty cells"),
    ("primary-key-unknown", _schema(A, "primaryKey", ["year", "nope"]), "primaryKey: must name declared"),
    ("primary-key-number", _schema(A, "primaryKey", 5), "primaryKey: must name declared fields"),
    ("foreign-keys-object", _schema(A, "foreignKeys", {}), "schema.foreignKeys: must be a list"),
    (
        "foreign-key-nowhere",
        _fk(A, 0, lambda fk: fk["reference"].__setitem__("resource", "nowhere")),
        "foreignKeys[0]: must name 'fields' and a 'reference' to a declared resource",
    ),
    (
        "foreign-key-unpaired",
        _fk("afghanistan_opium_sources", 0, lambda fk: fk["reference"].__setitem__("fields", "year")),
        "foreignKeys[0].fields: must pair declared fields of both resources",
    ),
    ("foreign-key-string", _schema(A, "foreignKeys", ["source_id"]), "foreignKeys[0]: must name"),
    ("rule-unknown", _rule(A, 0, "rule", "no_such"), "rules[0].rule: must be one of within_range"),
    ("rule-param-missing", _rule(A, 0, "high"), "rules[0].high: must be a declared field"),
    ("rule-param-undeclared", _rule(A, 1, "by", "nope"), "rules[1].by: must be a declared field"),
    ("rule-map-text", _rule(A, 1, "map", "ha"), "rules[1].map: must be a text map"),
    ("rules-object", lambda d: _set(d, A, "rules", {}), "rules: must be a list of objects"),
    ("version-number", lambda d: d.__setitem__("version", 2026), "version: must be a string"),
    # poppy's contract: what the code reads, at least as strictly as shipped
    (
        "resource-dropped",
        lambda d: d["resources"].remove(_res(d, "coca")),
        "no resource 'coca' (poppy reads it)",
    ),
    ("field-dropped", _fields(A, lambda f: f.pop()), "afghanistan_opium.note: not declared (poppy reads it)"),
    (
        "type-changed",
        _fields(A, lambda f: f[0].__setitem__("type", "string")),
        f"{A}.year.type: must be integer",
    ),
    (
        "required-dropped",
        _constraint(CM, "metric", "required", False),
        "claims.metric.constraints.required: must be true",
    ),
    (
        "enum-widened",
        _constraint(A, "measure", "enum", ["cultivation", "production", "area"]),
        "afghanistan_opium.measure.constraints.enum: must list only cultivation, production",
    ),
    (
        "enum-dropped",
        _drop_constraint(CM, "metric", "enum"),
        "claims.metric.constraints.enum: must list only",
    ),
    (
        "primary-key-changed",
        _schema(A, "primaryKey", ["year"]),
        f"{A}.schema.primaryKey: must be year, measure",
    ),
    (
        "foreign-key-dropped",
        _schema(CM, "foreignKeys", []),
        "claims.schema.foreignKeys: must declare source_id",
    ),
]


@pytest.mark.parametrize(("change", "words"), [c[1:] for c in DESCRIPTORS], ids=[c[0] for c in DESCRIPTORS])
def test_a_malformed_descriptor_is_refused_before_any_file_is_read(data_copy, change, words):
    path = data_copy / DESCRIPTOR
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_bytes(dump_descriptor(descriptor))
    for argv in (
        ["validate", str(data_copy)],
        ["claims", "--data", str(data_copy)],
        ["rehash", str(data_copy)],
    ):
        lines = refused(data_copy, *argv)
        hits = [x for x in lines if words in x]
        assert hits and all(x.startswith(f"{path}: ") and x.endswith(" [descriptor]") for x in hits), lines
        assert "\x1b" not in "\n".join(lines)


@pytest.mark.parametrize(
    ("text", "words"),
    [("[]", "the descriptor must be a JSON object"), ("[" * 100_000, "malformed JSON: nested too deeply")],
    ids=["top-level-list", "nested-too-deeply"],
)
def test_a_descriptor_that_is_not_an_object_is_one_line(data_copy, text, words):
    (data_copy / DESCRIPTOR).write_text(text, encoding="utf-8")
    for command in ("validate", "rehash"):
        lines = refused(data_copy, command, str(data_copy))
        assert words in lines[0] and len(lines) == 2


# --- unsafe resource files -----------------------------------------------------------------------


def _symlink_out(folder: Path) -> None:
    (folder / EVENTS).unlink()
    (folder / EVENTS).symlink_to("/etc/passwd")


def _symlinked_folder(folder: Path) -> None:
    (folder / "etc").symlink_to("/etc", target_is_directory=True)
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    _res(descriptor, "events")["path"] = "etc/passwd"
    (folder / DESCRIPTOR).write_bytes(dump_descriptor(descriptor))


def _directory(folder: Path) -> None:
    (folder / EVENTS).unlink()
    (folder / EVENTS).mkdir()


def _dangling(folder: Path) -> None:
    (folder / EVENTS).unlink()
    (folder / EVENTS).symlink_to(folder / "nowhere.csv")


def _dev_null(folder: Path) -> None:
    (folder / EVENTS).unlink()
    (folder / EVENTS).symlink_to(os.devnull)


UNSAFE = [
    (
        "symlink-outside",
        _symlink_out,
        "path leads outside the data folder (through a symbolic link) [unsafe-path]",
    ),
    ("symlinked-folder", _symlinked_folder, "path leads outside the data folder"),
    ("directory", _directory, "not a regular file [unsafe-path]"),
    ("dangling-symlink", _dangling, "file not found"),
    ("dev-null", _dev_null, "path leads outside the data folder"),
]


@pytest.mark.parametrize("breaker", [c[1] for c in UNSAFE], ids=[c[0] for c in UNSAFE])
def test_an_unsafe_resource_file_is_refused_unread_and_rehash_refuses_it_too(data_copy, breaker):
    breaker(data_copy)
    words = dict((b, w) for _, b, w in UNSAFE)[breaker]
    for argv in (
        ["validate", str(data_copy)],
        ["headline", "--data", str(data_copy)],
        ["rehash", str(data_copy)],
    ):
        err = "\n".join(refused(data_copy, *argv))
        assert words in err and "root:" not in err  # nothing of the file is shown


def test_a_fifo_in_place_of_a_csv_does_not_hang_validate_or_rehash(data_copy):
    (data_copy / EVENTS).unlink()
    os.mkfifo(data_copy / EVENTS)
    for command in ("validate", "rehash"):
        result = subprocess.run(
            [sys.executable, "-m", "poppy", command, str(data_copy)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert "events.csv: not a regular file [unsafe-path]" in result.stderr


# --- the pack's manifest -------------------------------------------------------------------------

GOOD_OPTIONS = {"langs": ["en"], "formats": ["svg"], "sizes": ["web"]}
MANIFESTS = [
    ("not-json", b"{"),
    ("not-utf-8", b'{"files": "\xff"}'),
    ("empty", b""),
    ("list", b"[]"),
    ("string", b'"manifest"'),
    ("nested-too-deeply", b"[" * 100_000),
    ("files-list", json.dumps({"files": [], "options": GOOD_OPTIONS}).encode()),
    (
        "files-outside",
        json.dumps({"files": {"../../etc/passwd": "sha256:0"}, "options": GOOD_OPTIONS}).encode(),
    ),
    ("files-absolute", json.dumps({"files": {"/etc/passwd": "sha256:0"}, "options": GOOD_OPTIONS}).encode()),
    ("digest-number", json.dumps({"files": {"a.svg": 5}, "options": GOOD_OPTIONS}).encode()),
    ("options-string", json.dumps({"files": {}, "options": "en"}).encode()),
    ("langs-numbers", json.dumps({"files": {}, "options": {**GOOD_OPTIONS, "langs": [1]}}).encode()),
    ("options-missing", json.dumps({"files": {}}).encode()),
]


@pytest.fixture
def fake_render(monkeypatch):
    """build.render replaced by two small files: the manifest handling runs, no chart is drawn."""
    from poppy.publish import build

    def render(frames, options, jobs=None, progress=None, reuse=None, site=None):
        files = {"briefing/briefing.md": b"# test\n"}
        files[build.MANIFEST] = build._manifest(files, frames, options, site or build.Site())
        return files

    monkeypatch.setattr(build, "render", render)


@pytest.mark.parametrize("raw", [c[1] for c in MANIFESTS], ids=[c[0] for c in MANIFESTS])
def test_a_malformed_manifest_is_stale_then_rebuilt_never_a_traceback(tmp_path, fake_render, raw):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "manifest.json").write_bytes(raw)
    code, _, err = run("build", "--check", str(pack), "--lang", "en", "--formats", "svg", "--sizes", "web")
    assert code == 1 and "Traceback" not in err
    assert err.splitlines()[-1] == f"poppy build --check: 2 file(s) out of date in {pack}"
    code, out, err = run("build", "--out", str(pack), "--lang", "en", "--formats", "svg", "--sizes", "web")
    assert code == 0 and err == "" and out.startswith("poppy build: 2 file(s) written")
    assert json.loads((pack / "manifest.json").read_text())["files"]
    if raw == b"[]":  # once: the rebuilt pack is current for the options its new manifest records
        assert run("build", "--check", str(pack))[0] == 0


def test_a_manifest_that_is_a_fifo_does_not_block_check(tmp_path, fake_render):
    pack = tmp_path / "pack"
    pack.mkdir()
    os.mkfifo(pack / "manifest.json")
    code, _, err = run("build", "--check", str(pack))
    assert code == 1 and "Traceback" not in err


# --- options ---------------------------------------------------------------------------------------

URL = [
    "--format",
    "claimreview",
    "--publisher",
    "Example Checks",
    "--publisher-url",
    "https://example.org",
    "--url",
]
OPTIONS = [
    (["build", "--jobs", "0"], "argument --jobs: must be a whole number from 1 to"),
    (["build", "--jobs", "two"], "argument --jobs: must be a whole number from 1 to"),
    (["build", "--jobs", "1.5"], "argument --jobs: must be a whole number from 1 to"),
    (["build", "--jobs", ""], "argument --jobs: must be a whole number from 1 to"),
    (["build", "--out", "   "], "argument --out: must name a folder"),
    (["build", "--lang", "xx"], "poppy build: unknown language xx; choose from"),
    (["build", "--lang", ","], "poppy build: unknown language (none given)"),
    (["build", "--formats", "gif"], "poppy build: unknown format gif; choose from"),
    (["build", "--sizes", "huge"], "poppy build: unknown size huge; choose from"),
    (["claims", "--lang", "xx"], "argument --lang: invalid choice: 'xx'"),
    (["claims", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
    (["claims", *URL, "javascript:alert(1)"], "(--url) as an http(s) address, got"),
    (["claims", *URL, "ftp://example.org/c"], "(--url) as an http(s) address, got"),
    (["claims", *URL, "https://x.org/c", "--date", "2014-13-01"], "argument --date: must be a date written"),
    (["claims", *URL, "https://x.org/c", "--date", "20140225"], "argument --date: must be a date written"),
    (["claims", *URL, "https://x.org/c", "--date", ""], "argument --date: must be a date written"),
    (["headline", "--data", "nowhere"], "no such folder [missing-folder]"),
    (["validate", "nowhere"], "descriptor not found [missing-file]"),
]


@pytest.mark.parametrize(
    ("argv", "words"), OPTIONS, ids=[" ".join(a).replace("--format claimreview ", "") for a, _ in OPTIONS]
)
def test_an_unusable_option_is_one_line_and_writes_nothing(tmp_path, monkeypatch, argv, words):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*argv)
    assert code == 2 and out == "" and "Traceback" not in err
    assert words in err
    assert list(tmp_path.iterdir()) == []


# --- --data honoured, outputs escaped --------------------------------------------------------------


@pytest.fixture
def quick_copy(tmp_path: Path) -> Path:
    """A copy of the data without data_copy's reference-validator check afterwards (~0.6 s each).

    These tests change only text that the standard has no rule about.
    """
    from poppy.data.descriptor import default_data_dir

    shutil.copytree(default_data_dir(), tmp_path / "data")
    return tmp_path / "data"


def _new_source_cited_by_a_claim(folder: Path) -> None:
    edit_rows(
        folder,
        SRC,
        lambda rows: rows.append(
            [
                "copy-in-dir",
                "Press desk",
                "A copy only in DIR",
                "",
                "p. 1",
                "https://example.org/copy",
                "",
                "",
                "© x",
                "claimant",
                "",
            ]
        ),
    )
    edit_rows(folder, CLAIMS, lambda rows: set_cell(rows, "source_id", "copy-in-dir", **ISAF_CLAIM))


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_claims_cite_the_sources_of_the_data_folder_given(quick_copy, fmt):
    _new_source_cited_by_a_claim(quick_copy)
    code, out, err = run("claims", "--data", str(quick_copy), "--format", fmt)
    assert code == 0 and err == ""
    assert "Press desk, A copy only in DIR, p. 1." in out


def _quote(text: str) -> Callable[[Path], None]:
    return lambda folder: edit_rows(folder, CLAIMS, lambda rows: set_cell(rows, "quote", text, **ISAF_CLAIM))


def _claims_csv_cell(out: str) -> str:
    rows = list(csv.DictReader(io.StringIO(out)))
    return next(r["quote"] for r in rows if r["claim_id"] == "isaf-26-times")


#: (id, quote in claims.csv, format, check of the output)
ESCAPED = [
    (
        "csv-hyperlink",
        '=HYPERLINK("https://evil.example","x")',
        "csv",
        lambda o: _claims_csv_cell(o) == '\'=HYPERLINK("https://evil.example","x")',
    ),
    ("csv-plus", "+1+cmd|' /C calc'!A0", "csv", lambda o: _claims_csv_cell(o).startswith("'+1+cmd")),
    ("csv-at", "@SUM(1+1)", "csv", lambda o: _claims_csv_cell(o) == "'@SUM(1+1)"),
    ("csv-minus-formula", "-2+3", "csv", lambda o: _claims_csv_cell(o) == "'-2+3"),
    ("csv-negative-number", "-5", "csv", lambda o: _claims_csv_cell(o) == "-5"),
    (
        "markdown-script",
        "<script>alert(1)</script>",
        "markdown",
        lambda o: "<script>" not in o and "&lt;script&gt;alert(1)&lt;/script&gt;" in o,
    ),
    (
        "markdown-image",
        "![t](https://evil.example/p.png)",
        "markdown",
        lambda o: "![t]" not in o and r"\!\[t\](https://evil.example/p.png)" in o,
    ),
    (
        "markdown-js-link",
        "[click](javascript:alert(1))",
        "markdown",
        lambda o: "[click](" not in o and r"\[click\]" in o,
    ),
    ("markdown-html-comment", "<!-- hide the rest", "markdown", lambda o: "<!--" not in o),
    (
        "json-script",
        "</script><script>alert(1)</script>",
        "json",
        lambda o: "</script>" not in o and json.loads(o)[1]["quote"].startswith("</script>"),
    ),
    ("json-comment", "<!-- x", "json", lambda o: "<!--" not in o and json.loads(o)[1]["quote"] == "<!-- x"),
]


@pytest.mark.parametrize(("text", "fmt", "check"), [c[1:] for c in ESCAPED], ids=[c[0] for c in ESCAPED])
def test_text_from_the_data_is_escaped_for_each_output_format(quick_copy, text, fmt, check):
    _quote(text)(quick_copy)
    code, out, err = run("claims", "--data", str(quick_copy), "--format", fmt)
    assert code == 0 and err == ""
    assert check(out), out[:2000]


def test_claimreview_json_ld_cannot_close_its_script_element(quick_copy):
    _quote("</script><script>alert(1)</script>")(quick_copy)
    code, out, err = run("claims", "--data", str(quick_copy), *URL, "https://example.org/checks")
    assert code == 0 and err == ""
    assert "</" not in out
    review = json.loads(out)[1]  # parsed back, the quote is as written
    assert review["itemReviewed"]["appearance"]["text"] == "</script><script>alert(1)</script>"


def test_a_source_title_with_html_is_escaped_in_the_markdown_notes(quick_copy):
    edit_rows(
        quick_copy,
        SRC,
        lambda rows: set_cell(rows, "title", "<img src=x onerror=alert(1)>", source_id="fskn-2014-02-25"),
    )
    code, out, err = run("claims", "--data", str(quick_copy), "--format", "markdown")
    assert code == 0 and err == "" and "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out


# --- property: whatever the mutation, exit 0 or 2 and never a traceback ------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

#: Strings a mutation draws from: hostile spellings first, then anything hypothesis makes up.
NASTY = [
    "",
    " ",
    "0",
    "-0",
    "+1",
    "02013",
    "1e309",
    "1e308",
    "-1",
    "nan",
    "２０１３",
    "2013",
    "2001-13-01",
    "true",
    "cultivation",
    "production",
    "ha",
    "t",
    "unodc-wdr2016-annex",
    "isaf",
    "\x00",
    "\u202e",
    "=1+1",
    "<script>",
    "x" * 40_000,
    '"',
    ",",
    "\n",
]
TEXT = st.one_of(st.sampled_from(NASTY), st.text(max_size=12))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)
CSVS = sorted(p.name for p in Path(__file__).resolve().parents[1].joinpath("data").glob("*.csv"))


@st.composite
def mutations(draw) -> Callable[[Path], None]:
    """One random change to a data package folder: a cell, a row or a descriptor value."""
    kind = draw(st.sampled_from(["cell", "cell", "drop-row", "copy-row", "descriptor"]))
    if kind == "descriptor":
        steps = draw(st.lists(st.integers(0, 50), min_size=1, max_size=6))
        value = draw(JSON)
        return lambda folder: _mutate_descriptor(folder, steps, value)
    name, i, j, value = (
        draw(st.sampled_from(CSVS)),
        draw(st.integers(1, 200)),
        draw(st.integers(0, 30)),
        draw(TEXT),
    )

    def change(rows: list[list[str]]) -> None:
        r = rows[1 + (i - 1) % (len(rows) - 1)] if len(rows) > 1 else rows[0]
        if kind == "cell":
            r[j % len(r)] = value
        elif kind == "drop-row" and len(rows) > 1:
            rows.remove(r)
        else:
            rows.append(list(r))

    return lambda folder: edit_rows(folder, name, change)


def _mutate_descriptor(folder: Path, steps: list[int], value) -> None:
    """Walk into the descriptor by ``steps`` (list index or key number) and replace what is there."""
    descriptor = json.loads((folder / DESCRIPTOR).read_text(encoding="utf-8"))
    node = descriptor
    for step in steps:
        keys = list(node) if isinstance(node, dict) else range(len(node)) if isinstance(node, list) else []
        child = node[keys[step % len(keys)]] if keys else None
        if not isinstance(child, dict | list) or step == steps[-1]:
            if keys:
                node[keys[step % len(keys)]] = value
            break
        node = child
    (folder / DESCRIPTOR).write_bytes(dump_descriptor(descriptor))


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    from poppy.data.descriptor import default_data_dir

    target = tmp_path_factory.mktemp("pristine") / "data"
    shutil.copytree(default_data_dir(), target)
    return target


@settings(
    derandomize=True,
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(change=mutations())
def test_any_mutation_is_valid_or_refused_never_a_traceback(pristine, tmp_path, change):
    with tempfile.TemporaryDirectory(dir=tmp_path) as tmp:
        folder = Path(tmp) / "data"
        shutil.copytree(pristine, folder)
        change(folder)
        code, _, err = run("validate", str(folder))
        assert code in (0, 2) and "Traceback" not in err, err
        if code == 0:  # refused data fails the other commands in the same loader, already checked
            for command in ("claims", "headline"):
                code, _, err = run(command, "--data", str(folder))
                assert code in (0, 2) and "Traceback" not in err, (command, err)
