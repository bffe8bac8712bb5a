"""Every new series can be checked: a sample of each, with the figure as the document states it.

The expected figures are typed from the documents' own words (quoted beside each), not read
from data/: a row that drifted from its document fails here. Each statement goes through
``poppy check`` as a user types it.
"""

from __future__ import annotations

import pytest

from tests.test_hostile import run

#: (area, measure, year, figure as stated, unit, the document's words)
SAMPLES = [
    ("Myanmar", "cultivation", 2023, "47100", "ha", "SEAOS 2023: 'an estimated 47,100 ha'"),
    ("Myanmar", "production", 2023, "1080", "t", "UNODC, Dec 2023: 'At 1,080 metric tons today'"),
    ("Lao PDR", "cultivation", 2012, "6800", "ha", "SEAOS 2012 fact sheet: 6,800 ha"),
    ("Mexico", "production", 2017, "586", "t", "WDR 2019: '586 tonnes ... July 2016 and June 2017'"),
    ("Afghanistan", "cultivation", 2025, "10200", "ha", "UNODC, Nov 2025: 'estimated at 10,200 hectares'"),
    (
        "Afghanistan",
        "eradication",
        2016,
        "355",
        "ha",
        "AOS 2016: 'A total of 355 hectares of poppy eradication'",
    ),
    (
        "Afghanistan",
        "farmgate_price",
        2024,
        "730",
        "usd_per_kg",
        "UNODC ROCA: 'around $730 per kg in June 2024'",
    ),
    ("World", "coca_cultivation", 2022, "355000", "ha", "WDR 2024: 'increased by 12% to 355,000 hectares'"),
    ("World", "cocaine_production", 2023, "3708", "t", "WDR 2025: 'se disparó a 3708 toneladas'"),
    (
        "Colombia",
        "cocaine_production",
        2023,
        "2664",
        "t",
        "SIMCI 2023: 'cocaína pura llegó a las 2.664 toneladas'",
    ),
    ("Hilmand", "cultivation", 2013, "100693", "ha", "AOS 2020 district annex, Hilmand Total 2013: 100,693"),
    (
        "Badakhshan",
        "cultivation",
        2020,
        "6395",
        "ha",
        "AOS 2020 district annex, Badakhshan Total 2020: 6,395",
    ),
]


@pytest.mark.parametrize(
    ("area", "measure", "year", "stated", "unit", "words"), SAMPLES, ids=[f"{s[0]}-{s[1]}" for s in SAMPLES]
)
def test_a_figure_as_the_document_states_it_is_accurate(area, measure, year, stated, unit, words):
    code, out, err = run(
        "check", "--area", area, "--measure", measure, "--to", str(year), "--stated", stated, "--unit", unit
    )
    assert code == 0, err
    assert ": ACCURATE" in out, out


def test_a_range_only_figure_is_judged_against_its_range():
    # AOS 2023: 'could be converted into 24-38 tons heroin of export quality'
    ok = run("check", "--measure", "heroin_production", "--to", "2023", "--stated", "30", "--kind", "level")
    assert ok[0] == 0 and ": ACCURATE" in ok[1], ok


@pytest.mark.parametrize(
    ("argv", "verdict"),
    [
        # Myanmar overtook Afghanistan in 2023 (UNODC: 'Myanmar now stands as the world's largest source')
        (("--area", "Myanmar", "--measure", "production", "--to", "2023", "--kind", "rank"), "ACCURATE"),
        (
            ("--area", "Afghanistan", "--measure", "production", "--to", "2023", "--kind", "rank"),
            "NOT SUPPORTED",
        ),
        # farm-gate price 2023 -> 2024 (408 -> 730 US$/kg): 'nearly doubled', not tripled
        (("--measure", "farmgate_price", "--from", "2023", "--to", "2024", "--ratio", "3"), "OVERSTATED"),
    ],
    ids=["myanmar-largest", "afghanistan-not-largest", "price-not-tripled"],
)
def test_rank_and_ratio_claims_on_the_new_series(argv, verdict):
    code, out, err = run("check", *argv)
    assert code == 0, err
    assert f": {verdict}" in out, out


def test_a_value_without_a_range_is_shown_without_one():
    out = run("check", "--area", "Myanmar", "--measure", "production", "--to", "2023", "--stated", "1080")[1]
    assert "UNODC data: opium output (Myanmar) 2023: 1,080\u00a0t\n" in out
    assert "(range" not in out


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--measure", "opium"), "--measure: must be one or more of cultivation, production, eradication"),
        (
            ("--area", "Narnia"),
            "no cultivation figures for Narnia (areas with data: cultivation: Afghanistan",
        ),
        (
            ("--area", "Hilmand", "--to", "2023"),
            "has no row for 2023 (years: 2006-2020; nearest: 2020; the series ends in 2020)",
        ),
    ],
    ids=["measure", "area", "year"],
)
def test_an_unknown_measure_area_or_year_is_one_clear_line(argv, words):
    code, out, err = run("check", "--to", "2013", "--stated", "1", *argv)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1, err
    assert words in err and "^(" not in err
