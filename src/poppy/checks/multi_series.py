"""Checkers of the kinds that compare several series: level, trend, target, rank, opinion.

Each takes a claim row and the loaded data and returns a claim_rows.Outcome; the texts are
filled from the catalogs by poppy.checks.claims. Every tolerance is claim_rows.TOLERANCES.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from poppy.checks import metrics
from poppy.checks.claim_rows import TOLERANCES, Outcome, holds, pairs, producers, series, split, year_runs
from poppy.data.frames import Frames
from poppy.errors import MissingYearError, SeriesError
from poppy.fmt import number, percent_change, quantity
from poppy.i18n import N_, t

#: Names of the measures a claim row can name.
MEASURES = {
    "cultivation": N_("measure.cultivation"),
    "production": N_("measure.production"),
    "eradication": N_("measure.eradication"),
    "farmgate_price": N_("measure.farmgate_price"),
    "heroin_production": N_("measure.heroin_production"),
    "coca_cultivation": N_("measure.coca_cultivation"),
    "cocaine_production": N_("measure.cocaine_production"),
}
#: Names of the areas the data have series for.
AREAS = {
    "Afghanistan": N_("area.Afghanistan"),
    "World": N_("area.World"),
    "Myanmar": N_("area.Myanmar"),
    "Mexico": N_("area.Mexico"),
    "Lao PDR": N_("area.Lao_PDR"),
    "Colombia": N_("area.Colombia"),
    "Peru": N_("area.Peru"),
    "Bolivia": N_("area.Bolivia"),
    "Pakistan": N_("area.Pakistan"),
    "Guatemala": N_("area.Guatemala"),
    "Thailand": N_("area.Thailand"),
    "Afghanistan, Myanmar and Lao PDR": N_("area.three_producers"),
}
#: How a trend is stated: (qualifier is 'only', direction) -> message.
TRENDS = {
    (True, "rise"): N_("claim.trend.only_rise"),
    (False, "rise"): N_("claim.trend.rise"),
    (True, "fall"): N_("claim.trend.only_fall"),
    (False, "fall"): N_("claim.trend.fall"),
}


def area_name(area: str, lang: str) -> str:
    """An area in ``lang`` (a name the catalogs lack is left as written in the data)."""
    return t(lang, AREAS[area]) if area in AREAS else area


def series_name(area: str, measure: str, lang: str) -> str:
    """'opium poppy area, Afghanistan' / 'площадь опийного мака, Афганистан'."""
    return t(lang, "claim.series", measure=t(lang, MEASURES[measure]), area=area_name(area, lang))


def _value(s: pd.DataFrame, year: int) -> float:
    """The series' value of ``year``, NaN where the data have none."""
    try:
        return metrics.value_at(s, year)
    except MissingYearError:
        return math.nan


def _unit(s: pd.DataFrame) -> str:
    return str(s["unit"].iloc[0])


def _sources(s: pd.DataFrame, years: list[int]) -> list[str]:
    return [str(x) for x in s.loc[s["year"].isin(years) & s["value"].notna(), "source_id"]]


def check_level(claim: pd.Series, d: Frames) -> Outcome:
    """A figure for one year: holds as qualified, or within the year's low-high range.

    A year UNODC gave only a range for (no best estimate) is judged against the range alone.
    """
    area, measure, year = str(claim["area"]), str(claim["measure"]), int(claim["end_year"])
    s = series(d, area, measure)
    ranged, stated = metrics.range_at(s, year), float(claim["stated_value"])
    # the best estimate, or the middle of a range published without one
    value = _value(s, year) if ranged is None or not math.isnan(_value(s, year)) else sum(ranged) / 2
    if math.isnan(value):
        value = metrics.value_at(s, year)  # raises the missing year with what the series has
    low, high = ranged or (value, value)
    only_range = ranged is not None and math.isnan(_value(s, year))
    qualifier = str(claim["qualifier"]) if pd.notna(claim["qualifier"]) else "exact"
    if (not only_range and holds(stated, value, qualifier)) or (
        qualifier in ("exact", "about") and low <= stated <= high
    ):
        verdict = "accurate"
    else:
        edge = high if stated > high else value
        off = abs(stated - edge) / edge * 100
        verdict = "overstated" if stated > edge and off < TOLERANCES["near_points"] else "not_supported"
    unit = _unit(s)

    def fields(lang: str) -> dict[str, str]:
        return {
            "series": series_name(area, measure, lang),
            "year": str(year),
            "stated": quantity(stated, unit, lang),
            "value": quantity(value, unit, lang),
            "low": quantity(low, unit, lang),
            "high": quantity(high, unit, lang),
            "pct": percent_change((stated / value - 1) * 100, lang),
        }

    figures = {"value": value, "low": low, "high": high}
    case = "range_only" if only_range else "" if ranged else "point"
    return Outcome(verdict, fields, figures, _sources(s, [year]), case)


def _trend_row(s: pd.DataFrame, start: int, end: int, rising: bool) -> dict[str, Any]:
    path = metrics.path_between(s, start, end)
    steps = path["value"].diff()
    against = path.loc[(steps < 0) if rising else (steps > 0), "year"].astype(int).tolist()
    flat = path.loc[steps == 0, "year"].astype(int).tolist()
    ch = metrics.change(s, start, end)
    return {
        "start": ch.start,
        "end": ch.end,
        "pct": ch.percent,
        "against": against,
        "flat": flat,
        "steps": len(path) - 1,
        "sources": [*path["source_id"]],
    }


def check_trend(claim: pd.Series, d: Frames) -> Outcome:
    """A direction over a period, for every series named: 'only' means every year, no step back.

    ``stated_unit`` is the direction (rise or fall); qualifier 'only' asks for it every year.
    """
    sy, ey = int(claim["start_year"]), int(claim["end_year"])
    direction, only = str(claim["stated_unit"]), claim["qualifier"] == "only"
    rising = direction == "rise"
    rows = [(a, m, s, _trend_row(s, sy, ey, rising)) for a, m, s in pairs(d, claim)]
    if not rows:  # all([]) would call a trend in no data accurate
        raise SeriesError(f"the trend claim {claim['claim_id']} names no series with data for {sy}-{ey}")
    net = all((r["pct"] > 0) == rising for *_, r in rows)
    steady = all(not r["against"] and not r["flat"] for *_, r in rows)
    if not net:
        verdict, case = "not_supported", "not_supported"
    elif steady or not only:
        verdict, case = "accurate", "accurate"
    else:
        verdict, case = "overstated", ""

    def line(area: str, measure: str, s: pd.DataFrame, r: dict[str, Any], lang: str) -> str:
        unit = _unit(s)
        text = t(
            lang,
            "claim.trend.line",
            series=series_name(area, measure, lang),
            start=quantity(r["start"], unit, lang),
            end=quantity(r["end"], unit, lang),
            pct=percent_change(r["pct"], lang),
            start_year=sy,
            end_year=ey,
        )
        if r["against"]:
            key = N_("claim.trend.fell") if rising else N_("claim.trend.rose")
            text += t(lang, key, years=year_runs(r["against"]))
        if r["flat"]:
            text += t(lang, "claim.trend.flat", years=year_runs(r["flat"]))
        return text

    def fields(lang: str) -> dict[str, str]:
        lines = [line(a, m, s, r, lang) for a, m, s, r in rows]
        against = sum(len(r["against"]) + len(r["flat"]) for *_, r in rows)
        return {
            "stated": t(lang, TRENDS[(only, direction)]),
            "start_year": str(sy),
            "end_year": str(ey),
            "lines": "; ".join(lines),
            "against": number(against, lang),
            "steps": number(sum(r["steps"] for *_, r in rows), lang),
        }

    figures = {}
    for area, measure, _, r in rows:
        key = f"{area}_{measure}".replace(" ", "_")
        figures |= {f"{key}_percent": r["pct"], f"{key}_years_against": len(r["against"]) + len(r["flat"])}
    return Outcome(verdict, fields, figures, [x for *_, r in rows for x in r["sources"]], case)


def _target_row(s: pd.DataFrame, years: tuple[int, int, int]) -> dict[str, Any]:
    base, target, latest = (_value(s, y) for y in years)
    return {
        "base": base,
        "target": target,
        "latest": latest,
        "pct": (target / base - 1) * 100,
        "latest_pct": (latest / base - 1) * 100,
        "sources": _sources(s, list(years)),
    }


def _target_case(judged: list[dict[str, Any]]) -> str:
    """Verdict of 'the target was not met': how many series met it."""
    met = [r["pct"] <= -TOLERANCES["significant_reduction_pct"] for r in judged]
    if not judged:
        return "no_figure"
    if not any(met):
        return "accurate"
    return "not_supported" if all(met) else "overstated"


def check_target(claim: pd.Series, d: Frames) -> Outcome:
    """'The target was not met': each series at the commitment's year, the target year and the latest.

    The commitment's year is the period event's (or ``start_year``), the target year
    ``end_year``, the latest year the one before the statement was made. A series meets the
    target with a fall of TOLERANCES['significant_reduction_pct'] percent or more.
    """
    event = d.event(str(claim["period_event_id"]))
    base_year = int(claim["start_year"]) if pd.notna(claim["start_year"]) else event["start_date"].year
    years = (base_year, int(claim["end_year"]), claim["date"].year - 1)
    rows = [(a, m, s, _target_row(s, years)) for a, m, s in pairs(d, claim)]
    judged = [r for *_, r in rows if not math.isnan(r["pct"])]
    verdict = _target_case(judged)

    def line(area: str, measure: str, s: pd.DataFrame, r: dict[str, Any], lang: str) -> str:
        unit, name = _unit(s), series_name(area, measure, lang)
        if math.isnan(r["pct"]):
            missing = [y for y, v in zip(years[:2], (r["base"], r["target"]), strict=True) if math.isnan(v)]
            return t(lang, "claim.target.missing", series=name, years=year_runs(missing))
        text = t(
            lang,
            "claim.target.line",
            series=name,
            base=quantity(r["base"], unit, lang),
            target=quantity(r["target"], unit, lang),
            pct=percent_change(r["pct"], lang),
            base_year=years[0],
            target_year=years[1],
        )
        if not math.isnan(r["latest"]):
            text += t(
                lang,
                "claim.target.latest",
                latest=quantity(r["latest"], unit, lang),
                latest_year=years[2],
                latest_pct=percent_change(r["latest_pct"], lang),
            )
        return text

    def fields(lang: str) -> dict[str, str]:
        return {
            "base_year": str(years[0]),
            "target_year": str(years[1]),
            "threshold": quantity(TOLERANCES["significant_reduction_pct"], "percent", lang),
            "lines": "; ".join(line(a, m, s, r, lang) for a, m, s, r in rows),
        }

    figures: dict[str, float] = {}
    for area, measure, _, r in rows:
        key = f"{area}_{measure}".replace(" ", "_")
        figures |= {f"{key}_percent": r["pct"], f"{key}_latest_percent": r["latest_pct"]}
    sources = [event["source_id"], *(x for *_, r in rows for x in r["sources"])]
    return Outcome(verdict, fields, figures, sources, "" if verdict == "accurate" else verdict)


def _rank_row(d: Frames, group: list[str], measure: str, year: int) -> dict[str, Any]:
    values = {p: _value(series(d, p, measure), year) for p in producers(d, measure)}
    values = {p: v for p, v in values.items() if not math.isnan(v)}
    part = sum(values[g] for g in group)
    world = _value(series(d, "World", measure), year)
    total = sum(values.values()) if math.isnan(world) else world
    outside = sorted(((v, p) for p, v in values.items() if p not in group), reverse=True)
    sources = [x for p in [*group, "World"] for x in _sources(series(d, p, measure), [year])]
    if outside:
        sources += _sources(series(d, outside[0][1], measure), [year])
    return {
        "group": group,
        "part": part,
        "total": total,
        "pct": part / total * 100,
        "rank": 1 + sum(v > part for v, _ in outside),
        "next": outside[0] if outside else None,
        "sources": sources,
    }


#: A rank of a series' own years ('a record 328,000 hectares', 'the lowest since 2004'), by its
#: stated_unit: the sign that orders the years, the words for the extreme (one, and several:
#: 'among the 2 highest') and for 'more'.
RECORDS = {
    "record_high": (1, N_("record.high"), N_("record.high.plural"), N_("record.more")),
    "record_low": (-1, N_("record.low"), N_("record.low.plural"), N_("record.less")),
}


#: How the computed text names the other year it shows: the next after a record, the first above one.
RUNNER_UP = (N_("record.next"), N_("record.top"))


def check_record(claim: pd.Series, d: Frames) -> Outcome:
    """'A record', 'the highest since 2001': ``end_year`` against the earlier years of its series.

    The years are the ``stated_span_years`` before ``end_year`` (since 2001: those after 2001), else
    every earlier year of the data; several areas are summed over the years all of them have.
    Accurate when fewer years than the stated place (empty: 1) beat it. A year with no earlier one
    to set against is not checked (SeriesError).
    """
    year = int(claim["end_year"])
    sign, extreme, extremes, more = RECORDS[str(claim["stated_unit"])]
    place = 1 if pd.isna(claim["stated_value"]) else int(claim["stated_value"])
    areas, measure = split(claim["area"]), split(claim["measure"])[0]
    parts = [series(d, a, measure).set_index("year")["value"] for a in areas]
    total = pd.concat(parts, axis=1).dropna().sum(axis=1)
    span = claim["stated_span_years"]
    spanned = pd.notna(span) and bool(span)
    begins = int(total.index.min()) if not total.empty else year
    first = year - int(span) + 1 if spanned else begins
    years = total[(total.index >= first) & (total.index <= year)]
    value = float(years[year])  # KeyError: the data have no such year
    others = years.drop(year)
    if others.empty:
        raise SeriesError(
            f"the rank claim {claim['claim_id']} cannot be checked: no year before {year} in the data"
        )
    beaten = years[sign * years > sign * value]
    other_year = int((sign * others).idxmax())
    unit = _unit(series(d, areas[0], measure))
    verdict = "accurate" if len(beaten) < place else "not_supported"

    def fields(lang: str) -> dict[str, str]:
        window = t(lang, "record.since", since=first - 1) if spanned else t(lang, "record.ever", first=first)
        if spanned and first < begins:  # 'in 16 years' reaching before the data: say where they begin
            window = t(lang, "record.since_data", since=first - 1, first=begins)
        names = ", ".join(area_name(a, lang) for a in areas)
        said = t(lang, extreme) if place == 1 else t(lang, extremes)
        return {
            "areas": names,
            "series": t(lang, "claim.series", measure=t(lang, MEASURES[measure]), area=names),
            "year": str(year),
            "value": quantity(value, unit, lang),
            "extreme": t(lang, "record.first", extreme=said)
            if place == 1
            else t(lang, "record.among", place=place, extreme=said),
            "more": t(lang, more),
            "window": window,
            "place": str(len(beaten) + 1),
            "count": str(len(years)),
            "other": t(lang, RUNNER_UP[not beaten.empty]),
            "other_year": str(other_year),
            "other_value": quantity(float(years[other_year]), unit, lang),
            "beaten": ", ".join(f"{y} ({quantity(float(v), unit, lang)})" for y, v in beaten.items()),
        }

    figures = {"value": value, "place": float(len(beaten) + 1), "years": float(len(years))}
    sources = [x for a in areas for x in _sources(series(d, a, measure), [year, other_year])]
    case = f"record.{verdict}" + (".place" if verdict == "accurate" and not beaten.empty else "")
    return Outcome(verdict, fields, figures, sources, case)


def check_rank(claim: pd.Series, d: Frames) -> Outcome:
    """'The largest producers': for each measure, the named areas against every other producer.

    A rank of the series' own years ('a record', stated_unit record_high or record_low) is
    check_record's.

    ``stated_value`` is the place stated (empty: the largest, place 1).
    The areas of the row that have the measure form one centre (their sum); its rank among
    the single producers of the data and its share of the world total in ``end_year``.
    """
    if str(claim["stated_unit"]) in RECORDS:
        return check_record(claim, d)
    year = int(claim["end_year"])
    stated = 1 if pd.isna(claim["stated_value"]) else int(claim["stated_value"])  # empty: 'the largest'
    rows = []
    for measure in split(claim["measure"]):
        group = [a for a in split(claim["area"]) if not math.isnan(_value(series(d, a, measure), year))]
        if group:
            rows.append((measure, _rank_row(d, group, measure, year)))
    verdict = "accurate" if rows and all(r["rank"] <= stated for _, r in rows) else "not_supported"

    def line(measure: str, r: dict[str, Any], lang: str) -> str:
        unit = _unit(series(d, r["group"][0], measure))
        names = ", ".join(area_name(a, lang) for a in r["group"])
        common = {
            "measure": t(lang, MEASURES[measure]),
            "year": year,
            "group": names,
            "rank": r["rank"],
            "part": quantity(r["part"], unit, lang),
            "total": quantity(r["total"], unit, lang),
            "pct": quantity(r["pct"], "percent", lang, 1),
        }
        if r["next"] is None:
            return t(lang, "claim.rank.alone", **common)
        value, name = r["next"]
        return t(
            lang,
            "claim.rank.line",
            **common,
            next=area_name(name, lang),
            next_value=quantity(value, unit, lang),
            next_pct=quantity(value / r["total"] * 100, "percent", lang, 1),
        )

    def fields(lang: str) -> dict[str, str]:
        return {
            "stated": number(stated, lang),
            "year": str(year),
            "areas": ", ".join(area_name(a, lang) for a in split(claim["area"])),
            "lines": "; ".join(line(m, r, lang) for m, r in rows),
        }

    figures = {}
    for measure, r in rows:
        figures |= {f"{measure}_share_pct": r["pct"], f"{measure}_rank": float(r["rank"])}
        if r["next"] is not None:
            figures[f"{measure}_next_share_pct"] = r["next"][0] / r["total"] * 100
    return Outcome(verdict, fields, figures, [x for _, r in rows for x in r["sources"]])


def check_opinion(claim: pd.Series, d: Frames) -> Outcome:
    """An opinion is not checked; the figures of the series it names that bear on it are listed."""
    ey = int(claim["end_year"])
    sy = int(claim["start_year"]) if pd.notna(claim["start_year"]) else None
    rows = []
    for area, measure, s in pairs(d, claim):
        end, start = _value(s, ey), _value(s, sy) if sy else math.nan
        if not math.isnan(end):
            rows.append((area, measure, _unit(s), start, end, _sources(s, [ey, *([sy] if sy else [])])))

    def line(area: str, measure: str, unit: str, start: float, end: float, lang: str) -> str:
        name = series_name(area, measure, lang)
        if math.isnan(start):
            return t(lang, "claim.opinion.level", series=name, year=ey, value=quantity(end, unit, lang))
        return t(
            lang,
            "claim.opinion.change",
            series=name,
            start_year=sy,
            end_year=ey,
            start=quantity(start, unit, lang),
            end=quantity(end, unit, lang),
            pct=percent_change((end / start - 1) * 100, lang),
        )

    def fields(lang: str) -> dict[str, str]:
        return {"lines": "; ".join(line(*r[:5], lang) for r in rows)}

    figures = {f"{a}_{m}_{ey}".replace(" ", "_"): end for a, m, _, _, end, _ in rows}
    return Outcome("opinion", fields, figures, [x for r in rows for x in r[5]])
