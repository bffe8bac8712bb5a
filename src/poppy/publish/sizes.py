"""Sizes and file formats of the press pack.

Kept apart from charts so that checking an option does not import matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    """An output size: inches, dots per inch, body text size and the width it is read at.

    ``text_pt`` is the body text (ticks, labels, subtitle); notes are 5/6 of it, titles 1.44x.
    ``shown_in`` is the width, in inches, at which the size is judged: a web chart in an
    800 px article column, a social card edge to edge on a 375 px phone (a claim page shows it
    there), a print chart at its own width.
    """

    width: float
    height: float
    dpi: int
    text_pt: float
    shown_in: float

    @property
    def pixels(self) -> tuple[int, int]:
        """Width and height of its PNG, in pixels."""
        return round(self.width * self.dpi), round(self.height * self.dpi)

    @property
    def smallest_pt(self) -> float:
        """The smallest text the style uses (notes, sources), in points."""
        return self.text_pt * SMALL

    @property
    def apparent_pt(self) -> float:
        """The smallest text as it appears at ``shown_in`` wide, in points (1 CSS px = 0.75 pt)."""
        return self.smallest_pt * self.shown_in / self.width


CSS_PX = 1 / 96  # inches
#: Relative sizes of matplotlib's named font sizes that the charts use ('small', 'x-large').
SMALL, LARGE = 0.833, 1.44
#: Nothing smaller than 9 CSS px (6.75 pt) where a size is judged.
MIN_APPARENT_PT = 6.75

#: web 1200x675 px, social 1080x1080 px, print A5 width (148 mm) at 300 dpi.
SIZES: dict[str, Size] = {
    "web": Size(8.0, 4.5, 150, text_pt=9.0, shown_in=800 * CSS_PX),
    "social": Size(6.0, 6.0, 180, text_pt=12.5, shown_in=375 * CSS_PX),
    "print": Size(148 / 25.4, 100 / 25.4, 300, text_pt=8.4, shown_in=148 / 25.4),
}

FORMATS = ("png", "svg", "pdf")
