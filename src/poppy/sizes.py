"""Sizes and file formats of the press pack.

Kept apart from charts so that checking an option does not import matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Size:
    """An output size: inches and dots per inch (pixels = inches x dpi)."""

    width: float
    height: float
    dpi: int


#: web 1200x675 px, social 1080x1080 px, print A5 width (148 mm) at 300 dpi.
SIZES: dict[str, Size] = {
    "web": Size(8.0, 4.5, 150),
    "social": Size(6.0, 6.0, 180),
    "print": Size(148 / 25.4, 100 / 25.4, 300),
}

FORMATS = ("png", "svg", "pdf")
