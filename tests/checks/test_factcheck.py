"""poppy factcheck: from a text to verdicts in one command, the rest listed for review."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

import poppy
from poppy.checks.claims import check_claims
from poppy.checks.factcheck import factcheck
from poppy.data.descriptor import read_descriptor, resolve_dir
from tests.conftest import ROOT

RELEASE = ROOT.parent / "shared" / "sources" / "fdcs-press-release-2014-02-25.txt"
FSKN_URL = "http://www.fskn.gov.ru/pages/main/prevent/3943/28212/29176/index.shtml"
needs_release = pytest.mark.skipif(
    not RELEASE.is_file(), reason="the shared release is not next to the project"
)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "poppy", *args], capture_output=True, text=True, timeout=120)


def _claims_resource() -> dict:
    return next(r for r in read_descriptor(resolve_dir(None))["resources"] if r["name"] == "claims")


@needs_release
def test_the_release_gives_the_verdicts_of_claims_csv():
    frames = poppy.load_all()
    result = factcheck(
        frames,
        RELEASE.read_text(encoding="utf-8"),
        _claims_resource(),
        "en",
        "Victor Ivanov (FSKN)",
        "2014-02-25",
        FSKN_URL,
    )
    expected = {c.quote: c.verdict for c in check_claims(frames)}
    got = {c.quote: c.verdict for c in result.checks}
    assert got == expected
    # the second 'two largest drug production centres' states the first again: listed, not judged twice
    assert [(r.claim_id, r.reason) for r in result.review] == [("s25", "repeats s6")]
    assert {c.source for c in result.checks} == {"fskn-2014-02-25"}  # the address names the source


@needs_release
def test_the_cli_writes_a_claim_file_that_claims_reads_back_and_pages(tmp_path):
    out = tmp_path / "check"
    run = _run(
        "factcheck",
        str(RELEASE),
        "--speaker",
        "Victor Ivanov (FSKN)",
        "--said",
        "2014-02-25",
        "--source-url",
        FSKN_URL,
        "--format",
        "json",
        "--out",
        str(out),
    )
    assert run.returncode == 0, run.stderr
    verdicts = {r["quote"]: r["verdict_id"] for r in json.loads(run.stdout)}
    assert (
        run.stderr.splitlines()[-1]
        == f"poppy factcheck: 8 checked, 1 need review; claim rows and pages in {out}"
    )
    again = _run("claims", "--claims", str(out / "claims.csv"), "--format", "json")
    # the file holds the checked rows and those left to fill (not repeats): the same verdicts again
    assert again.returncode == 0, again.stderr
    assert {r["quote"]: r["verdict_id"] for r in json.loads(again.stdout)} == verdicts
    index = (out / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert "Needs review (1)" in index and 'href="claims/s10.html"' in index
    assert (out / "site" / "en" / "claims" / "s10.html").is_file() and (
        out / "site" / "assets" / "style.css"
    ).is_file()
    refused = _run("factcheck", str(RELEASE), "--out", str(out))
    assert (
        refused.returncode == 2
        and refused.stderr == f"poppy factcheck: --out {out}: the folder is not empty; --force replaces it\n"
    )


def test_what_the_text_does_not_say_is_listed_with_the_reason():
    rows = subprocess.run(
        [sys.executable, "-m", "poppy", "factcheck", "/dev/stdin"], input="x", capture_output=True, text=True
    )
    assert rows.returncode == 2  # a pipe is not a regular file
    frames = poppy.load_all()
    result = factcheck(
        frames,
        "Opium production in Afghanistan fell by 95 per cent in 2023. Poppy cultivation grew 26 times.",
        _claims_resource(),
        said="2023-11-05",
    )
    assert [(c.claim_id, c.verdict) for c in result.checks] == [("s1", "accurate")]
    assert [(r.claim_id, r.reason) for r in result.review] == [("s2", "the text does not say: start_year")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the text is empty"),
        (b"\x00\x01\x02\xff\xfe binary", "not UTF-8 plain text"),
        ("Площадь 209 000 га. ".encode() + "Площадь 193 000 га.".encode("cp1251"), "not UTF-8 plain text"),
    ],
    ids=["empty", "binary", "mixed-encodings"],
)
def test_bad_text_is_one_line_and_exit_2(tmp_path, content, message):
    path = tmp_path / "t.txt"
    path.write_bytes(content)
    run = _run("factcheck", str(path))
    assert run.returncode == 2 and run.stdout == "" and len(run.stderr.splitlines()) == 1
    assert run.stderr.startswith(f"poppy factcheck: {path}: ") and message in run.stderr


def test_a_fifo_and_a_huge_text_are_refused_unread(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert _run("factcheck", str(fifo)).stderr == f"poppy factcheck: {fifo}: not a regular file\n"
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(6_000_000)
    run = _run("factcheck", str(big))
    assert run.returncode == 2 and "poppy reads texts of up to 5,000,000 bytes" in run.stderr


def test_percent_change_rows_are_judged_by_their_percentage():
    frames = poppy.load_all()
    result = factcheck(
        frames,
        "Opium poppy cultivation in Afghanistan fell by 50 per cent from 2022 to 2023.",
        _claims_resource(),
        said="2023-11-05",
    )
    check = result.checks[0]
    area = frames.cultivation.set_index("year")["value"]
    assert check.verdict == "not_supported"
    assert check.figures["percent"] == pytest.approx(100 * (area[2023] / area[2022] - 1))
    assert pd.isna(result.rows["stated_start"].replace("", None).iloc[0])


def test_records_of_two_series_in_one_year_are_no_repeats():
    result = factcheck(
        poppy.load_all(),
        "Opium cultivation in Afghanistan reached a record in 2017. Opium production in Afghanistan"
        " also reached a record in 2017. Opium cultivation in Afghanistan was a record in 2017.",
        _claims_resource(),
        said="2018-06-26",
    )
    assert [(c.claim_id, c.verdict) for c in result.checks] == [("s1", "accurate"), ("s2", "accurate")]
    assert [(r.claim_id, r.reason) for r in result.review] == [("s3", "repeats s1")]
