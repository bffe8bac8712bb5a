"""Metrics: exact values worked out by hand from the data files, and clear missing-year errors."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import poppy
from poppy.checks import metrics
from poppy.errors import MissingYearError


@pytest.fixture(scope="module")
def cult() -> pd.DataFrame:
    return poppy.load_cultivation()


def test_change_2007_to_2013(cult):
    ch = metrics.change(cult, 2007, 2013)
    assert (ch.start, ch.end, ch.unit, ch.years) == (193_000, 209_000, "ha", 6)
    assert ch.absolute == 16_000  # 209,000 - 193,000
    assert ch.ratio == pytest.approx(1.0829, abs=1e-4)  # 209,000 / 193,000 = 1.0829
    assert ch.percent == pytest.approx(8.29, abs=0.01)
    assert ch.cagr == pytest.approx(1.336, abs=0.001)  # 1.0829 ** (1/6) = 1.01336


def test_change_2008_to_2013(cult):
    assert metrics.change(cult, 2008, 2013).percent == pytest.approx(
        33.12, abs=0.01
    )  # 209,000 / 157,000 = 1.3312


def test_share_of_world_opium_2013():
    s = metrics.share(5_500, 6_883, "t")
    assert s.percent == pytest.approx(79.91, abs=0.01)  # 5,500 / 6,883 = 0.7991


def test_share_rejects_a_part_bigger_than_the_total():
    with pytest.raises(ValueError, match="cannot take a share"):
        metrics.share(7_000, 6_883)


def test_baseline_sensitivity_carries_the_2013_range(cult):
    table = metrics.baseline_sensitivity(cult, 2013, [2001, ("rounded 2001", 8_000), 2000]).set_index(
        "baseline"
    )
    assert table.loc["2001", "ratio"] == pytest.approx(27.478, abs=1e-3)  # 209,000 / 7,606 = 27.478
    assert table.loc["rounded 2001", "ratio"] == pytest.approx(26.125)  # 209,000 / 8,000 = 26.125
    assert table.loc["2000", "ratio"] == pytest.approx(2.5435, abs=1e-4)  # 209,000 / 82,171 = 2.5435
    assert table.loc["2001", "ratio_low"] == pytest.approx(22.745, abs=1e-3)  # 173,000 / 7,606 = 22.745
    assert table.loc["2001", "ratio_high"] == pytest.approx(31.291, abs=1e-3)  # 238,000 / 7,606 = 31.291
    assert pd.isna(table.loc["rounded 2001", "baseline_year"])
    assert table.attrs["unit"] == "ha" and table.attrs["end_year"] == 2013


def test_no_range_gives_nan_bounds(cult):
    table = metrics.baseline_sensitivity(cult, 2007, [2001])
    assert math.isnan(table["ratio_low"].iloc[0])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c: metrics.value_at(c, 1990),
            "has no row for 1990 (years: 1994-2025; nearest: 1994; the series starts in 1994)",
        ),
        (lambda c: metrics.value_at(c, 1995), "has no verified value for 1995"),
        (lambda c: metrics.change(c, 1995, 2013), "has no verified value for 1995"),
        (lambda c: metrics.path_between(c, 1994, 1997), "has no verified value for 1995"),
        (lambda c: metrics.baseline_sensitivity(c, 2030, [2001]), "has no row for 2030"),
    ],
)
def test_missing_years_name_the_series_and_year(cult, call, message):
    with pytest.raises(MissingYearError) as info:
        call(cult)
    assert "afghanistan_opium (cultivation)" in str(info.value)
    assert message in str(info.value)
    assert isinstance(info.value, poppy.PoppyError)


def test_mixed_measures_are_refused():
    with pytest.raises(ValueError, match="mixes measures"):
        metrics.value_at(poppy.load_afghanistan(), 2013)


def test_path_between_shows_the_dip(cult):
    path = metrics.path_between(cult, 2007, 2013)
    assert path["year"].tolist() == list(range(2007, 2014))
    assert path["value"].min() == 123_000
    assert path.loc[path["value"] == 123_000, "year"].tolist() == [2009, 2010]
