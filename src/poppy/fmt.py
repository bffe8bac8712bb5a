"""Number formatting per language: 209,000 ha (en) and 209 000 га (ru)."""

from __future__ import annotations

import math
from datetime import date

LANGS = ("en", "ru")
NBSP = "\u00a0"

#: Units as printed in each language.
UNITS = {
    "en": {"ha": "ha", "t": "t", "percent": "%", "times": "×", "years": "years"},
    "ru": {"ha": "га", "t": "т", "percent": "%", "times": "раза", "years": "лет"},
}


def check_lang(lang: str) -> str:
    """``lang`` if poppy speaks it, else ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    return lang


def number(value: float, lang: str = "en", decimals: int = 0) -> str:
    """``value`` with thousands grouped: 209,000 / 209 000 and 27.5 / 27,5; '–' when missing."""
    check_lang(lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "ru":
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def quantity(value: float, unit: str, lang: str = "en", decimals: int = 0) -> str:
    """Number and unit: '209,000 ha', '209 000 га', '79.9%', '27.5×'."""
    word = UNITS[check_lang(lang)].get(unit, unit)
    num = number(value, lang, decimals)
    if unit == "percent" or (unit == "times" and lang == "en"):
        return f"{num}{word}"
    return f"{num}{NBSP}{word}"


def percent_change(pct: float, lang: str = "en", decimals: int = 1) -> str:
    """Signed percentage: '+8.3%' / '+8,3%'."""
    sign = "+" if pct > 0 else ("−" if pct < 0 else "±")
    return f"{sign}{number(abs(pct), lang, decimals)}%"


def years_word(n: int, lang: str = "en") -> str:
    """'6 years' / '6 лет', '1 год', '3 года' (Russian plural rules)."""
    if check_lang(lang) == "en":
        return f"{n} year" + ("" if n == 1 else "s")
    tail, tens = n % 10, n % 100
    word = (
        "год" if tail == 1 and tens != 11 else ("года" if 2 <= tail <= 4 and not 12 <= tens <= 14 else "лет")
    )
    return f"{n} {word}"


#: Month names: English, Russian prepositional (в июле) and Russian genitive (20 декабря).
_MONTHS = {
    "ru": [
        "январе",
        "феврале",
        "марте",
        "апреле",
        "мае",
        "июне",
        "июле",
        "августе",
        "сентябре",
        "октябре",
        "ноябре",
        "декабре",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}
_MONTHS_GEN = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
]


def month_year(when: date, lang: str) -> str:
    """date(2000, 7, 1) -> 'July 2000' / 'июле 2000 года' (the Russian prepositional case, after 'в')."""
    year, month = when.year, when.month
    return f"{_MONTHS[lang][month - 1]} {year}" + (" года" if lang == "ru" else "")


def date_text(when: date, lang: str) -> str:
    """date(2001, 12, 20) -> '20 December 2001' / '20 декабря 2001 года'."""
    year, month, day = when.year, when.month, when.day
    if lang == "ru":
        return f"{day} {_MONTHS_GEN[month - 1]} {year} года"
    return f"{day} {_MONTHS['en'][month - 1]} {year}"
