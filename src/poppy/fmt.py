"""Numbers, quantities, plurals and dates per language: 209,000 ha (en) and 209 000 га (ru).

Grouping, decimal marks, month names (the Russian genitive, 20 декабря) and plural rules
come from CLDR through Babel; the words around them come from the message catalogs. The
Russian prepositional case of month names (в июле) is not in CLDR, so it is written here.
"""

from __future__ import annotations

import math
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal

from poppy.i18n import CLDR, LANGS, N_, check_lang, t, tn

__all__ = [
    "LANGS",
    "check_lang",
    "date_text",
    "month_year",
    "number",
    "percent_change",
    "quantity",
    "years_word",
]

NBSP = "\u00a0"

#: Message of each unit a quantity can carry.
QUANTITIES = {
    "ha": N_("quantity.ha"),
    "t": N_("quantity.t"),
    "percent": N_("quantity.percent"),
    "times": N_("quantity.times"),
    "usd_per_kg": N_("quantity.usd_per_kg"),
}

#: Russian month names in the prepositional case (в январе ...): CLDR has no such form.
MONTHS_PREPOSITIONAL_RU = [
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
]


def number(value: float | None, lang: str = "en", decimals: int = 0) -> str:
    r"""``value`` with thousands grouped (CLDR): 209,000 / 209 000 and 27.5 / 27,5; '–' when missing.

    >>> number(209000, "ru") == "209\u00a0000"
    True
    >>> number(27.5, "en", 1), number(float("nan"))
    ('27.5', '–')
    """
    check_lang(lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, pattern, locale=CLDR[lang])


def quantity(value: float, unit: str, lang: str = "en", decimals: int = 0) -> str:
    """Number and unit: '209,000 ha', '209 000 га', '79.9%', '27.5×', '27,5 раза'."""
    if unit not in QUANTITIES:
        return f"{number(value, lang, decimals)}{NBSP}{unit}"
    return t(lang, QUANTITIES[unit], n=number(value, lang, decimals))


def percent_change(pct: float, lang: str = "en", decimals: int = 1) -> str:
    """Signed percentage: '+8.3%' / '+8,3%' / '−90.7%' (a real minus sign)."""
    sign = "+" if pct > 0 else ("−" if pct < 0 else "±")
    return f"{sign}{quantity(abs(pct), 'percent', lang, decimals)}"


def years_word(n: int, lang: str = "en") -> str:
    """'6 years' / '6 лет', '1 год', '3 года' (the catalog's plural rule)."""
    return tn(lang, "unit.years", "unit.years.plural", n)


def month_year(when: date, lang: str) -> str:
    """date(2000, 7, 1) -> 'July 2000' / 'июле 2000 года' (Russian: the prepositional case, after 'в')."""
    if check_lang(lang) == "ru":
        month = MONTHS_PREPOSITIONAL_RU[when.month - 1]
    else:
        month = format_date(when, "LLLL", locale=CLDR[lang])
    return t(lang, "date.month_year", month=month, year=when.year)


def date_text(when: date, lang: str) -> str:
    """date(2001, 12, 20) -> '20 December 2001' / '20 декабря 2001 года' (CLDR's genitive month)."""
    return t(lang, "date.day_month_year", date=format_date(when, "d MMMM y", locale=CLDR[check_lang(lang)]))
