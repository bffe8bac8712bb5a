"""The C-reader path of read_raw gives exactly the csv module's frame and line numbers."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from poppy.data import validate


def _both(raw: bytes, monkeypatch: pytest.MonkeyPatch):
    fast = validate.read_raw(raw, "t.csv")
    with monkeypatch.context() as m:
        m.setattr(validate, "_plain_table", lambda body, text=None: None)
        exact = validate.read_raw(raw, "t.csv")
    return fast, exact


def _same(fast, exact) -> None:
    (table, problems), (table2, problems2) = fast, exact
    assert problems == problems2
    assert (table is None) == (table2 is None)
    if table is not None:
        pd.testing.assert_frame_equal(table[0], table2[0])
        assert table[0].attrs["header"] == table2[0].attrs["header"]
        np.testing.assert_array_equal(table[1], table2[1])


@pytest.mark.parametrize(
    "raw",
    [
        b"a,b,c\n1,,x \n, 2,\n",
        b"a,b\n",
        b"a,b",
        b"a,b\n1,2",
        b"\xef\xbb\xbfa,b\n1,2\n",
        b"a,b\nNA,null\n",
        b"a,a,a#2\n1,2,3\n",
        b"a\n1\n\n2\n",  # blank line: the exact path reports it
        b"a,b\n1,2,3\n4\n",  # ragged rows: the exact path reports them
        b'a,b\n"x\ny",2\n3,4\n',  # a quoted line break: lines 2 and 4
        b"a,b\r\n1,2\r\n",
        b"a,b\n1\x00,2\n",
    ],
)
def test_the_fast_path_agrees_with_the_csv_module(raw, monkeypatch):
    _same(*_both(raw, monkeypatch))


def test_a_plain_file_takes_the_fast_path_and_numbers_its_lines():
    body = b"a,b\n" + b"".join(b"%d,x\n" % i for i in range(5))
    frame, lines = validate._plain_table(body)
    assert list(lines) == [2, 3, 4, 5, 6]
    assert list(frame["a"]) == ["0", "1", "2", "3", "4"]
    assert frame.attrs["clean_text"] is True


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (b"a,b\n1,x\x07y\n", "contains a control character (U+0007)"),
        ("a,b\n1,x\u202ey\n".encode(), "contains a bidi control (U+202E)"),
        (
            b"a,b\n1," + b"x" * 32_768 + b"\n",
            "text of 32,768 characters; a spreadsheet cell holds at most 32,767",
        ),
    ],
)
def test_a_file_with_a_bad_cell_is_scanned_per_column(body, problem):
    frame, lines = validate._plain_table(body)
    assert frame.attrs["clean_text"] is False
    fields = [{"name": "a", "type": "string"}, {"name": "b", "type": "string"}]
    found = validate.check_fields(frame, lines, fields, "t.csv")
    assert [(p.line, p.column, p.message) for p in found] == [(2, "b", problem)]


@pytest.mark.parametrize("raw", [b'a\n"q"\n', b"a\r\nb\r\n", b"a\n\n", b"a,b\n1\n", b"a\nx\x00\n"])
def test_anything_but_a_plain_table_goes_the_exact_way(raw):
    assert validate._plain_table(raw) is None


CELL = st.text(alphabet=st.sampled_from(list('ab1 ,;\n"\r\t-.é')), max_size=4)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(CELL, min_size=1, max_size=4), min_size=1, max_size=6), st.booleans())
def test_random_tables_agree(rows, final_newline):
    raw = "\n".join(",".join(r) for r in rows) + ("\n" if final_newline else "")
    with pytest.MonkeyPatch.context() as mp:
        _same(*_both(raw.encode(), mp))
