"""Charts: drawn on any Axes, published as Chart objects, never through pyplot."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

import poppy
from poppy.publish import charts


@pytest.fixture(scope="module")
def frames():
    return poppy.load_all()


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_draw_functions_draw_on_the_callers_subplot(frames, name):
    fig = Figure()
    left, right = fig.subplots(1, 2)
    draw = getattr(charts, f"draw_{name}")
    assert draw(frames, "en", ax=right) is right
    assert right.has_data() and not left.has_data()
    assert plt.get_fignums() == []


def test_draw_without_axes_makes_its_own_pyplot_free_figure(frames):
    ax = charts.draw_coca(frames, "ru")
    assert isinstance(ax.figure, Figure) and plt.get_fignums() == []
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["Колумбия", "Перу", "Боливия"]


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_published_chart_carries_title_alt_text_and_the_plotted_values(frames, name):
    chart = charts.publish(name, frames, "en", "web")
    assert isinstance(chart.figure, Figure) and chart.title and len(chart.alt_text) > 80
    assert (chart.figure.get_size_inches() * chart.figure.dpi).round().tolist() == [1200, 675]
    assert not hasattr(chart.figure, "poppy_alt_text")  # no monkey-patched attributes
    data = chart.data
    assert {"year", "value", "source_id"} <= set(data.columns) and len(data)
    known = set(frames.sources["source_id"])
    assert all(sid in known for ids in data["source_id"] for sid in str(ids).split(";"))
    assert chart.to_bytes("png")[:4] == b"\x89PNG"
    assert repr(chart).startswith(f"<Chart {name} (en, web): ")


def test_cultivation_chart_data_is_exactly_the_plotted_series(frames):
    data = charts.publish("cultivation", frames).data
    cult = frames.cultivation.dropna(subset=["value"])
    assert data["year"].tolist() == cult["year"].tolist()
    assert data["value"].tolist() == cult["value"].tolist()
    assert data.set_index("year").loc[2013, ["low", "high"]].tolist() == [173_000, 238_000]


def test_baselines_chart_data_names_the_source_of_each_baseline(frames):
    data = charts.publish("baselines", frames).data.set_index("baseline")
    assert data.loc["rounded", "baseline_value"] == 8_000
    assert data.loc["rounded", "source_id"] in set(frames.alternates["source_id"])
    assert pd.notna(data.loc["2001", "ratio"]) and data.loc["2001", "end_source_id"]


def test_unknown_chart_or_size_is_a_clear_error(frames):
    with pytest.raises(ValueError, match="unknown chart 'pie'; choose one of cultivation"):
        charts.publish("pie", frames)
    with pytest.raises(ValueError, match="unknown size 'poster'"):
        charts.publish("coca", frames, size="poster")


def test_svg_text_names_a_generic_fallback_font(frames):
    svg = charts.publish("coca", frames).to_bytes("svg").decode()
    assert "font-family: 'DejaVu Sans'" in svg and "sans-serif" in svg
    assert "font-family: 'DejaVu Sans';" not in svg  # never DejaVu alone
