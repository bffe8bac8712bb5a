"""The press release's statements, checked against the UNODC data, in English and Russian.

Each claim row (data/claims.csv, or another file of the same columns) is evaluated by the
one checker of its kind (``metric``: level, change, ratio, share, trend, rank, target,
context, opinion) into a ClaimCheck: the figure stated, the figure computed from the data,
a verdict from a fixed scale and an explanation generated from the numbers. Tolerances
live in ``poppy.checks.claim_rows.TOLERANCES``; the new kinds' checkers in ``poppy.checks.multi_series``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from poppy.checks import metrics
from poppy.checks.claim_rows import TOLERANCES, Fields, Outcome, holds, series, within, year_runs
from poppy.checks.multi_series import check_level, check_opinion, check_rank, check_target, check_trend
from poppy.data.frames import Frames
from poppy.errors import PoppyError, SeriesError
from poppy.fmt import check_lang, date_text, month_year, number, percent_change, quantity, years_word
from poppy.i18n import ALL_LANGS, N_, QUALIFIERS, t, tn

#: The verdict scale, mildest first: verdict id -> message of its label.
VERDICTS: dict[str, str] = {
    "accurate": N_("verdict.accurate"),
    "accurate_but_misleading": N_("verdict.accurate_but_misleading"),
    "overstated": N_("verdict.overstated"),
    "not_supported": N_("verdict.not_supported"),
    "no_figure": N_("verdict.no_figure"),
    "opinion": N_("verdict.opinion"),
}


@dataclass(frozen=True)
class ClaimCheck:
    """One statement checked: texts are keyed by language ('en', 'ru')."""

    claim_id: str
    speaker: str
    date: str
    quote: str
    verdict: str
    stated: dict[str, str]
    computed: dict[str, str]
    explanation: dict[str, str]
    figures: dict[str, float] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    appearance: str = ""  # title of the document the statement appeared in
    kind: str = ""  # the claim's metric: change, ratio, share, trend, ...
    source: str = ""  # source_id of the document the statement appeared in ('' when typed in)

    def verdict_label(self, lang: str = "en") -> str:
        """The verdict in words."""
        return t(lang, VERDICTS[self.verdict])


def _ha(v: float, lang: str) -> str:
    return quantity(v, "ha", lang)


#: How far the inverse of a stated fraction may be from a whole multiple and still be it (0.33: 3).
FRACTION_SLACK = 0.03


def _divides_by(fraction: float) -> float:
    """The multiple a stated fraction divides by, whole when it is near one (0.33: 3, not 3.03)."""
    times = 1 / fraction
    return round(times) if abs(times - round(times)) <= FRACTION_SLACK * times else times


def _stated_times(v: float, lang: str) -> str:
    """A stated multiple as said: '26×' / 'в 26 раз', a fraction as the fall it is: 'a 2-fold fall'."""
    if float(v).is_integer():
        return tn(lang, "unit.times_stated", "unit.times_stated.plural", int(v))
    fall = _divides_by(v) if 0 < v < 1 else 0
    if isinstance(fall, int) and fall > 1:
        return tn(lang, "unit.fall_stated", "unit.fall_stated.plural", fall)
    return _times(v, lang)


def _times(v: float, lang: str) -> str:
    return quantity(v, "times", lang, 2 if v < 2 else 1)  # 1.08x, not a misleading 1.1x


#: Messages of each checker's texts: what was stated, what the data say, and why.
TEXTS: dict[str, dict[str, str]] = {
    "change": {
        "stated": N_("claim.change.stated"),
        "computed": N_("claim.change.computed"),
        "explanation": N_("claim.change.explanation"),
    },
    "ratio": {
        "stated": N_("claim.ratio.stated"),
        "computed": N_("claim.ratio.computed"),
        "explanation": N_("claim.ratio.explanation"),
    },
    "share": {
        "stated": N_("claim.share.stated"),
        "computed": N_("claim.share.computed"),
        "explanation": N_("claim.share.explanation"),
    },
    "context": {
        "stated": N_("claim.context.stated"),
        "computed": N_("claim.context.computed"),
        "explanation": N_("claim.context.explanation"),
    },
    "level": {
        "stated": N_("claim.level.stated"),
        "computed": N_("claim.level.computed"),
        "explanation": N_("claim.level.explanation"),
    },
    "trend": {
        "stated": N_("claim.trend.stated"),
        "computed": N_("claim.trend.computed"),
        "explanation": N_("claim.trend.explanation"),
    },
    "target": {
        "stated": N_("claim.target.stated"),
        "computed": N_("claim.target.computed"),
        "explanation": N_("claim.target.explanation"),
    },
    "rank": {
        "stated": N_("claim.rank.stated"),
        "computed": N_("claim.rank.computed"),
        "explanation": N_("claim.rank.explanation"),
    },
    "opinion": {
        "stated": N_("claim.opinion.stated"),
        "computed": N_("claim.opinion.computed"),
        "explanation": N_("claim.opinion.explanation"),
    },
}
#: Variants of the texts above that a checker picks by its outcome's ``case``.
VARIANTS = frozenset(
    {
        N_("claim.change.explanation.accurate"),
        N_("claim.change.explanation.dip"),
        N_("claim.change.explanation.not_supported"),
        N_("claim.change.stated.percent"),
        N_("claim.change.computed.percent"),
        N_("claim.change.explanation.percent.accurate"),
        N_("claim.change.explanation.percent.overstated"),
        N_("claim.change.explanation.percent.not_supported"),
        N_("claim.ratio.stated.plain"),
        N_("claim.ratio.computed.plain"),
        N_("claim.ratio.explanation.plain"),
        N_("claim.ratio.computed.plain.point"),
        N_("claim.ratio.explanation.plain.point"),
        N_("claim.level.computed.point"),
        N_("claim.level.explanation.point"),
        N_("claim.level.computed.range_only"),
        N_("claim.level.explanation.range_only"),
        N_("claim.trend.explanation.accurate"),
        N_("claim.trend.explanation.not_supported"),
        N_("claim.target.explanation.overstated"),
        N_("claim.target.explanation.not_supported"),
        N_("claim.target.explanation.no_figure"),
        N_("claim.rank.stated.record"),
        N_("claim.rank.computed.record"),
        N_("claim.rank.explanation.record.accurate"),
        N_("claim.rank.explanation.record.accurate.place"),
        N_("claim.rank.explanation.record.not_supported"),
    }
)


def candidates(frames: Frames, area: str, measure: str, before: int) -> pd.DataFrame:
    """Every figure a baseline could be before the year ``before`` (values in the series' unit).

    Each year of the series and each alternate figure of alternates.csv (rounded, earlier,
    other series). Columns: label ('2001', '2001 rounded'), year, value (the series' unit), source_id.
    """
    s = series(frames, area, measure).dropna(subset=["value"])
    s = s[s["year"] < before]
    alt = frames.alternates
    alt = alt[(alt["area"] == area) & (alt["measure"] == measure) & (alt["year"] < before)]
    alt = alt.drop_duplicates(["year", "value", "relation"])
    return pd.concat(
        [
            pd.DataFrame({"label": s["year"].astype(str), "year": s["year"], "value": s["value"]}).assign(
                source_id=s["source_id"].to_numpy(), relation=""
            ),
            pd.DataFrame(
                {
                    "label": alt["year"].astype(str) + " " + alt["relation"].astype(str),
                    "relation": alt["relation"].astype(str),
                    "year": alt["year"],
                    "value": alt["value"],
                    "source_id": alt["source_id"],
                }
            ),
        ],
        ignore_index=True,
    ).sort_values(["year", "label"], ignore_index=True)


#: How an alternate figure relates to the preferred one (alternates.csv ``relation``).
RELATIONS = {
    "rounded": N_("relation.rounded"),
    "unrounded": N_("relation.unrounded"),
    "earlier_estimate": N_("relation.earlier_estimate"),
    "preliminary": N_("relation.preliminary"),
    "unodc_alternate": N_("relation.unodc_alternate"),
    "other_series": N_("relation.other_series"),
}


def _baseline_figures(found: pd.DataFrame) -> dict[str, float]:
    """figures['baseline_2001_rounded'] = 8000.0 for each baseline found."""
    return {
        f"baseline_{label.replace(' ', '_')}": float(v)
        for label, v in zip(found["label"], found["value"], strict=True)
    }


def _found(rows: pd.DataFrame, unit: str, lang: str) -> str:
    """The baselines that bear a stated figure out, in words ('2007 (193,000 ha), ...')."""
    if rows.empty:
        return t(lang, "claim.baselines.none")
    listed = [
        f"{r.year}{' ' + t(lang, RELATIONS[r.relation]) if r.relation else ''} ({quantity(r.value, unit, lang)})"
        for r in rows.itertuples()
    ]
    return t(lang, "claim.baselines", baselines=", ".join(listed))


def _change_case(ends_match: bool, years: int, span: int, dipped: bool) -> tuple[str, str]:
    """(verdict, explanation case) of a change claim."""
    if not ends_match:
        return "not_supported", "not_supported"
    if years != span:
        return "accurate_but_misleading", ""
    return ("accurate_but_misleading", "dip") if dipped else ("accurate", "accurate")


def _check_percent_change(claim: pd.Series, d: Frames) -> Outcome:
    """A change stated as a percentage only ('fell by 95 per cent'): the data's change against it."""
    s = series(d, str(claim["area"]), str(claim["measure"]))
    unit = str(s["unit"].iloc[0])
    sy, ey = int(claim["start_year"]), int(claim["end_year"])
    ch = metrics.change(s, sy, ey)
    stated = float(claim["stated_value"])
    off = abs(stated - ch.percent)
    if off <= TOLERANCES["change_points"] or within(stated, ch.percent, TOLERANCES["figure"]):
        verdict = "accurate"
    elif stated * ch.percent > 0 and abs(stated) > abs(ch.percent) and off < TOLERANCES["near_points"]:
        verdict = "overstated"
    else:
        verdict = "not_supported"

    def fields(lang: str) -> dict[str, str]:
        return {
            "start_year": str(sy),
            "end_year": str(ey),
            "stated_pct": percent_change(stated, lang),
            "start": quantity(ch.start, unit, lang),
            "end": quantity(ch.end, unit, lang),
            "pct": percent_change(ch.percent, lang),
        }

    figures = {"start": ch.start, "end": ch.end, "percent": ch.percent, "stated_percent": stated}
    path = metrics.path_between(s, sy, ey)
    return Outcome(verdict, fields, figures, [*path["source_id"]], "percent." + verdict)


def _check_change(claim: pd.Series, d: Frames) -> Outcome:
    if str(claim["stated_unit"]) == "percent":
        return _check_percent_change(claim, d)
    area, measure = str(claim["area"]), str(claim["measure"])
    s = series(d, area, measure)
    unit = str(s["unit"].iloc[0])
    sy, ey = int(claim["start_year"]), int(claim["end_year"])
    ch = metrics.change(s, sy, ey)
    span = ch.years if pd.isna(claim["stated_span_years"]) else int(claim["stated_span_years"])
    recent = metrics.change(s, ey - span, ey)
    path = metrics.path_between(s, sy, ey)
    low = path["value"].min()
    low_years = path.loc[path["value"] == low, "year"].tolist()
    ends_match = within(claim["stated_start"], ch.start) and within(claim["stated_end"], ch.end)
    verdict, case = _change_case(ends_match, ch.years, span, low < min(ch.start, ch.end))
    base = candidates(d, area, measure, ey)
    found = base[[within(claim["stated_start"], v) for v in base["value"]]]

    def fields(lang: str) -> dict[str, str]:
        def q(v: float) -> str:
            return quantity(v, unit, lang)

        return {
            "start_year": str(sy),
            "end_year": str(ey),
            "stated_span": years_word(span, lang),
            "years": years_word(ch.years, lang),
            "stated_start": q(claim["stated_start"]),
            "stated_end": q(claim["stated_end"]),
            "start": q(ch.start),
            "end": q(ch.end),
            "pct": percent_change(ch.percent, lang),
            "ratio": _times(ch.ratio, lang),
            "low": q(low),
            "low_years": year_runs(low_years),
            "span_start": str(recent.start_year),
            "span_pct": percent_change(recent.percent, lang),
            "span_start_value": q(recent.start),
            "also": _found(found, unit, lang),
        }

    figures = {
        "start": ch.start,
        "end": ch.end,
        "percent": ch.percent,
        "ratio": ch.ratio,
        "years": ch.years,
        "low": float(low),
        "recent_percent": recent.percent,
    }
    figures |= _baseline_figures(found)
    sources = [*path["source_id"], *found["source_id"]]
    return Outcome(verdict, fields, figures, sources, case)


@dataclass(frozen=True)
class Baselines:
    """The baselines a 'N times during <event>' claim is tested against.

    ``table`` is metrics.baseline_sensitivity for: the last harvest before the event
    (``base_year``), its rounded figure from alternates.csv (labelled 'rounded'), the harvests
    just before and after, and the largest harvest before it (``peak_year``).
    """

    table: pd.DataFrame
    base_year: int
    peak_year: int
    rounded: pd.DataFrame  # the alternates rows of the rounded figure (for its source)
    event: pd.Series
    ban: pd.DataFrame  # the ban whose harvest is the base year, if any


def ratio_baselines(
    cultivation: pd.DataFrame, alternates: pd.DataFrame, events: pd.DataFrame, claim: pd.Series
) -> Baselines:
    """Baselines for a ratio claim of claims.csv (its event and end year), from the data."""
    ev = events.set_index("event_id") if "event_id" in events.columns else events
    event = ev.loc[claim["period_event_id"]]
    # Afghan opium is harvested in spring and early summer, so the last harvest before a
    # deployment that starts in December is the one of that same calendar year.
    base_year = event["start_date"].year
    rounded = alternates.query(
        "area == @claim['area'] and measure == @claim['measure'] and year == @base_year and relation == 'rounded'"
    )
    earlier = cultivation[cultivation["year"] < base_year].dropna(subset=["value"])
    if rounded.empty or earlier.empty:
        raise SeriesError(
            f"the ratio claim {claim['claim_id']} needs a rounded {claim['area']} {claim['measure']} figure for {base_year} in "
            f"alternates.csv and verified years before {base_year}; the data has "
            f"{len(rounded)} rounded figure(s) and {len(earlier)} earlier year(s)"
        )
    peak_year = int(earlier.sort_values("value").iloc[-1]["year"])
    table = metrics.baseline_sensitivity(
        cultivation,
        int(claim["end_year"]),
        [base_year, ("rounded", float(rounded["value"].iloc[0])), base_year - 1, base_year + 1, peak_year],
    )
    bans = ev[ev["kind"] == "ban"]
    return Baselines(table, base_year, peak_year, rounded, event, bans[bans["harvest_year"] == base_year])


def _ratio_holds(d: Frames, claim: pd.Series, s: pd.DataFrame) -> pd.DataFrame:
    """Every baseline before the end year with its multiple and whether it bears 'N times' out.

    A baseline holds when end / baseline rounds to N, or N lies in the range the end
    year's low and high give (UNODC's uncertainty carried through).
    """
    end_year, stated = int(claim["end_year"]), float(claim["stated_value"])
    end = metrics.value_at(s, end_year)
    low, high = metrics.range_at(s, end_year) or (end, end)
    base = candidates(d, str(claim["area"]), str(claim["measure"]), end_year)
    ratio = end / base["value"]
    said, times, lo, hi = _as_multiple(stated, ratio, low / base["value"], high / base["value"])
    ok = (times.round(int(TOLERANCES["ratio_decimals"])) == round(said, 9)) | ((lo <= said) & (said <= hi))
    return base.assign(ratio=ratio, holds=ok.to_numpy())


def _ratio_search(d: Frames, claim: pd.Series, s: pd.DataFrame) -> pd.DataFrame:
    """The baselines before the end year whose multiple bears the stated 'N times' out."""
    found = _ratio_holds(d, claim, s)
    return found[found["holds"]].drop(columns="holds")


def baseline_table(frames: Frames, claim_id: str) -> pd.DataFrame | None:
    """Every baseline a change or ratio claim could rest on, and whether it bears the claim out.

    One row per figure before the end year (each year and each alternate figure): label,
    year, value (the series' unit), source_id, ratio (end / value), percent (change from it
    to the end year) and holds (the stated start figure, or the stated multiple, is met).
    ``attrs`` has unit, end_year and the stated figure. None for other kinds of claim.
    """
    claim = frames.claims.set_index("claim_id").loc[claim_id].copy()
    claim["claim_id"] = claim_id
    if claim["metric"] not in ("change", "ratio"):
        return None
    s = series(frames, str(claim["area"]), str(claim["measure"]))
    end_year = int(claim["end_year"])
    if claim["metric"] == "ratio":
        table, stated = _ratio_holds(frames, claim, s), float(claim["stated_value"])
    else:
        end = metrics.value_at(s, end_year)
        table = candidates(frames, str(claim["area"]), str(claim["measure"]), end_year)
        table = table.assign(
            ratio=end / table["value"], holds=[bool(within(claim["stated_start"], v)) for v in table["value"]]
        )
        stated = float(claim["stated_start"])
    table = table.assign(percent=(table["ratio"] - 1) * 100)
    table.attrs = {"unit": str(s["unit"].iloc[0]), "end_year": end_year, "stated": stated}
    return table.reset_index(drop=True)


def _as_multiple(stated: float, ratio: Any, low: Any, high: Any) -> tuple[float, Any, Any, Any]:
    """(stated, ratio, low, high) as multiples (floats or Series alike).

    A fall said as a fraction ('halved' 0.5, 'в 10 раз меньше' 0.1) is judged as the multiple it
    divides by (2, 10), so that rounding means the same either way.
    """
    if not 0 < stated < 1:
        return stated, ratio, low, high
    return _divides_by(stated), _inverse(ratio), _inverse(high), _inverse(low)


def _inverse(x: Any) -> Any:
    """1 / x, a float or a Series; a multiple of nothing (0) is infinite, not an error."""
    return 1 / x if not isinstance(x, (int, float)) or x > 0 else math.inf


def _ratio_verdict(stated: float, ratio: float, low: float, high: float) -> str:
    """Accurate when the multiple rounds to the stated one or it lies in the range, else how far off."""
    stated, ratio, low, high = _as_multiple(stated, ratio, low, high)
    if round(ratio, int(TOLERANCES["ratio_decimals"])) == round(stated, 9) or low <= stated <= high:
        return "accurate"
    return "overstated" if stated > high else "not_supported"


def _check_ratio_plain(claim: pd.Series, d: Frames) -> Outcome:
    """A multiple over a stated start year (no period event)."""
    s = series(d, str(claim["area"]), str(claim["measure"]))
    unit = str(s["unit"].iloc[0])
    base_year, end_year, stated = (
        int(claim["start_year"]),
        int(claim["end_year"]),
        float(claim["stated_value"]),
    )
    table = metrics.baseline_sensitivity(s, end_year, [base_year]).iloc[0]
    low, high = (
        (table["ratio_low"], table["ratio_high"]) if pd.notna(table["ratio_low"]) else (table["ratio"],) * 2
    )
    verdict = _ratio_verdict(stated, table["ratio"], low, high)
    found = _ratio_search(d, claim, s)
    case = "plain" if pd.notna(table["ratio_low"]) else "plain.point"

    def fields(lang: str) -> dict[str, str]:
        return {
            "stated": _stated_times(stated, lang),
            "stated_number": number(stated, lang, 0 if float(stated).is_integer() else 2),
            "end_year": str(end_year),
            "base_year": str(base_year),
            "end": quantity(table["end_value"], unit, lang),
            "base_value": quantity(table["baseline_value"], unit, lang),
            "ratio_exact": _times(table["ratio"], lang),
            "ratio_low": _times(low, lang),
            "ratio_high": _times(high, lang),
            "also": _found(found, unit, lang),
        }

    figures = {
        f"ratio_{base_year}": float(table["ratio"]),
        "ratio_low": float(low),
        "ratio_high": float(high),
    }
    figures |= _baseline_figures(found)
    rows = s[s["year"].isin([base_year, end_year])]
    return Outcome(verdict, fields, figures, [*rows["source_id"], *found["source_id"]], case)


def _event_ratio_verdict(r: pd.DataFrame, base: str, stated: float, flawed: bool) -> str:
    """Verdict of 'N times during <event>': the base year's multiple, or its rounded figure's, against N.

    A baseline the event does not fit (a ban harvest, a harvest before it) misleads.
    """
    row = r.loc[base]
    verdict = _ratio_verdict(stated, row["ratio"], row["ratio_low"], row["ratio_high"])
    if round(r.loc["rounded", "ratio"], int(TOLERANCES["ratio_decimals"])) == stated:
        verdict = "accurate"
    return "accurate_but_misleading" if verdict == "accurate" and flawed else verdict


def _check_ratio(claim: pd.Series, d: Frames) -> Outcome:
    if pd.isna(claim["period_event_id"]) or not claim["period_event_id"]:
        return _check_ratio_plain(claim, d)
    s = series(d, str(claim["area"]), str(claim["measure"]))  # the area and measure the claim names
    b = ratio_baselines(s, d.alternates, d.events, claim)
    event, base_year, ban, alt, table = b.event, b.base_year, b.ban, b.rounded, b.table
    end_year = int(claim["end_year"])
    rounded = float(alt["value"].iloc[0])
    prev_year, next_year, peak_year = base_year - 1, base_year + 1, b.peak_year
    r = table.set_index("baseline")
    stated = float(claim["stated_value"])
    flawed = not ban.empty or event["start_date"] > pd.Timestamp(base_year, 6, 30)
    verdict = _event_ratio_verdict(r, str(base_year), stated, flawed)
    end_low, end_high = metrics.range_at(s, end_year) or (float("nan"), float("nan"))
    found = _ratio_search(d, claim, s)
    case = "" if verdict == "accurate_but_misleading" and not ban.empty else "plain"

    def fields(lang: str) -> dict[str, str]:
        def times_at(label: str, col: str = "ratio") -> str:
            return _times(r.loc[label, col], lang)

        return {
            "stated": _stated_times(stated, lang),
            "stated_number": number(stated, lang, 0 if float(stated).is_integer() else 2),
            "end_year": str(end_year),
            "base_year": str(base_year),
            "end": _ha(r.loc[str(base_year), "end_value"], lang),
            "base_value": _ha(r.loc[str(base_year), "baseline_value"], lang),
            "rounded_value": _ha(rounded, lang),
            "ratio_exact": times_at(str(base_year)),
            "ratio_rounded": times_at("rounded"),
            "ratio_low": times_at(str(base_year), "ratio_low"),
            "ratio_high": times_at(str(base_year), "ratio_high"),
            "end_low": _ha(end_low, lang),
            "end_high": _ha(end_high, lang),
            "ban_start": month_year(ban["start_date"].iloc[0], lang) if not ban.empty else "–",
            "event_start": date_text(event["start_date"], lang),
            "prev_year": str(prev_year),
            "next_year": str(next_year),
            "peak_year": str(peak_year),
            "ratio_prev": times_at(str(prev_year)),
            "ratio_next": times_at(str(next_year)),
            "ratio_peak": times_at(str(peak_year)),
            "prev_value": _ha(r.loc[str(prev_year), "baseline_value"], lang),
            "next_value": _ha(r.loc[str(next_year), "baseline_value"], lang),
            "peak_value": _ha(r.loc[str(peak_year), "baseline_value"], lang),
            "also": _found(found, "ha", lang),
        }

    figures = {f"ratio_{k}": float(v) for k, v in r["ratio"].items()}
    figures |= {
        "ratio_low": float(r.loc[str(base_year), "ratio_low"]),
        "ratio_high": float(r.loc[str(base_year), "ratio_high"]),
    }
    rows = s[s["year"].isin([base_year, end_year, prev_year, next_year, peak_year])]
    figures |= _baseline_figures(found)
    sources = [*rows["source_id"], *alt["source_id"], event["source_id"], *ban["source_id"]]
    return Outcome(verdict, fields, figures, [*sources, *found["source_id"]], case)


def _check_share(claim: pd.Series, d: Frames) -> tuple[str, Fields, dict[str, float], list[str]]:
    year = int(claim["end_year"])
    world = d.world.set_index(["year", "measure"])
    prod = metrics.share(
        metrics.value_at(d.production, year), float(world.loc[(year, "production"), "value"]), "t"
    )
    area = metrics.share(
        metrics.value_at(d.cultivation, year), float(world.loc[(year, "cultivation"), "value"]), "ha"
    )
    unodc = d.shares.query("year == @year and basis == 'opium_production' and preferred").iloc[0]
    stated = float(claim["stated_value"])
    about_heroin = claim["measure"] == "heroin_production"
    qualifier = str(claim["qualifier"]) if pd.notna(claim["qualifier"]) else "exact"
    if qualifier == "exact":
        ok = within(stated, prod.percent, TOLERANCES["share"])
    else:
        ok = holds(stated, prod.percent, qualifier)
    if ok:
        verdict = "accurate_but_misleading" if about_heroin else "accurate"
    else:
        verdict = "overstated" if abs(prod.percent - stated) < TOLERANCES["near_points"] else "not_supported"
    heroin = (
        d.shares[d.shares["basis"].isin(["heroin_production", "opium_and_heroin"])]
        if about_heroin
        else d.shares[:0]
    )

    def fields(lang: str) -> dict[str, str]:
        return {
            "stated": number(stated, lang),
            "year": str(year),
            "pct": quantity(prod.percent, "percent", lang, 1),
            "part": quantity(prod.part, "t", lang),
            "total": quantity(prod.total, "t", lang),
            "area_pct": quantity(area.percent, "percent", lang, 1),
            "area_part": _ha(area.part, lang),
            "area_total": _ha(area.total, lang),
            "unodc_wording": f"'{unodc['wording']}'",
            "unodc_pct": number(unodc["share_pct"], lang),
            "also": _heroin_shares(heroin, lang),
        }

    figures = {
        "share_production_pct": prod.percent,
        "share_area_pct": area.percent,
        "unodc_stated_pct": float(unodc["share_pct"]),
    }
    figures |= {f"unodc_{r.basis}_{r.year}_pct": float(r.share_pct) for r in heroin.itertuples()}
    rows = d.world.query("year == @year")
    sources = [
        unodc["source_id"],
        *heroin["source_id"],
        *rows["source_id"],
        *d.production.query("year == @year")["source_id"],
        *d.cultivation.query("year == @year")["source_id"],
    ]
    return Outcome(verdict, fields, figures, sources)


def _heroin_shares(heroin: pd.DataFrame, lang: str) -> str:
    """UNODC's statements of Afghanistan's share of world heroin, in its words with the year."""
    if heroin.empty:
        return ""
    listed = [
        t(
            lang,
            HEROIN_BASES[r.basis],
            year=r.year,
            share=t(lang, QUALIFIERS[r.qualifier], pct=quantity(r.share_pct, "percent", lang)),
        )
        for r in heroin.sort_values("year").itertuples()
    ]
    return t(lang, "claim.share.heroin", statements="; ".join(listed))


#: How UNODC's heroin statements are worded, by afghan_shares.csv ``basis``.
HEROIN_BASES = {
    "heroin_production": N_("claim.share.basis.heroin_production"),
    "opium_and_heroin": N_("claim.share.basis.opium_and_heroin"),
}


def _check_context(claim: pd.Series, d: Frames) -> tuple[str, Fields, dict[str, float], list[str]]:
    year = (int(claim["start_year"]) + int(claim["end_year"])) // 2
    coca = d.coca.dropna(subset=["value"])
    at = coca[coca["year"] == year].set_index("country")["value"]
    col = coca[coca["country"] == "Colombia"]
    col_low = col.loc[col["value"] == col["value"].min(), "year"].tolist()
    next_year = year + 1
    col_next = float(col.set_index("year").loc[next_year, "value"])

    def fields(lang: str) -> dict[str, str]:
        out = {c: _ha(float(at[c]), lang) for c in ("Colombia", "Peru", "Bolivia")}
        others = [y for y in col_low if y != year]
        return {
            **out,
            "year": str(year),
            "total": _ha(float(at.sum()), lang),
            "next_year": str(next_year),
            "col_also": t(lang, "claim.context.also", years=year_runs(others)) if others else "",
            "col_next": _ha(col_next, lang),
            "col_first": str(int(col["year"].min())),
        }

    figures = {f"coca_{c}": float(v) for c, v in at.items()} | {"coca_total": float(at.sum())}
    sources = [*coca[coca["year"] == year]["source_id"], *col[col["year"] == next_year]["source_id"]]
    return Outcome("no_figure", fields, figures, sources)


#: One checker per kind of claim (claims.csv ``metric``).
CHECKERS: dict[str, Callable[[pd.Series, Frames], Outcome]] = {
    "level": check_level,
    "change": _check_change,
    "ratio": _check_ratio,
    "share": _check_share,
    "trend": check_trend,
    "rank": check_rank,
    "target": check_target,
    "context": _check_context,
    "opinion": check_opinion,
}


def _texts(kind: str, outcome: Outcome) -> dict[str, dict[str, str]]:
    """stated, computed and explanation of an outcome in every language.

    The outcome's ``case`` picks a variant ('plain.point': a ratio over a start year between
    two figures without a range); the explanation ends with the outcome's ``also`` field
    (baseline search, UNODC's other statements) when it has one.
    """
    texts: dict[str, dict[str, str]] = {}
    steps = outcome.case.split(".") if outcome.case else []
    for part, key in TEXTS[kind].items():
        # the most specific variant the catalogs have: claim.ratio.computed.plain.point, then .plain
        variants = [f"{key}.{'.'.join(steps[:n])}" for n in range(len(steps), 0, -1)]
        key = next((v for v in variants if v in VARIANTS), key)
        texts[part] = {}
        for lang in ALL_LANGS:
            fields = outcome.fields(lang)
            text = t(lang, key, **fields)
            if part == "explanation" and fields.get("also"):
                text += " " + fields["also"]
            texts[part][lang] = text
    return texts


def check_claims(frames: Frames, claims: pd.DataFrame | None = None) -> list[ClaimCheck]:
    """Every claim of ``claims`` (default: ``frames.claims``), checked against the data, in row order."""
    titles = frames.sources.set_index("source_id")["title"]
    checks = []
    for _, claim in (frames.claims if claims is None else claims).iterrows():
        kind = str(claim["metric"])
        try:
            outcome = CHECKERS[kind](claim, frames)
            texts = _texts(kind, outcome)
        except (KeyError, IndexError, TypeError, ValueError, ZeroDivisionError) as exc:  # data lack a value
            if isinstance(exc, PoppyError):
                raise
            raise SeriesError(
                f"the {kind} claim {claim['claim_id']} cannot be checked: the data have no value for {exc}"
            ) from None
        checks.append(
            ClaimCheck(
                claim_id=claim["claim_id"],
                speaker=claim["speaker"],
                date=claim["date"].date().isoformat(),
                quote=claim["quote"],
                verdict=outcome.verdict,
                stated=texts["stated"],
                computed=texts["computed"],
                explanation=texts["explanation"],
                figures=outcome.figures,
                sources=tuple(dict.fromkeys(x for x in [claim["source_id"], *outcome.sources] if x)),
                appearance=str(titles.get(claim["source_id"], "")),
                kind=kind,
                source=str(claim["source_id"] or ""),
            )
        )
    return checks


def claims_table(checks: list[ClaimCheck], lang: str = "en") -> pd.DataFrame:
    """The checks as a frame: claim_id, quote, stated, computed, verdict, explanation, sources (';')."""
    check_lang(lang)
    rows: list[dict[str, Any]] = [
        {
            "claim_id": c.claim_id,
            "quote": c.quote,
            "stated": c.stated[lang],
            "computed": c.computed[lang],
            "verdict": c.verdict_label(lang),
            "explanation": c.explanation[lang],
            "sources": ";".join(c.sources),
        }
        for c in checks
    ]
    columns = ["claim_id", "quote", "stated", "computed", "verdict", "explanation", "sources"]
    return pd.DataFrame(rows, columns=columns).astype("str")
