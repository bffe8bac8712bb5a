"""Candidate claim rows from a new text (English or Russian), by rules: no model, no download.

``extract`` splits a press release, speech or article into sentences and reads each as an analyst
would: every figure (poppy.checks.numbers) is tied to the series named nearest to it (the plant or
drug and what is measured: area, production, eradication, price) and to the nearest area, and the
figures of one series make one row of the kind they state: two figures a change, a percentage
with 'fell'/'вырос' a change, other percentages a share, a multiple a ratio, one figure a level;
'record'/'largest' without a figure a rank, a direction over years a trend, a pledge 'not
implemented' a target. What a sentence leaves out (area, series, years) is carried from the
sentence before, 'over the same period' / 'в том же году' from its years, 'last year' from the
statement's date, and the note names the sentence each came from. What the rules cannot settle
is left empty and named in ``note`` ('TO REVIEW: ...'); figures that match no series are 'UNMATCHED'.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from poppy.checks.claim_rows import REQUIRED
from poppy.checks.numbers import FALL, NUMBER_WORDS, RISE, Figure, figures, parse_number
from poppy.checks.phrases import (
    AFTER_MOVE,
    AFTER_MOVED,
    AFTER_RUN,
    AFTER_YEAR,
    ANAPHORA,
    APPOSITIVE,
    AREA_MEASURES,
    AREAS,
    ASIDE,
    ASIDE_SPAN,
    ASPECTS,
    ATTRIBUTION,
    BAN,
    BAN_ON,
    BANNED,
    BANS,
    BANS_AREA,
    BASE_WORD,
    BASE_YEAR,
    BEATEN,
    BEFORE_YEAR,
    BEHIND,
    BEHIND_REACH,
    BETWEEN,
    BRACKETS,
    BUT,
    CHAIN,
    CITIES,
    CLAUSE,
    CLAUSE_CUT,
    CLAUSE_TIE,
    COMPARED,
    COMPARED_REACH,
    CONTRAST,
    COUNTED,
    COUNTED_FROM_SAID,
    COUNTRIES,
    CUMULATIVE,
    DATE,
    ELSEWHERE,
    ELSEWHERE_REACH,
    ERADICATED_OBJECT,
    ESTIMATED_EARLIER,
    EVENTS,
    EXCEEDED,
    FIRST_AFTER,
    FROM,
    FROM_AT,
    GOAL,
    GROUP_RANK,
    IN_PLACE,
    IT,
    LIST_JOIN,
    LOW_RECORD,
    MEASURES,
    MOVE_FIGURE_REACH,
    MOVE_FROM,
    MOVE_NOUN,
    MOVED_MULTIPLE,
    MOVED_TO,
    MULTIPLE_OF,
    NEGATIVE,
    NEXT_CLAUSE,
    NOT_MET,
    NOW,
    NOW_REACH,
    NOW_TENSE,
    OBJECTS,
    OF_BEFORE,
    OF_OBJECT,
    ONE_OF_REGION,
    ONLY,
    OPENS,
    OPINION,
    ORDINALS,
    OWN_YEAR,
    PART_WHOLE,
    PERFECT,
    PERIOD_REACH,
    PLACE,
    PLACES,
    POINTS_BACK,
    PREVIOUSLY,
    PRIOR_RECORD,
    PRODUCER_NOUN,
    PRONOUN,
    PRONOUN_REACH,
    PROVINCES,
    RANK,
    RANK_DATED,
    RANK_NOUN,
    RANK_NOUNS,
    RANK_PUT,
    RANK_SINCE,
    REACHES,
    RECORD_AFTER,
    RECORD_LOW_REACH,
    RECORD_WORD,
    RECORD_YEARS,
    RECORD_YEARS_REACH,
    RELATIVE,
    RELATIVE_CLAUSE,
    RELATIVE_REACH,
    REPORT_YEAR,
    RESPECTIVE_REACH,
    RESPECTIVELY,
    RUN,
    SAME_PERIOD,
    SHARE_OF_WHOLE,
    SHARE_WHOLE,
    SINCE,
    SINCE_BEFORE,
    SINCE_FAR,
    SPAN,
    SURVEYS,
    SURVEYS_UNTIL,
    TALIBAN,
    TARGETS,
    THAN,
    THE_END,
    THEIR_RANK,
    THEN_TO,
    TO,
    TREND_REACH,
    UNIT_ASPECT,
    UNIT_MEASURES,
    UNSURE,
    WHEN,
    WHICH_WAS,
    WHOLE_OF,
    WORLD_SCOPE,
    WORLD_SERIES,
    YEAR,
    YEAR_ON_YEAR,
    YEAR_SPAN,
)
from poppy.data.contract import FIELDS
from poppy.i18n import t

__all__ = ["COLUMNS", "area_stems", "extract", "parse_number", "read", "sentences"]

_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|approx|est|"
    r"тыс|млн|млрд|г|гг|т|им|т\.е|др|пр|ул|см|ст|янв|фев|мар|апр|авг|сен|сент|окт|ноя|дек|U\.S|U\.N|e\.g|i\.e)|\b[A-ZА-ЯЁ])\.$"
)
#: A news agency's dateline ('ДУШАНБЕ, 12 ноя — Sputnik.'): the start of the first sentence.
_DATELINE = re.compile(r"[A-ZА-ЯЁ][A-ZА-ЯЁ .-]+,[^.]{0,30}[—–-]+\s*[\w ()]{2,30}\.")
#: A sentence ends before a capital, a quote, a digit or a dash that opens a quoted speaker's next one
#: ('..., - отметил Федотов. - Это абсолютный рекорд').
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”»]?\s+(?=[\"“«(\[A-ZА-ЯЁ0-9]|[-–—]\s+[A-ZА-ЯЁ])")


def sentences(text: str) -> list[str]:
    """The text's sentences, verbatim, paragraph by paragraph (abbreviations do not end one)."""
    out = []
    for paragraph in re.split(r"\n\s*\n|\n", text):
        pieces = [s for s in _SENTENCE_END.split(paragraph.strip()) if s.strip()]
        merged: list[str] = []
        for piece in pieces:
            if merged and (
                _ABBREVIATION.search(merged[-1])
                or re.fullmatch(r"\d{1,2}\.", merged[-1])
                or _DATELINE.fullmatch(merged[-1])
            ):
                merged[-1] = f"{merged[-1]} {piece}"
            else:
                merged.append(piece)
        out += [p for s in merged for p in _bounded(re.sub(r"^[-–—]\s+", "", s.strip()))]  # no speaker's dash
    return out


#: The longest sentence read whole (characters). Prose stays far below (the corpus's longest is
#: 490); a longer run without a full stop (a table or a list pasted as text) is read in pieces,
#: since reading a sentence takes time that grows faster than its length.
LONGEST = 1_500


def _bounded(sentence: str) -> list[str]:
    """``sentence`` in pieces of at most LONGEST characters, cut after a semicolon, comma or space."""
    pieces = []
    while len(sentence) > LONGEST:
        head = sentence[:LONGEST]
        cut = max(head.rfind("; "), head.rfind(", "), head.rfind(" ")) + 1 or LONGEST
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return [*pieces, sentence] if sentence else pieces


def area_stems(provinces: pd.DataFrame) -> dict[str, str]:
    """Stems of the Afghan provinces (English and Russian names of provinces.csv) -> province."""
    stems = {}
    for row in provinces.itertuples():
        if row.province in CITIES:
            continue
        stems[str(row.province).lower()] = str(row.province)
        stems[str(row.name_ru).lower()[:-1] if len(str(row.name_ru)) > 5 else str(row.name_ru).lower()] = str(
            row.province
        )
    return stems


@dataclass
class Facts:
    """What the rules read in one sentence, each with its place in it."""

    text: str
    figures: list[Figure]
    years: list[tuple[int, int]]  # (position, year)
    areas: list[tuple[int, str]]
    elsewhere: list[int]
    objects: list[tuple[int, str]]
    aspects: list[tuple[int, str]]
    base: frozenset[int] = frozenset()  # positions of baseline years ('compared to 2017')
    place: int | None = None  # 'second largest': 2
    place_at: int = 0  # where the place is said
    span: int | None = None
    run: bool = False  # the span is a run of years ('the third consecutive year'), not a period
    since: int | None = None
    rank: bool = False
    event: str = ""
    relative: str = ""
    dated: frozenset[int] = frozenset()  # positions of years said relative to the date ('last year')
    ranked: frozenset[int] = frozenset()  # positions of years a rank counts from ('highest since 2001')
    same_period: bool = False
    notes: list[str] = field(default_factory=list)


def _count(word: str) -> int:
    """A count said in digits or words ('3', 'three', 'трех'); 0 when it is neither."""
    return int(word) if word.isdigit() else int(NUMBER_WORDS.get(word.lower(), 0))


def _span(span: re.Match[str] | None, run: re.Match[str] | None) -> int | None:
    """Years of 'the past five years' / 'the last decade' / 'the second consecutive year'."""
    if span:
        return 10 if span["decade"] else _count(span["n"] or span["n2"]) or None
    if run:
        return ORDINALS.get((run["n"] or "").lower()) or _count(run["count"] or "") or None
    return None


def _banned(text: str, at: int) -> bool:
    """Whether the series word at ``at`` names what a ban forbids ('a poppy cultivation ban')."""
    return bool(BANNED.match(text, at) or BAN_ON.search(text, max(0, at - 40), at))


#: The series words' and drugs' patterns, compiled once (read() tries each on every sentence).
_ASPECTS = {a: re.compile(pattern, re.IGNORECASE) for a, pattern in ASPECTS.items()}
_OBJECTS = {o: re.compile(pattern, re.IGNORECASE) for o, pattern in OBJECTS.items()}


def _places(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.start() for m in pattern.finditer(text)]


@functools.lru_cache(maxsize=4096)
def _stem(stem: str) -> re.Pattern[str]:
    """An area's stem as a pattern that starts a word."""
    return re.compile(rf"\b{re.escape(stem)}")


def _areas(text: str, areas: Mapping[str, str] | None) -> list[tuple[int, str]]:
    """(position, area) of every area named in ``text`` (AREAS and the extra ``areas`` stems)."""
    low = text.lower()
    stems = {**AREAS, **(areas or {})}
    scopes = [(m.start(), m.end()) for m in WORLD_SCOPE.finditer(text)]
    found = sorted(
        (m.start(), m.end(), a)
        for stem, a in stems.items()
        if stem in low  # most stems are in no sentence: a plain search first
        for m in _stem(stem).finditer(low)
        if not (a == "World" and any(a0 <= m.start() < b0 for a0, b0 in scopes))
        and not ONE_OF_REGION.match(low, m.start())
    )
    return _lists(text, found)


def _country(area: str) -> bool:
    """Whether an area (or the first of a list) is a country, not an Afghan province."""
    return area.split(";")[0] in COUNTRIES


def _lists(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    """(position, area) with a list of areas as one area ('Colombia;Peru;Bolivia').

    The list's figure is their total, unless the text says 'respectively'.
    """
    out: list[tuple[int, int, str]] = []
    for start, end, area in found:
        joined = (
            out
            and LIST_JOIN.fullmatch(text[out[-1][1] : start])
            and "World" not in (area, out[-1][2])
            and _country(area) == _country(out[-1][2])  # 'Afghanistan and Helmand': no list
        )
        if joined and not RESPECTIVELY.search(text) and area not in out[-1][2].split(";"):
            out[-1] = (out[-1][0], end, f"{out[-1][2]};{area}")
        elif not (out and out[-1][0] == start):
            out.append((start, end, area))
    return [(p, a) for p, _, a in out]


def _objects(text: str) -> list[tuple[int, str]]:
    """(position, drug) of every drug or plant named in ``text``."""
    return sorted((p, o) for o, pattern in _OBJECTS.items() for p in _places(pattern, text))


def _years(sentence: str) -> list[tuple[int, int]]:
    """(position, year) of the years a sentence names, calendar dates aside."""
    dates = {m.start("year") for m in DATE.finditer(sentence)}
    found = [(m.start(), int(m[1])) for m in YEAR.finditer(sentence)]
    # 'World Drug Report 2019' reports the figures of 2018: the report's year is no year of data
    titled = {m.start("year"): int(m["year"]) - 1 for m in REPORT_YEAR.finditer(sentence)}
    # '$100 per kg before 2022': the year before it
    titled |= {m.start("year"): int(m["year"]) - 1 for m in BEFORE_YEAR.finditer(sentence)}
    found = [(p, titled.get(p, y)) for p, y in found]
    found += [(m.start("year"), int(m["year"])) for m in YEAR_SPAN.finditer(sentence)]
    return sorted({(p, y) for p, y in found if p not in dates})


def _dated(sentence: str, said: int | None, now: int | None = None) -> list[tuple[int, int, bool]]:
    """(position, year, is a baseline) of 'this year' / 'last year' counted from the year said.

    'now' / 'сейчас' is the latest survey's year ``now``.
    """
    if said is None:
        return []
    found = [
        (m.start(), said + offset, bool(BASE_WORD.search(sentence[: m.start()])))
        for key in ("said", "said_last")
        for pattern, offset in [RELATIVE[key]]
        for m in pattern.finditer(sentence)
    ]
    found += [(m.start(), now, False) for m in NOW.finditer(sentence) if now is not None]
    return found + _counted(sentence, said)


def _counted(sentence: str, said: int) -> list[tuple[int, int, bool]]:
    """'fifteen years ago' counted from the year said; 'four years later' from the year before it."""
    out = []
    for m in COUNTED.finditer(sentence):
        n = int(m["n"]) if m["n"].isdigit() else int(NUMBER_WORDS.get(m["n"].lower(), 1))
        n *= 10 if m["unit"].lower().startswith(("decade", "десят")) else 1
        if m["way"].lower() in COUNTED_FROM_SAID:
            out.append((m.start(), said - n, False))
        elif earlier := [y for p, y in _years(sentence[: m.start()])]:
            sign = -1 if m["way"].lower() in ("earlier", "before", "раньше", "ранее") else 1
            out.append((m.start(), earlier[-1] + sign * n, False))
    return out


#: What dates a figure's baseline: 'compared with 2007', 'exceeding ... 2014', 'the previous record of 2007'.
BASES = (BASE_YEAR, EXCEEDED, PRIOR_RECORD)


def read(
    sentence: str, areas: Mapping[str, str] | None = None, said: int | None = None, now: int | None = None
) -> Facts:
    """The figures, years, areas, series words, span, rank words and event of one sentence.

    ``said`` (the statement's year) dates 'this year' and 'last year' among its years, ``now``
    (the latest survey's year then) 'now' and 'currently'.
    """
    low = sentence.lower()
    span = SPAN.search(sentence)
    # 'the highest since 2001' counts a rank from 2001; 'has risen since 2013' starts a trend;
    # 'shrank by 2.3% in 2023, after increasing every year since 2015': 2015 starts the earlier rise
    ranks = [m.end() for p in (RANK, AFTER_MOVE) for m in p.finditer(sentence)]
    since = next((m for m in SINCE.finditer(sentence) if not _ranked(m.start(), ranks)), None)
    dated = _dated(sentence, said, now)
    # 'has plummeted since the Taliban banned the cultivation last year': a trend from last year
    since_dated = next((y for p, y, _ in dated if SINCE_BEFORE.search(sentence[:p])), None)
    return Facts(
        text=sentence,
        figures=figures(sentence),
        years=_years(sentence) + sorted(d[:2] for d in dated),
        base=frozenset(m.start("year") for p in BASES for m in p.finditer(sentence))
        | {p for p, _, b in dated if b}
        | {m.start("year") for m in SINCE_FAR.finditer(sentence) if not _ranked(m.start(), ranks)}
        | {
            m.start("years") + y.start()
            for m in AFTER_MOVED.finditer(sentence)
            for y in YEAR.finditer(m["years"])
        },
        dated=frozenset(p for p, _, _ in dated),
        ranked=_rank_since(sentence, ranks),
        areas=_areas(sentence, areas),
        elsewhere=[m.start() for m in ELSEWHERE.finditer(sentence)],
        objects=_objects(sentence),
        aspects=sorted(
            (p, a)
            for a, pattern in _ASPECTS.items()
            for p in _places(pattern, sentence)
            if not _banned(sentence, p)
        ),
        span=_span(span, RUN.search(sentence)),
        run=not span and bool(RUN.search(sentence)),
        place=ORDINALS[(place["n"] or place["alone"]).lower()] if (place := PLACE.search(sentence)) else None,
        place_at=place.start() if place else 0,
        since=int(since["year"]) if since else since_dated,
        rank=bool(RANK.search(sentence)),
        event=next((e for stem, e in EVENTS.items() if stem in low), ""),
        relative=next((k for k, (p, _) in RELATIVE.items() if p.search(sentence)), ""),
        same_period=bool(SAME_PERIOD.search(sentence)),
    )


def _nearest(items: list[tuple[int, str]], at: int) -> str:
    """The item nearest to position ``at``.

    One before it counts as nearer: English and Russian name the series before its figure
    ('cultivation fell to 10,800 ha').
    """
    if not items:
        return ""
    return min(items, key=lambda item: (at - item[0]) if item[0] <= at else 1.6 * (item[0] - at))[1]


@functools.lru_cache(maxsize=64)
def _rank_ends(text: str) -> tuple[int, ...]:
    """Where the rank words of a sentence end (once per sentence, not per figure)."""
    return tuple(m.end() for m in RANK.finditer(text))


def _measure(f: Figure, facts: Facts, main: str = "opium") -> str:
    # '6,000 tonnes of opium, or 600 tonnes of heroin': the drug right after a figure is its own
    own = [o for p, o in facts.objects if OF_OBJECT.fullmatch(facts.text, f.end, p)]
    obj = own[0] if own else _nearest(facts.objects, f.start)
    # 'cultivation in Afghanistan, the largest producer of the intoxicant, grew 37 percent': a rank's
    # own noun does not say what the figure measures
    ranked = _rank_ends(facts.text)
    asides = _asides(facts.text, f.start)
    aspects = [
        (p, a)
        for p, a in facts.aspects
        if not any(0 <= p - r <= RANK_NOUN for r in ranked)
        and not any(a0 <= p < b0 for a0, b0 in asides)
        and not COMPARED.search(facts.text, max(0, p - COMPARED_REACH), p)
        and not (p > f.end and NEXT_CLAUSE.search(facts.text, f.end, p))  # '4% and production 8%'
        and not (f.unit in UNIT_ASPECT and PLACES.match(facts.text, p))
    ]
    if _nearest(aspects, f.start) == "other":
        return "-"  # 'seized 12 tonnes', 'income fell 48%': a figure of something poppy holds no series of
    aspect = UNIT_ASPECT.get(f.unit, "")
    if aspect == "area" and _eradicated(f, facts):
        aspect = "eradication"
    if not aspect:
        aspect = _nearest(aspects or facts.aspects, f.start)
    if not aspect:  # 'accounting for 28,500 hectares (a 3-percent increase ...)': the amount's aspect
        aspect = _nearest(
            [(g.start, UNIT_ASPECT[g.unit]) for g in facts.figures if g.unit in UNIT_ASPECT], f.start
        )
    if not obj and aspect:
        obj = main  # 'the area under cultivation' in a text about coca is coca's
    return UNIT_MEASURES.get((obj, f.unit)) or MEASURES.get((obj, aspect), "")


def _eradicated(f: Figure, facts: Facts) -> bool:
    """Hectares after a word of eradication, with no word of cultivation since but its object's.

    'ликвидации посевов опийного мака на площади 23 717 га', 'eradication of poppy fields'.
    """
    erased = [p for p, a in facts.aspects if a == "eradication" and p < f.start]
    return bool(erased) and not any(
        max(erased) + ERADICATED_OBJECT < p < f.start for p, a in facts.aspects if a == "area"
    )


def _area(f: Figure, facts: Facts) -> str:
    """The area nearest a figure: '' when none is named, '-' when the nearest place holds no series.

    A share's area is its part: the world is the whole it is a share of.
    """
    share = f.unit == "percent" and not f.direction
    # '..., the survey Coca Cultivation in the Andean Region showed': a title, not the figure's area
    cut = min(
        (m.start() for m in ATTRIBUTION.finditer(facts.text) if m.start() > f.end), default=len(facts.text)
    )
    shares = [g.end for g in facts.figures if g.unit == "percent" and not g.direction]
    wholes = shares + [m.end() for m in SHARE_OF_WHOLE.finditer(facts.text)]  # 'share of global production'
    world = {p for p, a in facts.areas if a == "World" and any(0 <= p - e <= SHARE_WHOLE for e in wholes)}
    named = [(p, a) for p, a in facts.areas if not (share and a == "World") and p < cut and p not in world]
    # 'Helmand produced half of Afghanistan's opium': the country right after 'of' is the whole
    whole = {p for p, _ in named if share and WHOLE_OF.fullmatch(facts.text, f.end, p)}
    # '-- the plant behind the most drug-related deaths worldwide --': an aside's place is not the figure's
    asides = _asides(facts.text, f.start)
    named = [(p, a) for p, a in named if not any(a0 <= p < b0 for a0, b0 in asides)] or named
    places = [(p, a) for p, a in _ahead(named, facts.text) if p not in whole] or named
    places += [(p, "-") for p in facts.elsewhere if abs(p - f.start) <= ELSEWHERE_REACH]
    # 'driven by a 29-percent rise in Myanmar': the place the figure is said in
    said_in = [(p, a) for p, a in places if p > f.end and IN_PLACE.fullmatch(facts.text, f.end, p)]
    area = _respective(f, facts) or (said_in[0][1] if said_in else _nearest(places, f.start))
    if area and not _country(area) and PART_WHOLE.search(facts.text[: f.start]):
        # 'Helmand supplied 4,085 of the 6,900 tonnes': the whole is the country's
        area = _nearest([(p, a) for p, a in places if _country(a)], f.start) or area
    return area


def _respective(f: Figure, facts: Facts) -> str:
    """The area a list said 'respectively' gives figure ``f`` ('' when no such list holds it).

    '5 per cent and 4 per cent respectively in Bolivia and Peru': Peru's 4 per cent; the list may
    come before the figures too.
    """
    said = RESPECTIVELY.search(facts.text, f.end)
    before = [g for g in facts.figures if g.unit == f.unit and g.end <= said.start()] if said else []
    listed = before[-1:]
    for g in reversed(before[:-1]):
        if not LIST_JOIN.fullmatch(facts.text, g.end, listed[0].start):
            break
        listed.insert(0, g)
    names = [a for p, a in facts.areas if said and said.end() <= p <= said.end() + RESPECTIVE_REACH]
    if not names and listed:  # 'Myanmar and Laos rose by 20 and 10 per cent respectively'
        names = [a for p, a in facts.areas if p < listed[0].start][-len(listed) :]
    return names[listed.index(f)] if f in listed and len(listed) == len(names) > 1 else ""


@functools.lru_cache(maxsize=64)
def _aside_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in ASIDE_SPAN.finditer(text))


def _asides(text: str, at: int) -> list[tuple[int, int]]:
    """Spans of the asides of ``text`` (between dashes, in brackets) that do not hold position ``at``."""
    return [(a, b) for a, b in _aside_spans(text) if not a <= at < b]


def _ahead(areas: list[tuple[int, str]], text: str) -> list[tuple[int, str]]:
    """``areas`` without those a rank is measured against ('second ... behind Peru': not Peru)."""
    return [(p, a) for p, a in areas if not BEHIND.search(text, max(0, p - BEHIND_REACH), p)]


@dataclass
class Claim:
    """A candidate row before its context is filled (values as text, as claims.csv holds them)."""

    n: int
    sentence: str
    row: dict[str, str]
    notes: list[str] = field(default_factory=list)


def _binds(facts: Facts, p: int, at: int | None, end: int | None = None) -> bool:
    """Whether the year at ``p`` can date the figure at ``at`` (ending at ``end``).

    A year in digits can date any figure; 'last year' only one just before or after it
    ('104,000 hectares (256,880 acres) this year': a bracket after the figure aside).
    """
    if p not in facts.dated:
        return True
    if OPENS.fullmatch(facts.text, 0, p):  # 'This year, governors eradicated 750 ha': the whole sentence's
        return True
    before, after = RELATIVE_REACH
    if NOW.match(facts.text, p):  # 'About 47,000 hectares are currently under poppy', not '6400 t, by now'
        after = 0 if at is not None and "," in facts.text[at:p] else NOW_REACH
    close = end is not None and _just_after(facts.text, end, p, after)
    return at is not None and (0 <= at - p <= before or 0 < p - at <= after or close)


def _just_after(text: str, end: int, p: int, reach: int = RELATIVE_REACH[1]) -> bool:
    """Whether ``p`` stands within ``reach`` after ``end`` in the same clause, brackets aside."""
    between = BRACKETS.sub("", text[end:p]) if end <= p else None
    return between is not None and len(between) <= reach and not CLAUSE_TIE.search(between)


def _year_near(facts: Facts, at: int, base: bool = False, end: int | None = None) -> str:
    """The year said nearest to a figure, baselines ('compared to 2017', 'since 2004') aside.

    With ``base`` baselines count: a change's start figure may stand by one ('than last year (6900 t)').
    A year just after the figure (``end``) is its own: '37,300 hectares in 2018'.
    """
    after = OWN_YEAR.match(facts.text, end) if end is not None else None
    if after:
        return after["year"]
    ranked = facts.ranked
    own = [
        (p, str(y))
        for p, y in facts.years
        if (base or p not in facts.base)
        and p not in ranked
        and _binds(facts, p, at, end)
        and not (p > at and CLAUSE.search(facts.text, at, p))  # '232 тыс. га, а в 2023 году ...'
        and not _anothers(facts, p, at, end)  # '5 percent ..., compared to 33 percent in 1998'
    ]
    return _nearest(own, at) if own else ""


@functools.lru_cache(maxsize=64)
def _froms(text: str) -> tuple[tuple[int, int], ...]:
    """Where the words of a start ('from', 'compared with', 'than') stand in a sentence."""
    return tuple(m.span() for m in FROM.finditer(text))


def _from_between(text: str, a: int, b: int) -> bool:
    """Whether a word of a start stands wholly between positions ``a`` and ``b``."""
    spans = _froms(text)
    i = bisect.bisect_left(spans, (a, -1))
    return i < len(spans) and spans[i][1] <= b


def _anothers(facts: Facts, p: int, at: int, end: int | None) -> bool:
    """Whether the year at ``p`` stands nearer another figure of the same unit than the one at ``at``."""

    def gap(a: int, b: int) -> int:
        return a - p if p < a else max(0, p - b)

    mine = gap(at, end if end is not None else at)
    unit = next((g.unit for g in facts.figures if g.start == at), "")
    # '90% ... in 2007, up from 70%': a year before 'from' is not the figure after it
    others = [
        g
        for g in facts.figures
        if g.start != at and g.unit == unit and not (p < g.start and _from_between(facts.text, p, g.start))
    ]
    if p in facts.dated:  # '92,784 ha last year, compared with the 95,008 ha in 2022': the first's
        return p < at and any(_just_after(facts.text, g.end, p) for g in others if g.end <= p)
    return any(gap(g.start, g.end) < mine for g in others)


def _ranked_measures(facts: Facts, main: str) -> list[str]:
    """The measures the rank words name beside them ('the second biggest source').

    'prices are at a 10-year low': the price's; none for a rank word that names none.
    """
    nouns = [(m.start(), a) for a, p in RANK_NOUNS.items() for m in re.finditer(p, facts.text, re.I)]
    out = []
    for rank in RANK.finditer(facts.text):
        obj = _nearest(facts.objects, rank.start()) or main
        words = (nouns if obj != "coca" else []) + [(p, a) for p, a in facts.aspects if a != "other"]
        near = [(p, a) for p, a in words if abs(p - rank.start()) <= RANK_NOUN * 3]
        if near:  # a coca 'producer' is its grower: the noun says nothing there
            out.append(MEASURES.get((obj, _nearest(near, rank.start())), ""))
    return [m for m in out if m]


def _groups(facts: Facts, main: str) -> list[list[Figure]]:
    """The sentence's figures grouped by the series and area each is of, in order.

    A percentage or multiple right after an amount is of the amount's series ('35 868 ha, 14.9% more
    than', '$750 per kilogram, a tenfold growth').
    """
    groups: dict[tuple[str, str], list[Figure]] = {}
    keys: dict[Figure, tuple[str, str]] = {}
    for f in facts.figures:
        before = [g for g in facts.figures if g.end <= f.start and g in keys and g.unit in UNIT_ASPECT]
        tied = (
            f.unit in ("percent", "times")
            and before
            and RELATIVE_CLAUSE.fullmatch(facts.text[before[-1].end : f.start])
        )
        # 'soared by 53%, reaching approximately 2,644 metric tons': the amount's series
        after = next((g for g in facts.figures if g.start >= f.end and g.unit in UNIT_ASPECT), None)
        reaching = f.unit == "percent" and after and REACHES.fullmatch(facts.text, f.end, after.start)
        of = before[-1] if tied else after if reaching else f
        key = keys[of] if of in keys else (_measure(of, facts, main), _area(of, facts))
        keys[f] = key
        if "-" in key:
            continue  # a figure of Shan State, of 'the south' or of income: no series of ours
        # 'surged 88% to 790 t in 2022 | after having fallen to 400 t in 2020 from 870 t': two changes
        earlier = sum(m.start() < f.start for m in AFTER_MOVE.finditer(facts.text))
        groups.setdefault((*key, str(earlier)), []).append(f)
    return list(groups.values())


def _period(facts: Facts, at: int | None = None) -> dict[str, str]:
    """Start and end years of a change said without two figures (its figure at ``at``).

    A baseline year ('compared to 2017') starts it, else the first of two years; the last year
    the sentence names ends it.
    """
    lo, hi = _clause(facts.text, at)
    years = [(p, y) for p, y in facts.years if lo <= p < hi]
    dated = sorted((p, y) for p, y in years if p not in facts.base and _binds(facts, p, at))
    own = sorted({y for _, y in dated})
    ranked = facts.ranked
    bases = [(p, y) for p, y in years if p in facts.base and p not in ranked and (not own or y < own[-1])]
    out = {"end_year": str(own[-1])} if own else {}
    fig = next((g for g in facts.figures if g.start == at), None)
    if fig and YEAR_ON_YEAR.match(facts.text, fig.end) and not OWN_YEAR.match(facts.text, fig.end):
        # 'the 19 percent increase year-on-year remains below ... 2022': the year before it, else the text's
        said = [y for p, y in dated if p < fig.start]
        return {"end_year": str(said[-1])} if said else {}
    right = [y for p, y in dated if fig and p in facts.dated and 0 <= p - fig.end <= RELATIVE_REACH[1]]
    if right:  # 'cut production in half last year and ... could fall further in 2011': last year's
        out["end_year"] = str(right[0])
    if bases:  # the baseline nearest the figure: 'down 48% on last year'
        out["start_year"] = str(_nearest(bases, at) if at is not None else min(y for _, y in bases))
    elif len(own) > 1 and (at is None or BETWEEN.search(facts.text)):
        out["start_year"] = str(own[0])  # 'between 2016 and 2017 it rose 32%'
    elif len({y for p, y in dated if p < (at or 0)}) > 1:  # 'in 2016 ..., in 2017 it rose 32%', not
        out["start_year"] = str(min(y for p, y in dated if p < (at or 0)))  # '... despite the 2022 ban'
    return out


def _clause(text: str, at: int | None) -> tuple[int, int]:
    """The span of the clause the figure at ``at`` stands in; the whole sentence when ``at`` is None.

    'declined between 2014 and 2020 | but has increased 33% since 2021'.
    """
    if at is None:
        return 0, len(text)
    cuts = [m.start() for m in BUT.finditer(text)]
    return max([c for c in cuts if c <= at], default=0), min([c for c in cuts if c > at], default=len(text))


def _rank_since(sentence: str, ranks: list[int]) -> frozenset[int]:
    """Positions of years a rank counts from: no change's baseline, no year the claim is about.

    'the highest since 2001', 'the highest since the UN started monitoring in 2001'.
    """
    found = [*SINCE_FAR.finditer(sentence), *SINCE.finditer(sentence)]
    return frozenset(m.start("year") for m in found if _ranked(m.start(), ranks))


def _ranked(at: int, ranks: list[int]) -> bool:
    return any(0 <= at - r <= RANK_SINCE for r in ranks)


def _rows_of(group: list[Figure], facts: Facts) -> list[dict[str, str]]:
    """The rows one series' figures state: change, ratio, share or level."""
    amounts = [f for f in group if f.unit in ("ha", "t", "usd_per_kg") and not f.direction]
    moves = [f for f in group if f.unit == "percent" and f.direction]
    shares = [f for f in group if f.unit == "percent" and not f.direction]
    multiples = [f for f in group if f.unit == "times"]
    pair = _pair(amounts, facts)
    end = pair[1] if pair else None
    # '2,500 ha in 2006 compared with 1,800 ha in 2005, but down 91 per cent from 26,800 ha in 1998'
    moved_from = _moved_from(moves[0], end, amounts, facts) if moves and end else None
    if moved_from:
        amounts, moves = [a for a in amounts if a is not moved_from[1]], moves[1:]
    rows, amounts = _changes(pair, amounts, moves, facts)
    if moved_from and end:
        m, base = moved_from
        row = {"metric": "change", "stated_start": _g(base.value), "stated_end": _g(end.value)}
        row |= {"stated_value": _g(m.direction * m.value), "stated_unit": end.unit, "qualifier": m.qualifier}
        rows.append(row | _years_of(facts, base, end))
    if not rows and moves:
        m = moves[0]
        row = {"metric": "change", "stated_value": _g(m.direction * m.value), "stated_unit": "percent"}
        rows.append(row | {"qualifier": m.qualifier} | _period(facts, m.start))
        # 'fell by 21 percent to 185,900 ha ... but it rose to 195,700 ha last year': goes on from there
        end = next((a for a in amounts if REACHES.fullmatch(facts.text, m.end, a.start)), None)
    last = rows[0] if rows else {}
    while end and (x := _later(end, amounts, facts)):  # '..., and to 49,800 hectares in 2012-2013'
        last = _went_on(end, x, last, facts)
        rows.append(last)
        amounts = [a for a in amounts if a is not x and a is not end]  # stated by the change
        end = x
    if multiples:
        rows.append(_ratio(multiples[0], rows, amounts, facts))
    bounds = _bounds(shares, facts)
    for s in shares:  # '92%, up from 52% a decade earlier and 70% in 2000': a share of each year
        row = {
            "metric": "share",
            "stated_value": _g(s.value),
            "stated_unit": "percent",
            "qualifier": s.qualifier,
        }
        year = bounds.get(s) or _year_near(facts, s.start, end=s.end)
        rows.append(row | ({"end_year": year} if year else {}))
    rows += _moved_to(amounts, rows, facts)
    for a in amounts:
        row = {
            "metric": "level",
            "stated_value": _g(a.value),
            "stated_unit": a.unit,
            "qualifier": a.qualifier,
        }
        if a.high is not None:
            row["note"] = f"range {_g(a.value)}-{_g(a.high)}"
        year = _year_near(facts, a.start, end=a.end)
        when = WHEN.search(facts.text, 0, a.start) if not year else None
        year = when["year"] if when else year  # 'превысив показатель 2007 года, когда ... 193 тысячи'
        rows.append(row | ({"end_year": year} if year else {}))
    return rows


def _changes(
    pair: tuple[Figure, Figure] | None, amounts: list[Figure], moves: list[Figure], facts: Facts
) -> tuple[list[dict[str, str]], list[Figure]]:
    """The from-to changes from ``pair`` back, the first with the percentage said, and what they leave.

    'down to 33,100 ha in 2019, from 37,300 ha in 2018 and 41,000 ha in 2017': two changes.
    """
    rows: list[dict[str, str]] = []
    while pair:
        a, b = pair
        row = {
            "metric": "change",
            "stated_start": _g(a.value),
            "stated_end": _g(b.value),
            "stated_unit": a.unit,
        }
        row["qualifier"] = b.qualifier if b.qualifier != "exact" else a.qualifier
        if moves and not rows:
            row["stated_value"] = _g(moves[0].direction * moves[0].value)
        rows.append(row | _years_of(facts, a, b))
        amounts = [x for x in amounts if x not in pair]
        pair = _earlier(a, amounts, facts)
    return rows, amounts


def _moved_from(m: Figure, end: Figure, amounts: list[Figure], facts: Facts) -> tuple[Figure, Figure] | None:
    """A percentage after a change's end and the figure it is from: '..., but down 91% from 26,800'."""
    if m.start < end.end:
        return None
    base = (
        x
        for x in amounts
        if x is not end
        and x.unit == end.unit
        and x.start > m.end
        and MOVE_FROM.fullmatch(facts.text, m.end, x.start)
    )
    return next(((m, x) for x in base), None)


def _moved_to(amounts: list[Figure], rows: list[dict[str, str]], facts: Facts) -> list[dict[str, str]]:
    """A trend to a level no change states: 'rose to a record 328,000 hectares' rose, to that year."""
    if rows or len(amounts) != 1 or not (moved := MOVED_TO.search(facts.text, 0, amounts[0].start)):
        return []
    year = _year_near(facts, amounts[0].start, end=amounts[0].end)
    row = {"metric": "trend", "stated_unit": "fall" if moved["fall"] else "rise", "qualifier": ""}
    return [row | ({"end_year": year} if year else {})]


def _bounds(shares: list[Figure], facts: Facts) -> dict[Figure, str]:
    """The years of two shares 'from 63 percent to 6 percent between 1998 and 2006', by figure."""
    if len(shares) != 2 or not (bound := BETWEEN.search(facts.text, shares[1].end)):
        return {}
    a, b = shares
    if not (FROM.search(facts.text, max(0, a.start - 12), a.start) and TO.search(facts.text, a.end, b.start)):
        return {}
    years = sorted(re.findall(r"19[89]\d|20[0-4]\d", bound[0]))
    return {a: years[0], b: years[-1]} if bound.start() - b.end <= PERIOD_REACH else {}


def _ratio(m: Figure, rows: list[dict[str, str]], amounts: list[Figure], facts: Facts) -> dict[str, str]:
    """The ratio row of the multiple ``m``, of the years of the change before it when there is one.

    '$750, a tenfold growth from $75 in 2022'; 'more than double the 26,500 hectares cultivated in
    2005': from that figure's year on.
    """
    spanned = {k: rows[0][k] for k in ("start_year", "end_year") if rows and rows[0].get(k)}
    base = next((a for a in amounts if MULTIPLE_OF.fullmatch(facts.text, m.end, a.start)), None)
    since = _year_near(facts, base.start, True, base.end) if base else ""
    row = {"metric": "ratio", "stated_value": _g(m.value), "stated_unit": "times", "qualifier": m.qualifier}
    # 'halved in 2010', 'nearly doubles': a year's change, on the year before unless said; not
    # '26 times' or 'five times more than Myanmar'
    if MOVED_MULTIPLE.match(facts.text, m.start) and not THAN.search(facts.text) and not facts.event:
        row["_moved"] = "1"
    # '23,717 ha in 2012, more than three times the 7,058 ha of 2011': to the year of the figure it is of
    of = [a for a in amounts if a.end <= m.start]
    until = _year_near(facts, of[-1].start, end=of[-1].end) if of and since else ""
    return row | (
        spanned
        if len(spanned) == 2
        else {"start_year": since} | ({"end_year": until} if until and until > since else {})
        if since
        else _period(facts, m.start)
    )


def _pair(amounts: list[Figure], facts: Facts) -> tuple[Figure, Figure] | None:
    """(start, end) figures of a change, or None (two levels).

    Two figures of a unit make a change when tied by 'from ... to' or 'X, compared to Y', or by
    years of their own (the earlier year's figure is the start); else
    None (two levels).
    """
    # '4,200 t in 2004, 4,100 t in 2005 and 6,100 t in 2006' lists levels: a change says it moves
    moved = len(amounts) < 3 or any(p.search(facts.text) for p in (RISE, FALL, FROM, TO))
    for a, b in itertools.pairwise(amounts):
        if a.unit != b.unit or a.high is not None or b.high is not None:
            continue
        # '23,717 ha - more than three times the 7,058 ha eradicated in 2011': a multiple of two levels
        if any(
            a.end <= m.start and m.end <= b.start and MULTIPLE_OF.fullmatch(facts.text, m.end, b.start)
            for m in facts.figures
            if m.unit == "times"
        ):
            continue
        if any(ESTIMATED_EARLIER.match(facts.text, x.end) for x in (a, b)):
            continue  # '3,400 t this year - higher than the 2,700 t estimated earlier this year': a revision
        between = facts.text[a.end : b.start]
        if THEN_TO.fullmatch(between) and not FROM.search(between):
            continue  # '... to 185,900 ha between 2007 and 2009, but it rose to 195,700 ha': goes on
        if CONTRAST.search(between) and not FROM.search(between):
            continue  # '25,200 ha between 2015 and 2016, while in 2016-2017 about 30,600 ha': two levels
        ya, yb = (_year_near(facts, f.start, True, f.end) for f in (a, b))
        if ya and yb and ya != yb and moved:
            return (a, b) if ya < yb else (b, a)
        before_a = facts.text[max(0, a.start - 25) : a.start]
        if FROM.search(before_a) and TO.search(between):
            return a, b
        if FROM.search(between):
            return b, a
    return None


def _earlier(start: Figure, amounts: list[Figure], facts: Facts) -> tuple[Figure, Figure] | None:
    """A change before the one that starts at ``start``: a figure of its unit dated earlier."""
    year = _year_near(facts, start.start, True, start.end)
    for x in amounts:
        own = _year_near(facts, x.start, True, x.end)
        listed = CHAIN.fullmatch(facts.text[start.end : x.start])
        if listed and x.unit == start.unit and x.high is None and own and year and own < year:
            return x, start
    return None


def _later(end: Figure, amounts: list[Figure], facts: Facts) -> Figure | None:
    """The figure a change goes on to after ``end``: '... to 60,400 ha in 2012, and to 49,800 ha'."""
    then = [x for x in amounts if x.start > end.end and x.unit == end.unit]
    return next((x for x in then if THEN_TO.fullmatch(facts.text, end.end, x.start)), None)


def _went_on(end: Figure, x: Figure, before: dict[str, str], facts: Facts) -> dict[str, str]:
    """The change from ``end`` (the end of the change ``before``) on to ``x``, from the year it ends."""
    own = OWN_YEAR.match(facts.text, x.end)
    # '..., but it rose to 195,700 ha last year'
    after = [str(y) for p, y in facts.years if p in facts.dated and 0 <= p - x.end <= RELATIVE_REACH[1]]
    row = {"metric": "change", "stated_start": _g(end.value), "stated_end": _g(x.value)}
    row |= {"stated_unit": x.unit, "qualifier": x.qualifier, "start_year": before.get("end_year", "")}
    return row | ({"end_year": own["year"]} if own else {"end_year": after[0]} if after else {})


def _years_of(facts: Facts, a: Figure, b: Figure) -> dict[str, str]:
    """Start and end years of a change from figure ``a`` to figure ``b``."""
    bounds = [
        m
        for m in BETWEEN.finditer(facts.text)
        if -PERIOD_REACH < m.start() - max(a.end, b.end) < PERIOD_REACH
    ]
    if bounds:  # 'from 62,500 to 60,400 hectares between 2011 and 2012'
        years = [int(y) for y in re.findall(r"19[89]\d|20[0-4]\d", bounds[0][0])]
        return {"start_year": str(min(years)), "end_year": str(max(years))}
    start, end = (_year_near(facts, f.start, True, f.end) for f in (a, b))
    if start and end and start != end:
        return {"start_year": min(start, end), "end_year": max(start, end)}
    owns = [OWN_YEAR.match(facts.text, f.end) is not None for f in (a, b)]
    if start and end in ("", start) and owns == [True, False]:  # '580 t, up from 330 t in 2009'
        return {"start_year": start}  # 2009 is the start's alone
    return _period(facts, b.start)


def _g(value: float) -> str:
    return f"{value:g}" if abs(value) < 1e15 else str(value)


def _plain(sentence: str, facts: Facts) -> list[dict[str, str]]:
    """The rows of a sentence without a figure of a series: target, rank and trend, or opinion."""
    years = sorted({y for _, y in facts.years})
    if facts.event and NOT_MET.search(sentence):
        return [
            {"metric": "target", "stated_unit": "none", "qualifier": "not_met"} | TARGETS.get(facts.event, {})
        ]
    rise = bool(RISE.search(sentence) or NEGATIVE.search(sentence))
    fall = bool(FALL.search(sentence)) and not NEGATIVE.search(sentence)
    ours = facts.objects or [a for _, a in facts.aspects if a != "other"]  # not 'provinces are poppy-free'
    # 'В последние два года оно снова начало расти': a pronoun rising stands for the series before
    moved = any(
        p.search(sentence, m.end(), m.end() + PRONOUN_REACH)
        for m in PRONOUN.finditer(sentence)
        for p in (RISE, FALL)
    )
    series = bool(ours) or bool(ANAPHORA.match(sentence)) or moved
    rows = [_rank_row(facts)] if (facts.rank or facts.place) and series else []
    run = AFTER_RUN.search(sentence)
    if rows and run and RANK.fullmatch(run["what"]) and not rows[0].get("end_year"):
        # 'following two years of record high poppy cultivation': a record in each of the two years before
        count = _count(run["n"])
        rows = [rows[0] | {"_back": str(k)} for k in range(count, 0, -1)] or rows
    if OPINION.search(sentence):  # 'has gained a truly industrial scale': a judgement, not a trend
        return rows or [{"metric": "opinion", "stated_unit": "none"}]
    if _unsure(sentence):  # 'production will continue to grow', 'must be reduced': not yet a fact
        return rows
    if (rise or fall) and (_moves(facts) or ((facts.span or facts.since or len(years) > 1) and series)):
        # 'previously the world's top supplier, has plummeted': a rank and a trend
        row = {"metric": "trend", "stated_unit": "fall" if fall and not rise else "rise", "qualifier": ""}
        if ONLY.search(sentence):
            row["qualifier"] = "only"
        if len(years) > 1:
            row |= {"start_year": str(years[0]), "end_year": str(years[-1])}
        elif facts.since:
            row["start_year"] = str(facts.since)
        elif len(own := {y for p, y in facts.years if p not in facts.base | facts.ranked | facts.dated}) == 1:
            row["end_year"] = str(own.pop())  # 'cultivation increased in 2015': that year's
        rows.append(row)
        rows += _after_run(sentence, row)
    return rows


def _after_run(sentence: str, row: dict[str, str]) -> list[dict[str, str]]:
    """The trend of a run of years before the sentence's own, and the sentence's trend of one year.

    'slight increases for 2021 after three consecutive years of decline': rise 2020-2021, fall
    2017-2020. ``_prior`` tells _fill how many years the run spans (0: the sentence's own trend, one year).
    """
    prior = AFTER_RUN.search(sentence)
    years = _count(prior["n"]) if prior else 0
    if not prior or not years:
        return []
    head = sentence[: prior.start()]
    rise, fall = RISE.search(head), FALL.search(head)
    if rise or fall:
        row["stated_unit"] = "fall" if fall and not rise else "rise"
    row["_prior"] = "0"
    run = "fall" if FALL.search(prior["what"]) else "rise"
    own = {"end_year": row["end_year"]} if row.get("end_year") else {}
    return [{"metric": "trend", "stated_unit": run, "qualifier": "", "_prior": str(years)} | own]


def _trends(facts: Facts) -> list[dict[str, str]]:
    """The trends of a sentence's clauses that state no change but a rise or fall between two years.

    'Cultivation declined between 2014 and 2020 | but has increased 33% since 2021'; '$75 | but
    increased after the Taliban took over in 2021, reaching a peak of $800 in Dec 2023'.
    """
    out = []
    cuts = [0, *(m.start() for m in BUT.finditer(facts.text)), len(facts.text)]
    for lo, hi in itertools.pairwise(cuts if len(cuts) > 2 else []):
        part = facts.text[lo:hi]
        years = sorted({y for p, y in facts.years if lo <= p < hi})
        # 'since 2012, reduction ... through 2014', 'increased after ... 2021, reaching ... 2023'
        bound = BETWEEN.search(part) or SINCE.search(part) or AFTER_YEAR.search(part)
        rise, fall = RISE.search(part), FALL.search(part)
        if len(years) < 2 or not bound or bool(rise) == bool(fall):
            continue
        if not any(lo <= f.start < hi and f.unit in ("percent", "times") for f in facts.figures):
            row = {"metric": "trend", "stated_unit": "rise" if rise else "fall", "qualifier": ""}
            out.append(row | {"start_year": str(years[0]), "end_year": str(years[-1])})
    return out


def _unsure(sentence: str) -> bool:
    """Whether a hedge or forecast stands in the clause of the sentence's rise or fall.

    'production has fallen dramatically, and an official predicts it could be opium-free': a fact.
    """
    moves = [m.start() for p in (RISE, FALL) for m in p.finditer(sentence)]
    cuts = [m.start() for m in CLAUSE_CUT.finditer(sentence)]

    def apart(a: int, b: int) -> bool:
        return any(min(a, b) < c < max(a, b) for c in cuts)

    return any(not moves or any(not apart(u.start(), m) for m in moves) for u in UNSURE.finditer(sentence))


def _moves(facts: Facts) -> bool:
    """Whether a rise or fall word stands by a series word ('cultivation is up').

    Not when a word of something poppy holds no data of stands as near ('incomes decline',
    'poppy-free').
    """
    moves = [m.start() for p in (RISE, FALL) for m in p.finditer(facts.text)]
    # 'supply', 'output' alone say nothing of poppy or coca; a plant, a drug or an area must be named
    loose = () if facts.objects or facts.areas else ("production",)
    words = [p for p, a in facts.aspects if a not in ("other", *loose)] + [p for p, _ in facts.objects]
    other = [p for p, a in facts.aspects if a == "other"]
    # 'production in Afghanistan, previously the world's top supplier, has plummeted': the aside apart
    asides = [(a.start(), a.end()) for a in APPOSITIVE.finditer(facts.text)]

    def gap(m: int, w: int) -> int:
        return abs(m - w) - sum(b - a for a, b in asides if min(m, w) <= a and b <= max(m, w))

    return any(
        0 < gap(m, w) <= TREND_REACH and not any(abs(m - o) <= abs(m - w) for o in other)
        for m in moves
        for w in words
    )


def _record(facts: Facts) -> dict[str, str]:
    """A rank of the series' own years: its unit (record_high, record_low) and where they start.

    'a record', 'the lowest since 2004', 'the largest area ever recorded'; {} for a rank among
    producers ('the largest producer', 'крупнейший поставщик').
    """
    rank = RANK.search(facts.text)
    if not rank or PRODUCER_NOUN.match(facts.text, rank.end()):
        return {}
    if not (RECORD_WORD.match(facts.text, rank.start()) or RECORD_AFTER.match(facts.text, rank.end())):
        return {}
    # 'a record low of $64/kg', 'рекордно низкого уровня'
    low = LOW_RECORD.search(facts.text, rank.start(), rank.end() + RECORD_LOW_REACH)
    row = {"stated_unit": "record_low" if low else "record_high"}
    since = [y for p, y in facts.years if p in facts.ranked]
    # 'the highest level in 16 years', 'a ten-year low'
    counted = RECORD_YEARS.match(rank[0]) or RECORD_YEARS.search(
        facts.text, rank.end(), rank.end() + RECORD_YEARS_REACH
    )
    count = _count(counted["n"] or counted["n2"] or counted["n3"]) if counted else 0
    return row | ({"_since": str(min(since))} if since else {"_span": str(count)} if count else {})


def _rank_row(facts: Facts) -> dict[str, str]:
    """A rank row: its place when said ('second largest': 2), its year the one the sentence names."""
    row = {"metric": "rank", "stated_unit": "rank", "qualifier": "exact"} | _record(facts)
    if facts.place:
        row["stated_value"] = str(facts.place)
    ranked = facts.ranked  # 'the highest since monitoring began in 2001': not the year ranked
    # 'the largest producer, taking the lead from Afghanistan, where the Taliban banned it in 2022'
    aside = min((m.start() for m in ASIDE.finditer(facts.text)), default=len(facts.text))
    own = [(p, y) for p, y in facts.years if p not in facts.base and p not in ranked and p < aside]
    if BEATEN.search(facts.text):  # 'beating last year's record': the record is the sentence's year
        own = [(p, y) for p, y in own if not any(q in facts.dated for q, v in facts.years if v == y)]
    rank = RANK.search(facts.text)
    # 'the record level ... reported last year, with the area now at 224,000 ha', 'exceeded the
    # previous record of 2014': the nearest year after the rank word
    near = [
        (p, y)
        for p, y in facts.years  # a baseline too: 'fell 6% on the record level of 2007'
        if p not in ranked
        and p < aside
        and rank
        and 0 < p - rank.end() <= RANK_DATED
        and "," not in facts.text[rank.end() : p]
    ]
    if near:
        return row | {"end_year": str(_nearest(near, rank.end()))}
    # '1,400 tons of cocaine were manufactured in 2016, the highest level ever': the figure's year
    # not a change's start: '... from 6,900 tons in 2009 and the lowest since 2003'
    put = [
        f
        for f in facts.figures
        if rank and 0 <= rank.start() - f.end <= RANK_PUT and not FROM_AT.search(facts.text, 0, f.start)
    ]
    if put and (year := _year_near(facts, put[-1].start, end=put[-1].end)):
        return row | {"end_year": year}
    return row | ({"end_year": str(max(y for _, y in own))} if own else {})


def _series(facts: Facts, kind: str) -> tuple[str, str]:
    """(area, measure) lists of a sentence without figures, for its rank, trend or opinion row."""
    measures: list[str] = []
    ours = [(p, a) for p, a in facts.aspects if a != "other"]  # 'incomes' is no aspect of the plant's
    for p, obj in facts.objects:
        if len(facts.objects) > 1 and _nearest(facts.aspects, p) == "other":
            continue  # 'as consumption of cannabis, cocaine ... had stabilised': not cocaine's output
        aspect = _nearest(ours, p) or ("area" if kind == "rank" else "production")
        if kind == "rank" and any(o == "drugs" for _, o in facts.objects):
            aspect = "area"  # 'the largest drug production centres': the area every country has
        # a drug's production stands for its other aspects, not for a price ('prices soared for the
        # resin from which opium and heroin are made': opium's price alone)
        fallback = MEASURES.get((obj, "production"), "") if aspect != "price" else ""
        measures += MEASURES.get((obj, aspect), fallback).split(";")
    if not measures and facts.aspects and kind != "opinion":  # 'cultivation rose': the opium series
        measures = MEASURES.get(("opium", facts.aspects[0][1]), "").split(";")
    if kind == "rank" and not any(o == "drugs" for _, o in facts.objects):
        measures = _ranked_measures(facts, "opium") or measures  # 'the largest producer' among growers
    areas = _members_named([a for _, a in facts.areas])
    if any(a != "World" for a in areas):  # 'Colombian output soared, flooding the world': the country's
        areas = [a for a in areas if a != "World"]
    if kind == "rank":  # the subject ('Myanmar has surpassed Afghanistan to become the largest'),
        whole = WORLD_SERIES.search(facts.text)  # 'global production ... has reached record levels'
        areas = [a for a in areas if a != "World" or whole]  # all of a group ('the two largest centres')
        areas = areas if GROUP_RANK.search(facts.text) else areas[:1]
        rank = RANK.search(facts.text)
        which = WHICH_WAS.search(facts.text, 0, rank.start()) if rank else None
        named = [a for p, a in facts.areas if which and p < which.start() and a != "World"]
        areas = named[-1:] or areas  # '... in Afghanistan, which was previously the world's largest
    return ";".join(dict.fromkeys(";".join(areas).split(";")) if areas else []), ";".join(
        dict.fromkeys(m for m in measures if m)
    )


def _members_named(areas: list[str]) -> list[str]:
    """Without a region one of whose countries is named too: 'surged in Myanmar ... in Southeast Asia'."""
    named = {a for a in areas if ";" not in a}
    return [a for a in areas if ";" not in a or not named & set(a.split(";"))]


#: The columns of a claims.csv row, as poppy's data contract declares them.
COLUMNS = [spec.split(":")[0] for spec in FIELDS["claims"].split()]


@dataclass
class Context:
    """What the whole text says that a sentence may leave out: its main area and drug, its date."""

    area: str = ""
    obj: str = "opium"
    said: str = ""
    provinces: frozenset[str] = frozenset()
    #: Whether the text tells of a ban ('following the poppy ban'): what a past rank lasted until.
    banned: bool = False

    @classmethod
    def of(cls, text: str, said: str, areas: Mapping[str, str] | None) -> Context:
        """The most named country (not a province, not the world) and drug of ``text``."""
        provinces = frozenset({*PROVINCES, *(areas or {}).values()})
        named = [a for _, a in _areas(text, areas) if a not in provinces and a != "World"]
        objects = [o for _, o in _objects(text) if o != "drugs"]
        top = max(dict.fromkeys(named), key=named.count) if named else ""
        drug = max(dict.fromkeys(objects), key=objects.count) if objects else "opium"
        return cls(top, drug, said, provinces, _names_a_ban(text))

    def latest(self, area: str = "") -> int | None:
        """The year of UNODC's latest survey of ``area`` (else the text's country) at the date."""
        if not self.said:
            return None
        year, month = int(self.said[:4]), int(self.said[5:7] or 1)
        first = (area or self.area).split(";")[0]
        release, offset = SURVEYS.get("Afghanistan" if first in self.provinces else first, SURVEYS[""])
        until, earlier = SURVEYS_UNTIL.get(first, (0, None))
        if earlier and year < until:
            release, offset = earlier
        return year + offset - (month < release)


def _candidates(  # noqa: C901 - a branch per kind a sentence can add
    n: int, sentence: str, ctx: Context, areas: Mapping[str, str] | None
) -> tuple[Facts, list[Claim]]:
    facts = read(sentence, areas, int(ctx.said[:4]) if ctx.said else None, ctx.latest())
    claims: list[Claim] = []
    if GOAL.search(sentence):  # 'the government wants to eradicate 100,000 hectares': no fact yet
        return facts, claims
    groups = _groups(facts, ctx.obj)
    for group in groups:
        # an amount's unit says its series best ('by 53%, reaching 2,644 metric tons': cocaine's)
        lead = next((g for g in group if g.unit in UNIT_ASPECT), group[0])
        measure = _measure(lead, facts, ctx.obj)
        area = _area(group[0], facts)
        if OF_BEFORE.match(sentence, group[0].end):  # 'most of it', 'more than half of this amount'
            measure = ""  # the series of the sentence before
        for row in _rows_of(group, facts):
            row |= {"measure": measure, "area": area}
            claims.append(Claim(n, sentence, row))
    if claims and (facts.rank or facts.place):  # 'a record 328,000 ha': figure and rank
        claims += [Claim(n, sentence, row) for row in _figure_ranks(facts, ctx, claims[0].row)]
    if claims and facts.span and not any(c.row["metric"] in ("change", "trend") for c in claims):
        rise, fall = RISE.search(sentence), FALL.search(sentence)
        if rise or fall:  # 'fell for the second consecutive year to $94'
            first = claims[0].row
            trend = {
                "metric": "trend",
                "stated_unit": "fall" if fall and not rise else "rise",
                "qualifier": "",
            }
            trend |= {"area": first["area"], "measure": first["measure"]} | _period(facts)
            trend.pop("start_year", None)  # the run's length starts it, not 'the lowest since 2004'
            claims.append(Claim(n, sentence, trend))
    if claims:  # 'declined between 2014 and 2020 but has increased 33% since 2021': and a trend
        first = claims[0].row
        series = {k: first[k] for k in ("area", "measure")}
        claims += [Claim(n, sentence, trend | series) for trend in _trends(facts)]
        # 'after three consecutive years of growth, the area fell by 4%': and that run
        claims += [Claim(n, sentence, run | series) for run in _after_run(sentence, {})]
        claims += [Claim(n, sentence, trend) for trend in _moves_in(facts, first)]
    # no figures, or none of a series ('Lower poppy cultivation was accompanied by a drop of 7% in
    # heroin deaths'), nor of a place we hold none of
    if not claims and (not facts.figures or (not groups and not facts.elsewhere and _moved_ours(facts))):
        claims = _plain_claims(n, sentence, facts)
    for c in claims:
        if facts.span:
            c.row["stated_span_years"] = str(facts.span)
        if c.row["metric"] == "ratio" and facts.event:
            c.row["period_event_id"] = facts.event
        if c.row["metric"] == "change" and c.row.get("stated_unit") != "percent":
            c.row.setdefault("qualifier", "exact")
    return facts, claims


def _figure_ranks(facts: Facts, ctx: Context, first: dict[str, str]) -> list[dict[str, str]]:
    """The rank rows of a sentence of figures, of the series of its first claim unless named."""
    # a place said alone is the nearest area's ('... reinforced Myanmar's position in second place')
    alone = facts.place and not facts.rank
    area = (
        _nearest(_ahead([pa for pa in facts.areas if pa[1] != "World"], facts.text), facts.place_at)
        if alone
        else ""
    )
    rows = [
        _rank_row(facts) | {"area": area or first["area"], "measure": measure}
        for measure in dict.fromkeys(_ranked_measures(facts, ctx.obj) or [first["measure"]])
    ]
    if prior := PRIOR_RECORD.search(facts.text):  # '... exceeds the last historical maximum of 2014'
        row = {"metric": "rank", "stated_unit": "rank", "qualifier": "exact", "end_year": prior["year"]}
        rows.append(row | {"area": area or first["area"], "measure": first["measure"]})
    return rows


def _moves_in(facts: Facts, first: dict[str, str]) -> list[dict[str, str]]:
    """Trends a sentence of figures names in places without a figure of their own.

    'A nine per cent fall in Colombia ... offset increases in Bolivia and Peru': a rise of Bolivia
    and Peru's series, in the years of the sentence's first claim.
    """
    rows = []
    for m in MOVE_NOUN.finditer(facts.text):
        near = (
            0 <= m.start() - g.end < MOVE_FIGURE_REACH or 0 <= g.start - m.end() < MOVE_FIGURE_REACH
            for g in facts.figures
        )
        if any(near):
            continue  # 'a 27 per cent rise', 'increases of 5 per cent': the figure's own
        named = [a for p, a in facts.areas if IN_PLACE.fullmatch(facts.text, m.end(), p)]
        if named and named[0] != first.get("area"):
            years = {k: first[k] for k in ("start_year", "end_year") if first.get(k)}
            row = {"metric": "trend", "stated_unit": "fall" if m["fall"] else "rise", "qualifier": ""}
            rows.append(row | {"area": named[0], "measure": first["measure"]} | years)
    return rows


def _moved_ours(facts: Facts) -> bool:
    """Whether a word of rise or fall stands nearest a series of ours, not something else's."""
    moves = [m.start() for p in (RISE, FALL) for m in p.finditer(facts.text)]
    return any(_nearest(facts.aspects, at) not in ("", "other") for at in moves)


def _plain_claims(n: int, sentence: str, facts: Facts) -> list[Claim]:
    """The claims of a sentence without figures, one per series a trend or a shared rank names."""
    claims = []
    for row in _plain(sentence, facts):
        # 'cultivation and heroin production reached their lowest totals': a rank of each
        kind = "trend" if row["metric"] == "rank" and THEIR_RANK.search(sentence) else row["metric"]
        area, measures = _series(facts, kind)
        # 'cultivation and heroin production showed slight increases': a verdict for each
        # ('drug production' is the opium series both, as one)
        drugs = any(o == "drugs" for _, o in facts.objects)
        for measure in measures.split(";") if kind == "trend" and not drugs else [measures]:
            plain = {"area": area, "measure": measure} | row | {"period_event_id": facts.event}
            claims.append(Claim(n, sentence, plain))
    return claims


def _fill(claim: Claim, facts: Facts, before: Claim | None, ctx: Context, lang: str) -> None:  # noqa: C901
    """Fill what the sentence leaves out from the claim before it, the text and its date."""
    row, kind = claim.row, claim.row["metric"]
    took: list[str] = []
    if before is not None:
        took = [c for c in ("area", "measure") if not row.get(c) and before.row.get(c)]
        unit = row.get("stated_unit", "")
        # a figure's unit fixes its aspect: carry only a series of the same unit
        if (
            "measure" in took
            and unit in ("ha", "t")
            and UNIT_ASPECT[unit] != _unit_aspect(before.row["measure"])
        ):
            took.remove("measure")
        if "area" in took and before.row["area"] in ctx.provinces and ctx.area and not IT.match(facts.text):
            took.remove("area")  # 'production rose 17%' after a province's sentence: the country's
        if "area" in took and _partless(kind, facts):
            took.remove("area")
        for c in took:
            row[c] = before.row[c]
        years = _years_from(claim, facts, before)
        if years.get("end_year") and _now(
            facts, int(years["end_year"]), ctx.latest(row.get("area", "")), kind
        ):
            years = {}  # 'Afghanistan is still estimated to produce 87 percent': now, not the year before's
        took += list(years)
        row |= years | _since_ban(kind, facts, ctx, row.get("area", ""), carried=years)
    if not row.get("area") and ctx.area and kind not in ("target",) and not _partless(kind, facts):
        row["area"] = ctx.area
        claim.notes.append(t(lang, "extract.text_area", area=ctx.area))
    if took:
        claim.notes.append(t(lang, "extract.carried", columns=", ".join(took), n=before.n if before else 0))
    latest = ctx.latest(row.get("area", ""))
    last = int(ctx.said[:4]) - 1 if ctx.said else None
    if not row.get("end_year") and kind != "target" and latest:
        if facts.relative == "said":
            row["end_year"] = ctx.said[:4]
        elif facts.relative == "said_last" and kind == "change" and last and latest > last:
            row |= {"start_year": str(last), "end_year": str(latest)}  # 'up 7% on last year'
        elif facts.relative == "said_last" and last and not (facts.since and kind == "trend"):
            row["end_year"] = str(last)
        else:
            row["end_year"] = str(latest)
            claim.notes.append(t(lang, "extract.latest", year=row["end_year"]))
    rank = RANK.search(facts.text) if kind == "rank" and latest and not facts.years else None
    past = PREVIOUSLY.search(facts.text, 0, rank.start()) if rank else None
    if past:  # 'previously the world's top supplier': until the year before, or a ban the text names
        # ('For years Afghanistan was the world's biggest supplier' in a text of the ban: until the ban;
        # 'once the third largest producer' says not when: left to the analyst, not guessed)
        ban = _ban(facts.text, ctx, row.get("area", ""), named=ctx.banned)
        row["end_year"] = str(ban or (latest - 1 if past["lately"] and latest else ""))
    if row.get("end_year") and "_back" in row:
        row["end_year"] = str(int(row["end_year"]) - int(row.pop("_back")))
    if row.get("end_year") and ("_since" in row or "_span" in row):  # 'the highest since 2001'
        since, span = row.pop("_since", ""), row.pop("_span", "")
        row["stated_span_years"] = str(int(row["end_year"]) - int(since)) if since else span
    _start_year(claim, facts, ctx, lang)


def _start_year(claim: Claim, facts: Facts, ctx: Context, lang: str) -> None:
    """The start year of a change, ratio or trend whose sentence says its end year alone."""
    row, kind = claim.row, claim.row["metric"]
    if row.get("end_year") and "_prior" in row:
        end, years = int(row["end_year"]), int(row.pop("_prior"))
        row |= (
            {"start_year": str(end - 1 - years), "end_year": str(end - 1)}
            if years
            else {"start_year": str(end - 1)}
        )
        row["stated_span_years"] = str(years) if years else ""
    if row.get("end_year") and not row.get("start_year"):
        end, ban = int(row["end_year"]), _ban(facts.text, ctx, row.get("area", ""))
        # a change in a run of years ('fell by 4% after three consecutive years of growth') is
        # the year's own; a period's ('over the past five years') spans it
        spanned = facts.span and not (facts.run and kind == "change" and not CUMULATIVE.search(facts.text))
        if spanned and kind in ("trend", "change", "ratio", "opinion"):
            row["start_year"] = str(end - facts.span)
        elif facts.since and kind in ("trend", "ratio", "change"):
            row["start_year"] = str(facts.since)
        elif ban and kind in ("trend", "ratio", "change") and end > ban:
            row["start_year"] = str(ban)  # 'a steep decline in output since the ban'
            claim.notes.append(t(lang, "extract.ban", year=row["start_year"]))
        elif kind in ("change", "trend") or row.get("_moved"):
            row["start_year"] = str(end - 1)  # a survey's change compares with the year before
            claim.notes.append(t(lang, "extract.year_before", year=row["start_year"]))


def _since_ban(kind: str, facts: Facts, ctx: Context, area: str, carried: dict[str, str]) -> dict[str, str]:
    """The years of a change 'after the ban' where the sentence before gave others.

    'after the ban initially led to a 95% drop': from the last harvest before it to the first after.
    """
    ban = _ban(facts.text, ctx, area)
    if not ban or kind not in ("trend", "change", "ratio") or "start_year" not in carried:
        return {}
    return {"start_year": str(ban)} | ({"end_year": str(ban + 1)} if FIRST_AFTER.search(facts.text) else {})


def _now(facts: Facts, year: int, latest: int | None, kind: str = "") -> bool:
    """Whether a sentence in the present tense speaks of a later year than ``year``: the latest.

    A trend in the present perfect ('the opium price has soared') runs to now as well.
    """
    now = NOW_TENSE.search(facts.text) or (kind == "trend" and PERFECT.search(facts.text))
    return bool(latest and year < latest and now)


@functools.lru_cache(maxsize=64)
def _names_a_ban(text: str) -> bool:
    """Whether a sentence tells of a change from a ban on (once per sentence, not per claim)."""
    return bool(BAN.search(text))


def _ban(text: str, ctx: Context, area: str, named: bool = False) -> int | None:
    """The last harvest before the ban a text names ('since the ban'), by the text's date, or None.

    Only Afghanistan's (by ``area``, else the text's country, or 'Taliban' in the sentence).
    ``named``: the ban was named before, not in ``text``.
    """
    said, first = ctx.said, (area or ctx.area).split(";")[0]
    if not said or not (named or _names_a_ban(text)):
        return None
    if first != BANS_AREA and first not in ctx.provinces and not TALIBAN.search(text):
        return None
    return max((year for decreed, year in BANS if decreed <= said[:7]), default=None)


def _context(claims: list[Claim]) -> Claim:
    """What a sentence's claims leave the next: the last one's series, the latest one's years.

    'rose to 6,400 t, beating last year's record of 5,500 t': the sentence is about this year.
    """
    last = claims[-1]
    latest = max(
        (c for c in claims if c.row.get("end_year")), key=lambda c: int(c.row["end_year"]), default=last
    )
    years = {c: latest.row.get(c, "") for c in ("start_year", "end_year")}
    return Claim(last.n, last.sentence, last.row | years, last.notes)


def _partless(kind: str, facts: Facts) -> bool:
    """A share that names no part: 'the Northern for 13 per cent' is some region's, not the country's.

    Only a word pointing back ('it', 'the country', 'этой стране') takes the part from before.
    """
    return kind == "share" and not facts.areas and not POINTS_BACK.search(facts.text)


def _unit_aspect(measure: str) -> str:
    """The aspect whose unit a measure's figures are in: hectares for areas and eradication."""
    return UNIT_ASPECT["ha"] if measure in AREA_MEASURES else UNIT_ASPECT["t"]


def _years_from(claim: Claim, facts: Facts, before: Claim) -> dict[str, str]:
    """The years a sentence takes from the claim before.

    All of them for 'over the same period', the year before its year for 'a year earlier', else
    its end year when none is said.
    """
    row, prev = claim.row, before.row
    if any(p not in facts.dated for p, _ in facts.years) or not prev.get("end_year") or row.get("end_year"):
        return {}
    if facts.same_period:  # a level 'at the same time' is of the period's end
        columns = (
            ("start_year", "end_year") if row["metric"] in ("change", "ratio", "trend") else ("end_year",)
        )
        return {c: prev[c] for c in columns if prev.get(c) and not row.get(c)}
    if facts.relative == "before" and row["metric"] == "change":  # 'compared to 472 tons a year earlier'
        return {"end_year": prev["end_year"], "start_year": str(int(prev["end_year"]) - 1)}
    before = RELATIVE["before"][0].search(facts.text)
    head = THE_END.sub("", facts.text[: before.start()]) if before else ""
    if facts.relative == "before" and not (before and BASE_WORD.search(head)):
        return {"end_year": str(int(prev["end_year"]) - 1)}  # not 'compared to the previous year'
    if facts.relative == "before":
        return {"end_year": prev["end_year"]}
    if facts.span or (claim.row["metric"] == "ratio" and facts.since) or facts.relative == "said":
        return {}  # '... produced in the country this year': the date's year, not the one before
    out = {"end_year": prev["end_year"]}
    if claim.row["metric"] in ("trend", "opinion") and prev.get("start_year") and not facts.event:
        out["start_year"] = prev["start_year"]
    if claim.row["metric"] == "change" and prev.get("start_year"):
        out["start_year"] = prev["start_year"]
    return out


def _review(row: dict[str, str], notes: list[str], lang: str) -> str:
    kind = row["metric"]
    if not kind or (not row["measure"] and kind in ("level", "change", "ratio", "share")):
        return t(lang, "extract.unmatched")
    needed = ("speaker", "date", "source_id", "area", "measure", *REQUIRED.get(kind, ()))
    empty = [c for c in needed if not row.get(c)]
    if kind == "ratio" and not row.get("period_event_id") and not row.get("start_year"):
        empty.append("start_year")
    notes = list(notes)
    if empty:
        notes.append(t(lang, "extract.fill", columns=", ".join(empty)))
    return t(lang, "extract.review", notes="; ".join(notes)) if notes else ""


def extract(
    text: str,
    lang: str = "en",
    speaker: str = "",
    date: str = "",
    source_id: str = "",
    areas: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Candidate claim rows (claims.csv's columns, all text): one per series a sentence states.

    ``speaker``, ``date`` (YYYY-MM-DD) and ``source_id`` fill every row when given; ``date``
    also dates 'last year' and, when a text names no year, takes the year before it (UNODC's
    latest survey year at the time). ``areas`` adds area stems (e.g. area_stems(provinces)).
    ``note`` says, in ``lang``, where carried values came from and what is left for the analyst
    ('TO REVIEW: ...'), or that the figures match no series ('UNMATCHED ...').
    """
    meta = {"speaker": speaker, "date": date, "source_id": source_id, "topic": "-"}
    rows: list[dict[str, str]] = []
    before: Claim | None = None
    ctx = Context.of(text, date, areas)
    for n, sentence in enumerate(sentences(text), 1):
        facts, claims = _candidates(n, sentence, ctx, areas)
        if not claims and facts.figures:
            row = dict.fromkeys(COLUMNS, "") | meta | {"claim_id": f"s{n}", "quote": sentence}
            goal = GOAL.search(sentence)
            rows.append(row | {"note": t(lang, "extract.goal") if goal else t(lang, "extract.unmatched")})
            continue
        for i, claim in enumerate(claims):
            _fill(claim, facts, before, ctx, lang)
            own = claim.row.pop("note", "")
            row = dict.fromkeys(COLUMNS, "") | meta | claim.row
            row |= {"claim_id": f"s{n}" + (f"-{i + 1}" if len(claims) > 1 else ""), "quote": sentence}
            notes = ([own] if own else []) + claim.notes
            row["note"] = _review(row, notes, lang)
            rows.append(row)
        # a pledge's years are its own, not the text's, and so are a past rank's ('once the largest')
        rank = RANK.search(sentence)
        past = (
            rank
            and PREVIOUSLY.search(sentence, 0, rank.start())
            and all(c.row["metric"] == "rank" for c in claims)
        )
        if claims and claims[-1].row.get("measure") and claims[-1].row["metric"] != "target" and not past:
            before = _context(claims)
    return pd.DataFrame(rows, columns=COLUMNS).astype(str)
