"""Colour: series stay apart under colour-vision deficiencies; text meets WCAG contrast.

The colours are read off the published figures, so a new series or label colour is checked too.
Colour science from coloraide (CVD simulation by Brettel/Viénot, CIEDE2000, WCAG 2.1 contrast).
"""

from __future__ import annotations

import itertools

import pytest
from coloraide import Color
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text

import poppy
from poppy.publish import chart_layout, charts

#: CIEDE2000 difference two series keep under every simulation (about 2x a "clearly different" 10).
MIN_DELTA_E = 15.0
MIN_CONTRAST = 4.5
DEFICIENCIES = ("none", "protan", "deutan", "tritan")


@pytest.fixture(scope="module")
def figures():
    frames = poppy.load_all()
    return {
        (n, lang): charts.publish(n, frames, lang, "web").figure
        for n in charts.CHARTS
        for lang in ("en", "ru")
    }


def _drawn_colour(line) -> str:
    """What a line shows: its stroke, or its markers' edge when it has no stroke (dots, rings)."""
    return to_hex(line.get_color() if line.get_linestyle() != "None" else line.get_markeredgecolor())


def _series_colours(ax) -> set[str]:
    """Colours of the data series: bars, solid lines and dots (not reference lines or error caps)."""
    series = [line for line in ax.lines if line.get_linestyle() == "-" or line.get_marker() == "o"]
    lines = {_drawn_colour(line) for line in series}
    bars = {to_hex(p.get_facecolor()) for p in ax.patches if p.get_data_transform() is ax.transData}
    return (lines | bars) - {to_hex(charts.SHADE)}


def _seen(colour: str, deficiency: str) -> Color:
    c = Color(colour)
    return c if deficiency == "none" else c.filter(deficiency)


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_series_colours_stay_distinguishable(figures, name, deficiency):
    for ax in figures[name, "en"].axes:
        for a, b in itertools.combinations(sorted(_series_colours(ax)), 2):
            diff = _seen(a, deficiency).delta_e(_seen(b, deficiency), method="2000")
            assert diff >= MIN_DELTA_E, (a, b, round(diff, 1))


def test_coca_uses_three_series_colours(figures):
    assert len(_series_colours(figures["coca", "en"].axes[0])) == 3


def _background(text: Text, fig) -> str:
    """The colour behind a text: its own box, a shaded span it sits in, or the figure."""
    if isinstance(text, Annotation) and text.get_bbox_patch() is not None:
        return to_hex(text.get_bbox_patch().get_facecolor())
    r = chart_layout.renderer(fig)
    box = text.get_window_extent(r)
    centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
    for ax in fig.axes:
        for patch in ax.patches:
            span = patch.get_data_transform() is not ax.transData  # a span, not a bar
            if span and isinstance(patch, Rectangle) and patch.get_window_extent(r).contains(*centre):
                return to_hex(patch.get_facecolor())
    return to_hex(fig.get_facecolor())


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_text_contrast_is_at_least_4_5_to_1(figures, name, lang):
    fig = figures[name, lang]
    checked = 0
    for text in fig.findobj(Text):
        if not text.get_text().strip() or not text.get_visible():
            continue
        fg, bg = to_hex(text.get_color()), _background(text, fig)
        ratio = Color(fg).contrast(Color(bg), method="wcag21")
        assert ratio >= MIN_CONTRAST, (text.get_text()[:30], fg, bg, round(ratio, 2))
        checked += 1
    assert checked >= 8  # title, subtitle, note, source and the labels or legend


def test_the_shaded_period_is_seen_behind_its_label(figures):
    fig = figures["cultivation", "en"]
    label = next(t for t in fig.axes[0].texts if t.get_label() == chart_layout.CEILING)
    assert _background(label, fig) == to_hex(charts.SHADE)


def test_contrast_check_fails_on_the_old_grey():
    assert Color("#878787").contrast(Color("white"), method="wcag21") < MIN_CONTRAST
