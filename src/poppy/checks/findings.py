"""The headline facts of the pack, each computed once from the data.

Charts, the briefing, the workbook and the site read these instead of computing the
peak, the ban drops or Colombia's low again, so one fact has one value everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from poppy.checks import metrics
from poppy.checks.claim_rows import series
from poppy.data.frames import Frames


@dataclass(frozen=True)
class Fact:
    """One fact: ``value`` in ``unit`` for ``year``, the numbers its sentences need, its sources."""

    fact_id: str
    year: int
    value: float
    unit: str
    fields: dict[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()


def _latest(frame: pd.DataFrame) -> pd.Series:
    return frame.dropna(subset=["value"]).sort_values("year").iloc[-1]


def _fact(fact_id: str, year: Any, value: Any, unit: str, fields: dict[str, Any], sources: list) -> Fact:
    return Fact(fact_id, int(year), float(value), unit, fields, tuple(dict.fromkeys(map(str, sources))))


def latest_area(f: Frames) -> Fact:
    """Latest Afghan cultivation (ha) and its change on the year before (%)."""
    row = _latest(f.cultivation)
    prev = metrics.change(f.cultivation, int(row["year"]) - 1, int(row["year"]))
    fields = {"year": int(row["year"]), "value": row["value"], "pct": prev.percent, "prev": prev.start_year}
    return _fact("latest_area", row["year"], row["value"], "ha", fields, [row["source_id"]])


def peak_area(f: Frames) -> Fact:
    """Largest Afghan cultivation of the series (ha) and the first year of the series."""
    valid = f.cultivation.dropna(subset=["value"])
    row = valid.loc[valid["value"].idxmax()]
    fields = {"year": int(row["year"]), "value": row["value"], "first": int(valid["year"].min())}
    return _fact("peak_area", row["year"], row["value"], "ha", fields, [row["source_id"]])


def bans(f: Frames) -> list[Fact]:
    """Each ban of events.csv (kind 'ban', in date order) as the change it made (ha, %).

    The area in its harvest year against the year before; ``ordinal`` is its place in the
    order (1 = first ban).
    """
    out = []
    events = f.events[f.events["kind"] == "ban"].sort_values("start_date")
    for n, (_, ev) in enumerate(events.iterrows(), 1):
        year = int(ev["harvest_year"])
        ch = metrics.change(f.cultivation, year - 1, year)
        rows = f.cultivation[f.cultivation["year"].isin([year - 1, year])]
        fields = {"year": year, "prev": year - 1, "a": ch.start, "b": ch.end, "pct": ch.percent, "ordinal": n}
        out.append(_fact(f"ban_{n}", year, ch.end, "ha", fields, [*rows["source_id"], ev["source_id"]]))
    return out


def claim_years(f: Frames) -> Fact:
    """The Afghan cultivation at the two years of the first 'change' claim, with the end year's range."""
    claim = f.claims.query("metric == 'change' and measure == 'cultivation'").iloc[0]
    start, end = int(claim["start_year"]), int(claim["end_year"])
    ch = metrics.change(f.cultivation, start, end)
    low, high = metrics.range_at(f.cultivation, end) or (float("nan"), float("nan"))
    rows = f.cultivation[f.cultivation["year"].isin([start, end])]
    fields = {"a": ch.start, "b": ch.end, "low": low, "high": high, "pct": ch.percent, "years": ch.years}
    fields |= {"start": start, "end": end}
    return _fact("claim_years", end, ch.end, "ha", fields, list(rows["source_id"]))


def latest_production(f: Frames) -> Fact:
    """Latest Afghan potential opium production (t)."""
    row = _latest(f.production)
    fields = {"year": int(row["year"]), "value": row["value"]}
    return _fact("latest_production", row["year"], row["value"], "t", fields, [row["source_id"]])


def peak_production(f: Frames) -> Fact:
    """Largest Afghan potential opium production of the series (t)."""
    valid = f.production.dropna(subset=["value"])
    row = valid.loc[valid["value"].idxmax()]
    fields = {"year": int(row["year"]), "value": row["value"]}
    return _fact("peak_production", row["year"], row["value"], "t", fields, [row["source_id"]])


def world_share(f: Frames) -> Fact:
    """Afghanistan's share of world opium production (%), computed for the latest year with both."""
    row = metrics.world_share(f.production, f.world).iloc[-1]
    fields = {"year": int(row["year"]), "part": row["afghan"], "total": row["world"], "pct": row["share_pct"]}
    sources = [row["source_id"], row["world_source_id"]]
    return _fact("world_share", row["year"], row["share_pct"], "percent", fields, sources)


def stated_shares(f: Frames) -> pd.DataFrame:
    """UNODC's preferred statements of Afghanistan's share of world opium production, by year."""
    s = f.shares
    return s[(s["basis"] == "opium_production") & s["preferred"]].sort_values("year")


def stated_share(f: Frames) -> Fact:
    """The latest share of world opium production that UNODC stated (%), in its words."""
    row = stated_shares(f).iloc[-1]
    fields = {"year": int(row["year"]), "pct": row["share_pct"], "wording": row["wording"]}
    fields["qualifier"] = str(row["qualifier"])
    return _fact("stated_share", row["year"], row["share_pct"], "percent", fields, [row["source_id"]])


def coca_colombia(f: Frames) -> Fact:
    """Colombia's latest coca area (ha) and the lowest of its series."""
    col = f.coca[f.coca["country"] == "Colombia"].dropna(subset=["value"]).sort_values("year")
    row, low = col.iloc[-1], col.loc[col["value"].idxmin()]
    fields = {
        "year": int(row["year"]),
        "value": row["value"],
        "low": low["value"],
        "low_year": int(low["year"]),
    }
    return _fact(
        "coca_colombia", row["year"], row["value"], "ha", fields, [row["source_id"], low["source_id"]]
    )


#: The opium producers the world chart follows, in the order UNODC ranks them.
PRODUCERS = ("Afghanistan", "Myanmar", "Mexico")


def producers_production(f: Frames) -> pd.DataFrame:
    """Potential opium production (t) of each of PRODUCERS by year (columns: country, year, value, ...)."""
    parts = [series(f, country, "production").assign(country=country) for country in PRODUCERS]
    return pd.concat(parts, ignore_index=True).dropna(subset=["value"])


def largest_producer(f: Frames) -> Fact:
    """The largest of PRODUCERS in the latest year with both Afghan and Myanmar figures (t).

    ``fields``: country, since (the first year of its current lead), previous (the leader before).
    """
    rows = producers_production(f)
    wide = rows.pivot_table(index="year", columns="country", values="value")
    wide = wide.dropna(subset=list(PRODUCERS[:2]))
    leader = wide.idxmax(axis=1)
    year = int(wide.index.max())
    since = year
    while since - 1 in leader.index and leader[since - 1] == leader[year]:
        since -= 1
    previous = str(leader[since - 1]) if since - 1 in leader.index else ""
    top = rows[(rows["year"] == year) & (rows["country"] == leader[year])].iloc[0]
    fields = {"country": str(leader[year]), "since": since, "previous": previous, "value": top["value"]}
    return _fact("largest_producer", year, top["value"], "t", fields, [top["source_id"]])


def price_peak(f: Frames) -> Fact:
    """The highest farm-gate price of dry opium in Afghanistan (US$/kg) and the lowest before it."""
    prices = series(f, "Afghanistan", "farmgate_price").dropna(subset=["value"])
    top = prices.loc[prices["value"].idxmax()]
    before = prices[prices["year"] < top["year"]]
    low = before.loc[before["value"].idxmin()] if len(before) else top
    fields = {"value": top["value"], "low": low["value"], "low_year": int(low["year"])}
    sources = [top["source_id"], low["source_id"]]
    return _fact("price_peak", top["year"], top["value"], "usd_per_kg", fields, sources)


#: The facts in briefing order; a function may give several (one per ban).
FACTS: tuple[Callable[[Frames], Fact | list[Fact]], ...] = (
    latest_area,
    peak_area,
    bans,
    claim_years,
    latest_production,
    peak_production,
    world_share,
    stated_share,
    coca_colombia,
)


def findings(frames: Frames) -> dict[str, Fact]:
    """Every headline fact by id (latest_area, peak_area, ban_1, ban_2, ...), in briefing order."""
    out: dict[str, Fact] = {}
    for compute in FACTS:
        got = compute(frames)
        for fact in got if isinstance(got, list) else [got]:
            out[fact.fact_id] = fact
    return out
