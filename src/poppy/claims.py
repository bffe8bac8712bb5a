"""The press release's statements, checked against the UNODC data, in English and Russian.

Each claim in data/claims.csv is evaluated by the checker for its ``metric`` (change,
ratio, share, context) into a ClaimCheck: the figure stated, the figure computed from
the data, a verdict from a fixed scale and an explanation generated from the numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from poppy import metrics
from poppy.errors import OptionError, PoppyError, SeriesError
from poppy.fmt import check_lang, date_text, month_year, number, percent_change, quantity, years_word
from poppy.frames import Frames
from poppy.i18n import ALL_LANGS, N_, t, tn

#: The verdict scale, mildest first: verdict id -> message of its label.
VERDICTS: dict[str, str] = {
    "accurate": N_("verdict.accurate"),
    "accurate_but_misleading": N_("verdict.accurate_but_misleading"),
    "overstated": N_("verdict.overstated"),
    "not_supported": N_("verdict.not_supported"),
    "no_figure": N_("verdict.no_figure"),
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

    def verdict_label(self, lang: str = "en") -> str:
        """The verdict in words."""
        return t(lang, VERDICTS[self.verdict])


def _series(frames: Frames, measure: str) -> pd.DataFrame:
    """The Afghan series a claim's ``measure`` names."""
    return {"cultivation": frames.cultivation, "production": frames.production}[measure]


def _close(stated: float, actual: float, tolerance: float = 0.01) -> bool:
    """Stated figure equal to the data within ``tolerance`` (1%: speakers round)."""
    return abs(stated - actual) <= tolerance * abs(actual)


def _years(years: list[int]) -> str:
    """[2009, 2010] -> '2009–2010'; [2012, 2013, 2016] -> '2012–2013, 2016'."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def _ha(v: float, lang: str) -> str:
    return quantity(v, "ha", lang)


def _stated_times(v: float, lang: str) -> str:
    """A stated multiple as said: '26×' / 'в 26 раз' (the plural follows the number)."""
    if float(v).is_integer():
        return tn(lang, "unit.times_stated", "unit.times_stated.plural", int(v))
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
}

Fields = Callable[[str], dict[str, str]]


def _check_change(claim: pd.Series, d: Frames) -> tuple[str, Fields, dict[str, float], list[str]]:
    s = _series(d, claim["measure"])
    sy, ey, span = int(claim["start_year"]), int(claim["end_year"]), int(claim["stated_span_years"])
    ch = metrics.change(s, sy, ey)
    recent = metrics.change(s, ey - span, ey)
    path = metrics.path_between(s, sy, ey)
    low = path["value"].min()
    low_years = path.loc[path["value"] == low, "year"].tolist()
    ends_match = _close(claim["stated_start"], ch.start) and _close(claim["stated_end"], ch.end)
    misleading = ch.years != span or low < ch.start
    verdict = "not_supported" if not ends_match else ("accurate_but_misleading" if misleading else "accurate")

    def fields(lang: str) -> dict[str, str]:
        return {
            "start_year": str(sy),
            "end_year": str(ey),
            "stated_span": years_word(span, lang),
            "years": years_word(ch.years, lang),
            "stated_start": _ha(claim["stated_start"], lang),
            "stated_end": _ha(claim["stated_end"], lang),
            "start": _ha(ch.start, lang),
            "end": _ha(ch.end, lang),
            "pct": percent_change(ch.percent, lang),
            "ratio": _times(ch.ratio, lang),
            "low": _ha(low, lang),
            "low_years": _years(low_years),
            "span_start": str(recent.start_year),
            "span_pct": percent_change(recent.percent, lang),
            "span_start_value": _ha(recent.start, lang),
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
    sources = [*path["source_id"]]
    return verdict, fields, figures, sources


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
        "area == 'Afghanistan' and measure == @claim['measure'] and year == @base_year and relation == 'rounded'"
    )
    earlier = cultivation[cultivation["year"] < base_year].dropna(subset=["value"])
    if rounded.empty or earlier.empty:
        raise SeriesError(
            f"the ratio claim {claim['claim_id']} needs a rounded {claim['measure']} figure for {base_year} in "
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


def _check_ratio(claim: pd.Series, d: Frames) -> tuple[str, Fields, dict[str, float], list[str]]:
    s = d.cultivation
    b = ratio_baselines(s, d.alternates, d.events, claim)
    event, base_year, ban, alt, table = b.event, b.base_year, b.ban, b.rounded, b.table
    end_year = int(claim["end_year"])
    rounded = float(alt["value"].iloc[0])
    prev_year, next_year, peak_year = base_year - 1, base_year + 1, b.peak_year
    r = table.set_index("baseline")
    stated = float(claim["stated_value"])
    reproduces = round(r.loc["rounded", "ratio"]) == stated or round(r.loc[str(base_year), "ratio"]) == stated
    in_range = r.loc[str(base_year), "ratio_low"] <= stated <= r.loc[str(base_year), "ratio_high"]
    baseline_flawed = not ban.empty or event["start_date"] > pd.Timestamp(base_year, 6, 30)
    if reproduces or in_range:
        verdict = "accurate_but_misleading" if baseline_flawed else "accurate"
    else:
        verdict = "overstated" if stated > r.loc[str(base_year), "ratio_high"] else "not_supported"
    end_low, end_high = metrics.range_at(s, end_year) or (float("nan"), float("nan"))

    def fields(lang: str) -> dict[str, str]:
        def times_at(label: str, col: str = "ratio") -> str:
            return _times(r.loc[label, col], lang)

        return {
            "stated": _stated_times(stated, lang),
            "stated_number": number(stated, lang),
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
        }

    figures = {f"ratio_{k}": float(v) for k, v in r["ratio"].items()}
    figures |= {
        "ratio_low": float(r.loc[str(base_year), "ratio_low"]),
        "ratio_high": float(r.loc[str(base_year), "ratio_high"]),
    }
    rows = s[s["year"].isin([base_year, end_year, prev_year, next_year, peak_year])]
    sources = [*rows["source_id"], *alt["source_id"], event["source_id"], *ban["source_id"]]
    return verdict, fields, figures, sources


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
    holds = prod.percent > stated if claim["qualifier"] == "more_than" else _close(stated, prod.percent, 0.02)
    if holds:
        verdict = "accurate_but_misleading" if about_heroin else "accurate"
    else:
        verdict = "overstated" if abs(prod.percent - stated) < 5 else "not_supported"

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
        }

    figures = {
        "share_production_pct": prod.percent,
        "share_area_pct": area.percent,
        "unodc_stated_pct": float(unodc["share_pct"]),
    }
    rows = d.world.query("year == @year")
    sources = [
        unodc["source_id"],
        *rows["source_id"],
        *d.production.query("year == @year")["source_id"],
        *d.cultivation.query("year == @year")["source_id"],
    ]
    return verdict, fields, figures, sources


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
            "col_also": t(lang, "claim.context.also", years=_years(others)) if others else "",
            "col_next": _ha(col_next, lang),
            "col_first": str(int(col["year"].min())),
        }

    figures = {f"coca_{c}": float(v) for c, v in at.items()} | {"coca_total": float(at.sum())}
    sources = [*coca[coca["year"] == year]["source_id"], *col[col["year"] == next_year]["source_id"]]
    return "no_figure", fields, figures, sources


#: One checker per kind of claim (claims.csv ``metric``).
CHECKERS: dict[str, Callable[[pd.Series, Frames], tuple[str, Fields, dict[str, float], list[str]]]] = {
    "change": _check_change,
    "ratio": _check_ratio,
    "share": _check_share,
    "context": _check_context,
}


#: The tables each checker looks values up in (named when a value it needs is missing).
READS = {
    "change": "afghanistan_opium.csv",
    "ratio": "afghanistan_opium.csv, alternates.csv or events.csv",
    "share": "afghanistan_opium.csv, global_opium.csv or afghan_shares.csv",
    "context": "coca.csv",
}


def _run_checker(
    claim: pd.Series, frames: Frames
) -> tuple[str, dict[str, dict[str, str]], dict[str, float], list[str]]:
    """Verdict, texts by part and language, figures and sources of one claim.

    A value the checker needs but the (valid) data lacks is one clear SeriesError naming the
    claim and the tables it reads, not a KeyError from deep inside pandas.
    """
    metric = str(claim["metric"])
    try:
        verdict, fields, figures, sources = CHECKERS[metric](claim, frames)
        texts = {
            part: {lang: t(lang, key, **fields(lang)) for lang in ALL_LANGS}
            for part, key in TEXTS[metric].items()
        }
        return verdict, texts, figures, sources
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        if isinstance(exc, PoppyError):
            raise
        missing = f" ({exc.args[0]!r})" if isinstance(exc, KeyError) and exc.args else ""
        raise SeriesError(
            f"the {metric} claim {claim['claim_id']} cannot be checked: a value it needs{missing} "
            f"is missing or empty in {READS[metric]}"
        ) from None


def check_claims(frames: Frames) -> list[ClaimCheck]:
    """Every claim of ``frames.claims``, checked against the data, in file order."""
    titles = frames.sources.set_index("source_id")["title"]
    checks = []
    for _, claim in frames.claims.iterrows():
        verdict, texts, figures, sources = _run_checker(claim, frames)
        checks.append(
            ClaimCheck(
                claim_id=claim["claim_id"],
                speaker=claim["speaker"],
                date=claim["date"].date().isoformat(),
                quote=claim["quote"],
                verdict=verdict,
                stated=texts["stated"],
                computed=texts["computed"],
                explanation=texts["explanation"],
                figures=figures,
                sources=tuple(dict.fromkeys([claim["source_id"], *sources])),
                appearance=titles[claim["source_id"]],
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


#: ClaimReview ratings (1 worst .. 5 best); a claim without a figure gets words only.
RATINGS = {"accurate": 5, "accurate_but_misleading": 3, "overstated": 2, "not_supported": 1}


def claim_review(
    checks: list[ClaimCheck],
    url: str,
    lang: str = "en",
    author: str = "poppy fact check",
    date: str | None = None,
) -> list[dict[str, Any]]:
    """The checks as schema.org ClaimReview objects (JSON-LD), one per claim.

    ``url`` is the address where the fact check is published (each claim gets ``#claim_id``);
    ``date`` (YYYY-MM-DD) the review's publication date, left out when None so the output
    stays reproducible.
    """
    check_lang(lang)
    if not url.startswith(("http://", "https://")):
        raise OptionError(f"ClaimReview needs the http(s) address of the published fact check, got {url!r}")
    out = []
    for c in checks:
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": c.verdict_label(lang)}
        if c.verdict in RATINGS:
            rating |= {"ratingValue": RATINGS[c.verdict], "bestRating": 5, "worstRating": 1}
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"{url}#{c.claim_id}",
            "claimReviewed": c.quote,
            "author": {"@type": "Organization", "name": author},
            "reviewRating": rating,
            "reviewBody": c.explanation[lang],
            "inLanguage": lang,
            "itemReviewed": {
                "@type": "Claim",
                "author": {"@type": "Person", "name": c.speaker},
                "datePublished": c.date,
                "appearance": {"@type": "CreativeWork", "datePublished": c.date, "headline": c.appearance},
            },
        }
        if date:
            review["datePublished"] = date
        out.append(review)
    return out
