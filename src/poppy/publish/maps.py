"""Maps of Afghan opium poppy cultivation by province, drawn with matplotlib alone.

The boundaries are geoBoundaries' public-domain ADM1 polygons, simplified once by
``tools/provinces_geo.py`` into ``geo/afghan_provinces.json`` (65 kB, shipped in the package)
and drawn as a ``PolyCollection`` in an equirectangular projection scaled by the cosine of the
country's middle latitude: 34 static shapes need no GIS stack (geopandas would add GDAL and
PROJ wheels for the same picture). Values are binned into a few classes so that a reader
compares colours, not shades: 'poppy free', then rising classes of hectares.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib.resources import files
from itertools import pairwise
from typing import Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch

from poppy.data.frames import Frames
from poppy.fmt import check_lang, number, percent_change, quantity
from poppy.i18n import t
from poppy.publish.chart_base import INK, Texts, house_style, new_axes, tidy

#: Classes of a year's map: upper bound (ha, inclusive) -> colour; the first is 'poppy free'.
AREA_CLASSES = (
    (0, "#f2f2f2"),
    (1_000, "#fcd5c5"),
    (10_000, "#f49a7c"),
    (50_000, "#d6452f"),
    (math.inf, "#8c0d16"),
)
#: Classes of a change map: upper bound (ha) -> colour, falls in blue and rises in red.
CHANGE_CLASSES = (
    (-10_000, "#2166ac"),
    (-1_000, "#92c5de"),
    (1_000, "#f2f2f2"),
    (10_000, "#f4a582"),
    (math.inf, "#b2182b"),
)
LEGEND_ROOM = 0.75  # width added right of the map for the legend, as a share of the map's width
LATITUDE = 34.0  # the middle of Afghanistan: x is scaled by its cosine so shapes keep their proportions


@cache
def boundaries() -> dict[str, list[list[list[float]]]]:
    """Province (UNODC's spelling) -> its rings of (longitude, latitude) points."""
    raw = files("poppy.publish.geo").joinpath("afghan_provinces.json").read_text(encoding="utf-8")
    return json.loads(raw)["provinces"]


def province_values(frames: Frames) -> pd.DataFrame:
    """Opium poppy cultivation (ha) of every province and year the data hold.

    The rows of supplementary.csv with ``area`` renamed ``province``; they keep the table's
    attrs, so a chart's source line can cite them as they are.
    """
    sup = frames.supplementary
    rows = sup[sup["area"].isin(frames.provinces["province"]) & (sup["measure"] == "opium_cultivation")]
    return rows.dropna(subset=["value"]).rename(columns={"area": "province"})


def full_years(frames: Frames, values: pd.DataFrame | None = None) -> list[int]:
    """The years with a figure for every province (of ``values``, default all), in order."""
    values = province_values(frames) if values is None else values
    counts = values.groupby("year")["province"].nunique()
    return sorted(int(y) for y, n in counts.items() if n == len(frames.provinces))


def _class(value: float, classes: tuple[tuple[float, str], ...]) -> str:
    return next(colour for bound, colour in classes if value <= bound)


def _draw(ax: Axes, colours: dict[str, str]) -> None:
    scale = math.cos(math.radians(LATITUDE))
    polygons, faces = [], []
    for province, rings in boundaries().items():
        for ring in rings:
            polygons.append([(x * scale, y) for x, y in ring])
            faces.append(colours.get(province, "white"))
    ax.add_collection(PolyCollection(polygons, facecolors=faces, edgecolors="white", linewidths=0.6))
    ax.autoscale_view()
    x0, x1 = ax.get_xlim()
    ax.set_xlim(x0, x1 + (x1 - x0) * LEGEND_ROOM)  # the legend sits right of the country, not on it
    ax.set_aspect("equal")
    ax.set_axis_off()


def _legend(ax: Axes, classes: tuple[tuple[float, str], ...], labels: list[str]) -> None:
    handles = [
        Patch(facecolor=c, edgecolor="#bbbbbb", label=label)
        for (_, c), label in zip(classes, labels, strict=True)
    ]
    ax.legend(handles=handles, loc="center right", frameon=False, fontsize="small", labelcolor=INK)


def _area_labels(lang: str) -> list[str]:
    ha = [quantity(b, "ha", lang) for b, _ in AREA_CLASSES[1:-1]]
    return [
        t(lang, "map.poppy_free"),
        t(lang, "map.up_to", high=ha[0]),
        *(t(lang, "map.between", low=a, high=b) for a, b in pairwise(ha)),
        t(lang, "map.above", low=ha[-1]),
    ]


def _change_labels(lang: str) -> list[str]:
    ha = [quantity(abs(b), "ha", lang) for b, _ in CHANGE_CLASSES[:-1]]
    return [
        t(lang, "map.fell_more", value=ha[0]),
        t(lang, "map.fell", low=ha[1], high=ha[0]),
        t(lang, "map.little_change", value=ha[2]),
        t(lang, "map.rose", low=ha[2], high=ha[3]),
        t(lang, "map.rose_more", value=ha[3]),
    ]


def draw_provinces(frames: Frames, lang: str = "en", ax: Axes | None = None, year: int | None = None) -> Axes:
    """Opium poppy area by province in ``year`` (default: the latest year with every province)."""
    check_lang(lang)
    ax = new_axes(ax)
    values = province_values(frames)
    year = year or full_years(frames, values)[-1]
    values = values[values["year"] == year]
    with house_style():
        _draw(ax, {r.province: _class(r.value, AREA_CLASSES) for r in values.itertuples()})
        _legend(ax, AREA_CLASSES, _area_labels(lang))
    return ax


def changes(frames: Frames, start: int | None = None, end: int | None = None) -> pd.DataFrame:
    """Each province's area in ``start`` and ``end`` and the change (ha).

    By default the first and the last year with a figure for every province.
    """
    rows = province_values(frames)
    years = full_years(frames, rows)
    start, end = start or years[0], end or years[-1]
    values = rows.set_index(["province", "year"])["value"]
    rows = [
        {"province": p, "start": values.get((p, start)), "end": values.get((p, end))}
        for p in frames.provinces["province"]
    ]
    out = pd.DataFrame(rows).dropna()
    return out.assign(change=out["end"] - out["start"], start_year=start, end_year=end)


def draw_province_change(
    frames: Frames, lang: str = "en", ax: Axes | None = None, start: int | None = None, end: int | None = None
) -> Axes:
    """The change in opium poppy area (ha) of each province between two years (see ``changes``)."""
    check_lang(lang)
    ax = new_axes(ax)
    diff = changes(frames, start, end)
    with house_style():
        _draw(ax, {r.province: _class(r.change, CHANGE_CLASSES) for r in diff.itertuples()})
        _legend(ax, CHANGE_CLASSES, _change_labels(lang))
    return ax


def _name(frames: Frames, province: str, lang: str) -> str:
    """UNODC's spelling in English; the iso-codes Russian name in Russian."""
    if lang == "ru":
        return str(frames.provinces.set_index("province").loc[province, "name_ru"])
    return province


def _in_year(values: pd.DataFrame, year: int) -> pd.DataFrame:
    return values[values["year"] == year].sort_values("value", ascending=False)


def provinces_texts(frames: Frames, lang: str) -> Texts:
    """Title, notes and alt text of the map of the latest full year, with its plotted values."""
    values = province_values(frames)
    year = full_years(frames, values)[-1]
    rows = _in_year(values, year)
    total, top = rows["value"].sum(), rows.iloc[0]
    free = int((rows["value"] == 0).sum())
    fields: dict[str, Any] = {
        "year": year,
        "top": _name(frames, top["province"], lang),
        "top_value": quantity(top["value"], "ha", lang),
        "share": quantity(top["value"] / total * 100, "percent", lang),
        "total": quantity(total, "ha", lang),
        "free": free,
        "cultivating": len(rows) - free,
    }
    leaders = "; ".join(
        f"{_name(frames, r.province, lang)} {quantity(r.value, 'ha', lang)}"
        for r in rows.head(5).itertuples()
    )
    return Texts(
        t(lang, "map.provinces.title", **fields),
        t(lang, "map.provinces.subtitle", **fields),
        t(lang, "map.provinces.note", **fields),
        t(lang, "map.provinces.alt", **fields, leaders=leaders),
        [rows],
        _plotted(frames, rows, "province_cultivation", lang),
    )


def province_change_texts(frames: Frames, lang: str) -> Texts:
    """Title, notes and alt text of the change map between the first and last full years."""
    diff = changes(frames).sort_values("change")
    start, end = int(diff["start_year"].iloc[0]), int(diff["end_year"].iloc[0])
    rose, fell = diff.iloc[-1], diff.iloc[0]
    fields: dict[str, Any] = {
        "start": start,
        "end": end,
        "rose": _name(frames, rose["province"], lang),
        "rose_by": quantity(rose["change"], "ha", lang),
        "rose_pct": percent_change((rose["end"] / rose["start"] - 1) * 100, lang) if rose["start"] else "–",
        "fell": _name(frames, fell["province"], lang),
        "fell_by": quantity(abs(fell["change"]), "ha", lang),
        "n_rose": int((diff["change"] > CHANGE_CLASSES[2][0]).sum()),
        "n_fell": int((diff["change"] < CHANGE_CLASSES[1][0]).sum()),
        "bound": quantity(CHANGE_CLASSES[2][0], "ha", lang),
    }
    values = province_values(frames)
    rows = _in_year(values, end)
    plotted = diff.assign(year=end, value=diff["change"], unit="ha")
    plotted = plotted.merge(rows[["province", "source_id"]], on="province")
    return Texts(
        t(lang, "map.change.title", **fields),
        t(lang, "map.change.subtitle", **fields),
        t(lang, "map.change.note", **fields),
        t(lang, "map.change.alt", **fields, n=number(len(diff), lang)),
        [values[values["year"].isin([start, end])]],
        _plotted(frames, plotted, "province_change", lang),
    )


def _plotted(frames: Frames, rows: pd.DataFrame, name: str, lang: str) -> pd.DataFrame:
    out = tidy(rows.assign(country=[_name(frames, p, lang) for p in rows["province"]]), name)
    return out.rename(columns={"country": "province"})
