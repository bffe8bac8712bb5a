"""Column widths of the briefing workbook's sheets, and the lines their text wraps to.

Widths are in the file format's unit: digits of the workbook's default font (Arial 9, 5 pt a
digit). A sheet's printed columns are fitted to an A4 landscape page at full size: prose
columns give up width, each unit taken from where it adds the fewest wrapped lines, so every
sheet prints at 9 pt. Row heights follow from the same estimate of wrapped lines. No openpyxl.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pandas as pd

#: Widest a column gets, in characters, before its text wraps (others: WRAP_AT).
WRAP_AT = 24
COLUMN_WIDTHS = {
    "sentence": 48,
    "explanation": 56,
    "quote": 34,
    "note": 56,
    "title": 36,
    "alt_text": 70,
    "wording": 36,
    "url": 28,
    "source_id": 34,  # a link: LibreOffice does not wrap a hyperlink cell, so it gets its full width
    "stated": 22,
    "computed": 26,
}
PT_PER_WIDTH = 5.0  # a unit of column width: a digit of Arial 9 (0.556 em x 9 pt)
MARGIN_IN = 0.4  # left and right page margins, in inches
#: Column width an A4 landscape page (842 pt) holds between its margins at full size, less 3
#: for LibreOffice's rounding: about 154.
PAGE_WIDTH = (842 - 2 * MARGIN_IN * 72) / PT_PER_WIDTH - 3
MIN_WRAP = 10  # narrowest a prose column is made to fit the page, in characters
LONG_WORD = 16  # widest a column is kept so that no word breaks inside it
INDENT = 2  # width an indent of 1 takes (LibreOffice: about 7 pt)
#: Width of a character in digits of Arial (Liberation Sans has the same advances): most
#: lower-case letters and digits are 1, these are narrower or wider; upper case is about 1.25,
#: Cyrillic 1.05 and 1.3. Rounded up, so that an estimate errs towards one line too many.
CHAR_WIDTHS = (
    dict.fromkeys("ijl'|", 0.45)
    | dict.fromkeys("ftI!,./:;[]\\ ", 0.5)
    | dict.fromkeys('r-(){}`"*', 0.65)
    | dict.fromkeys("mwMW%@", 1.6)
)
UPPER, CYRILLIC, CYRILLIC_UPPER = 1.25, 1.05, 1.3
BOLD = 1.1  # Arial Bold is up to a tenth wider (headers)
#: Where a word may break: after a slash or hyphen, as Unicode line breaking does, which keeps
#: '//', '-2020' and '2021/10' whole.
BREAK = re.compile(r"(?<=[/-])(?=[^\d/-])|(?<=[^\d]/)(?=\d)")


def plain(value: Any) -> Any:
    """A cell value openpyxl can store: None for missing, Python scalars for numpy ones."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _shown(value: Any) -> str:
    """A value as its cell shows it, near enough to size a column: numbers grouped, one decimal."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"


def widths(frame: pd.DataFrame) -> list[int]:
    """Column widths: the printed width of the content and of the (bold) header.

    Each up to its column's cap (WRAP_AT unless COLUMN_WIDTHS says otherwise): longer text wraps.
    """
    out = []
    for col in frame.columns:
        shown = [_shown(plain(v)) for v in frame[col] if plain(v) is not None]
        longest = max([span(str(col)) * BOLD, *map(span, shown)])
        cap = COLUMN_WIDTHS.get(str(col)) or COLUMN_WIDTHS.get(str(col).rsplit("_", 1)[0], WRAP_AT)
        out.append(min(cap, max(6, math.ceil(longest) + 1)))
    return out


def numeric(series: pd.Series) -> bool:
    """Whether a column holds numbers (shown right-aligned; booleans are not numbers here)."""
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def prose(frame: pd.DataFrame, col: str) -> bool:
    """Whether ``col`` holds text that wraps (at spaces, hyphens or slashes).

    Codes, numbers and links do not (LibreOffice does not wrap a hyperlink cell).
    """
    if col == "source_id" or numeric(frame[col]) or pd.api.types.is_bool_dtype(frame[col]):
        return False
    return bool(frame[col].dropna().astype(str).str.contains("[ /-]").any())


def _char(ch: str) -> float:
    if ch in CHAR_WIDTHS:
        return CHAR_WIDTHS[ch]
    if "\u0400" <= ch <= "\u04ff":
        return CYRILLIC_UPPER if ch.isupper() else CYRILLIC
    return UPPER if ch.isupper() else 1.0


def span(text: str) -> float:
    """Printed width of ``text`` on one line, in column-width units."""
    return sum(map(_char, text))


def _tokens(value: Any) -> list[list[tuple[float, bool]]]:
    """Each paragraph of a value as its unbreakable pieces: (printed width, follows a space)."""
    return [
        [
            (span(piece), k == 0 and i > 0)
            for i, word in enumerate(part.split(" "))
            for k, piece in enumerate(BREAK.split(word))
        ]
        for part in str(value).split("\n")
    ]


def _count(tokens: list[list[tuple[float, bool]]], width: int) -> int:
    """Lines ``tokens`` take in a column ``width`` units wide.

    A piece that does not fit goes to the next line, and one longer than a line breaks where it must.
    """
    lines = 0
    for paragraph in tokens:
        lines, used = lines + 1, 0.0
        for span, spaced in paragraph:
            gap = CHAR_WIDTHS[" "] if spaced and used else 0.0
            if used and used + gap + span > width:
                lines, used, gap = lines + 1, 0.0, 0.0
            used += gap + span
            while used > width:
                lines, used = lines + 1, used - width
    return lines


def lines(value: Any, width: int) -> int:
    """Lines a value takes wrapped in a column ``width`` units wide.

    It breaks at spaces, after a slash or hyphen (where LibreOffice breaks links and ids), and
    inside a piece too long for a line.
    """
    return _count(_tokens(value), width)


def fit(frame: pd.DataFrame, natural: list[int], pads: list[int], printed: int) -> list[int]:
    """Widths with the first ``printed`` columns fitted to PAGE_WIDTH, if they overflow it.

    ``pads`` is what each column takes besides its text (an indent). Prose columns start at
    their floor (see _floor) and take the room left one unit at a time, each unit where it
    saves the most wrapped lines, up to their ``natural`` width; other columns keep theirs.
    """
    cols = [str(c) for c in frame.columns[:printed]]
    grow = [j for j, c in enumerate(cols) if prose(frame, c)]
    fixed = sum(w for j, w in enumerate(natural[:printed]) if j not in grow)
    room = PAGE_WIDTH - printed - sum(pads[:printed]) - fixed  # each column is one wider than its text
    if sum(natural[j] for j in grow) <= room:
        return natural
    cells = [[_tokens(v) if plain(v) is not None else [] for v in frame[c]] for c in cols]
    fitted = list(natural)
    for j in grow:
        fitted[j] = min(natural[j], _floor(cols[j], cells[j]))
    if sum(fitted[j] for j in grow) > room:  # too many columns to keep words whole
        for j in grow:
            fitted[j] = min(natural[j], _least(cols[j]))
    counts = [[_count(t, fitted[j]) for t in cells[j]] for j in range(printed)]
    wider = {j: [_count(t, fitted[j] + 1) for t in cells[j]] for j in grow}
    while sum(fitted[j] for j in grow) < room and (open_ := [j for j in grow if fitted[j] < natural[j]]):
        best = min(open_, key=lambda j: (_height(counts, j, wider[j]), j))
        fitted[best], counts[best] = fitted[best] + 1, wider[best]
        wider[best] = [_count(t, fitted[best] + 1) for t in cells[best]]
    return fitted


def _floor(header: str, cells: list[list[list[tuple[float, bool]]]]) -> int:
    """Narrowest a prose column gets: MIN_WRAP, and room for its header and its longest word.

    A word longer than LONG_WORD (in a link, say) may break inside.
    """
    longest = max((width for cell in cells for paragraph in cell for width, _ in paragraph), default=0.0)
    return max(_least(header), min(math.ceil(longest), LONG_WORD))


def _least(header: str) -> int:
    """Narrowest any prose column gets: MIN_WRAP, and room for its (bold) header."""
    return max(MIN_WRAP, math.ceil(span(header) * BOLD))


def _height(counts: list[list[int]], j: int, instead: list[int]) -> int:
    """Lines all rows take (each its tallest cell) with column ``j``'s line counts ``instead``."""
    others = [col for k, col in enumerate(counts) if k != j]
    return sum(max(new, *(col[r] for col in others)) for r, new in enumerate(instead))
