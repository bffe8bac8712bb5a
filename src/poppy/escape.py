"""Text from the data made safe for the formats poppy writes: CSV, Markdown, JSON in HTML.

The data is validated (no control or bidi characters), but its words are still someone
else's: a cell may start like a spreadsheet formula, hold HTML or Markdown link syntax, or
close the script element that carries JSON-LD. Each helper keeps the text readable and
takes away only its power in one output format.
"""

from __future__ import annotations

import json
import re
from typing import Any

#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def csv_cell(text: str) -> str:
    r"""``text`` for a CSV cell that a spreadsheet shows as text, never runs as a formula.

    A cell starting with = + - @ TAB or CR gets a leading apostrophe (OWASP); a plain
    number such as -5 or +1.5 stays a number.

    >>> print(csv_cell('=HYPERLINK("http://evil.example","click")'))
    '=HYPERLINK("http://evil.example","click")
    >>> csv_cell("-5"), csv_cell("@SUM(A1)"), csv_cell("209,000 ha")
    ('-5', "'@SUM(A1)", '209,000 ha')
    """
    if text.startswith(FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|!#~])")
_BLOCK_START = re.compile(r"^(\s*)([>+=-]|\d+[.)])")


def md_text(text: str) -> str:
    r"""``text`` as literal inline Markdown: no HTML, links, images, emphasis or table breaks.

    HTML is escaped as entities; Markdown punctuation gets a backslash; line breaks become
    spaces (inline text: a table cell, a heading, a quoted line).

    >>> print(md_text('<script>alert(1)</script>'))
    &lt;script&gt;alert(1)&lt;/script&gt;
    >>> print(md_text("![x](https://evil.example/t.png) and [a](javascript:alert(1))"))
    \!\[x\](https://evil.example/t.png) and \[a\](javascript:alert(1))
    >>> print(md_text("209,000 ha | 5 %"))
    209,000 ha \| 5 %
    """
    text = "".join(_HTML.get(ch, ch) for ch in text.replace("\r", " ").replace("\n", " "))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _BLOCK_START.sub(r"\1\\\2", text)


_URL = re.compile(r"https?://[^\s<>()\[\]\\`\"']+", re.IGNORECASE)


def web_url(url: str) -> bool:
    """Whether ``url`` is a plain http(s) address, safe to make a link of.

    >>> web_url("https://www.unodc.org/wdr"), web_url("javascript:alert(1)"), web_url("")
    (True, False, False)
    """
    return bool(_URL.fullmatch(url))


def md_link(label: str, url: str) -> str:
    """A Markdown link to ``url`` when it is a plain http(s) address, else the label alone.

    >>> md_link("UNODC", "https://www.unodc.org/wdr")
    '[UNODC](https://www.unodc.org/wdr)'
    >>> md_link("click", "javascript:alert(1)")
    'click'
    >>> md_link("x", "https://a.example/) ![t](https://evil.example/p.png")
    'x'
    """
    if not web_url(url):
        return md_text(label)
    return f"[{md_text(label)}]({url})"


def json_for_script(obj: Any, indent: int | None = 2) -> str:
    r"""``obj`` as JSON that can sit inside an HTML ``<script>`` element (JSON-LD).

    ``</`` and ``<!--`` could end the element or open a comment early; written as ``<\/``
    and ``\u003c!--`` they are the same JSON strings.

    >>> print(json_for_script({"claimReviewed": "</script><script>alert(1)</script>"}, None))
    {"claimReviewed": "<\/script><script>alert(1)<\/script>"}
    >>> json.loads(json_for_script(["</script>", "<!--"])) == ["</script>", "<!--"]
    True
    """
    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")
