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
from poppy.fmt import LANGS, check_lang, date_text, month_year, number, percent_change, quantity
from poppy.frames import Frames

#: The verdict scale, mildest first, with its labels.
VERDICTS: dict[str, dict[str, str]] = {
    "accurate": {"en": "Accurate", "ru": "Верно"},
    "accurate_but_misleading": {"en": "Accurate but misleading", "ru": "Верно, но вводит в заблуждение"},
    "overstated": {"en": "Overstated", "ru": "Преувеличено"},
    "not_supported": {"en": "Not supported by UNODC data", "ru": "Не подтверждается данными УНП ООН"},
    "no_figure": {"en": "No figure to check", "ru": "Нет цифры для проверки"},
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
        return VERDICTS[self.verdict][check_lang(lang)]


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


def _times(v: float, lang: str) -> str:
    return quantity(v, "times", lang, 2 if v < 2 else 1)  # 1.08x, not a misleading 1.1x


# --- texts: one template per (checker, part, language); fields are formatted per language ---
TEXTS: dict[str, dict[str, dict[str, str]]] = {
    "change": {
        "stated": {
            "en": "{stated_start} ({start_year}) → {stated_end} ({end_year}), 'in the past {stated_span} years'",
            "ru": "{stated_start} ({start_year}) → {stated_end} ({end_year}), «за последние {stated_span} лет»",
        },
        "computed": {
            "en": "{start} → {end}: {pct} over {years} years; {span_start}→{end_year}: {span_pct}",
            "ru": "{start} → {end}: {pct} за {years} лет; {span_start}→{end_year}: {span_pct}",
        },
        "explanation": {
            "en": "UNODC's figures match both endpoints: {start} in {start_year} and {end} in {end_year}. "
            "But {start_year} to {end_year} is {years} years, not {stated_span}, and the rise over it is only "
            "{pct} ({ratio}). The area did not grow steadily: it fell to {low} in {low_years} before "
            "climbing back. Over the five years {span_start} to {end_year} the increase was {span_pct}, "
            "from {span_start_value}.",
            "ru": "Обе крайние точки совпадают с данными УНП ООН: {start} в {start_year} году и {end} "
            "в {end_year} году. Но с {start_year} по {end_year} год прошло {years} лет, а не {stated_span}, "
            "и рост за этот период составил лишь {pct} (в {ratio}). Площадь не росла постоянно: она "
            "сократилась до {low} в {low_years} годах, а затем снова выросла. За пять лет с {span_start} "
            "по {end_year} год рост составил {span_pct}, с {span_start_value}.",
        },
    },
    "ratio": {
        "stated": {"en": "{stated}× during ISAF", "ru": "в {stated} раз за время МССБ"},
        "computed": {
            "en": "{end_year}/{base_year}: {ratio_exact} (UNODC {base_value}), {ratio_rounded} (rounded "
            "{rounded_value}); range {ratio_low}–{ratio_high}",
            "ru": "{end_year}/{base_year}: {ratio_exact} (УНП ООН, {base_value}), {ratio_rounded} "
            "(округлённо {rounded_value}); диапазон {ratio_low}–{ratio_high}",
        },
        "explanation": {
            "en": "'{stated} times' is {end_year} ({end}) over {base_year}: {ratio_exact} with UNODC's "
            "{base_value}, and {ratio_rounded} with the rounded {rounded_value}, the only baseline that "
            "gives {stated}. With {end_year}'s uncertainty range ({end_low}–{end_high}) the multiple lies "
            "between {ratio_low} and {ratio_high}, so the number itself holds. The baseline does not: "
            "{base_year} was the harvest under the Taliban ban announced in {ban_start}, and it was gathered "
            "before ISAF was authorised on {event_start}. Against ordinary harvests {end_year} was "
            "{ratio_prev} the last pre-ban year {prev_year} ({prev_value}), {ratio_next} {next_year}, the "
            "first harvest after the ban ({next_value}), and {ratio_peak} the {peak_year} peak ({peak_value}).",
            "ru": "«В {stated} раз» — это {end_year} год ({end}) по отношению к {base_year} году: в {ratio_exact} по "
            "данным УНП ООН ({base_value}) и в {ratio_rounded} при округлённых {rounded_value}; только такая "
            "база даёт {stated}. С учётом диапазона оценки {end_year} года ({end_low}–{end_high}) кратность "
            "лежит между {ratio_low} и {ratio_high}, так что само число верно. Неверна база: урожай "
            "{base_year} года собран под запретом талибов, объявленным в {ban_start}, и до того, как МССБ "
            "были учреждены {event_start}. По сравнению с обычными урожаями площадь {end_year} года была "
            "в {ratio_prev} больше, чем в последний год до запрета ({prev_year}, {prev_value}), в "
            "{ratio_next} больше, чем в {next_year} году, первом урожае после запрета ({next_value}), и в "
            "{ratio_peak} больше пика {peak_year} года ({peak_value}).",
        },
    },
    "share": {
        "stated": {
            "en": "more than {stated}% of the world's heroin",
            "ru": "более {stated}% мирового героина",
        },
        "computed": {
            "en": "{year}: {pct} of world opium production ({part} of {total}); {area_pct} of world area",
            "ru": "{year}: {pct} мирового производства опиума ({part} из {total}); {area_pct} мировой площади",
        },
        "explanation": {
            "en": "UNODC put Afghanistan at {unodc_wording} in {year}: {part} of {total}, that is {pct}. "
            "That is not 'more than {stated} percent', and it is a share of opium, not heroin: no UNODC "
            "figure for Afghanistan's share of world heroin in {year} was found. By area, Afghanistan had "
            "{area_pct} of the world's opium poppy fields ({area_part} of {area_total}).",
            "ru": "По данным УНП ООН, в {year} году на Афганистан пришлось около {unodc_pct}% мирового "
            "производства опиума: {part} из {total}, то есть {pct}. Это не «более {stated} процентов», и это "
            "доля опиума, а не героина: данных УНП ООН о доле Афганистана в мировом производстве героина "
            "в {year} году не найдено. По площади на Афганистан пришлось {area_pct} мировых посевов "
            "опийного мака ({area_part} из {area_total}).",
        },
    },
    "context": {
        "stated": {"en": "no figure", "ru": "цифр нет"},
        "computed": {
            "en": "coca {year}: {total} (Colombia {Colombia}, Peru {Peru}, Bolivia {Bolivia})",
            "ru": "кока {year}: {total} (Колумбия {Colombia}, Перу {Peru}, Боливия {Bolivia})",
        },
        "explanation": {
            "en": "The statement gives no figure to check. UNODC-supported surveys put coca bush cultivation "
            "in {year} at {Colombia} in Colombia, {Peru} in Peru and {Bolivia} in Bolivia, {total} in all. "
            "Colombia's {Colombia} was the lowest in its series since {col_first} (also in {col_low_years}); "
            "by {next_year} it had risen to {col_next}.",
            "ru": "В заявлении нет цифр для проверки. По данным обследований при поддержке УНП ООН, в {year} "
            "году кустарник коки занимал {Colombia} в Колумбии, {Peru} в Перу и {Bolivia} в Боливии, всего "
            "{total}. Показатель Колумбии ({Colombia}) был самым низким с {col_first} года (также в "
            "{col_low_years} г.); к {next_year} году он вырос до {col_next}.",
        },
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
            "stated_span": str(span),
            "years": str(ch.years),
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
        def t(label: str, col: str = "ratio") -> str:
            return _times(r.loc[label, col], lang)

        return {
            "stated": number(stated, lang),
            "end_year": str(end_year),
            "base_year": str(base_year),
            "end": _ha(r.loc[str(base_year), "end_value"], lang),
            "base_value": _ha(r.loc[str(base_year), "baseline_value"], lang),
            "rounded_value": _ha(rounded, lang),
            "ratio_exact": t(str(base_year)),
            "ratio_rounded": t("rounded"),
            "ratio_low": t(str(base_year), "ratio_low"),
            "ratio_high": t(str(base_year), "ratio_high"),
            "end_low": _ha(end_low, lang),
            "end_high": _ha(end_high, lang),
            "ban_start": month_year(ban["start_date"].iloc[0], lang) if not ban.empty else "–",
            "event_start": date_text(event["start_date"], lang),
            "prev_year": str(prev_year),
            "next_year": str(next_year),
            "peak_year": str(peak_year),
            "ratio_prev": t(str(prev_year)),
            "ratio_next": t(str(next_year)),
            "ratio_peak": t(str(peak_year)),
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
            "col_low_years": _years(others) if others else "–",
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


def check_claims(frames: Frames) -> list[ClaimCheck]:
    """Every claim of ``frames.claims``, checked against the data, in file order."""
    d = frames
    titles = frames.sources.set_index("source_id")["title"]
    checks = []
    for _, claim in frames.claims.iterrows():
        metric = str(claim["metric"])
        verdict, fields, figures, sources = CHECKERS[metric](claim, d)
        texts: dict[str, dict[str, str]] = {}
        for part, by_lang in TEXTS[metric].items():
            texts[part] = {lang: by_lang[lang].format(**fields(lang)) for lang in LANGS}
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
        raise ValueError(f"ClaimReview needs the http(s) address of the published fact check, got {url!r}")
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
