"""poppy extract: candidate claim rows from a new text, by rules, in English and Russian."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

from poppy.checks.extract import extract, parse_number
from tests.conftest import ROOT

RELEASE = ROOT.parent / "shared" / "sources" / "fdcs-press-release-2014-02-25.txt"
COLUMNS = [
    "metric",
    "area",
    "measure",
    "start_year",
    "end_year",
    "stated_start",
    "stated_end",
    "stated_value",
    "stated_unit",
    "qualifier",
    "stated_span_years",
    "period_event_id",
]


def _rows(frame: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Each row's sentence start -> its resolved columns."""
    return {q[:30]: tuple(r) for q, r in zip(frame["quote"], frame[COLUMNS].to_numpy(), strict=True)}


@pytest.mark.parametrize(
    ("text", "value"),
    [("209,000", 209000), ("209 000", 209000), ("209\u00a0000", 209000), ("27,5", 27.5), ("79.9", 79.9)],
)
def test_numbers_in_both_languages_formats(text, value):
    assert parse_number(text) == value


def test_thousands_words():
    assert parse_number("193", "thousand") == parse_number("193", "тыс.") == 193000


@pytest.mark.skipif(not RELEASE.is_file(), reason="the shared release is not next to the project")
def test_the_release_gives_every_checkable_statement():
    rows = extract(RELEASE.read_text(encoding="utf-8"))
    got = _rows(rows[rows["metric"] != ""])
    assert got == {
        "Participants discussed measure": (
            "rank",
            "Afghanistan;Colombia;Peru;Bolivia",
            "coca_cultivation;cultivation",
            "",
            "",
            "",
            "",
            "",
            "rank",
            "exact",
            "",
            "",
        ),
        "Victor Ivanov analyzed the dru": (
            "share",
            "Afghanistan",
            "heroin_production",
            "",
            "",
            "",
            "",
            "80",
            "percent",
            "more_than",
            "",
            "",
        ),
        "Dynamic of drug production in ": (
            "trend",
            "Afghanistan",
            "production",
            "",
            "",
            "",
            "",
            "",
            "rise",
            "only",
            "10",
            "",
        ),
        "According to the UNODC, in the": (
            "change",
            "Afghanistan",
            "cultivation",
            "2007",
            "2013",
            "193000",
            "209000",
            "",
            "ha",
            "",
            "5",
            "",
        ),
        "And during the deployment of t": (
            "ratio",
            "Afghanistan",
            "cultivation",
            "",
            "",
            "",
            "",
            "26",
            "times",
            "exact",
            "",
            "isaf",
        ),
        "The key decisions on the drug ": (
            "target",
            "",
            "",
            "1998",
            "",
            "",
            "",
            "",
            "none",
            "not_met",
            "",
            "ungass-1998",
        ),
        "The participants noted that th": (
            "rank",
            "Afghanistan;Colombia;Peru;Bolivia",
            "cultivation",
            "",
            "",
            "",
            "",
            "",
            "rank",
            "exact",
            "",
            "",
        ),
    }
    notes = dict(zip(rows["quote"].str[:30], rows["note"], strict=True))
    assert notes["And during the deployment of t"] == (
        "TO REVIEW: series and area taken from the sentence before; fill speaker, date, source_id, end_year"
    )
    assert notes["The key decisions on the drug "] == (
        "TO REVIEW: fill speaker, date, source_id, area, measure, end_year"
    )
    unmatched = rows[rows["metric"] == ""]
    assert len(unmatched) == 4  # years of meetings (2014, 2010) and the ISAF withdrawal date: no series
    assert set(unmatched["note"]) == {"UNMATCHED: the figures match no series in the data"}


def test_a_russian_text():
    rows = extract(
        (ROOT / "tests" / "texts" / "fskn_style_ru.txt").read_text(encoding="utf-8"),
        "ru",
        speaker="В. Иванов",
        date="2014-02-25",
        source_id="fskn-2014-02-25",
    )
    assert _rows(rows) == {
        "По данным УНП ООН, за последни": (
            "change",
            "Afghanistan",
            "cultivation",
            "2007",
            "2013",
            "193000",
            "209000",
            "",
            "ha",
            "",
            "5",
            "",
        ),
        "За время присутствия МССБ она ": (
            "ratio",
            "Afghanistan",
            "cultivation",
            "",
            "",
            "",
            "",
            "26",
            "times",
            "exact",
            "",
            "isaf",
        ),
        "Афганистан по-прежнему произво": (
            "share",
            "Afghanistan",
            "heroin_production",
            "",
            "",
            "",
            "",
            "80",
            "percent",
            "more_than",
            "",
            "",
        ),
        "Производство опиума в Афганист": (
            "level",
            "Afghanistan",
            "production",
            "",
            "2013",
            "",
            "",
            "5500",
            "t",
            "exact",
            "",
            "",
        ),
        "В совещании приняли участие пр": ("level", "", "", "", "2013", "", "", "12", "t", "exact", "", ""),
    }
    assert (
        list(rows["note"])[1]
        == "ПРОВЕРИТЬ: ряд и страна взяты из предыдущего предложения; заполнить end_year"
    )
    assert list(rows["note"])[-1] == "НЕ СОПОСТАВЛЕНО: цифры не относятся ни к одному ряду данных"


def test_a_text_without_figures_gives_nothing():
    assert extract("The meeting was useful. Участники обсудили сотрудничество.").empty


def test_extract_cli_writes_csv_that_reads_back(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("Production reached 5,500 tonnes of opium in Afghanistan in 2013.", encoding="utf-8")
    out = tmp_path / "rows.csv"
    run = subprocess.run(
        [sys.executable, "-m", "poppy", "extract", str(text), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0 and run.stderr == "poppy extract: 1 sentence(s) with figures, 0 unmatched\n"
    row = pd.read_csv(out, dtype=str, keep_default_na=False).iloc[0]
    assert (row["metric"], row["measure"], row["end_year"], row["stated_value"]) == (
        "level",
        "production",
        "2013",
        "5500",
    )
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe 209 000")
    bad = subprocess.run(
        [sys.executable, "-m", "poppy", "extract", str(tmp_path / "bad.txt")], capture_output=True, text=True
    )
    assert bad.returncode == 2 and bad.stderr.startswith("poppy extract: ") and "not UTF-8" in bad.stderr
    assert "Traceback" not in bad.stderr and bad.stdout == ""


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("The area grew 26-fold under ISAF.", (26.0, "times", "exact")),
        ("Площадь выросла в 26 раз.", (26.0, "times", "exact")),
        ("Около 6 883 т опиума.", (6883.0, "t", "about")),
        ("Свыше 80 процентов героина.", (80.0, "percent", "more_than")),
    ],
)
def test_figures_with_their_unit_and_qualifier(sentence, figure):
    from poppy.checks.extract import find

    assert find(sentence).figures == [figure]


def test_extract_refuses_control_characters_and_anything_but_a_regular_file(tmp_path):
    def run(path):
        return subprocess.run(
            [sys.executable, "-m", "poppy", "extract", str(path)], capture_output=True, text=True, timeout=30
        )

    text = tmp_path / "escape.txt"
    text.write_text("Area 209,000 ha in 2013.\nPoppy area grew 26 times\x1b[31m by 2013.\n", encoding="utf-8")
    bad = run(text)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == f"poppy extract: {text}: line 2: contains U+001B, a control character\n"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    blocked = run(fifo)  # would wait for a writer forever if it were opened
    assert blocked.returncode == 2 and blocked.stderr == f"poppy extract: {fifo}: not a regular file\n"
