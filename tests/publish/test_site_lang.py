"""A quote kept in another language than its page's carries its lang (issue 24)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from poppy.i18n import text_lang


class _Quotes(HTMLParser):
    """Each blockquote of a page: its lang attribute and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.quotes: list[list] = []
        self._open = 0

    def handle_starttag(self, tag, attrs):
        if tag == "blockquote":
            self.quotes.append([dict(attrs).get("lang"), ""])
            self._open += 1

    def handle_endtag(self, tag):
        if tag == "blockquote":
            self._open -= 1

    def handle_data(self, data):
        if self._open:
            self.quotes[-1][1] += data


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_quote_in_another_language_is_marked_with_it(built_pack, lang):
    out = built_pack[0] / "site" / lang
    pages = [out / "index.html", *sorted((out / "claims").glob("*.html"))]
    seen = 0
    for page in pages:
        parser = _Quotes()
        parser.feed(page.read_text(encoding="utf-8"))
        for marked, text in parser.quotes:
            written = text_lang(text)
            assert (marked or lang) == written, (page.name, marked, text[:60])
            seen += 1
    assert seen >= 16  # every claim on the index and on its own page


class _SourceParts(HTMLParser):
    """The titles and parts of each source list entry: (tag, lang attribute, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[list] = []
        self._in_list = False
        self._open: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ol" and attrs.get("class") == "sources":
            self._in_list = True
        elif self._in_list and tag in ("a", "span") and attrs.get("class") != "source-id":
            self._open = [tag, attrs.get("lang"), ""]
            self.parts.append(self._open)

    def handle_endtag(self, tag):
        if tag == "ol":
            self._in_list = False
        if tag in ("a", "span"):
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[2] += data


def test_every_source_title_and_part_on_a_russian_page_is_russian_or_marked(built_pack):
    out = built_pack[0] / "site" / "ru"
    checked = 0
    pages = [out / "index.html", *sorted(out.glob("claims/*.html")), *sorted(out.glob("charts/*.html"))]
    for page in pages:
        parser = _SourceParts()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, marked, text in parser.parts:
            assert (marked or "ru") == text_lang(text), (page.name, tag, text[:60])
            checked += 1
    assert checked > 100
