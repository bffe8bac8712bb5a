"""poppy check: one statement given as options, checked like a claims.csv row, in every format."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest


def _check(*args):
    return subprocess.run([sys.executable, "-m", "poppy", "check", *args], capture_output=True, text=True)


ISAF = [
    "--area",
    "Afghanistan",
    "--measure",
    "cultivation",
    "--to",
    "2013",
    "--ratio",
    "26",
    "--during",
    "isaf",
]
FIELDS = [
    "--measure",
    "cultivation",
    "--from",
    "2007",
    "--to",
    "2013",
    "--stated",
    "193000,209000",
    "--span",
    "5",
]


def test_check_ratio_during_an_event_gives_the_claims_verdict_and_baselines():
    record = json.loads(_check(*ISAF, "--format", "json").stdout)[0]
    assert record["verdict_id"] == "accurate_but_misleading"
    assert record["figures"]["ratio_2001"] == pytest.approx(27.48, abs=0.01)  # 209,000 / 7,606
    assert record["figures"]["baseline_2001_rounded"] == 8000  # 209,000 / 8,000 = 26.1
    assert record["figures"]["ratio_low"] == pytest.approx(22.7, abs=0.05)  # 173,000 / 7,606


def test_check_change_in_russian_csv():
    out = _check(*FIELDS, "--lang", "ru", "--format", "csv").stdout
    row = pd.read_csv(io.StringIO(out), dtype=str).iloc[0]
    assert row["verdict"] == "Верно, но вводит в заблуждение"
    assert "+8,3%" in row["computed"] and "за 6 лет" in row["computed"]


def test_check_plain_ratio_and_level_in_text_and_markdown():
    text = _check("--from", "2002", "--to", "2013", "--ratio", "3").stdout
    assert "ACCURATE" in text and "2.8×" in text  # 209,000 / 74,100 = 2.82
    md = _check(
        "--area",
        "World",
        "--measure",
        "coca_cultivation",
        "--to",
        "2013",
        "--stated",
        "150000",
        "--quote",
        "Coca covered 150,000 ha in 2013.",
        "--format",
        "markdown",
    ).stdout
    assert "**Not supported by UNODC data**" in md and "> Coca covered 150,000 ha in 2013." in md


def test_check_claimreview():
    out = _check(
        *ISAF,
        "--format",
        "claimreview",
        "--url",
        "https://example.org/c",
        "--date",
        "2014-03-01",
        "--publisher",
        "Example",
        "--publisher-url",
        "https://example.org",
        "--quote",
        "26 times.",
        "--speaker",
        "Victor Ivanov (FSKN)",
    )
    assert out.returncode == 0, out.stderr
    review = json.loads(out.stdout)[0]
    assert review["reviewRating"]["ratingValue"] == 3
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "FSKN",
        "employee": {"@type": "Person", "name": "Victor Ivanov"},
    }
    assert review["itemReviewed"]["appearance"] == {
        "@type": "CreativeWork",
        "text": "26 times.",
        "datePublished": "2014-02-25",
    }


def test_check_rejects_bad_options_one_line_each():
    result = _check("--to", "2013", "--ratio", "x", "--during", "nope")  # argparse: the first bad option
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == ["poppy check: argument --ratio: must be a number above 0, got 'x'"]
    result = _check("--to", "2013", "--stated", "x", "--during", "nope")  # the claim row: every problem
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "poppy check: --stated/--ratio/--share: must be a finite number (plain ASCII digits, '.' decimal, "
        "no thousands separator, no '+', no leading zeros, smaller than 9,007,199,254,740,992) (got 'x')",
        "poppy check: --during: does not resolve in events.event_id (got 'nope')",
    ]
    result = _check("--share", "20", "--to", "2013", "--area", "Myanmar")  # not judged wrongly: refused
    assert result.returncode == 2 and result.stderr.splitlines() == [
        "poppy check: --area: a share claim can be checked only for Afghanistan (got 'Myanmar')",
        "poppy check: --measure: a share claim can be checked only for heroin_production (got 'cultivation')",
        "poppy check: --qualifier: a share claim can be checked only for more_than (got '')",
    ]
    share = ["--share", "80", "--measure", "heroin_production", "--qualifier", "more_than"]
    result = _check(*share, "--to", "2016")  # no world area for 2016 in global_opium.csv
    assert result.returncode == 2 and result.stderr.startswith(
        "poppy check: the share claim adhoc cannot be checked: the data have no value for"
    )
    for bad, line in [
        (["--to", "2013", "--ratio", "26"], "poppy check: --from: a ratio claim needs it"),
        (["--from", "2013", "--to", "2007", "--stated", "1,2"], "poppy check: --from: must not be after"),
        (["--to", "2013", "--stated", "1,2,3"], "poppy check: --stated: one figure, or two"),
        (["--from", "2003", "--to", "2013", "--kind", "trend"], "poppy check: --unit: value is required"),
        (
            ["--from", "2003", "--to", "2013", "--kind", "trend", "--unit", "rise", "--area", "Mars"],
            "poppy check: --area: no cultivation figures for Mars (areas with data: cultivation: ",
        ),
    ]:
        result = _check(*bad)
        assert result.returncode == 2 and result.stderr.startswith(line), (bad, result.stderr)
    result = _check("--from", "2007", "--stated", "193000,209000")
    assert result.returncode == 2 and result.stderr.strip() == "poppy check: --to: a change claim needs it"


def test_an_adhoc_check_is_titled_without_an_empty_source():
    out = _check("--measure", "cultivation", "--from", "2007", "--to", "2013", "--stated", "193000,209000")
    assert out.stdout.splitlines()[0] == "Statement checked against UNODC data"
    ru = _check(
        "--measure",
        "cultivation",
        "--to",
        "2013",
        "--stated",
        "209000",
        "--lang",
        "ru",
        "--format",
        "markdown",
    )
    assert ru.stdout.startswith("# Заявление в сравнении с данными УНП\u00a0ООН\n")
