"""Text that fits: wrapping by measured width, labels kept clear of the data, axes fitted to the frame.

Widths come from the Agg renderer at the figure's resolution, so a longer translation wraps
and moves things instead of running off the edge. Two artist roles steer ``lift_labels``:
a text labelled ``LABEL`` is a data label that must sit above the data in its column and
inside the axes; a text labelled ``CEILING`` (anchored to the top of the axes) must not be
covered by one, nor a fixed text labelled ``AVOID`` (such as the name of a band). A label
drawn with a leader (an annotation with ``arrowprops``) first looks for a spot beside its
point from which the leader meets no data line (``SPOTS``), and is lifted only when there
is none.
"""

from __future__ import annotations

from dataclasses import dataclass
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
#: The sides of its point where a label with a leader may sit, in order of preference: the
#: direction (x, y in -1, 0, 1), which also sets the text's alignment (HA, VA).
SIDES = ((0, 1), (1, 1), (-1, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (0, -1))
HA, VA = {-1: "right", 0: "center", 1: "left"}, {-1: "top", 0: "center", 1: "bottom"}
REACH_PT = (3.0, 6.0, 12.0, 20.0, 30.0, 42.0, 56.0, 72.0, 90.0)  # point to the label's near edge, each axis
TOUCH_PT = 8.0  # a leader may come near a data line only this close to its point (inside a V)
STEM_PAD_PT = 0.5  # white between a leader's stroke and a data line's stroke, in points


def _spots() -> list[tuple[int, int, float, float]]:
    """(side x, side y, dx, dy in points) for each side at every reach along its axes, nearest first."""
    spots = [
        (ux, uy, ux * rx, uy * ry)
        for ux, uy in SIDES
        for rx in (REACH_PT if ux else (0.0,))
        for ry in (REACH_PT if uy else (0.0,))
    ]
    return sorted(spots, key=lambda s: (float(np.hypot(s[2], s[3])), SIDES.index(s[:2])))


#: Where a label with a leader may sit: the first of these that is clear is taken.
SPOTS = _spots()


@dataclass(frozen=True)
class _Start:
    """A label as drawn, before any placement: a later call (after a resize) starts from it."""

    xyann: tuple[float, float]
    text: str
    ha: str
    va: str
    shrink: float | None  # the leader's gap at its point, in points (None: no leader)


_START: WeakKeyDictionary[Annotation, _Start] = WeakKeyDictionary()


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


def _outlines(ax: Axes) -> list[np.ndarray]:
    """The plotted data as polylines in display px: lines, band edges, bars (NaN rows break a line)."""
    paths = [ax.transData.transform(line.get_xydata()) for line in ax.lines]
    paths += [coll.get_transform().transform(p.vertices) for coll in ax.collections for p in coll.get_paths()]
    # bars, not spans: a patch drawn in data coordinates (axvspan's blends in the axes' height)
    paths += [
        p.get_transform().transform(p.get_path().vertices)
        for p in ax.patches
        if p.get_data_transform() is ax.transData
    ]
    return [np.asarray(xy, dtype=float) for xy in paths]


def _sampled(paths: list[np.ndarray], step_px: float | None = None) -> np.ndarray:
    """The paths' vertices and points along their segments: SAMPLES each, or one every ``step_px``."""
    points = [np.empty((0, 2))]
    for xy in paths:
        if len(xy) > 1:
            a, d = xy[:-1], xy[1:] - xy[:-1]
            n = SAMPLES if step_px is None else int(np.nanmax(np.hypot(*d.T), initial=0) / step_px) + 2
            steps = np.linspace(0.0, 1.0, n)[:, None, None]
            points.append((a + steps * d).reshape(-1, 2))  # samples x segments, flattened
        points.append(xy)
    found = np.vstack(points)
    return found[np.isfinite(found).all(axis=1)]


def _obstacles(ax: Axes) -> np.ndarray:
    """Display coordinates of the plotted data: line vertices, points along segments, band edges."""
    return _sampled(_outlines(ax))


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


@dataclass(frozen=True)
class _Scene:
    """What a label beside its point keeps clear of, in display px."""

    frame: Bbox
    pad: float  # PAD_PT
    data: np.ndarray  # data points, and points a pixel apart along the lines, band edges and bars
    lines: list[tuple[np.ndarray, np.ndarray, float]]  # each drawn line's segment starts, ends, half-width
    fixed: list[Bbox]  # CEILING texts


def _scene(ax: Axes, r: RendererBase) -> _Scene:
    px = ax.figure.dpi / 72
    lines = []
    for line in ax.lines:
        if line.get_linestyle() in ("None", "", " "):
            continue  # dots only: kept clear of as points, not as a line
        xy = ax.transData.transform(line.get_xydata())
        a, b = xy[:-1], xy[1:]
        ok = np.isfinite(a).all(axis=1) & np.isfinite(b).all(axis=1)
        lines.append((a[ok], b[ok], line.get_linewidth() / 2 * px))
    fixed = [Text.get_window_extent(t, r) for t in ax.texts if _role(t) == CEILING]
    return _Scene(ax.get_window_extent(r), PAD_PT * px, _sampled(_outlines(ax), 1.0), lines, fixed)


def _inside(points: np.ndarray, box: Bbox) -> np.ndarray:
    return ((points >= box.p0) & (points <= box.p1)).all(axis=1)


def _clear(box: Bbox, scene: _Scene, placed: list[Bbox]) -> bool:
    """Whether ``box`` lies inside the axes, off the data and off placed or fixed texts, with a pad."""
    inner, room = scene.frame.padded(-scene.pad), box.padded(scene.pad)
    if not (inner.x0 <= box.x0 and box.x1 <= inner.x1 and inner.y0 <= box.y0 and box.y1 <= inner.y1):
        return False
    return not _inside(scene.data, room).any() and not any(room.overlaps(o) for o in placed + scene.fixed)


def _distance(points: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each point's distance to the nearest of the segments a[i]-b[i] (px; inf when there are none)."""
    if not len(a):
        return np.full(len(points), np.inf)
    ab = b - a
    t = ((points[:, None, :] - a) * ab).sum(axis=-1) / np.maximum((ab * ab).sum(axis=-1), 1e-9)
    near = a + np.clip(t, 0.0, 1.0)[..., None] * ab
    return np.linalg.norm(points[:, None, :] - near, axis=-1).min(axis=1)


def _stem(
    ax: Axes, label: Annotation, box: Bbox, text: Bbox, scene: _Scene, placed: list[Bbox]
) -> float | None:
    """The gap (points) a label's leader leaves at its point to clear the data lines; None if it can't.

    The leader runs from the text's (``text``'s) anchor, its centre unless ``relpos`` says
    otherwise, to the point. Outside ``box`` it must cross no placed or fixed text and keep
    STEM_PAD_PT of white from every drawn line, except within TOUCH_PT of the point, where it
    stops short instead.
    """
    px = ax.figure.dpi / 72
    start = text.p0 + text.size * np.asarray(label.arrowprops.get("relpos", (0.5, 0.5)))
    end = ax.transData.transform(label.xy)
    stem = np.linspace(start, end, int(np.hypot(*(end - start))) + 2)
    stem = stem[~_inside(stem, box)]
    if any(_inside(stem, o).any() for o in placed + scene.fixed):
        return None
    half = (label.arrow_patch.get_linewidth() / 2 + STEM_PAD_PT) * px
    near = np.zeros(len(stem), dtype=bool)
    for a, b, width in scene.lines:
        near |= _distance(stem, a, b) < width + half
    reach = float(np.hypot(*(stem[near] - end).T).max(initial=0.0)) / px
    return None if reach > TOUCH_PT else max(_START[label].shrink or 0.0, reach + STEM_PAD_PT)


def _align(label: Annotation, side: tuple[int, int]) -> None:
    label.set_horizontalalignment(HA[side[0]])
    label.set_verticalalignment(VA[side[1]])


def _narrow(fig: Figure, label: Annotation) -> str:
    """The label's text with each line wider than its widest word broken in two (see ``halve``)."""
    text, size, weight = label.get_text(), label.get_fontsize(), str(label.get_fontweight())
    widest = max(text_width(fig, word, size, weight) for word in text.replace("\n", " ").split(" "))
    return "\n".join(halve(fig, line, widest * 1.001, size, weight) for line in text.split("\n"))


def _beside(ax: Axes, label: Annotation, placed: list[Bbox], scene: _Scene, r: RendererBase) -> bool:
    """Put a label with a leader at the first clear spot of SPOTS, its text as written or else narrowed.

    Returns False when no spot is clear either way.
    """
    for text in dict.fromkeys((label.get_text(), _narrow(ax.figure, label))):
        label.set_text(text)
        if _spot(ax, label, placed, scene, r):
            return True
    return False


def _spot(ax: Axes, label: Annotation, placed: list[Bbox], scene: _Scene, r: RendererBase) -> bool:
    """Put a label with a leader at the first clear spot of SPOTS; False when none is."""
    px, shapes = ax.figure.dpi / 72, {}
    for side in SIDES:  # the box and text at the point itself, aligned for each side
        label.xyann = (0.0, 0.0)
        _align(label, side)
        shapes[side] = _box(label, r), Text.get_window_extent(label, r)
    for ux, uy, dx, dy in SPOTS:
        box, text = (b.translated(dx * px, dy * px) for b in shapes[ux, uy])
        if _clear(box, scene, placed) and (shrink := _stem(ax, label, box, text, scene, placed)) is not None:
            label.xyann = (dx, dy)
            _align(label, (ux, uy))
            label.arrow_patch.shrinkB = shrink
            placed.append(_box(label, r))
            return True
    return False


def _restore(label: Annotation, start: _Start) -> None:
    label.xyann = start.xyann
    label.set_text(start.text)
    label.set_horizontalalignment(start.ha)
    label.set_verticalalignment(start.va)
    if label.arrow_patch is not None:
        label.arrow_patch.shrinkB = start.shrink


def _place(
    ax: Axes, label: Annotation, placed: list[Bbox], points: np.ndarray, scene: _Scene, r: RendererBase
) -> float:
    """Place one label: beside its point when it has a leader and room, else lifted; return overshoot (px)."""
    leader = label.arrow_patch is not None and label.get_anncoords() == "offset points"
    if leader and _beside(ax, label, placed, scene, r):
        return 0.0
    _restore(label, _START[label])
    over = _lift_one(ax, label, placed, points, r)
    if leader:  # the lifted stem still stops short where it would run into a V's sides
        shrink = _stem(ax, label, placed[-1], Text.get_window_extent(label, r), scene, placed[:-1])
        label.arrow_patch.shrinkB = _START[label].shrink if shrink is None else shrink
    return over


def _start(label: Annotation) -> _Start:
    shrink = None if label.arrow_patch is None else float(label.arrow_patch.shrinkB)
    ha, va = label.get_horizontalalignment(), label.get_verticalalignment()
    return _Start(label.xyann, label.get_text(), ha, va, shrink)


def lift_labels(ax: Axes, rounds: int = 6) -> None:
    """Keep every ``LABEL`` annotation of ``ax`` inside the axes and clear of the data.

    A label with a leader goes to the nearest spot beside its point (``SPOTS``)
    where its box covers no data, label or fixed text and its leader meets no data line. Any
    other label rises above the data points, lines and bands in its column (and above labels
    placed before it); when that pushes it into the top of the axes or under a ``CEILING``
    text, the y range grows and the placement is redone.
    """
    labels = [a for a in ax.texts if isinstance(a, Annotation) and _role(a) == LABEL]
    if not labels:
        return
    for a in labels:
        _START.setdefault(a, _start(a))
        a.set_in_layout(False)  # kept inside the axes here, so fitting the axes ignores them
    r = renderer(ax.figure)
    for _ in range(rounds):
        for a in labels:
            _restore(a, _START[a])
        points, scene = _obstacles(ax), _scene(ax, r)
        placed = [Text.get_window_extent(a, r) for a in ax.texts if _role(a) == AVOID]
        over = max(_place(ax, a, placed, points, scene, r) for a in labels)
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
