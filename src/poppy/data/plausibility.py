"""Checks across tables: no part larger than its whole in the same year.

A country's (or a group's) opium area or production above the world total of the same year,
or a country's coca area above the world's, is refused with both rows named: one of the two
figures is mistyped or belongs to another year or unit. So is a year whose Afghan provinces
add up to more than Afghanistan's area (beyond UNODC's rounding of the national figure).
Shares above 100 are refused by the schema itself (``maximum: 100``).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from poppy.errors import Problem

#: Where each table keeps its area, and how its measure names map to the claim measures.
#: table -> (area column or fixed area, measure column or fixed measure)
PARTS: dict[str, tuple[str, str]] = {
    "afghanistan_opium": ("=Afghanistan", "measure"),
    "global_opium": ("=World", "measure"),
    "coca": ("country", "=coca_cultivation"),
    "supplementary": ("area", "measure"),
}
#: supplementary.csv names its opium measures apart from the coca ones.
MEASURES = {"opium_cultivation": "cultivation", "opium_production": "production"}


def _column(frame: pd.DataFrame, spec: str) -> pd.Series:
    return pd.Series(spec[1:], index=frame.index) if spec.startswith("=") else frame[spec].astype(str)


def _tidy(frames: dict[str, tuple[pd.DataFrame, Any, str]]) -> pd.DataFrame:
    """One row per value: area, year, measure, value, and the file and line that hold it."""
    parts = []
    for name, (area, measure) in PARTS.items():
        if name not in frames:
            continue
        frame, lines, display = frames[name]
        parts.append(
            pd.DataFrame(
                {
                    "area": _column(frame, area),
                    "year": pd.to_numeric(frame["year"], errors="coerce"),
                    "measure": _column(frame, measure).replace(MEASURES),
                    "value": pd.to_numeric(frame["value"], errors="coerce"),
                    "file": display,
                    "line": list(lines),
                }
            )
        )
    return pd.concat(parts, ignore_index=True).dropna(subset=["year", "value"]) if parts else pd.DataFrame()


def problems(frames: dict[str, tuple[pd.DataFrame, Any, str]]) -> list[Problem]:
    """Every part above its whole: (frame, lines, display) by resource -> one Problem each."""
    tidy = _tidy(frames)
    if tidy.empty:
        return []
    return above_the_world(tidy) + provinces_above_country(tidy, frames)


def above_the_world(tidy: pd.DataFrame) -> list[Problem]:
    """A Problem for each value larger than the world total of its measure and year."""
    world = tidy[tidy["area"] == "World"].drop_duplicates(["year", "measure"])
    joined = tidy[tidy["area"] != "World"].merge(
        world, on=["year", "measure"], suffixes=("", "_world"), validate="many_to_one"
    )
    problems = []
    for r in joined[joined["value"] > joined["value_world"]].itertuples():
        message = (
            f"{r.area} {r.measure} {int(r.year)} ({r.value:,.0f}) is above the world total "
            f"of that year ({r.value_world:,.0f}, {r.file_world} line {r.line_world})"
        )
        problems.append(Problem(r.file, int(r.line), "value", None, "above-world-total", message))
    return problems


#: UNODC rounds the national area (209,000 ha) while its province table adds up unrounded
#: (209,450 ha): a province sum may exceed the national figure by this share before it is refused.
ROUNDING = 0.005


def provinces_above_country(
    tidy: pd.DataFrame, frames: dict[str, tuple[pd.DataFrame, Any, str]]
) -> list[Problem]:
    """A Problem for each year whose Afghan province areas add up to more than Afghanistan's."""
    if "provinces" not in frames:
        return []
    names = set(frames["provinces"][0]["province"].astype(str))
    parts = tidy[tidy["area"].isin(names) & (tidy["measure"] == "cultivation")]
    country = tidy[(tidy["area"] == "Afghanistan") & (tidy["measure"] == "cultivation")]
    sums = parts.groupby("year").agg(total=("value", "sum"), file=("file", "first"), line=("line", "min"))
    national = country.set_index("year")[["value", "file", "line"]].add_suffix("_country")
    joined = sums.join(national, how="inner")
    problems = []
    for year, r in joined[joined["total"] > joined["value_country"] * (1 + ROUNDING)].iterrows():
        message = (
            f"the Afghan provinces' cultivation in {int(year)} adds up to {r.total:,.0f} ha, above "
            f"Afghanistan's {r.value_country:,.0f} ha ({r.file_country} line {int(r.line_country)})"
        )
        problems.append(Problem(r.file, int(r.line), "value", None, "provinces-above-country", message))
    return problems
