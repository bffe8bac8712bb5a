"""Text that fits: wrapping by measured width, labels kept clear of the data, axes fitted to the frame.

Widths come from the Agg renderer at the figure's resolution, so a longer translation wraps
and moves things instead of running off the edge. Two artist roles steer ``lift_labels``:
a text labelled ``LABEL`` is a data label that must sit above the data in its column and
inside the axes; a text labelled ``CEILING`` (anchored to the top of the axes) must not be
covered by one, nor a fixed text labelled ``AVOID`` (such as the name of a band).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

LABEL, CEILING, AVOID = "poppy:label", "poppy:ceiling", "poppy:avoid"
PAD_PT = 3.0  # clearance between a label and the data or another label, in points
SAMPLES = 12  # points per line segment tested against a label's box
#: Each label's offset as drawn, before any lift: a later call (after a resize) starts from it.
_START: WeakKeyDictionary[Annotation, tuple[float, float]] = WeakKeyDictionary()


def renderer(fig: Figure) -> RendererBase:
    """A renderer for measuring ``fig``'s text (an Agg canvas is attached when it has none)."""
    if not hasattr(fig.canvas, "get_renderer"):
        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def text_width(fig: Figure, text: str, size: float, weight: str = "normal") -> float:
    """Width of one line of ``text`` at ``size`` points, in inches."""
    prop = FontProperties(size=size, weight=weight)
    width, _, _ = renderer(fig).get_text_width_height_descent(text, prop, ismath=False)
    return width / fig.dpi


def _greedy(words: list[str], widths: list[float], space: float, limit: float) -> list[str]:
    lines: list[list[str]] = [[]]
    used = 0.0
    for word, w in zip(words, widths, strict=True):
        if lines[-1] and used + space + w > limit:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0.0) + w
        lines[-1].append(word)
    return [" ".join(line) for line in lines]


def wrap(
    fig: Figure, text: str, width_in: float, size: float, weight: str = "normal", balance: bool = False
) -> str:
    """``text`` broken at ordinary spaces into lines at most ``width_in`` inches wide.

    A no-break space (U+00A0) keeps its neighbours together. With ``balance`` the lines are
    made as even as the line count allows, so no word is stranded on the last line.
    """
    out = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        widths = [text_width(fig, w, size, weight) for w in words]
        space = text_width(fig, "a a", size, weight) - text_width(fig, "aa", size, weight)
        lines = _greedy(words, widths, space, width_in)
        if balance and len(lines) > 1:
            lo, hi = max(widths), width_in
            for _ in range(14):  # bisect the narrowest width that keeps the line count
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if len(_greedy(words, widths, space, mid)) > len(lines) else (lo, mid)
            lines = _greedy(words, widths, space, hi)
        out.extend(lines)
    return "\n".join(out)


def halve(fig: Figure, text: str, width_in: float, size: float, weight: str = "normal") -> str:
    """``text`` on one line when it is at most ``width_in`` inches wide, else on two.

    The break goes at the ordinary space that leaves the wider line narrowest.
    """
    words = text.split(" ")
    if len(words) < 2 or text_width(fig, text, size, weight) <= width_in:
        return text
    halves = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    return "\n".join(min(halves, key=lambda h: max(text_width(fig, part, size, weight) for part in h)))


def _role(artist: Artist) -> str:
    return str(artist.get_label())


def _obstacles(ax: Axes) -> np.ndarray:
    """Display coordinates of the plotted data: line vertices, points along segments, band edges."""
    points = [np.empty((0, 2))]
    paths = [ax.transData.transform(line.get_xydata()) for line in ax.lines]
    paths += [coll.get_transform().transform(p.vertices) for coll in ax.collections for p in coll.get_paths()]
    # bars, not spans: a patch drawn in data coordinates (axvspan's blends in the axes' height)
    paths += [
        p.get_transform().transform(p.get_path().vertices)
        for p in ax.patches
        if p.get_data_transform() is ax.transData
    ]
    steps = np.linspace(0.0, 1.0, SAMPLES)[:, None, None]
    for xy in paths:
        xy = np.asarray(xy, dtype=float)
        if len(xy) > 1:
            seg = xy[:-1] + steps * (xy[1:] - xy[:-1])  # samples x segments x 2
            points.append(seg.reshape(-1, 2))
        points.append(xy)
    found = np.vstack(points)
    return found[np.isfinite(found).all(axis=1)]


def _box(artist: Text, r: RendererBase) -> Bbox:
    """The extent of a text (with its background box) without the stem of an annotation."""
    if isinstance(artist, Annotation):
        artist.update_positions(r)  # otherwise only drawing moves it to its current offset
    patch = artist.get_bbox_patch()
    if patch is None:
        return Text.get_window_extent(artist, r)
    artist.update_bbox_position_size(r)
    return patch.get_window_extent(r)


def boxes(ax: Axes, role: str) -> list[Bbox]:
    """Display extents of ``ax``'s texts with ``role`` (LABEL, CEILING, AVOID), without stems."""
    r = renderer(ax.figure)
    return [_box(t, r) for t in ax.texts if _role(t) == role]


def markers(ax: Axes) -> np.ndarray:
    """Display coordinates of every plotted data point of ``ax``'s lines (n x 2, finite only)."""
    found = [np.empty((0, 2))] + [ax.transData.transform(line.get_xydata()) for line in ax.lines]
    points = np.vstack(found)
    return points[np.isfinite(points).all(axis=1)]


def _lift_one(ax: Axes, label: Annotation, others: list[Bbox], points: np.ndarray, r: RendererBase) -> float:
    """Move one label above the data and earlier labels in its column; return any overshoot (px)."""
    pad = PAD_PT * ax.figure.dpi / 72
    box, frame = _box(label, r), ax.get_window_extent(r)
    dx = max(0.0, frame.x0 - box.x0) - max(0.0, box.x1 - frame.x1)
    x0, x1 = box.x0 + dx - pad, box.x1 + dx + pad
    column = points[(points[:, 0] >= x0) & (points[:, 0] <= x1), 1]
    floor = max([box.y0 - pad, *column, *(o.y1 for o in others if o.x0 < x1 and o.x1 > x0)])
    ceiling = frame.y1 - pad
    for text in ax.texts:
        if _role(text) == CEILING:
            top = Text.get_window_extent(text, r)
            if top.x0 < x1 and top.x1 > x0:
                ceiling = min(ceiling, top.y0 - pad)
    dy = floor + pad - box.y0
    ox, oy = label.xyann
    label.xyann = (ox + dx * 72 / ax.figure.dpi, oy + dy * 72 / ax.figure.dpi)
    others.append(_box(label, r))
    return max(0.0, box.y1 + dy - ceiling)


def lift_labels(ax: Axes, rounds: int = 6) -> None:
    """Keep every ``LABEL`` annotation of ``ax`` inside the axes and clear of the data.

    Each label rises above the data points, lines and bands in its column (and above labels
    placed before it); when that pushes it into the top of the axes or under a ``CEILING``
    text, the y range grows and the placement is redone.
    """
    labels = [a for a in ax.texts if isinstance(a, Annotation) and _role(a) == LABEL]
    if not labels:
        return
    start = [_START.setdefault(a, a.xyann) for a in labels]
    for a in labels:
        a.set_in_layout(False)  # kept inside the axes here, so fitting the axes ignores them
    r = renderer(ax.figure)
    for _ in range(rounds):
        for a, xy in zip(labels, start, strict=True):
            a.xyann = xy
        points = _obstacles(ax)
        placed = [Text.get_window_extent(a, r) for a in ax.texts if _role(a) == AVOID]
        over = max(_lift_one(ax, a, placed, points, r) for a in labels)
        if over <= 0:
            return
        bottom, top = ax.get_ylim()
        height = ax.get_window_extent(r).height
        ax.set_ylim(bottom, top + (top - bottom) * (over / height + 0.03))


def fit_axes(fig: Figure, left: float, bottom: float, right: float, top: float, rounds: int = 3) -> None:
    """Place the subplot grid so that the axes with their tick labels fill the given box.

    The box is in figure fractions; texts drawn in an axes outside its data area (value
    labels beyond the last bar) count as part of it.
    """
    r = renderer(fig)
    fig.subplots_adjust(left=left, bottom=bottom, right=right, top=top)
    pars = fig.subplotpars
    for _ in range(rounds):
        boxes = [ax.get_tightbbox(r) for ax in fig.axes]
        tight = Bbox.union([b for b in boxes if b is not None]).transformed(fig.transFigure.inverted())
        fig.subplots_adjust(
            left=pars.left + left - tight.x0,
            bottom=pars.bottom + bottom - tight.y0,
            right=pars.right + right - tight.x1,
            top=pars.top + top - tight.y1,
        )


def outside(fig: Figure, margin_px: float = 0.5) -> list[str]:
    """What of ``fig`` is drawn beyond its edge: the text, or 'tick labels' (empty when all fits)."""
    r, frame = renderer(fig), fig.bbox
    parts = [(t.get_text(), Text.get_window_extent(t, r)) for t in fig.texts if t.get_text().strip()]
    for ax in fig.axes:
        parts += [(t.get_text(), Text.get_window_extent(t, r)) for t in ax.texts if t.get_text().strip()]
        if ax.axison:  # a map's axes are off: their tick labels are never drawn
            parts += [("tick labels", axis.get_tightbbox(r)) for axis in (ax.xaxis, ax.yaxis)]
        parts += [(ax.get_title(), ax.title.get_window_extent(r))] if ax.get_title() else []
    inside = frame.padded(margin_px)
    return [
        name
        for name, box in parts
        if box is not None
        and not (inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1)
    ]
