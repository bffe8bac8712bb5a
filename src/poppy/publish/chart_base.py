"""What every published chart and map shares: the house style, colours, axes, texts and tidy data.

Kept apart from ``charts`` (the line charts and the registry) and ``maps`` (the province
maps) so that both draw alike without importing each other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from matplotlib import style as mpl_style
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from poppy.fmt import number
from poppy.i18n import t
from poppy.publish.sizes import SIZES

STYLE = Path(__file__).with_name("poppy.mplstyle")  # the house style, beside this module
RED, BLUE, GREY = "#b2182b", "#2166ac", "#737373"
SHADE = "#f0f0f0"
#: Text colours: data labels, subtitles and axes, notes (each >= 4.5:1 on white and on SHADE).
INK, SUBTLE, MUTED = "#222222", "#555555", "#5e5e5e"


@contextmanager
def house_style() -> Iterator[None]:
    """Apply the poppy style inside the block only; the caller's rcParams are restored after."""
    with mpl_style.context(STYLE):
        yield


#: Steps between year ticks, tried in order: the first that gives at most 7 ticks is used.
YEAR_STEPS = (1, 2, 5, 10)


def year_ticks(ax: Axes, first: int, last: int) -> None:
    """Year ticks from the data's first year on, every 1, 2, 5 or 10 years (at most 7 ticks).

    The axis then starts with the data instead of a round year the data do not reach.
    """
    step = next((s for s in YEAR_STEPS if (last - first) // s + 1 <= 7), YEAR_STEPS[-1])
    ax.set_xticks(range(first, last + 1, step))


def new_axes(ax: Axes | None, panels: int = 1) -> Axes:
    """``ax``, or a new Axes on a new (pyplot-free) figure of the web size."""
    if ax is not None:
        return ax
    s = SIZES["web"]
    with house_style():
        return Figure(figsize=(s.width, s.height), dpi=100).add_subplot()


def source_line(frames: list[pd.DataFrame], lang: str, keep: int = 2) -> str:
    """'Source: ...' from the sources of the plotted rows, most-used first; the rest counted."""
    counts: Counter[str] = Counter()
    cites: dict[str, str] = {}
    for frame in frames:
        counts.update(frame["source_id"])
        cites |= frame.attrs.get("source_names", {})
    main = [cites[sid] for sid, _ in counts.most_common(keep)]
    rest = len(counts) - len(main)
    more = t(lang, "chart.source.more", n=rest) if rest > 0 else ""
    return t(lang, "chart.source", main="; ".join(main), more=more)


def number_axis(ax: Axes, lang: str) -> None:
    """Values with the language's grouping on the y axis (five ticks), whole years on the x axis."""
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, lang)))
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.xaxis.set_major_locator(MaxNLocator(7, integer=True))


@dataclass(frozen=True)
class Texts:
    """What frames a chart: its texts, the frames the footer cites, the plotted values.

    ``cited`` are the frames whose sources the source line names; ``data`` is a tidy frame of
    exactly the plotted values.
    """

    title: str
    subtitle: str
    note: str
    alt: str
    cited: list[pd.DataFrame]
    data: pd.DataFrame


def tidy(frame: pd.DataFrame, series: str) -> pd.DataFrame:
    """Plotted rows of a series: series, (country,) year, value, low, high, unit, status, source_id."""
    cols = [
        c
        for c in ("country", "year", "value", "low", "high", "unit", "status", "source_id")
        if c in frame.columns
    ]
    return (
        frame.dropna(subset=["value"])[cols].assign(series=series)[["series", *cols]].reset_index(drop=True)
    )
