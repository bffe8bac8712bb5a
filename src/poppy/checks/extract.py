"""Candidate claim rows from a new text (English or Russian), by rules: no model, no download.

``extract`` splits a press release or speech into sentences, finds the checkable figures in
each (hectares, tonnes, percent, 'N times' / 'в N раз', years, spans such as 'in the past
five years' / 'за последние пять лет', 'the largest'), maps them to a series, an area and
years, and returns one row per figure-bearing sentence in claims.csv's columns, the sentence
quoted verbatim. What the rules cannot resolve is left empty and named in ``note`` ('TO
REVIEW: ...'); a sentence whose figures match no series is marked 'UNMATCHED'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from poppy.checks.claim_rows import REQUIRED
from poppy.data.contract import FIELDS
from poppy.i18n import t

#: Number words of spans ('the past five years', 'за последние пять лет').
NUMBER_WORDS = {
    **dict.fromkeys(["two", "два", "двух"], 2),
    **dict.fromkeys(["three", "три", "трёх", "трех"], 3),
    **dict.fromkeys(["four", "четыре", "четырёх"], 4),
    **dict.fromkeys(["five", "пять", "пяти"], 5),
    **dict.fromkeys(["six", "шесть", "шести"], 6),
    **dict.fromkeys(["seven", "семь", "семи"], 7),
    **dict.fromkeys(["eight", "восемь", "восьми"], 8),
    **dict.fromkeys(["nine", "девять", "девяти"], 9),
    **dict.fromkeys(["ten", "десять", "десяти"], 10),
}
#: Group separators: space, no-break, thin, hair, narrow no-break and zero-width space (a typeset
#: '209 000' keeps its digits together instead of leaving '000' to be read alone).
_GROUP = "[ \u00a0\u2009\u200a\u202f\u200b]"
_NUM = rf"\d{{1,3}}(?:(?:{_GROUP}|,)\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_SCALE = r"(?:\s*(?P<scale>thousand|million|тыс\.?|тысяч\w*|млн\.?|миллион\w*))?"
#: Unit of a figure by the words after it (checked in this order).
UNITS = {
    "ha": r"hectares?\b|ha\b|га\b|гектар\w*",
    "t": r"metric tons?\b|tons?\b|tonnes?\b|тонн\w*|т\b",
    "percent": r"per\s?cent\b|%|процент\w*",
    "times": r"times\b|-?fold\b|раз\w*\b",
}
FIGURE = re.compile(
    rf"(?P<before>\bв\s+)?(?P<num>{_NUM}){_SCALE}\s*(?P<unit>{'|'.join(f'(?:{u})' for u in UNITS.values())})",
    re.IGNORECASE,
)
YEAR = re.compile(r"(?<![\d,.\-])\b(19[89]\d|20[0-4]\d)\b(?![\d%]|\s*(?:hectares|ha\b|га|тонн|tons|раз))")
SPAN = re.compile(
    r"(?:past|last|последние|последних)\s+(?P<n>\w+)\s+(?:years|лет|года)"
    r"|(?P<decade>last decade|последнее десятилетие|последние десять лет)",
    re.IGNORECASE,
)
RANK = re.compile(r"\b(largest|biggest|крупнейш\w*)", re.IGNORECASE)
#: Stems of the areas the data know (lower case; a Russian stem matches every case ending).
AREAS = {
    "afghan": "Afghanistan",
    "афганистан": "Afghanistan",
    "myanmar": "Myanmar",
    "мьянм": "Myanmar",
    "mexic": "Mexico",
    "мексик": "Mexico",
    "colombia": "Colombia",
    "колумби": "Colombia",
    "peru": "Peru",
    "перу": "Peru",
    "bolivia": "Bolivia",
    "боливи": "Bolivia",
    "latin america": "Colombia;Peru;Bolivia",
    "south american": "Colombia;Peru;Bolivia",
    "латинской америк": "Colombia;Peru;Bolivia",
    "южноамерикан": "Colombia;Peru;Bolivia",
    "world": "World",
    "миров": "World",
}
#: Stems of the series: (stem, measure for an area in ha, measure otherwise); first match wins.
SERIES = (
    ("cocaine", "coca_cultivation", "cocaine_production"),
    ("кокаин", "coca_cultivation", "cocaine_production"),
    ("coca", "coca_cultivation", "coca_cultivation"),
    ("кок", "coca_cultivation", "coca_cultivation"),
    ("heroin", "cultivation", "heroin_production"),
    ("героин", "cultivation", "heroin_production"),
    # words for the area come before the plant: "poppy cultivation grew 26 times" is about area
    ("cultivation", "cultivation", "cultivation"),
    ("poppy area", "cultivation", "cultivation"),
    ("fields sown", "cultivation", "cultivation"),
    ("посев", "cultivation", "cultivation"),
    ("площад", "cultivation", "cultivation"),
    ("poppy", "cultivation", "production"),
    ("мак", "cultivation", "production"),
    ("opium", "cultivation", "production"),
    ("опи", "cultivation", "production"),
    ("drug production", "cultivation", "production"),
    ("производство наркотиков", "cultivation", "production"),
)
#: Stems of the period events (events.csv ids).
EVENTS = {
    "isaf": "isaf",
    "мссб": "isaf",
    "special session": "ungass-1998",
    "специальной сессии": "ungass-1998",
}
#: Qualifiers by the words before a figure.
QUALIFIERS = {
    "more than": "more_than",
    "over": "more_than",
    "более": "more_than",
    "свыше": "more_than",
    "about": "about",
    "around": "about",
    "около": "about",
    "почти": "about",
    "at least": "at_least",
    "не менее": "at_least",
}
#: Words of a direction (trend claims) and of a target not met.
RISE = re.compile(r"negative|increas|grow|rise|рост|вырос|увелич|негатив", re.IGNORECASE)
FALL = re.compile(r"decreas|declin|fall|fell|сниз|сокращ|снижен", re.IGNORECASE)
ONLY = re.compile(r"\bonly\b|\bтолько\b|\bлишь\b", re.IGNORECASE)
NOT_MET = re.compile(r"not been implemented|not implemented|не выполнен|не реализован", re.IGNORECASE)
#: Words that point back to the sentence before ('they have increased by 26 times').
ANAPHORA = re.compile(r"\b(they|it|this|these|there|она|они|он|оно|это|там)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»]?\s+(?=[\"“«A-ZА-ЯЁ])")


def sentences(text: str) -> list[str]:
    """The text's sentences, verbatim, paragraph by paragraph."""
    out = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        out += [s.strip() for s in _SENTENCE_END.split(paragraph.strip()) if s.strip()]
    return out


def parse_number(num: str, scale: str | None = None) -> float:
    """'209,000' / '209 000' -> 209000; '27,5' -> 27.5; ('193', 'тыс.') -> 193000."""
    compact = re.sub(_GROUP, "", num)
    if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", compact):
        compact = compact.replace(",", "")
    value = float(compact.replace(",", "."))
    factor = {"t": 1e3, "m": 1e6}.get((scale or "x")[0].lower().replace("т", "t").replace("м", "m"), 1)
    return value * factor


@dataclass
class Found:
    """What the rules found in one sentence."""

    figures: list[tuple[float, str, str]] = field(default_factory=list)  # value, unit, qualifier
    years: list[int] = field(default_factory=list)
    span: int | None = None
    rank: bool = False
    areas: list[str] = field(default_factory=list)
    stems: list[tuple[str, str, str]] = field(default_factory=list)
    event: str = ""

    def bears_figure(self) -> bool:
        """A checkable figure, year, span or rank is in the sentence."""
        return bool(self.figures or self.years or self.span or self.rank)


def _qualifier(sentence: str, start: int) -> str:
    before = sentence[max(0, start - 12) : start].lower()
    return next((q for words, q in QUALIFIERS.items() if re.search(rf"\b{words}\s*$", before)), "exact")


def find(sentence: str) -> Found:
    """The figures, years, span, rank words, areas, series stems and event of one sentence."""
    low = sentence.lower()
    found = Found()
    for m in FIGURE.finditer(sentence):
        unit = next(u for u, pattern in UNITS.items() if re.fullmatch(pattern, m["unit"], re.IGNORECASE))
        found.figures.append((parse_number(m["num"], m["scale"]), unit, _qualifier(sentence, m.start())))
    found.years = [int(y) for y in YEAR.findall(sentence)]
    span = SPAN.search(sentence)
    if span:
        found.span = 10 if span["decade"] else NUMBER_WORDS.get(span["n"].lower())
    found.rank = bool(RANK.search(sentence))
    found.areas = list(dict.fromkeys(a for stem, a in AREAS.items() if stem in low))
    found.stems = [s for s in SERIES if s[0] in low]
    found.event = next((e for stem, e in EVENTS.items() if stem in low), "")
    return found


def _kind(sentence: str, f: Found) -> str:
    """The kind of claim the figures suggest."""
    units = [u for _, u, _ in f.figures]
    if "times" in units:
        return "ratio"
    if "percent" in units:
        return "share"
    if f.rank:
        return "rank"
    if len([u for u in units if u in ("ha", "t")]) >= 2:
        return "change"
    if units:
        return "level"
    if f.event and NOT_MET.search(sentence):
        return "target"
    return "trend" if f.span and (RISE.search(sentence) or FALL.search(sentence)) else ""


def _measures(kind: str, f: Found) -> list[str]:
    unit = next((u for _, u, _ in f.figures if u in ("ha", "t")), "")
    picked = [ha if unit == "ha" or kind == "rank" else other for _, ha, other in f.stems]
    return list(dict.fromkeys(picked))[: None if kind in ("rank", "trend", "target") else 1]


def _figures(kind: str, f: Found) -> dict[str, str]:
    """stated_* , unit, qualifier and years of a row."""
    out: dict[str, str] = {}
    values = [(v, u, q) for v, u, q in f.figures]
    years = sorted(set(f.years))
    if kind == "change" and len(values) >= 2:
        out |= {
            "stated_start": f"{values[0][0]:g}",
            "stated_end": f"{values[1][0]:g}",
            "stated_unit": values[0][1],
        }
    elif values:
        v, u, q = values[0]
        out |= {"stated_value": f"{v:g}", "stated_unit": u, "qualifier": q}
    if years and kind != "target":
        out["end_year"] = str(years[-1])
    if len(years) > 1 or (years and kind == "target"):
        out["start_year"] = str(years[0])
    return out | KIND_DEFAULTS.get(kind, {})


#: What a kind's row states when the sentence has no figure for it.
KIND_DEFAULTS = {
    "rank": {"stated_unit": "rank", "qualifier": "exact"},
    "trend": {"stated_unit": "rise", "qualifier": ""},
    "target": {"stated_unit": "none", "qualifier": "not_met"},
}


def _review(row: dict[str, str], context: bool, lang: str) -> str:
    kind = row["metric"]
    if not kind or (not row["measure"] and kind in ("level", "change", "ratio", "share")):
        return t(lang, "extract.unmatched")
    needed = ("speaker", "date", "source_id", "area", "measure", *REQUIRED.get(kind, ()))
    empty = [c for c in needed if not row.get(c)]
    notes = [t(lang, "extract.context")] if context else []
    if empty:
        notes.append(t(lang, "extract.fill", columns=", ".join(empty)))
    return t(lang, "extract.review", notes="; ".join(notes)) if notes else ""


def _row(n: int, sentence: str, f: Found, previous: dict[str, str], meta: dict[str, str]) -> dict[str, str]:
    """One candidate row; ``note`` is filled by the caller (it needs to know about context)."""
    kind = _kind(sentence, f)
    row = dict.fromkeys(COLUMNS, "") | meta | {"claim_id": f"s{n}", "quote": sentence, "metric": kind}
    areas = [a for a in f.areas if a != "World"] if kind in ("share", "rank") else f.areas
    row |= {
        "measure": ";".join(_measures(kind, f)),
        "area": ";".join(areas or f.areas),
        "period_event_id": f.event,
    }
    row |= _figures(kind, f)
    if f.span:
        row["stated_span_years"] = str(f.span)
    refers = kind in ("ratio", "trend") or ANAPHORA.search(sentence)
    context = bool(kind) and bool(refers) and not row["measure"] and bool(previous.get("measure"))
    if context:
        row |= {"measure": previous["measure"], "area": previous["area"]}
    if kind and row["measure"] and not row["area"] and ";" not in previous.get("area", ";"):
        row["area"] = previous["area"]  # 'in this country': the one country of the sentence before
    if kind == "trend" and FALL.search(sentence) and not RISE.search(sentence):
        row["stated_unit"] = "fall"
    if kind == "trend" and ONLY.search(sentence):
        row["qualifier"] = "only"
    row["note"] = "context" if context else ""
    return row


#: The columns of a claims.csv row, as poppy's data contract declares them.
COLUMNS = [spec.split(":")[0] for spec in FIELDS["claims"].split()]


def extract(
    text: str, lang: str = "en", speaker: str = "", date: str = "", source_id: str = ""
) -> pd.DataFrame:
    """Candidate claim rows (claims.csv's columns, all text) for every figure-bearing sentence.

    ``speaker``, ``date`` (YYYY-MM-DD) and ``source_id`` fill every row when given; ``note``
    says, in ``lang``, what is left for the analyst ('TO REVIEW: ...') or that the figures
    match no series ('UNMATCHED ...').
    """
    meta = {"speaker": speaker, "date": date, "source_id": source_id, "topic": "-"}
    rows: list[dict[str, str]] = []
    previous: dict[str, str] = {}
    for n, sentence in enumerate(sentences(text), 1):
        f = find(sentence)
        if not f.bears_figure():
            continue
        row = _row(n, sentence, f, previous, meta)
        row["note"] = _review(row, row["note"] == "context", lang)
        rows.append(row)
        if row["metric"] and row["measure"]:
            previous = row
    return pd.DataFrame(rows, columns=COLUMNS).astype(str)
