"""Figures as English and Russian texts write them.

'233,000 hectares', '10,8 тыс. га', '1.5 million tonnes', 'between 5,000 and 6,000 tonnes',
'fell by 95 per cent', '26-fold', 'в 26 раз', 'doubled',
'более чем вдвое', 'US$ 408 per kilogram', each with its qualifier ('about', 'more than', 'почти').

``figures(sentence)`` returns every figure with its unit (ha, t, usd_per_kg, percent, times), its
place in the sentence and, for a percentage, the direction of the change it states (or none: a
share). Tables of words, not branches, say what each word means.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

#: Numbers written as words (spans, multiples and counts: 'five years', 'three times', 'в два раза').
NUMBER_WORDS: dict[str, float] = {
    **dict.fromkeys(["one", "один", "одна", "одного"], 1),
    **dict.fromkeys(["two", "два", "две", "двух"], 2),
    **dict.fromkeys(["three", "три", "трёх", "трех"], 3),
    **dict.fromkeys(["four", "четыре", "четырёх", "четырех"], 4),
    **dict.fromkeys(["five", "пять", "пяти"], 5),
    **dict.fromkeys(["six", "шесть", "шести"], 6),
    **dict.fromkeys(["seven", "семь", "семи"], 7),
    **dict.fromkeys(["eight", "восемь", "восьми"], 8),
    **dict.fromkeys(["nine", "девять", "девяти"], 9),
    **dict.fromkeys(["ten", "десять", "десяти"], 10),
    **dict.fromkeys(["eleven", "одиннадцать"], 11),
    **dict.fromkeys(["twelve", "двенадцать"], 12),
    **dict.fromkeys(["fifteen", "пятнадцать", "пятнадцати"], 15),
    **dict.fromkeys(["twenty", "двадцать", "двадцати"], 20),
    **dict.fromkeys(["a dozen", "dozen"], 12),
    **dict.fromkeys(["two dozen"], 24),
    **dict.fromkeys(["thirty", "тридцать"], 30),
    **dict.fromkeys(["forty", "сорок"], 40),
    **dict.fromkeys(["fifty", "пятьдесят"], 50),
    **dict.fromkeys(["полтора", "полторы"], 1.5),
    **dict.fromkeys(["one and a half"], 1.5),
}
#: Group separators: space, no-break, thin, hair, narrow no-break and zero-width space (a typeset
#: '209 000' keeps its digits together instead of leaving '000' to be read alone).
GROUP = "[ \u00a0\u2009\u200a\u202f\u200b]"
NUM = rf"\d{{1,3}}(?:(?:{GROUP}|,)\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
#: English numbers in words, read word by word ('six thousand four hundred', 'sixty-three').
SMALL = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
} | {
    w: 10 * i
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2)
}
BIG = {"hundred": 100, "thousand": 1e3, "million": 1e6}
_EN_WORD = "|".join([*SMALL, *BIG])
_EN_WORDS = rf"\b(?:{_EN_WORD})(?:(?:\s*,\s*|\s+and\s+|\s+|-)(?:{_EN_WORD}))*\b"
_WORDS = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_NUMBER = rf"(?:{NUM}|{_EN_WORDS}|\b(?:{_WORDS})\b)"
SCALES = {
    "thousand": 1e3,
    "тыс": 1e3,
    "тысяч": 1e3,
    "million": 1e6,
    "млн": 1e6,
    "миллион": 1e6,
    "billion": 1e9,
}
_SCALE = r"(?:thousand|million|billion|тыс\.?|тысяч\w*|млн\.?|миллион\w*)"
#: Unit of a figure by the words after it (tried in this order).
UNITS = {
    "ha": r"hectares?\b|ha\b|га\b|гектар\w*",
    "t": r"metric ton(?:ne)?s?\b|tons?\b|tonnes?\b|mt\b|тонн\w*|т\b",
    "percent": r"per\s?cent\b|%|процент\w*|п\.\s?п\.",
    "times": r"times\b|-?fold\b|раз(?:а)?\b",
}
_UNIT = "|".join(f"(?:{u})" for u in UNITS.values())
_RANGE_JOIN = r"\s*(?:and|to|и|до|-|–|—)\s*"
FIGURE = re.compile(
    rf"(?:(?P<between>\bbetween|\bот)\s+(?P<low>{NUM})\s*(?:{_SCALE}\s*)?(?:(?:{_UNIT})\s*)?{_RANGE_JOIN}"
    rf"|(?P<dash_low>{NUM})\s*[-–—]\s*)?"
    rf"(?P<num>{_NUMBER})(?:\s*(?P<scale>{_SCALE})(?:\s+(?P<rest>\d{{1,3}}))?)?\s*-?\s*(?:of\s+)?(?P<unit>{_UNIT})",
    re.IGNORECASE,
)
#: Farm-gate prices: 'US$ 408 per kilogram', '$100/kg', '730 долларов США за килограмм'.
PRICE = re.compile(
    rf"(?:US\s?\$|\$\s?US|\$|USD|US dollars?)\s?(?P<num>{NUM})\s*(?P<more>or more\s+)?(?:per|a|/|за)\s*"
    r"(?:kg|кг|kilo\w*|килограмм\w*)"
    rf"|(?P<num2>{NUM})\s*(?:USD|US\$|US\s*dollars|dollars|долл\w*\.?(?:\s*США)?)\s*(?:per\s*/?|a|за|/)\s*"
    r"(?:kg|кг|kilo\w*|килограмм\w*)",
    re.IGNORECASE,
)
#: Multiples said in words, with the multiple each states.
MULTIPLES = {
    r"\bdoubl\w*|\btwice\b|\bвдвое\b|\bудво\w*": 2.0,
    r"\btripl\w*|\bthrice\b|\bвтрое\b|\bутро(?=[еиял])\w*": 3.0,
    r"\bquadrupl\w*|\bвчетверо\b": 4.0,
}
#: Multiples said as a word and 'fold': 'a tenfold growth', 'a twentyfold increase'.
FOLD = re.compile(
    r"\b(?P<n>" + "|".join(w for w, n in NUMBER_WORDS.items() if w.isascii() and n > 1) + r")-?fold\b", re.I
)
#: Fractions said in words, as percentages: a share when a whole follows ('more than half of
#: it', 'трех четвертей мирового производства'), a change after 'by' / 'на' ('на треть').
FRACTIONS = {
    r"(?<!first )(?<!second )\bhalf\b(?! of (?:19|20)\d\d)|\bполовин\w*(?! (?:19|20)\d\d)": 50.0,
    r"\bthree[- ]quarters\b|\bтр[её]х четвертей\b|\bтри четверти\b": 75.0,
    r"\btwo[- ]thirds\b|\bдве трети\b|\bдвух третей\b": 200 / 3,
    r"\b(?:a|one)[- ]third\b|\bтреть\w*": 100 / 3,
    r"\b(?:a|one)[- ]quarter\b|\bчетверть\b": 25.0,
    r"\bmost(?= of\b)|\bбольш(?:ая|ую|ей) част\w*|\bбольшинств\w*": 50.0,  # more than half: see MOST
}
#: The two tables above, compiled once.
_MULTIPLES = [(re.compile(p, re.IGNORECASE), v) for p, v in MULTIPLES.items()]
_FRACTIONS = [(re.compile(p, re.IGNORECASE), v) for p, v in FRACTIONS.items()]
#: 'most of it': more than half.
MOST = re.compile(r"most|больш", re.IGNORECASE)
#: A whole after a fraction, within a few words.
WHOLE = re.compile(r"^[^.;]{0,40}?(?:\bof\b|\bвсего\b|\bвсех\b|мирово\w*|\bworld|\bglobal)", re.I)
#: Places and people counted, not a series: 'half of Afghanistan's provinces', 'в половине провинций'.
PLACE_WORDS = (
    r"(?:provinces|districts|villages|farmers|households|families|regions|countries"
    r"|провинц\w*|район\w*|дерев\w*|фермер\w*|хозяйств\w*|семей|стран)\b"
)
#: A fraction's whole that is such a count (a few words after it).
WHOLE_COUNTED = re.compile(rf"^\s+(?:(?:of|из)\s+)?(?:[\w'’-]+\s+){{0,3}}?{PLACE_WORDS}", re.I)
#: 'declined to a third': a multiple, not a share.
TO_END = re.compile(r"(?:\bto|\bдо)\s*$", re.IGNORECASE)
#: A verb of change right before a fraction: 'fell more than a quarter', 'rose almost a third'.
MOVED = re.compile(
    r"\b(?:fell|fallen|rose|risen|dropped|declined|grew|grown|increased|decreased|jumped|shrank|shrunk"
    r"|plunged|plummeted|climbed|soared)\s+(?:(?:more than|almost|nearly|about|over|some|roughly)\s+)?$",
    re.IGNORECASE,
)
#: A change to a fraction of the figure before: 'declined to a third', 'сократилась до трети'.
MOVED_TO = re.compile(
    r"(?:declin|fell|fall|drop|shr[aiu]nk|cut|reduc|сократил|снизил|упал|уменьшил)\w*\s+(?:\w+\s+){0,2}?(?:to|до)\s*$",
    re.IGNORECASE,
)
#: A fall to half said in words: 'halved', 'cut in half' (a multiple, 0.5) and 'fell by half' (-50%).
HALVES = re.compile(
    r"(?P<times>\bhalved\b|\bin half\b(?!\s+(?:of|the|its|their)\b)|\bвдвое (?:сократ|сниз|уменьш)\w*)"
    r"|\bby half\b(?!\s+(?:of|the|its|their)\b)",
    re.IGNORECASE,
)
#: Qualifiers by the words just before a figure (the nearest wins).
QUALIFIERS = {
    "about": r"about|around|some|nearly|almost|approximately|roughly|an estimated|estimated|close to"
    r"|около|почти|примерно|порядка|приблизительно|свыше чем|более-менее",
    "more_than": r"more than|over|above|exceeding|in excess of|upwards of|свыше|более чем|более"
    r"|больше чем|больше"
    r"|более чем на",
    "at_least": r"at least|не менее|не меньше|как минимум",
    "less_than": r"less than|under|below|fewer than|up to|менее|меньше|не более",
}
_QUALIFIER = re.compile(
    "|".join(rf"(?P<{k}>\b(?:{v})\s*(?:на\s*|by\s*)?$)" for k, v in QUALIFIERS.items()), re.IGNORECASE
)
#: Words of a rise and of a fall (a percentage near them is a change, not a share).
RISE = re.compile(
    r"increas|\bmore and more\b|\bgr[eo]w(?!n\b)(?!ing (?:areas?|regions?|provinces?|districts?|seasons?)\b)"
    r"|\brise|\brose|\bris[ei]n|\bup\b|\bjump|\bsurg|\bclimb|\bsoar"
    r"|(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbe )(?<!\bbeen )\bgrown"  # not 'poppy was grown in'
    r"|\bhigher|\bexpan|\bspik"
    r"|\bgain|\bexceed|рост|вырос|вырастет|вырастут|возрос|возрастет|возрастёт|увелич|прирост|подскоч|расшир|повыс|подня|\bраст|\bвыше|\bбольше|превы",
    re.IGNORECASE,
)
FALL = re.compile(
    r"decreas|declin|\bfall|\bfell|\bdrop|\bdown\b|\bcut\b|\blower|\breduc|\bplung|\bslump|\bshr[iau]nk"
    r"|\bcontract|\bdip|\bslid|\bplummet|\bcollaps|сниз|сниж|сокращ|сократ|упал|паден|уменьш|спад|\bниже|\bменьше",
    re.IGNORECASE,
)
#: Words after a percentage that make it a part of a whole ('80 per cent of the world's heroin').
SHARE = re.compile(
    r"^\s*(?:of|(?:from|от)(?!\s+(?:the\s+|a\s+|its\s+)?(?:\d|previous|last|year|figure|level|peak|high|прошл|предыдущ))|из|всего|всей|всех|мирового|мировой|мировых"
    r"|глобальн\w*|в мире|world|global)\b",
    re.IGNORECASE,
)

#: A share named before its figure ('its share of global production reached 12 percent').
SHARE_OF = re.compile(r"\b(?:share|доля|долю|доли|долей)\b[^.;%\d]{0,40}$", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    """One figure of a sentence: value (in ``unit``), qualifier and where it stands.

    ``high`` is a range's upper bound; ``direction`` is +1 (a rise), -1 (a fall) or 0 for a
    percentage (0: a share), and for an amount said as a difference ('by 2,500 hectares'), else 0.
    """

    value: float
    unit: str
    qualifier: str
    start: int
    end: int
    high: float | None = None
    direction: int = 0


def parse_number(num: str, scale: str | None = None) -> float:
    """'209,000' / '209 000' -> 209000; '27,5' -> 27.5; ('193', 'тыс.') -> 193000; 'five' -> 5."""
    word = NUMBER_WORDS.get(num.lower().strip())
    words = re.findall(rf"\b(?:{_EN_WORD})\b", num.lower())
    if word is not None:
        value = word
    elif words:
        value = _words(words)
    else:
        compact = re.sub(GROUP, "", num)
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", compact):
            compact = compact.replace(",", "")
        value = float(compact.replace(",", "."))
    factor = next((f for stem, f in SCALES.items() if (scale or "").lower().startswith(stem)), 1)
    return value * factor


def _words(words: list[str]) -> float:
    """['six', 'thousand', 'four', 'hundred'] -> 6400."""
    total, current = 0.0, 0.0
    for w in words:
        if w in SMALL:
            current += SMALL[w]
        elif w == "hundred":
            current = (current or 1) * 100
        else:
            total, current = total + (current or 1) * BIG[w], 0.0
    return total + current


def qualifier(sentence: str, start: int) -> str:
    """The qualifier of the figure starting at ``start`` ('exact' when none is said)."""
    m = _QUALIFIER.search(sentence[max(0, start - 24) : start])
    return next((k for k, v in m.groupdict().items() if v), "exact") if m else "exact"


#: 'fell by 95 per cent', 'сократилась более чем на 6 процентов': a percentage said as a change.
BY = re.compile(rf"(?:\bby|\bна)(?:\s+(?:{QUALIFIERS['about']}|{QUALIFIERS['more_than']}))?\s*$", re.I)


Spans = tuple[tuple[int, int], ...]


@functools.lru_cache(maxsize=64)
def _move_words(sentence: str) -> tuple[Spans, Spans]:
    """Where the rise words and the fall words of a sentence stand (once per sentence)."""
    return tuple(m.span() for m in RISE.finditer(sentence)), tuple(m.span() for m in FALL.finditer(sentence))


def _direction(sentence: str, start: int, end: int) -> int:
    """+1 / -1 for a percentage stated as a change, 0 for a share (a part of a whole).

    The rise or fall word nearest the figure within a few words gives the direction; after 'by'
    or 'на' the nearest in the whole sentence does.
    """
    if SHARE.search(sentence[end : end + 30]) or SHARE_OF.search(sentence[max(0, start - 50) : start]):
        return 0  # '80 percent of the world's heroin', 'Myanmar's share of global production reached 12%'
    if said := COMPARATIVE.match(sentence, end):  # '3.4 per cent less than the year prior'
        return -1 if said["less"] or said["under"] else 1
    left = 0 if BY.search(sentence[max(0, start - 40) : start]) else max(0, start - 45)
    near = {
        d: min((abs(a - start) for a, b in words if left <= a and b <= end + 20), default=None)
        for d, words in zip((1, -1), _move_words(sentence), strict=True)
    }
    said = {d: n for d, n in near.items() if n is not None}
    return min(said, key=said.__getitem__) if said else 0  # the word nearer the figure is its


#: A comparative right after a percentage: a change ('3.4 per cent less than the year prior', '7 per
#: cent above the 2007 level', 'на 20% ниже уровня 2021 года').
COMPARATIVE = re.compile(
    r"\s*(?:(?P<less>less|lower|fewer|smaller|below|меньше|ниже)|more|higher|greater|larger|bigger|above"
    r"|больше|выше)\s+(?:than|чем)\b"
    r"|\s*(?:(?P<under>below|ниже)|above|выше)\s+(?:the|its|their|last|уровн|показател|(?:19|20)\d\d)",
    re.I,
)
#: 'an increase of 61,000 hectares', 'превысил на 104 тысячи гектаров': an amount that is a difference.
DIFFERENCE = re.compile(
    r"(?:increase|decrease|rise|fall|drop|decline|reduction|увеличени\w*|сокращени\w*|снижени\w*)\s+of\s*$"
    r"|(?:per\s?cent|%|процент\w*),?\s+(?:or|или)\s*$",  # 'by 37 percent or 61,000 hectares'
    re.I,
)


def _difference(sentence: str, start: int) -> int:
    """+1 / -1 when the amount at ``start`` is a difference ('by 2,500 hectares'), else 0 (a level)."""
    before = sentence[max(0, start - 40) : start]
    if BY.search(before) or DIFFERENCE.search(before):
        return _direction(sentence, start, start) or 1
    return 0


def _unit(text: str) -> str:
    return next(u for u, pattern in UNITS.items() if re.fullmatch(pattern, text, re.IGNORECASE))


#: 'from 209 thousand hectares to 224 thousand': the end of a change that leaves its unit unsaid.
_TO = re.compile(
    rf"^(?:(?:[^.;\d]|\b(?:19[89]\d|20[0-4]\d)\b){{0,50}}?\b(?:to|до|from|против)"
    # 'in early 2005, compared with nearly seven thousand last year'
    rf"|(?:[^.;\d]|\b(?:19[89]\d|20[0-4]\d)\b){{0,60}}?\b(?:compared (?:to|with)|по сравнению с))\s+"
    r"(?:(?:more than|over|about|almost|nearly|более|свыше|почти|около)\s+)?(?:US\s?\$|\$)?"
    rf"(?!(?:19[89]\d|20[0-4]\d)\b(?!\s*{_SCALE}))(?P<num>{NUM}|{_EN_WORDS})(?:\s*(?P<scale>{_SCALE}))?"
    rf"(?![\d\s]*(?:{_UNIT})|\s+(?:years?|decades?|months?|times|лет|год))"  # not 'ten years ago'
    r"(?!\s+(?:of|из)\b|-)",  # not 'down to one of its lowest levels', 'compared with two-thirds'
    re.I,
)


#: 'from 49,800 to 42,900 hectares', 'с 224 до 183 тысяч гектаров': a start that leaves its unit unsaid.
_FROM = re.compile(
    rf"(?:\bfrom|\bс|\bсо)\s+(?:US\s?\$|\$)?(?P<num>{NUM})(?:\s*(?P<scale>{_SCALE}))?\s+(?:to|до)\s+$", re.I
)

#: A part said before its whole and sharing its unit: '4,085 of the 6,900 tonnes', '4085 из 6900 тонн'.
_PART_OF = re.compile(
    rf"(?<![\d.,])(?P<num>{NUM})(?:\s*(?P<scale>{_SCALE}))?\s+(?:(?:out\s+)?of(?:\s+the)?|из)\s+$", re.I
)


#: Characters before an amount within which a start that leaves its unit unsaid stands
#: ('from 1.3 million to', '4,085 out of the').
UNITLESS_REACH = 80


def _unitless_starts(sentence: str, found: list[Figure]) -> list[Figure]:
    starts = []
    for f in found:
        lo = max(0, f.start - UNITLESS_REACH)
        m = None
        if f.unit in ("ha", "t", "usd_per_kg"):
            m = _FROM.search(sentence, lo, f.start) or _PART_OF.search(sentence, lo, f.start)
        if m and not any(m.start() <= g.start < f.start for g in found if g is not f):
            said = re.search(_SCALE, sentence[f.start : f.end], re.I)  # 'с 224 до 183 тысяч': thousands both
            value = parse_number(m["num"], m["scale"] or (said[0] if said else None))
            at = m.start("num")
            starts.append(Figure(value, f.unit, qualifier(sentence, at), at, m.end("num")))
    return starts


def _unitless_ends(sentence: str, found: list[Figure]) -> list[Figure]:
    ends = []
    for f in found:
        m = _TO.search(sentence[f.end :]) if f.unit in ("ha", "t", "usd_per_kg") else None
        if m and not any(g.start >= f.end and g.start <= f.end + m.end() for g in found if g is not f):
            value = parse_number(m["num"], m["scale"])
            if not m["num"][0].isdigit() and value < 100:
                continue  # 'compared with two neighbours': a small number in words is no amount
            at = f.end + m.start("num")
            ends.append(Figure(value, f.unit, qualifier(sentence, at), at, f.end + m.end()))
    return ends


def _fractions(sentence: str, taken: list[tuple[int, int]]) -> list[Figure]:
    """'more than half of', 'трех четвертей мирового' (shares) and 'на треть' (a change)."""
    out = []
    for pattern, value in _FRACTIONS:
        for m in pattern.finditer(sentence):
            if any(a <= m.start() < b for a, b in taken) or HALVES.match(sentence, m.start() - 3):
                continue
            q = "more_than" if MOST.match(m[0]) else qualifier(sentence, m.start())
            head = sentence[max(0, m.start() - 40) : m.start()]
            whole = re.match(r"\s+(?:of|из)\b", sentence[m.end() :])  # 'grew half of Afghanistan's opium'
            # 'by a third', 'fell more than a quarter'
            if BY.search(head) or (MOVED.search(head) and not whole):
                direction = _direction(sentence, m.start(), m.end()) or 1
                out.append(Figure(value, "percent", q, m.start(), m.end(), None, direction))
            elif MOVED_TO.search(sentence[: m.start()]):
                # 'it has declined to a third of what it was': a multiple of the earlier figure
                out.append(Figure(round(value / 100, 2), "times", q, m.start(), m.end()))
            elif (
                WHOLE.match(sentence[m.end() :])
                and not TO_END.search(sentence[: m.start()])
                and not WHOLE_COUNTED.match(sentence[m.end() :])
            ):
                out.append(Figure(value, "percent", q, m.start(), m.end()))
    return out


def figures(sentence: str) -> list[Figure]:
    """Every figure of ``sentence`` in the order they stand (see the module's docstring)."""
    found: list[Figure] = []
    for m in FIGURE.finditer(sentence):
        unit = _unit(m["unit"])
        if unit == "percent" and re.match(r"п\.", m["unit"]):
            continue  # percentage points: a difference of shares, not a figure of a series
        value = parse_number(m["num"], m["scale"]) + (float(m["rest"]) if m["rest"] else 0)
        low = m["low"] or m["dash_low"]
        high = None
        if low:
            high, value = value, parse_number(low, m["scale"])
        start = m.start("low") if m["low"] else m.start("dash_low") if m["dash_low"] else m.start("num")
        percent = unit == "percent"
        direction = _direction(sentence, start, m.end()) if percent else _difference(sentence, start)
        found.append(Figure(value, unit, qualifier(sentence, start), start, m.end(), high, direction))
    for m in PRICE.finditer(sentence):
        value = parse_number(m["num"] or m["num2"])
        said = "at_least" if m["more"] else qualifier(sentence, m.start())  # '$US169 or more per kg'
        found.append(Figure(value, "usd_per_kg", said, m.start(), m.end()))
    found += _unitless_ends(sentence, found) + _unitless_starts(sentence, found)
    taken = [(f.start, f.end) for f in found]
    folds = [(m, NUMBER_WORDS[m["n"].lower()]) for m in FOLD.finditer(sentence)]
    for m, times in [(m, t) for p, t in _MULTIPLES for m in p.finditer(sentence)] + folds:
        if not any(a <= m.start() < b for a, b in taken):
            found.append(Figure(times, "times", qualifier(sentence, m.start()), m.start(), m.end()))
    found += _fractions(sentence, taken + [(f.start, f.end) for f in found[len(taken) :]])
    for m in HALVES.finditer(sentence):
        said = qualifier(sentence, m.start())
        half = Figure(0.5, "times", said, m.start(), m.end()) if m["times"] else None
        found.append(half or Figure(50.0, "percent", said, m.start(), m.end(), None, -1))
    found = [_fallen(sentence, f) for f in _unconverted(sentence, sorted(found, key=lambda f: f.start))]
    return _earlier_shares(sentence, found)


#: Characters before a multiple, and after it, within which a word of fall makes it a fraction.
FALLEN_REACH = (30, 12)
#: Where a clause ends: a fall in the one before is not the multiple's ('fell, but prices tripled').
CLAUSE_END = re.compile(r"[,;]|\b(?:but|while|whereas|а|но)\b", re.I)
#: Multiples that are rises by their own word.
RISEN = re.compile(r"doubl|tripl|quadrupl|twice|thrice|удво|утро(?=[еиял])|учетвер", re.I)
#: A conversion in brackets right after an amount, closed right after its own: '(3,968 tons)'.
OPEN_BRACKET = re.compile(r"\s*\(\s*")
CLOSE_BRACKET = re.compile(r"\s*\)")


def _fallen(sentence: str, f: Figure) -> Figure:
    """A multiple of a fall as the fraction it leaves: 'сократились в 10 раз' 0.1, 'упало вдвое' 0.5."""
    if f.unit != "times" or f.value <= 1 or RISEN.match(sentence, f.start):
        return f
    before, after = FALLEN_REACH
    head = sentence[max(0, f.start - before) : f.start]
    head = head[max((m.end() for m in CLAUSE_END.finditer(head)), default=0) :]
    near = head + " " + sentence[f.end : f.end + after]
    fell = FALL.search(near) and not RISE.search(near)
    return replace(f, value=round(1 / f.value, 2)) if fell else f


def _unconverted(sentence: str, found: list[Figure]) -> list[Figure]:
    """Without a conversion in brackets after an amount: '3,600 metric tons (3,968 tons)'."""
    out: list[Figure] = []
    for f in found:
        prev = out[-1] if out else None
        if (
            prev
            and prev.unit == f.unit != "percent"
            and OPEN_BRACKET.fullmatch(sentence, prev.end, f.start)
            and CLOSE_BRACKET.match(sentence, f.end)
        ):
            continue  # not '209,000 hectares (193,000 hectares in 2007)': a figure of its own
        out.append(f)
    return out


#: What ties a share to the same share of other years: '92% ..., up from 52% ... and 70% in 2000'.
EARLIER_SHARE = re.compile(
    r"(?:(?:\bup|\bdown|\brose|\bfell)\s+)?(?:\bfrom|\bс|\bпротив)\s*$"
    r"|^[^.;%\d]{0,25}?(?:\band|\bи|,)\s*$",
    re.I,
)


def _earlier_shares(sentence: str, found: list[Figure]) -> list[Figure]:
    """Percentages tied to a share before them are shares too (of other years), not changes."""
    out: list[Figure] = []
    for f in found:
        prev = out[-1] if out else None
        tied = (
            prev is not None
            and prev.unit == f.unit == "percent"
            and not prev.direction
            and f.direction
            and EARLIER_SHARE.search(sentence[prev.end : f.start])
        )
        out.append(replace(f, direction=0) if tied else f)
    return out
