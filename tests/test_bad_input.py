"""Malformed inputs: every problem names file, line and column, and the CLI exits 2 cleanly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import poppy
from poppy.data import load_afghanistan, validate_package
from poppy.data.descriptor import refresh_checksums
from poppy.errors import DataPackageError, PoppyError
from tests.conftest import edit_rows, find_row, set_cell

AFG = "afghanistan_opium.csv"


def _cell(column, value, file=AFG, **match):
    """A breakage that sets one cell of ``file``; returns the file, the line it sits on and the column."""

    def breaker(folder):
        out = {}
        edit_rows(folder, file, lambda rows: out.setdefault("line", set_cell(rows, column, value, **match)))
        return file, out["line"], column

    return breaker


def _drop_column(folder):
    def change(rows):
        i = rows[0].index("confidence")
        for row in rows:
            del row[i]

    edit_rows(folder, AFG, change)
    return AFG, 1, "confidence"


def _extra_column(folder):
    edit_rows(
        folder, AFG, lambda rows: [row.append("x") for row in rows] and rows[0].__setitem__(-1, "remarks")
    )
    return AFG, 1, "remarks"


def _duplicate_year(folder):
    edit_rows(
        folder, AFG, lambda rows: rows.append(list(rows[find_row(rows, year="2007", measure="cultivation")]))
    )
    return AFG, (folder / AFG).read_text(encoding="utf-8").count("\n"), "year"


def _ragged_row(folder):
    def change(rows):
        rows[find_row(rows, year="2003", measure="production")].append("stray")

    edit_rows(folder, AFG, change)
    return AFG, 21, None


def _blank_line(folder):
    path = folder / AFG
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines[:5], "\n", *lines[5:]]), encoding="utf-8")
    refresh_checksums(folder)
    return AFG, 6, None


def _unclosed_quote(folder):
    path = folder / AFG
    path.write_text(path.read_text(encoding="utf-8").replace(",ha,", ',"ha,', 1), encoding="utf-8")
    refresh_checksums(folder)
    return AFG, None, None


def _latin1(folder):
    path = folder / "sources.csv"
    raw = path.read_bytes().replace("Búho".encode(), "Búho".encode("latin-1"), 1)
    assert raw != path.read_bytes()
    path.write_bytes(raw)
    refresh_checksums(folder)
    line = raw.split(b"\xfa")[0].count(b"\n") + 1
    return "sources.csv", line, "producer"


def _empty_file(folder):
    (folder / "events.csv").write_text("", encoding="utf-8")
    refresh_checksums(folder)
    return "events.csv", 1, None


def _wrong_checksum(folder):
    path = folder / AFG
    path.write_text(path.read_text(encoding="utf-8").replace("209000", "209001"), encoding="utf-8")
    return AFG, None, None  # deliberately no rehash


def _unknown_source(folder):
    return _cell("source_id", "no-such-doc", year="2013", measure="cultivation")(folder)


def _link(column, value, **match):
    """A breakage of the link table of further documents for the Afghan series."""
    return _cell(column, value, file="afghanistan_opium_sources.csv", **match)


def _event_date(value):
    return _cell("start_date", value, file="events.csv", event_id="isaf")


def _bad_claim_event(folder):
    out = {}
    edit_rows(
        folder,
        "claims.csv",
        lambda rows: out.setdefault(
            "line", set_cell(rows, "period_event_id", "nato", claim_id="isaf-26-times")
        ),
    )
    return "claims.csv", out["line"], "period_event_id"


def _bad_descriptor(folder):
    (folder / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    return "datapackage.json", 1, None


# (case id, breaker, rule expected, words expected in the message)
CASES = [
    ("missing-column", _drop_column, "missing-column", "missing"),
    ("extra-column", _extra_column, "extra-column", "not declared"),
    ("duplicate-year", _duplicate_year, "primary-key", "duplicate key"),
    ("text-in-number", _cell("value", "two hundred", year="2013", measure="cultivation"), "type", "number"),
    (
        "thousands-separator",
        _cell("value", "209,000", year="2013", measure="cultivation"),
        "type",
        "thousands",
    ),
    ("negative-area", _cell("value", "-5", year="2007", measure="cultivation"), "minimum", ">= 0"),
    ("outside-range", _cell("value", "250000", year="2013", measure="cultivation"), "within-range", "above"),
    ("low-above-high", _cell("low", "240000", year="2013", measure="cultivation"), "within-range", "greater"),
    ("fractional-year", _cell("year", "2007.5", year="2007", measure="cultivation"), "type", "integer"),
    ("unknown-measure", _cell("measure", "area", year="2007", measure="cultivation"), "enum", "one of"),
    ("unit-mismatch", _cell("unit", "ha", year="2007", measure="production"), "unit-by", "unit"),
    ("missing-source", _cell("source_id", "", year="2007", measure="production"), "required", "required"),
    (
        "value-where-none",
        _cell("value", "1000", year="1998", measure="production"),
        "empty-when",
        "must be empty",
    ),
    ("bad-flag", _cell("flags", "banned", year="2001", measure="cultivation"), "pattern", "pattern"),
    ("unknown-source", _unknown_source, "foreign-key", "does not resolve"),
    (
        "unknown-further-source",
        _link("source_id", "nope", year="2013", measure="cultivation"),
        "foreign-key",
        "does not resolve in sources.source_id",
    ),
    (
        "link-to-missing-value",
        _link("year", "1990", year="2013", measure="cultivation"),
        "foreign-key",
        "does not resolve in afghanistan_opium.year, measure",
    ),
    ("month-13", _event_date("2001-13-20"), "type", "must be a date"),
    (
        "year-with-leading-zero",
        _cell("year", "02013", year="2012", measure="cultivation"),
        "type",
        "no leading zeros",
    ),
    (
        "infinite-value",
        _cell("value", "1e309", year="2013", measure="cultivation"),
        "type",
        "a finite number",
    ),
    ("february-30", _event_date("2001-02-30"), "type", "must be a date"),
    ("date-without-day", _event_date("2001-12"), "type", "must be a date"),
    ("unknown-event", _bad_claim_event, "foreign-key", "events.event_id"),
    ("ragged-row", _ragged_row, "field-count", "fields"),
    ("blank-line", _blank_line, "blank-line", "blank"),
    ("unclosed-quote", _unclosed_quote, "csv-syntax", "malformed"),
    ("wrong-encoding", _latin1, "encoding", "UTF-8"),
    ("empty-file", _empty_file, "empty-file", "empty"),
    ("wrong-checksum", _wrong_checksum, "checksum", "rehash"),
    ("malformed-descriptor", _bad_descriptor, "json", "malformed JSON"),
]


@pytest.mark.parametrize(("breaker", "rule", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_problem_names_file_line_and_column(data_copy: Path, breaker, rule, words):
    file, line, column = breaker(data_copy)
    problems = [p for p in validate_package(data_copy) if p.rule == rule and words in p.message]
    assert problems, f"no {rule} problem saying {words!r}"
    p = problems[0]
    assert p.file.endswith(file)
    if line is not None:
        assert p.line == line
    if column is not None:
        assert p.column == column
    text = str(p)
    assert file in text and (line is None or f"line {line}" in text)
    if column is not None:
        assert f"column '{column}'" in text


def test_all_problems_are_reported_at_once(data_copy):
    _cell("value", "-5", year="2007", measure="cultivation")(data_copy)
    _unknown_source(data_copy)
    rules = {p.rule for p in validate_package(data_copy)}
    assert {"minimum", "foreign-key"} <= rules


def test_loading_broken_data_raises_one_exception_family(data_copy):
    _, line, _ = _cell("value", "-5", year="2007", measure="cultivation")(data_copy)
    with pytest.raises(DataPackageError) as info:
        load_afghanistan(data_copy)
    assert isinstance(info.value, PoppyError) and isinstance(info.value, ValueError)
    assert f"line {line}, column 'value'" in str(info.value)
    assert line == 28  # header + 13 years x 2 measures + 2007's first row


def _poppy(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "poppy", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize(("breaker",), [(c[1],) for c in CASES[::4]], ids=[c[0] for c in CASES[::4]])
def test_cli_exits_2_with_one_line_per_problem_and_no_traceback(data_copy, breaker):
    file, _, _ = breaker(data_copy)
    result = _poppy("validate", str(data_copy))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("poppy validate:") and "problem" in lines[-1]
    # a broken key also breaks the rows that refer to it (the link table of further documents)
    assert all(file in line or "datapackage.json" in line or "[foreign-key]" in line for line in lines[:-1])
    assert any(file in line for line in lines[:-1])


def test_cli_on_missing_folder_exits_2(tmp_path):
    result = _poppy("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "descriptor not found" in result.stderr and "Traceback" not in result.stderr


def test_cli_rehash_then_validate_accepts_an_intended_edit(data_copy):
    path = data_copy / AFG
    path.write_text(
        path.read_text(encoding="utf-8").replace("One source.", "One source only."), encoding="utf-8"
    )
    assert _poppy("validate", str(data_copy)).returncode == 2
    assert _poppy("rehash", str(data_copy)).returncode == 0
    assert json.loads((data_copy / "datapackage.json").read_text())["resources"]
    assert _poppy("validate", str(data_copy)).returncode == 0


def test_a_year_written_with_a_leading_zero_cannot_collide_with_another(data_copy):
    # '02013' typed as 2013 would duplicate the 2013 key and feed claims a wrong value
    edit_rows(
        data_copy, AFG, lambda rows: set_cell(rows, "year", "02013", year="2012", measure="cultivation")
    )
    result = _poppy("claims", "--data", str(data_copy))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert (
        "column 'year': must be an integer (ASCII digits, no '+', no leading zeros, smaller than "
        "9,007,199,254,740,992) (value '02013') [type]" in result.stderr
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--jobs", "1000"], "argument --jobs: must be a whole number from 1 to"),
        (["--jobs", "-1"], "argument --jobs: must be a whole number from 1 to"),
        (["--out", ""], "argument --out: must name a folder (empty would mean the current one)"),
    ],
)
def test_build_refuses_unusable_jobs_and_an_empty_output_folder(args, message, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "poppy", "build", *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 2 and message in result.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_a_reader_that_stops_early_is_not_an_error():
    # `poppy headline | head -1`: the closed pipe ends the command quietly with exit 0
    import fcntl

    proc = subprocess.Popen(
        [sys.executable, "-m", "poppy", "headline"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    # a one-page pipe (the table is ~12 kB), set before the child has imported pandas, so that
    # the child is still writing when the reader goes away
    fcntl.fcntl(proc.stdout.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 4096)
    proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait() == 0
    with proc.stderr:
        assert proc.stderr.read() == b""


def _drop_rows(**match):
    """An edit that removes the rows whose columns equal ``match``."""

    def change(rows):
        header = rows[0]
        rows[1:] = [r for r in rows[1:] if not all(r[header.index(k)] == v for k, v in match.items())]

    return change


@pytest.mark.parametrize(
    "bans", [["taliban-ban-2022"], ["taliban-ban-2000", "taliban-ban-2022"]], ids=["one-ban", "no-ban"]
)
def test_valid_data_with_fewer_bans_still_builds(data_copy, tmp_path, bans):
    for event in bans:
        edit_rows(data_copy, "events.csv", _drop_rows(event_id=event))
        edit_rows(data_copy, "event_sources.csv", _drop_rows(event_id=event))
    args = [
        "--out",
        str(tmp_path / "pack"),
        "--lang",
        "ru",
        "--formats",
        "svg",
        "--sizes",
        "web",
        "--jobs",
        "1",
    ]
    result = _poppy("build", "--data", str(data_copy), *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_data_without_early_estimate_flags_still_builds(data_copy, tmp_path):
    def change(rows):
        i = rows[0].index("flags")
        for r in rows[1:]:
            r[i] = ";".join(f for f in r[i].split(";") if f and f != "early_estimate")

    edit_rows(data_copy, AFG, change)
    result = _poppy(
        "build",
        "--data",
        str(data_copy),
        "--out",
        str(tmp_path / "p"),
        "--formats",
        "svg",
        "--sizes",
        "web",
        "--jobs",
        "1",
    )
    assert result.returncode == 0, result.stderr


def test_a_ratio_claim_without_its_rounded_baseline_is_one_clear_line(data_copy):
    edit_rows(data_copy, "alternates.csv", _drop_rows(year="2001", relation="rounded"))
    result = _poppy("claims", "--data", str(data_copy))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "poppy claims: the ratio claim isaf-26-times needs a rounded Afghanistan cultivation figure for 2001 "
        "in "
        "alternates.csv and verified years before 2001; "
        "the data has 0 rounded figure(s) and 6 earlier year(s)"
    )


def test_a_missing_data_folder_is_a_poppy_error(tmp_path):
    with pytest.raises(DataPackageError, match="no such folder"):
        poppy.load_all(tmp_path / "nowhere")


def test_claimreview_date_must_be_a_real_date():
    result = _poppy("claims", "--format", "claimreview", "--url", "https://x.org/c", "--date", "2014-02-30")
    assert result.returncode == 2
    assert "argument --date: must be a date written YYYY-MM-DD, got '2014-02-30'" in result.stderr
