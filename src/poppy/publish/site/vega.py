"""Interactive versions of the press-pack charts: Vega-Lite specifications built with altair.

They plot the same tidy frame the matplotlib chart plots (``Texts.data``), in the house
colours. Every tooltip text is written in Python with the language's CLDR formats (Babel), so a
hover reads like the chart and the briefing; the axes use Vega's own formatter, given the
language's separators by :func:`format_locale`.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd
from babel.numbers import get_decimal_symbol, get_group_symbol

from poppy.checks.claims import RELATIONS
from poppy.data.frames import Frames
from poppy.data.loaders import short_name
from poppy.fmt import number, quantity
from poppy.i18n import CLDR, COUNTRIES, N_, t
from poppy.publish.charts import BLUE, CHARTS, COUNTRY_COLORS, GREY, INK, PRODUCER_COLORS, RED, SUBTLE, Texts

#: How each plotted series is drawn: mark, colour and the panel it goes in (0 top, 1 below).
SERIES: dict[str, tuple[str, str, int]] = {
    "afghanistan_cultivation": ("line", RED, 0),
    "afghanistan_production": ("bar", RED, 0),
    "unodc_stated_share": ("point", BLUE, 1),
    "computed_share": ("ring", GREY, 1),
    "coca_cultivation": ("line", RED, 0),
    "ratio_to_baseline": ("hbar", RED, 0),
    "opium_production": ("line", RED, 0),
    "world_production": ("dot", INK, 0),
    "farmgate_price": ("dot", BLUE, 1),
    "province_cultivation": ("hbar", RED, 0),
    "province_change": ("hbar", RED, 0),
}

#: A series' name in the legend and tooltip.
SERIES_NAMES = {
    "afghanistan_cultivation": N_("site.series.afghanistan_cultivation"),
    "afghanistan_production": N_("site.series.afghanistan_production"),
    "unodc_stated_share": N_("site.series.unodc_stated_share"),
    "computed_share": N_("site.series.computed_share"),
    "coca_cultivation": N_("site.series.coca_cultivation"),
    "ratio_to_baseline": N_("site.series.ratio_to_baseline"),
    "opium_production": N_("site.series.opium_production"),
    "world_production": N_("site.series.world_production"),
    "farmgate_price": N_("site.series.farmgate_price"),
    "province_cultivation": N_("site.series.province_cultivation"),
    "province_change": N_("site.series.province_change"),
}

#: A value's status in data/ (contract.ENUMS), in words.
STATUS = {
    "published": N_("status.published"),
    "rounded": N_("status.rounded"),
    "approximate": N_("status.approximate"),
    "range_only": N_("status.range_only"),
    "not_available": N_("status.not_available"),
    "first_estimate": N_("status.first_estimate"),
}

#: Tooltip fields in the order shown: column of the hover frame -> its label.
TOOLTIP = {
    "label": N_("site.tooltip.label"),
    "year_text": N_("site.tooltip.year"),
    "value_text": N_("site.tooltip.value"),
    "range_text": N_("site.tooltip.range"),
    "status_text": N_("site.tooltip.status"),
    "source_text": N_("site.tooltip.source"),
}

#: Units as written in a tooltip: the data's unit -> fmt.quantity's unit and decimals.
UNITS = {"ha": ("ha", 0), "t": ("t", 0), "percent": ("percent", 1), "times": ("times", 1)}


def format_locale(lang: str) -> dict[str, Any]:
    """The d3-format locale of ``lang`` (decimal mark and digit grouping from CLDR, via Babel)."""
    locale = CLDR[lang]
    return {
        "decimal": get_decimal_symbol(locale),
        "thousands": get_group_symbol(locale),
        "grouping": [3],
        "currency": ["", ""],
    }


def _write(value: float, unit: str, lang: str) -> str:
    kind, decimals = UNITS.get(unit, (None, 0))
    return quantity(value, kind, lang, decimals) if kind else number(value, lang, decimals)


_RECORDS: dict[int, tuple[pd.DataFrame, dict[str, dict[str, Any]]]] = {}


def source_records(frames: Frames) -> dict[str, dict[str, Any]]:
    """sources.csv as plain records by id, made once per frame.

    Each pandas row would copy the frame's ``attrs``, which for sources.csv is slow.
    """
    table = frames.sources
    held = _RECORDS.get(id(table))
    if held is None or held[0] is not table:
        columns = list(table.columns)
        rows = [dict(zip(columns, row, strict=True)) for row in table.to_numpy(dtype=object)]
        held = _RECORDS[id(table)] = (table, {r["source_id"]: r for r in rows})
        while len(_RECORDS) > 8:  # a few packages per process at most
            del _RECORDS[next(iter(_RECORDS))]
    return held[1]


def hover_frame(frame: pd.DataFrame, frames: Frames, lang: str) -> pd.DataFrame:
    """``frame`` (a chart's plotted values) with the tooltip's texts in ``lang`` beside each value."""
    names = {sid: short_name(r) for sid, r in source_records(frames).items()}  # type: ignore[arg-type]
    out = frame.copy()
    out.attrs = {}
    out["unit"] = out["unit"].astype(str).replace({"%": "percent"})
    year_col = "baseline_year" if "baseline" in out.columns else "year"
    out["year_text"] = ["" if pd.isna(y) else str(int(y)) for y in out[year_col].astype("Float64").tolist()]
    out["value_text"] = [_write(v, u, lang) for v, u in zip(out["value"], out["unit"], strict=True)]
    if "low" in out.columns:
        out["range_text"] = [
            "–".join((_write(lo, u, lang), _write(hi, u, lang))) if pd.notna(lo) and pd.notna(hi) else "–"
            for lo, hi, u in zip(out["low"], out["high"], out["unit"], strict=True)
        ]
    elif "ratio_low" in out.columns:
        out["range_text"] = [
            "–".join((_write(lo, "times", lang), _write(hi, "times", lang)))
            for lo, hi in zip(out["ratio_low"], out["ratio_high"], strict=True)
        ]
    else:
        out["range_text"] = "–"
    status = out["status"] if "status" in out.columns else pd.Series("published", index=out.index)
    out["status_text"] = [t(lang, STATUS[s]) if s in STATUS else "–" for s in status.astype(str)]
    out["source_text"] = [
        "; ".join(str(names.get(p.strip(), p.strip())) for p in s.split(";"))
        for s in out["source_id"].astype(str)
    ]
    out["label"] = [
        t(lang, COUNTRIES[c]) if c in COUNTRIES else t(lang, SERIES_NAMES[s])
        for c, s in zip(
            out["country"] if "country" in out.columns else out["series"], out["series"], strict=True
        )
    ]
    if "province" in out.columns:  # a map's values: one bar per province, named as on the map
        out["label"] = out["province"].astype(str)
    if "baseline" in out.columns:
        rounded = t(lang, RELATIONS["rounded"])
        out["label"] = [
            f"{y} ({rounded})" if b == "rounded" else y
            for b, y in zip(out["baseline"].astype(str), out["year_text"], strict=True)
        ]
    out["year"] = out["year"].astype("Float64")
    keep = ["series", "country", "year", "value", "label", *list(TOOLTIP)[1:]]
    return out[[c for c in dict.fromkeys(keep) if c in out.columns]].reset_index(drop=True)


def _tooltip(lang: str) -> list[alt.Tooltip]:
    return [alt.Tooltip(f"{col}:N", title=t(lang, label)) for col, label in TOOLTIP.items()]


def _named(datasets: dict[str, pd.DataFrame], name: str, rows: pd.DataFrame) -> alt.Chart:
    """A chart of ``rows`` that names them instead of holding them.

    altair deep-copies a chart's data at every layer and concatenation; the values join the
    specification once, at the end.
    """
    datasets[name] = rows
    return alt.Chart(alt.NamedData(name=name))


def _layer(
    rows: pd.DataFrame, series: str, lang: str, y_title: str, years: list[float], datasets: dict
) -> alt.Chart:
    mark, colour, _panel = SERIES[series]
    base = _named(datasets, series, rows)
    # the years shown, and no more: Vega's 'nice' domain would add empty years at both ends
    scale = alt.Scale(domain=years, nice=False, zero=False)
    year = alt.X(
        "year:Q", title=None, scale=scale, axis=alt.Axis(format="d", tickMinStep=1, labelColor=SUBTLE)
    )
    value = alt.Y("value:Q", title=y_title, axis=alt.Axis(format=",d", titleColor=SUBTLE))
    tip = _tooltip(lang)
    if mark == "hbar":
        return base.mark_bar(color=colour).encode(
            y=alt.Y("label:N", sort=None, title=None),
            x=alt.X("value:Q", title=y_title, axis=alt.Axis(format=",.0f")),
            tooltip=tip,
        )
    if mark == "bar":
        return base.mark_bar(color=colour, size=6).encode(x=year, y=value, tooltip=tip)
    if mark == "dot":  # points on the panel's own value axis
        dots = base.mark_point(color=colour, filled=True, size=45, opacity=1)
        return dots.encode(x=year, y=value, tooltip=tip)
    if mark in ("point", "ring"):
        share = alt.Y("value:Q", title=y_title, scale=alt.Scale(domain=[0, 100]))
        size = 50 if mark == "point" else 70
        return base.mark_point(color=colour, filled=mark == "point", size=size, opacity=1).encode(
            x=year, y=share, tooltip=tip
        )
    rows = _with_gaps(rows)
    base = _named(datasets, series, rows)
    point = alt.OverlayMarkDef(size=40, filled=True)
    if rows["label"].nunique() > 1:  # one line per country, in its house colour
        pairs = rows.dropna(subset=["country"]).drop_duplicates("label")
        labels = list(pairs["label"])
        colours = [{**COUNTRY_COLORS, **PRODUCER_COLORS}.get(c, INK) for c in pairs["country"]]
        legend = alt.Legend(orient="top", title=None)
        colour_enc = alt.Color("label:N", scale=alt.Scale(domain=labels, range=colours), legend=legend)
        return base.mark_line(point=point).encode(x=year, y=value, color=colour_enc, tooltip=tip)
    return base.mark_line(color=colour, point=alt.OverlayMarkDef(color=colour, size=40, filled=True)).encode(
        x=year, y=value, tooltip=tip
    )


def _with_gaps(rows: pd.DataFrame) -> pd.DataFrame:
    """A line's rows with an empty value for each missing year.

    The line then breaks there as the printed chart's does (Vega-Lite breaks a path at a null)
    instead of bridging the gap.
    """
    parts = []
    for label, group in rows.groupby("label", sort=False):
        years = group["year"].dropna().astype(int)
        missing = sorted(set(range(int(years.min()), int(years.max()) + 1)) - set(years))
        gap = pd.DataFrame({"year": pd.array(missing, dtype="Float64"), "label": label})
        parts += [group, gap] if missing else [group]
    out = pd.concat(parts, ignore_index=True).sort_values(["label", "year"], kind="stable")
    return out.astype({"value": "Float64"}).reset_index(drop=True)


def _ranges(data: pd.DataFrame, years: list[float], datasets: dict) -> alt.Chart:
    """UNODC's low-high range of each value that has one, as a vertical rule."""
    rows = data.dropna(subset=["low", "high"])[["year", "low", "high"]].astype(float)
    scale = alt.Scale(domain=years, nice=False, zero=False)
    return (
        _named(datasets, "ranges", rows)
        .mark_rule(color=GREY, strokeWidth=2)
        .encode(x=alt.X("year:Q", scale=scale), y="low:Q", y2="high:Q")
    )


#: The y axis title of each panel of each chart: chart -> message keys, top panel first.
AXES = {
    "cultivation": (N_("site.axis.ha"),),
    "baselines": (N_("site.axis.times"),),
    "production": (N_("site.axis.t"), N_("site.axis.share")),
    "coca": (N_("site.axis.ha"),),
    "world": (N_("site.axis.t"),),
    "prices": (N_("site.axis.ha"), N_("site.axis.usd_per_kg")),
    "provinces": (N_("site.axis.ha"),),
    "province_change": (N_("site.axis.ha"),),
}


def spec(chart: str, frames: Frames, lang: str, texts: Texts | None = None) -> dict[str, Any]:
    """The Vega-Lite specification of ``chart`` in ``lang``: its plotted values, sized by the page.

    ``texts`` is the chart's ``Spec.texts`` in ``lang`` when the caller has it already.
    """
    texts = texts or CHARTS[chart].texts(frames, lang)
    rows = hover_frame(texts.data, frames, lang)
    known = rows["year"].dropna()
    years = [float(known.min()) - 0.8, float(known.max()) + 0.8] if len(known) else [0.0, 1.0]
    panels: list[list[alt.Chart]] = [[] for _ in AXES[chart]]
    datasets: dict[str, pd.DataFrame] = {}
    for series, group in rows.groupby("series", sort=False):
        panel = SERIES[str(series)][2]
        title = t(lang, AXES[chart][panel])
        layer = _layer(group.drop(columns="series"), str(series), lang, title, years, datasets)
        panels[panel].append(layer)
    if "low" in texts.data.columns and texts.data["low"].notna().any():
        panels[0].insert(0, _ranges(texts.data, years, datasets))
    # no width: the page sets each view's width to its container's (site.js), which Vega-Lite's
    # own width="container" cannot do for a two-panel chart
    heights = (320,) if len(panels) == 1 else (220, 110)
    charts = [alt.layer(*layers).properties(height=h) for layers, h in zip(panels, heights, strict=True)]
    whole = charts[0] if len(charts) == 1 else alt.vconcat(*charts).resolve_scale(x="shared")
    # no ARIA per mark and axis: Vega writes them in English ('X-axis for a linear scale ...', field
    # names); the chart is announced by its title, in the page's language, and its data is a table
    whole = whole.properties(description=texts.title)
    out = (
        whole.configure(font="Liberation Sans, Arial, sans-serif", aria=False)
        .configure_view(stroke=None)
        .to_dict()
    )
    out["datasets"] = {name: _records(frame) for name, frame in datasets.items()}
    return json.loads(json.dumps(out, sort_keys=True))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame as JSON records: missing values as null, numbers as plain floats."""
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{k: float(v) if isinstance(v, float) else v for k, v in row.items()} for row in rows]
