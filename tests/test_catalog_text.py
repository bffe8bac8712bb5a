"""Every message, filled in, reads cleanly: no doubled full stop, space or punctuation (issue 24).

Each placeholder is filled with text that itself ends in a full stop ('1995, 1998 гг.'), the
case that once printed 'гг..' under the production chart.
"""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.pofile import read_po

from poppy import i18n

ENDS_WITH_STOP = "1995, 1998 гг."
#: What must not appear in a filled-in message: two full stops (an ellipsis of three is fine),
#: two spaces, a space before punctuation, doubled punctuation.
FLAWS = re.compile(r"(?<!\.)\.\.(?!\.)|  | [,.;:!?)]|,,|;;|::")


def _messages(lang: str) -> list[tuple[str, str]]:
    with i18n.catalog_path(lang).open("rb") as fh:
        catalog = read_po(fh)
    out = []
    for m in catalog:
        if not m.id:
            continue
        texts = m.string if isinstance(m.string, tuple) else (m.string,)
        out += [(m.id if isinstance(m.id, str) else m.id[0], s) for s in texts if s]
    return out


def _fields(text: str) -> dict[str, str]:
    return {name: ENDS_WITH_STOP for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_no_message_doubles_a_stop_a_space_or_punctuation_once_filled(lang):
    bad = []
    for key, text in _messages(lang):
        filled = i18n.fill(text, _fields(text))
        if FLAWS.search(filled.replace(ENDS_WITH_STOP, "X")) or ".." in filled.replace("...", ""):
            bad.append((key, filled))
    assert bad == []


def test_a_field_ending_in_a_stop_is_not_doubled_by_the_message():
    assert i18n.fill("no verified figure for {missing}.", {"missing": ENDS_WITH_STOP}) == (
        "no verified figure for 1995, 1998 гг."
    )
    assert i18n.fill("wait...", {"x": 1}) == "wait..."


def test_the_russian_production_note_ends_with_one_full_stop():
    import poppy
    from poppy.publish import charts

    note = charts.CHARTS["production"].texts(poppy.load_all(), "ru").note
    assert "гг." in note and "гг.." not in note, note
