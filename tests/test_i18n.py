"""The message catalogs: complete in every language, placeholders that match, CLDR formats,
and a pseudo-locale that proves no output path carries hard-coded text."""

from __future__ import annotations

import re
import string
import sys
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from babel.messages.pofile import read_po

import poppy
from poppy import fmt, i18n
from poppy.publish.build import Options, render
from poppy.publish.charts import CHARTS
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from catalogs import extract

sys.path.pop(0)

USED = {m.id for m in extract() if m.id}


def _catalog(lang: str):
    with i18n.catalog_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


#: Where a translation deliberately fills other fields than English (the code passes both).
#: Russian gives UNODC's share as a number where English quotes UNODC's English words.
DIFFERENT_FIELDS = {
    ("ru", "claim.share.explanation"): ({"unodc_pct"}, {"unodc_wording"}),
    ("ru", "fact.stated_share"): (set(), {"wording"}),
}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_message_the_code_uses_is_translated_with_the_same_placeholders(lang):
    catalog, english = _catalog(lang), _catalog("en")
    have = {m.id: m for m in catalog if m.id}
    assert set(have) == USED, (
        f"missing: {sorted(map(str, USED - set(have)))}; unused: {sorted(map(str, set(have) - USED))}"
    )
    for key, message in have.items():
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(texts) and not message.fuzzy, f"{lang}: {key} has no translation"
        reference = english[key].string
        reference = reference[0] if isinstance(reference, tuple) else reference
        extra, dropped = DIFFERENT_FIELDS.get((lang, key), (set(), set()))
        for text in texts:
            assert _fields(text) == (_fields(reference) | extra) - dropped, (
                f"{lang}: {key} placeholders differ"
            )


def test_the_template_is_what_the_code_uses():
    with (ROOT / "src/poppy/locales/poppy.pot").open("rb") as fh:
        assert {m.id for m in read_po(fh) if m.id} == USED, "run: python tools/catalogs.py"


def test_a_missing_message_is_an_error_not_a_silent_key():
    with pytest.raises(KeyError, match="missing from the ru catalog"):
        i18n.t("ru", "chart.no_such_message")
    with pytest.raises(i18n.UnknownLanguage, match="unknown language 'de'; choose one of en, ru"):
        i18n.t("de", "verdict.accurate")


@pytest.mark.parametrize(
    ("n", "en", "ru"),
    [
        (1, "1 year", "1 год"),
        (3, "3 years", "3 года"),
        (5, "5 years", "5 лет"),
        (11, "11 years", "11 лет"),
        (21, "21 years", "21 год"),
    ],
)
def test_plurals_follow_each_languages_rule(n, en, ru):
    assert fmt.years_word(n, "en") == en and fmt.years_word(n, "ru") == ru


def test_numbers_and_dates_come_from_cldr():
    from datetime import date

    assert fmt.number(209000, "ru") == "209\u00a0000" and fmt.number(27.46, "ru", 1) == "27,5"
    assert (
        fmt.quantity(27.5, "times", "ru", 1) == "27,5\u00a0раза"
        and fmt.quantity(27.5, "times", "en", 1) == "27.5×"
    )
    assert fmt.date_text(date(2001, 12, 20), "ru") == "20 декабря 2001 года"
    assert fmt.date_text(date(2001, 12, 20), "en") == "20 December 2001"
    assert fmt.month_year(date(2000, 7, 1), "ru") == "июле 2000 года"  # hand-written prepositional case
    assert fmt.month_year(date(2000, 7, 1), "en") == "July 2000"


def test_pseudo_locale_lengthens_and_accents_but_keeps_placeholders():
    english = i18n.t("en", "chart.cultivation.title")
    fake = i18n.pseudo(english)
    assert _fields(fake) == _fields(english)
    assert len(fake) >= 1.35 * len(english) and not re.search(r"\b(the|bans|peaked)\b", fake)


@pytest.fixture(scope="module")
def pseudo_pack():
    return render(
        poppy.load_all(), Options(langs=(i18n.PSEUDO,), formats=("svg",), sizes=("web", "social", "print"))
    )


def _english_fragments() -> set[str]:
    """Literal phrases of English (two words or more, 12+ characters) from every message; single
    words are left out because data text (source titles) may share them, and so are phrases the
    data's own text holds ('press release' in a title is the title's, not poppy's)."""
    from poppy.data.descriptor import default_data_dir

    data_text = " ".join(p.read_text(encoding="utf-8") for p in default_data_dir().glob("*.csv"))
    out = set()
    for message in _catalog("en"):
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            for literal, *_ in string.Formatter().parse(text or ""):
                out |= {
                    part.strip()
                    for part in re.split(r"[\n(),;:.]", literal)
                    if len(part.strip()) >= 12 and " " in part.strip() and part.strip() not in data_text
                }
    return out


def test_the_whole_pack_builds_in_the_pseudo_locale_without_english_text(pseudo_pack):
    assert len([p for p in pseudo_pack if p.startswith("charts/") and p.endswith(".svg")]) == len(CHARTS) * 3
    fragments = _english_fragments()
    for path, raw in pseudo_pack.items():
        if path.endswith(".svg"):
            root = ET.fromstring(raw)
            texts = [el.text for el in root.iter() if el.text and el.tag.endswith("text")]
        elif path.endswith(".md") and not path.startswith("site/data/"):  # not the data package
            texts = [  # not sources, not quotes: those are data, in the words of their authors
                line for line in raw.decode().splitlines() if not re.match(r"(\d+\. |> )", line)
            ]
        elif path.endswith(".html"):  # the site's own words: not quotes, sources, codebook or data
            page = re.sub(r'<ol class="sources">.*?</ol>', "", raw.decode(), flags=re.S)
            page = re.sub(r'<(\w+)[^>]* lang="en"[^>]*>.*?</\1>', "", page, flags=re.S)  # marked English
            page = re.sub(r"<(blockquote|script|pre|table|figcaption)\b.*?</\1>", "", page, flags=re.S)
            texts = [unescape(t) for t in re.findall(r">([^<]+)<", page) if t.strip()]
        else:
            continue
        for text in texts:
            leaked = [f for f in fragments if f in text]
            assert not leaked, f"{path}: hard-coded English {leaked[:3]} in {text!r}"
