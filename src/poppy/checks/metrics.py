"""Small pure computations on a tidy series frame (columns year, value and optionally low/high).

Results are frozen dataclasses that keep their units. A year the series lacks, or holds
without a verified value, raises MissingYearError naming the series and the year:
nothing is ever interpolated.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from poppy.errors import MissingYearError, SeriesError


def series_name(frame: pd.DataFrame) -> str:
    """Human name of a loaded series, e.g. 'afghanistan_opium (cultivation)'."""
    name = frame.attrs.get("name", "series")
    if "measure" in frame.columns and frame["measure"].nunique() == 1:
        name += f" ({frame['measure'].iloc[0]})"
    return name


def _unit(frame: pd.DataFrame) -> str:
    if "unit" in frame.columns and frame["unit"].nunique() == 1:
        return str(frame["unit"].iloc[0])
    return frame.attrs.get("units", {}).get("value", "")


def _row(frame: pd.DataFrame, year: int) -> pd.Series:
    if "measure" in frame.columns and frame["measure"].nunique() > 1:
        raise SeriesError(f"{series_name(frame)} mixes measures; select one (e.g. load_cultivation())")
    rows = frame[frame["year"] == year]
    if rows.empty:
        raise MissingYearError(f"{series_name(frame)} has no row for {year} ({_coverage(frame, year)})")
    return rows.iloc[0]


def _coverage(frame: pd.DataFrame, year: int) -> str:
    """'years: 1994-2024; nearest: 2024; the series ends in 2024' for a year a series lacks."""
    years = sorted(int(y) for y in frame["year"].unique())
    if not years:
        return "years: none"
    gap = min(abs(y - year) for y in years)
    nearest = ", ".join(str(y) for y in years if abs(y - year) == gap)
    where = f"ends in {years[-1]}" if year > years[-1] else f"starts in {years[0]}" if year < years[0] else ""
    return f"years: {years[0]}-{years[-1]}; nearest: {nearest}" + (f"; the series {where}" if where else "")


def row_at(frame: pd.DataFrame, year: int) -> pd.Series:
    """The row of ``year`` (all columns); MissingYearError when the series has no such year."""
    return _row(frame, year)


def value_at(frame: pd.DataFrame, year: int, column: str = "value") -> float:
    """The ``column`` value of ``year``; MissingYearError when the year or its value is missing."""
    value = _row(frame, year)[column]
    if pd.isna(value):
        raise MissingYearError(f"{series_name(frame)} has no verified {column} for {year}")
    return float(value)


def range_at(frame: pd.DataFrame, year: int) -> tuple[float, float] | None:
    """(low, high) of ``year`` where the source gives a range, else None."""
    row = _row(frame, year)
    if "low" not in row or pd.isna(row["low"]) or pd.isna(row["high"]):
        return None
    return float(row["low"]), float(row["high"])


@dataclass(frozen=True)
class Change:
    """Change of a series between two years; ``unit`` applies to start, end and absolute."""

    series: str
    unit: str
    start_year: int
    end_year: int
    start: float
    end: float

    @property
    def absolute(self) -> float:
        """The difference end - start, in ``unit``."""
        return self.end - self.start

    @property
    def percent(self) -> float:
        """Percentage change from start to end."""
        return (self.end / self.start - 1) * 100

    @property
    def ratio(self) -> float:
        """The multiple end / start (2.0 means 'twice')."""
        return self.end / self.start

    @property
    def years(self) -> int:
        """Years elapsed between the two harvests."""
        return self.end_year - self.start_year

    @property
    def cagr(self) -> float:
        """Compound annual growth rate over the period, percent per year."""
        return (self.ratio ** (1 / self.years) - 1) * 100 if self.years else math.nan


def change(frame: pd.DataFrame, start_year: int, end_year: int) -> Change:
    """Change of the series in ``frame`` from ``start_year`` to ``end_year``."""
    return Change(
        series_name(frame),
        _unit(frame),
        start_year,
        end_year,
        value_at(frame, start_year),
        value_at(frame, end_year),
    )


def cagr(frame: pd.DataFrame, start_year: int, end_year: int) -> float:
    """Compound annual growth rate between two years, percent per year."""
    return change(frame, start_year, end_year).cagr


@dataclass(frozen=True)
class Share:
    """``part`` as a share of ``total`` (both in ``unit``)."""

    part: float
    total: float
    unit: str

    @property
    def percent(self) -> float:
        """The share part / total x 100 (percent)."""
        return self.part / self.total * 100


def share(part: float, total: float, unit: str = "") -> Share:
    """Share of a total; ValueError when the part exceeds the total or the total is not positive."""
    if total <= 0 or part < 0 or part > total:
        raise SeriesError(f"cannot take a share of {part} in a total of {total}")
    return Share(part, total, unit)


def path_between(frame: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """Rows from ``start_year`` to ``end_year`` (inclusive); MissingYearError on a gap."""
    rows = frame[frame["year"].between(start_year, end_year)].sort_values("year")
    missing = sorted(set(range(start_year, end_year + 1)) - set(rows.dropna(subset=["value"])["year"]))
    if missing:
        raise MissingYearError(
            f"{series_name(frame)} has no verified value for {', '.join(map(str, missing))}"
        )
    return rows.reset_index(drop=True)


def baseline_sensitivity(
    frame: pd.DataFrame, end_year: int, baselines: Iterable[int | tuple[str, float]]
) -> pd.DataFrame:
    """``end_year`` against several baselines, with the end year's low/high carried through.

    ``baselines`` holds years of ``frame`` or (label, value) pairs for figures from
    elsewhere (e.g. the rounded 8,000 ha). Columns: baseline (label), baseline_year
    (Int64, NA for a pair), baseline_value, end_value (same unit), ratio, ratio_low,
    ratio_high (end low / baseline and end high / baseline; NaN without a range).
    """
    end = value_at(frame, end_year)
    rng = range_at(frame, end_year) or (math.nan, math.nan)
    rows = []
    for base in baselines:
        if isinstance(base, tuple):
            label, value, year = base[0], float(base[1]), pd.NA
        else:
            label, value, year = str(base), value_at(frame, base), base
        rows.append(
            {
                "baseline": label,
                "baseline_year": year,
                "baseline_value": value,
                "end_value": end,
                "ratio": end / value,
                "ratio_low": rng[0] / value,
                "ratio_high": rng[1] / value,
            }
        )
    out = pd.DataFrame(rows).astype({"baseline_year": "Int64"})
    out.attrs = {**frame.attrs, "end_year": end_year, "unit": _unit(frame)}
    return out


def world_share(afghan: pd.DataFrame, world: pd.DataFrame) -> pd.DataFrame:
    """Afghanistan's share of the world total, computed for every year both frames have.

    ``afghan`` is one measure of the Afghan series (e.g. load_production()), ``world`` the
    global totals (load_global()). Columns: year, afghan, world (same unit), share_pct
    (percent), source_id (Afghan value), world_source_id.
    """
    measure = afghan["measure"].iloc[0]
    totals = world[world["measure"] == measure][["year", "value", "source_id"]]
    both = afghan.dropna(subset=["value"])[["year", "value", "source_id"]].merge(
        totals, on="year", suffixes=("", "_world")
    )
    out = pd.DataFrame(
        {
            "year": both["year"],
            "afghan": both["value"],
            "world": both["value_world"],
            "share_pct": both["value"] / both["value_world"] * 100,
            "source_id": both["source_id"],
            "world_source_id": both["source_id_world"],
        }
    )
    out.attrs = {**afghan.attrs, "unit": _unit(afghan)}
    return out.sort_values("year").reset_index(drop=True)
