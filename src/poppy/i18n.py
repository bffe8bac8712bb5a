"""Every user-facing string, read from the gettext catalogs in ``poppy/locales``.

Messages are keyed (``chart.cultivation.title``); each language's text, English included,
lives in ``locales/<lang>/LC_MESSAGES/poppy.po``, so a translator works in the catalogs
only. ``t`` looks a message up and fills its ``{placeholders}``; ``tn`` picks a plural form
by the catalog's own plural rule (Russian has three). The catalogs are read with Babel
(no compile step). ``qps`` is a pseudo-locale made from English: every letter accented and
each message about 40% longer, so tests catch hard-coded text and layouts that clip.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from poppy.errors import UnknownLanguage

LOCALES = Path(__file__).with_name("locales")
DOMAIN = "poppy"
#: Languages of the published pack.
LANGS = ("en", "ru")
#: The pseudo-locale used in tests (English made longer and accented).
PSEUDO = "qps"
#: Every language poppy renders: the published ones and the pseudo-locale.
ALL_LANGS = (*LANGS, PSEUDO)
#: CLDR locale behind each language's number and date formats.
CLDR = {"en": "en", "ru": "ru", PSEUDO: "en"}


def check_lang(lang: str) -> str:
    """``lang`` if poppy speaks it (en, ru, or the test pseudo-locale qps), else UnknownLanguage."""
    if lang not in CLDR:
        raise UnknownLanguage(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    return lang


def catalog_path(lang: str) -> Path:
    """The .po file of ``lang``."""
    return LOCALES / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _translations(lang: str) -> Translations:
    with catalog_path(lang).open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_SPANISH = re.compile("[ñáéíóú¿¡]", re.IGNORECASE)


def text_lang(text: str) -> str:
    """The language of a quoted text or a document title, told by its letters.

    'ru' with Cyrillic, 'es' with Spanish letters (ñ, á, ¿ ...; many UNODC coca surveys are
    Spanish), else 'en'. Good enough to mark text for a screen reader; not a language detector.
    """
    if _CYRILLIC.search(text):
        return "ru"
    return "es" if _SPANISH.search(text) else "en"


def N_(key: str) -> str:
    """Mark ``key`` as a message for extraction without looking it up (for tables of keys)."""
    return key


def t(lang: str, key: str, **fields: object) -> str:
    """The message ``key`` in ``lang`` with ``fields`` filled in; a missing message raises."""
    if check_lang(lang) == PSEUDO:
        return fill(pseudo(t("en", key)), fields)
    text = _translations(lang).gettext(key)
    if text == key:
        raise KeyError(f"message {key!r} is missing from the {lang} catalog ({catalog_path(lang)})")
    return fill(text, fields)


#: A full stop doubled where a filled-in field ends with one ('1995, 1998 гг.' + '.'); an
#: ellipsis (three) is left alone.
_DOUBLED_STOP = re.compile(r"(?<!\.)\.\.(?!\.)")


def fill(text: str, fields: dict[str, object]) -> str:
    """``text`` with ``fields`` filled in, and no full stop doubled by a field that ends with one."""
    if not fields:
        return text
    return _DOUBLED_STOP.sub(".", text.format(**fields))


def tn(lang: str, key: str, plural_key: str, n: int, **fields: object) -> str:
    """The plural form of ``key`` for the count ``n`` in ``lang`` ({n} is filled in too)."""
    if check_lang(lang) == PSEUDO:
        return fill(pseudo(_translations("en").ngettext(key, plural_key, n)), {"n": n, **fields})
    text = _translations(lang).ngettext(key, plural_key, n)
    if text in (key, plural_key):
        raise KeyError(f"message {key!r} is missing from the {lang} catalog ({catalog_path(lang)})")
    return fill(text, {"n": n, **fields})


_PLAIN, _ACCENTED = "AaBbCcDdEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz", "ÅåƁƀÇçĐđÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŔŕŠšŢţÛûŴŵÝýŽž"
_ACCENTS = str.maketrans(dict(zip(_PLAIN, _ACCENTED, strict=True)))
_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")


def pseudo(text: str) -> str:
    """English made pseudo: letters accented outside {placeholders}, each line ~40% longer.

    >>> pseudo("Taliban ban {value}")
    'Ţåļîƀåñ ƀåñ {value} ~~~~ ~~~'
    """
    parts = _PLACEHOLDER.split(text)
    out = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTS) for p in parts)
    return "\n".join(line + _padding(len(line)) if line else line for line in out.split("\n"))


def _padding(n: int) -> str:
    """About 0.4 x n characters of padding in short words, so that padded text still wraps."""
    words, rest = divmod(max(1, round(n * 0.4)), 5)
    return "".join(" ~~~~" for _ in range(words)) + (" " + "~" * rest if rest else "")


#: Country names poppy prints (coca producers).
COUNTRIES = {
    "Colombia": N_("country.Colombia"),
    "Peru": N_("country.Peru"),
    "Bolivia": N_("country.Bolivia"),
    "Afghanistan": N_("country.Afghanistan"),
    "Myanmar": N_("country.Myanmar"),
    "Mexico": N_("country.Mexico"),
}
#: How a stated share is qualified (afghan_shares.csv ``qualifier``).
QUALIFIERS = {
    "exact": N_("qualifier.exact"),
    "about": N_("qualifier.about"),
    "almost": N_("qualifier.almost"),
    "more_than": N_("qualifier.more_than"),
}
