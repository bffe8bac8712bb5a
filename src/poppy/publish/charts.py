"""Publication charts in the poppy house style, drawn on any Axes.

``draw_<chart>(frames, lang, ax=None)`` draws one chart's data and annotations on an Axes
(a user's subplot, or a new one) and returns it, as seaborn's functions do. ``publish``
frames it for the press pack: title stating a finding from ``poppy.checks.findings``, subtitle
with measure and unit, caveat note, a source line built from the sources of the plotted
values, a fixed size, alt text from the same numbers; it returns a ``Chart``. Figures are
made with ``matplotlib.figure.Figure`` directly, never through pyplot, so nothing is left
in pyplot's registry. ``import poppy`` does not load matplotlib; this module does.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ticker import FuncFormatter, MaxNLocator

from poppy.checks import findings, metrics
from poppy.checks.claims import ratio_baselines
from poppy.data.frames import TABLES, Frames
from poppy.errors import OptionError
from poppy.fmt import check_lang, date_text, number, quantity
from poppy.i18n import COUNTRIES, N_, QUALIFIERS, t, tn
from poppy.publish import chart_layout, maps
from poppy.publish.chart_base import (
    BLUE,
    GREY,
    INK,
    MUTED,
    RED,
    SHADE,
    SUBTLE,
    Texts,
    house_style,
    new_axes,
    number_axis,
    source_line,
    tidy,
    year_ticks,
)
from poppy.publish.sizes import FORMATS, LARGE, SIZES, SMALL

#: Per-format savefig metadata that makes output byte-identical (one dict per format).
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
}


@dataclass(frozen=True)
class Chart:
    """A published chart: its figure, title and alt text, and the values it plots.

    ``data`` is a tidy frame of exactly the plotted values, each with its ``source_id``.
    In Jupyter a Chart displays as its PNG, with its alt text (which a rendered notebook keeps).
    """

    name: str
    lang: str
    size: str
    figure: Figure
    title: str
    alt_text: str
    data: pd.DataFrame

    def to_bytes(self, fmt: str) -> bytes:
        """The chart as ``fmt`` (png, svg, pdf), byte-identical for the same data and code."""
        return figure_bytes(self.figure, fmt, SIZES[self.size].dpi, self.title, self.alt_text, self.size)

    def _repr_png_(self) -> tuple[bytes, dict[str, str]]:
        return self.to_bytes("png"), {"alt": self.alt_text}

    def __repr__(self) -> str:
        return f"<Chart {self.name} ({self.lang}, {self.size}): {self.title}>"


def figure_bytes(
    fig: Figure, fmt: str, dpi: float | None = None, title: str = "", alt: str = "", size: str = "print"
) -> bytes:
    """``fig`` rendered as ``fmt`` (png, svg, pdf) with deterministic metadata.

    ``title`` and ``alt`` go into the file's metadata; print-size PDFs embed TrueType fonts.
    """
    if fmt not in _METADATA:
        raise OptionError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    meta = dict(_METADATA[fmt]) | {"Title": title, ("Subject" if fmt == "pdf" else "Description"): alt}
    buf = io.BytesIO()
    # TrueType (editable, preflight-safe) in print PDFs; Type 3 on screen sizes, 4x faster to write.
    with house_style(), rc_context({"pdf.fonttype": 42 if size == "print" else 3}):
        fig.savefig(buf, format=fmt, dpi=dpi or fig.dpi, metadata=meta)
    return buf.getvalue()


#: Messages that the code picks by name (keys marked for extraction).
BASE_LABELS = {
    "exact": N_("chart.baselines.label.exact"),
    "rounded": N_("chart.baselines.label.rounded"),
    "year": N_("chart.baselines.label.year"),
}


def _year_of(when: pd.Timestamp) -> float:
    """Date -> fractional year (harvest years sit on integers)."""
    ts = pd.Timestamp(when)
    return ts.year + (ts.day_of_year - 1) / 365.25


def _ha(v: float, lang: str) -> str:
    return quantity(v, "ha", lang)


def _missing(frame: pd.DataFrame, lang: str) -> str:
    """The years without a verified value, as '1995, 1998' ('1995, 1998 гг.'), or '–'."""
    years = frame.loc[frame["value"].isna(), "year"].astype(int).tolist()
    if not years:
        return "–"
    return tn(
        lang,
        "chart.missing_years",
        "chart.missing_years.plural",
        len(years),
        years=", ".join(map(str, years)),
    )


def _ratio_claim(frames: Frames) -> pd.Series:
    """The first 'ratio' claim of claims.csv (its period event is the one the charts shade)."""
    return frames.claims[frames.claims["metric"] == "ratio"].iloc[0]


def _period_event(frames: Frames) -> pd.Series:
    return frames.event(_ratio_claim(frames)["period_event_id"])


# --- cultivation -----------------------------------------------------------------------------
def draw_cultivation(frames: Frames, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Draw Afghan opium poppy area (ha) on ``ax`` (a new Axes when None) and return it.

    UNODC's range is a band, the period of the ratio claim (ISAF) is shaded, each ban's
    harvest and the change claim's two years are labelled.
    """
    check_lang(lang)
    ax, cult = new_axes(ax), frames.cultivation
    with house_style():
        _shade_period(ax, _period_event(frames), lang)
        _range_band(ax, cult)
        _lines_with_gaps(ax, cult, RED, ms=2.8)
        valid = cult.dropna(subset=["value"])
        top = float(cult["high"].max(skipna=True) if cult["high"].notna().any() else valid["value"].max())
        ax.set_ylim(0, max(top, valid["value"].max()) * 1.18)
        years = findings.claim_years(frames).fields
        for year, value in ((years["start"], years["a"]), (years["end"], years["b"])):
            _label(ax, "point", year, value, _ha(value, lang))
        for fact in findings.bans(frames):
            text = t(lang, "chart.cultivation.ban", value=_ha(fact.value, lang))
            _label(ax, "ban", fact.year, fact.value, text)
        number_axis(ax, lang)
        ax.set_xlim(cult["year"].min() - 0.8, cult["year"].max() + 0.8)
        _band_label(ax, cult, lang)
        chart_layout.lift_labels(ax)
    return ax


def _shade_period(ax: Axes, event: pd.Series, lang: str) -> None:
    x0, x1 = _year_of(event["start_date"]), _year_of(event["end_date"])
    ax.axvspan(x0, x1, color=SHADE, zorder=0)
    label = t(lang, "chart.cultivation.period", start=event["start_date"].year, end=event["end_date"].year)
    ax.text(
        (x0 + x1) / 2,
        0.98,
        label,
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="top",
        fontsize="small",
        color=MUTED,
        label=chart_layout.CEILING,
    )


def _range_band(ax: Axes, cult: pd.DataFrame) -> None:
    """UNODC's low-high range: a band over consecutive years, a bar for a lone year."""
    band = cult.dropna(subset=["low", "high"])
    for _, grp in band.groupby((band["year"].diff() != 1).cumsum()):
        if len(grp) == 1:
            ax.plot(
                [grp["year"].iloc[0]] * 2,
                [grp["low"].iloc[0], grp["high"].iloc[0]],
                color=RED,
                alpha=0.35,
                lw=4,
                solid_capstyle="butt",
            )
        else:
            ax.fill_between(grp["year"].astype(float), grp["low"], grp["high"], color=RED, alpha=0.18, lw=0)


def _band_label(ax: Axes, cult: pd.DataFrame, lang: str) -> None:
    """Name the range band directly, under the start of its longest stretch.

    A name wider than the stretch wraps onto two lines at most, leaving the space beyond the
    band to the labels placed after it (a ban's label beside its point).
    """
    band = cult.dropna(subset=["low", "high"])
    if band.empty:
        return
    runs = band.groupby((band["year"].diff() != 1).cumsum())
    longest = max((g for _, g in runs), key=len)
    first, last = ax.transData.transform([(longest["year"].iloc[0], 0), (longest["year"].iloc[-1], 0)])
    size = FontProperties(size="small").get_size_in_points()
    width = (last[0] - first[0]) / ax.figure.dpi  # inches
    ax.annotate(
        chart_layout.halve(ax.figure, t(lang, "chart.cultivation.band"), width, size),
        (float(longest["year"].iloc[0]), float(longest["low"].iloc[0])),
        xytext=(0, -4),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize="small",
        color=RED,
        label=chart_layout.AVOID,
    )


#: Annotation styles of the cultivation chart: a value above its point, a boxed label on a stem.
LABELS = {
    "point": {"xytext": (0, 6), "va": "bottom", "fontsize": "medium", "fontweight": "bold"},
    "ban": {
        "xytext": (0, 30),
        "va": "bottom",
        "fontsize": "small",
        "bbox": {"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
        "arrowprops": {"arrowstyle": "-", "color": "#888888", "lw": 0.8},
    },
}


def _label(ax: Axes, style: str, x: float, y: float, text: str) -> None:
    ax.annotate(
        text,
        (x, y),
        textcoords="offset points",
        ha="center",
        color=INK,
        label=chart_layout.LABEL,
        **LABELS[style],
    )


def _cultivation_texts(frames: Frames, lang: str) -> Texts:
    cult = frames.cultivation
    peak, bans, years = findings.peak_area(frames), findings.bans(frames), findings.claim_years(frames)
    fields = {
        "peak": _ha(peak.value, lang),
        "peak_year": peak.year,
        "b1": _ha(bans[0].value, lang) if bans else "–",
        "y1": bans[0].year if bans else "–",
        "b2": _ha(bans[-1].value, lang) if bans else "–",
        "y2": bans[-1].year if bans else "–",
        "first": int(cult["year"].min()),
        "last": int(cult["year"].max()),
    }
    early = cult.loc[cult["flags"].str.contains("early_estimate"), "year"]
    early_years = f"{int(early.min())}–{int(early.max())}" if len(early) else ""
    early_note = t(lang, "chart.cultivation.note.early", years=early_years) if early_years else ""
    note = t(lang, "chart.cultivation.note", missing=_missing(cult, lang), early=early_note)
    event, valid = _period_event(frames), cult.dropna(subset=["value"])
    year_a, year_b = years.fields["start"], years.fields["end"]
    period = f"{event['start_date']:%Y-%m-%d} – {event['end_date']:%Y-%m-%d}"
    alt = t(
        lang,
        "chart.cultivation.alt",
        **fields,
        v_first=_ha(valid["value"].iloc[0], lang),
        year_a=year_a,
        year_b=year_b,
        v_a=_ha(years.fields["a"], lang),
        v_b=_ha(years.fields["b"], lang),
        lo_b=_ha(years.fields["low"], lang),
        hi_b=_ha(years.fields["high"], lang),
        isaf=period,
    )
    data = tidy(cult, "afghanistan_cultivation")
    titles = {0: N_("chart.cultivation.title.no_ban"), 1: N_("chart.cultivation.title.one_ban")}
    title_key = titles.get(len(bans), N_("chart.cultivation.title"))
    return Texts(
        t(lang, title_key, **fields),
        t(lang, "chart.cultivation.subtitle", **fields),
        note,
        alt,
        [valid],
        data,
    )


# --- baselines ---------------------------------------------------------------------------------
def draw_baselines(frames: Frames, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Draw the ratio claim's multiple against each baseline on ``ax`` and return it.

    Bars: the end year over each baseline of claims.ratio_baselines (e.g. '26 times');
    whiskers: UNODC's range for the end year; a dashed line: the stated multiple.
    """
    check_lang(lang)
    ax, claim = new_axes(ax), _ratio_claim(frames)
    b = ratio_baselines(frames.cultivation, frames.alternates, frames.events, claim)
    table, stated = b.table, float(claim["stated_value"])
    with house_style():
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ypos = list(range(len(table)))[::-1]
        colors = [RED if x in (str(b.base_year), "rounded") else GREY for x in table["baseline"]]
        ax.barh(ypos, table["ratio"], color=colors, height=0.62)
        err = [table["ratio"] - table["ratio_low"], table["ratio_high"] - table["ratio"]]
        ax.errorbar(table["ratio"], ypos, xerr=err, fmt="none", ecolor="#333333", elinewidth=0.9, capsize=3)
        for y, r, hi in zip(ypos, table["ratio"], table["ratio_high"], strict=True):
            ax.text(
                hi + 0.5,
                y,
                quantity(r, "times", lang, 1),
                va="center",
                fontsize="medium",
                color=INK,
                fontweight="bold",
            )
        ax.axvline(stated, color=BLUE, lw=1.4, ls="--")
        ax.text(
            stated - 0.4,
            len(table) - 0.45,
            t(lang, "chart.baselines.claimed", stated=number(stated, lang)),
            color=BLUE,
            fontsize="medium",
            va="bottom",
            ha="right",
        )
        ax.set_yticks(ypos, _baseline_labels(table, b.base_year, lang))
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, float(table["ratio_high"].max()) * 1.12)
        ax.set_ylim(-0.6, len(table) - 0.05)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{number(v, lang)}×"))
    return ax


def _baseline_labels(table: pd.DataFrame, base_year: int, lang: str) -> list[str]:
    labels = []
    for _, row in table.iterrows():
        kind = {str(base_year): "exact", "rounded": "rounded"}.get(row["baseline"], "year")
        year = base_year if kind == "rounded" else int(row["baseline_year"])
        labels.append(t(lang, BASE_LABELS[kind], year=year, value=_ha(row["baseline_value"], lang)))
    return labels


def _baselines_texts(frames: Frames, lang: str) -> Texts:
    claim, cult = _ratio_claim(frames), frames.cultivation
    b = ratio_baselines(cult, frames.alternates, frames.events, claim)
    stated, end_year = float(claim["stated_value"]), int(claim["end_year"])
    fields = {"stated": number(stated, lang), "base_year": b.base_year, "end_year": end_year}
    note = t(
        lang, "chart.baselines.note", base_year=b.base_year, isaf_start=date_text(b.event["start_date"], lang)
    )
    labels = _baseline_labels(b.table, b.base_year, lang)
    bars = "; ".join(
        f"{lab}: {quantity(r, 'times', lang, 1)}" for lab, r in zip(labels, b.table["ratio"], strict=True)
    )
    alt = t(lang, "chart.baselines.alt", **fields, end=_ha(b.table["end_value"].iloc[0], lang), bars=bars)
    plotted = cult[cult["year"].isin([end_year, *b.table["baseline_year"].dropna()])]
    data = b.table.assign(
        series="ratio_to_baseline",
        year=b.table["baseline_year"],
        value=b.table["ratio"],
        unit="times",
        source_id=[_baseline_source(cult, b, row) for _, row in b.table.iterrows()],
        end_source_id=str(metrics.row_at(cult, end_year)["source_id"]),
    )
    return Texts(
        t(lang, "chart.baselines.title", **fields),
        t(lang, "chart.baselines.subtitle", **fields),
        note,
        alt,
        [plotted, b.rounded],
        data,
    )


def _baseline_source(cult: pd.DataFrame, b, row: pd.Series) -> str:
    if row["baseline"] == "rounded":
        return str(b.rounded["source_id"].iloc[0])
    return str(metrics.row_at(cult, int(row["baseline_year"]))["source_id"])


# --- production --------------------------------------------------------------------------------
def draw_production(
    frames: Frames, lang: str = "en", ax: Axes | None = None, share_ax: Axes | None = None
) -> Axes:
    """Draw Afghan potential opium production (t) as bars on ``ax`` and return it.

    With ``share_ax``, Afghanistan's share of world production (%) goes there: dots for
    UNODC's statements, rings for the share computed from the data.
    """
    check_lang(lang)
    ax, prod = new_axes(ax), frames.production
    valid = prod.dropna(subset=["value"])
    peak = findings.peak_production(frames)
    with house_style():
        ax.bar(valid["year"].astype(int), valid["value"], color=RED, width=0.72)
        ax.annotate(
            quantity(peak.value, "t", lang),
            (peak.year, peak.value),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize="medium",
            fontweight="bold",
            label=chart_layout.LABEL,
        )
        number_axis(ax, lang)
        ax.set_xlim(prod["year"].min() - 0.8, prod["year"].max() + 0.8)
        if share_ax is not None:
            stated, computed = findings.stated_shares(frames), metrics.world_share(prod, frames.world)
            share_ax.plot(stated["year"].astype(int), stated["share_pct"], "o", color=BLUE, ms=4)
            share_ax.plot(
                computed["year"].astype(int), computed["share_pct"], "o", mfc="none", mec=GREY, ms=6
            )
            share_ax.set_ylim(0, 100)
            share_ax.yaxis.set_major_locator(MaxNLocator(3))
            share_ax.set_title(t(lang, "chart.production.share_panel"), fontsize="medium", color=SUBTLE)
            share_ax.xaxis.set_major_locator(MaxNLocator(7, integer=True))
        chart_layout.lift_labels(ax)
    return ax


def _production_texts(frames: Frames, lang: str) -> Texts:
    prod = frames.production
    share, peak, last = (
        findings.stated_share(frames),
        findings.peak_production(frames),
        findings.latest_production(frames),
    )
    fields = {
        "share": t(lang, QUALIFIERS[share.fields["qualifier"]], pct=quantity(share.value, "percent", lang)),
        "share_year": share.year,
        "first": int(prod["year"].min()),
        "last": int(prod["year"].max()),
    }
    stated = findings.stated_shares(frames)
    share_text = ", ".join(f"{int(r.year)}: {number(r.share_pct, lang)}%" for r in stated.itertuples())
    alt = t(
        lang,
        "chart.production.alt",
        **fields,
        peak=quantity(peak.value, "t", lang),
        peak_year=peak.year,
        v_last=quantity(last.value, "t", lang),
        shares=share_text,
    )
    valid, world = prod.dropna(subset=["value"]), frames.world[frames.world["measure"] == "production"]
    computed = metrics.world_share(prod, frames.world)
    data = pd.concat(
        [
            tidy(prod, "afghanistan_production"),
            stated.assign(series="unodc_stated_share", value=stated["share_pct"], unit="percent")[
                ["series", "year", "value", "unit", "source_id"]
            ],
            computed.assign(
                series="computed_share",
                value=computed["share_pct"],
                unit="percent",
                source_id=computed["source_id"] + ";" + computed["world_source_id"],
            )[["series", "year", "value", "unit", "source_id"]],
        ],
        ignore_index=True,
    )
    return Texts(
        t(lang, "chart.production.title", **fields),
        t(lang, "chart.production.subtitle", **fields),
        t(lang, "chart.production.note", missing=_missing(prod, lang)),
        alt,
        [valid, stated, world],
        data,
    )


# --- coca ----------------------------------------------------------------------------------------
COUNTRY_COLORS = {"Colombia": RED, "Peru": BLUE, "Bolivia": GREY}


def draw_coca(frames: Frames, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Coca bush cultivation (ha) in Colombia, Peru and Bolivia with direct labels; returns ``ax``."""
    check_lang(lang)
    ax, coca = new_axes(ax), frames.coca
    first, last_year = int(coca["year"].min()), int(coca["year"].max())
    with house_style():
        for country, color in COUNTRY_COLORS.items():
            rows = (
                coca[coca["country"] == country]
                .set_index("year")["value"]
                .reindex(range(first, last_year + 1))
            )
            ax.plot(rows.index, rows.to_numpy(dtype=float), color=color, marker="o", ms=2.5)
            end = rows.dropna()
            ax.text(
                end.index[-1] + 0.4,
                end.iloc[-1],
                t(lang, COUNTRIES[country]),
                color=color,
                fontsize="medium",
                va="center",
                fontweight="bold",
                clip_on=False,  # beside the axes: the year axis ends with the data
            )
        number_axis(ax, lang)
        year_ticks(ax, first, last_year)
        ax.set_xlim(first - 0.8, last_year + 0.8)
        ax.set_ylim(0, float(coca["value"].max()) * 1.1)
    return ax


def _coca_texts(frames: Frames, lang: str) -> Texts:
    coca = frames.coca
    col = findings.coca_colombia(frames)
    last_year = int(coca["year"].max())
    fields = {
        "low": _ha(col.fields["low"], lang),
        "low_year": col.fields["low_year"],
        "last": _ha(col.value, lang),
        "last_year": col.year,
        "first": int(coca["year"].min()),
    }
    lines = []
    for c, g in coca.dropna(subset=["value"]).groupby("country", observed=True):
        g = g.sort_values("year")
        lines.append(
            f"{t(lang, COUNTRIES[c])} {_ha(g['value'].iloc[0], lang)} ({int(g['year'].iloc[0])}) → "
            f"{_ha(g['value'].iloc[-1], lang)} ({int(g['year'].iloc[-1])})"
        )
    alt = t(lang, "chart.coca.alt", **fields, lines="; ".join(lines), end=last_year)
    data = tidy(coca, "coca_cultivation")
    return Texts(
        t(lang, "chart.coca.title", **fields),
        t(lang, "chart.coca.subtitle", **fields, end=last_year),
        t(lang, "chart.coca.note", devida_year=int(coca.loc[coca["producer"] != "UNODC", "year"].min())),
        alt,
        [coca.dropna(subset=["value"])],
        data,
    )


# --- world ---------------------------------------------------------------------------------------
#: The producers the world chart draws, in the house colours (Afghanistan keeps its red).
PRODUCER_COLORS = dict(zip(findings.PRODUCERS, (RED, BLUE, GREY), strict=True))


def _lines_with_gaps(ax: Axes, rows: pd.DataFrame, color: str, ms: float = 2.6) -> None:
    """One line over the rows' years, broken where a year has no value, with a dot on each value."""
    full = rows.set_index("year")["value"].reindex(
        range(int(rows["year"].min()), int(rows["year"].max()) + 1)
    )
    ax.plot(full.index, full.to_numpy(dtype=float), color=color, marker="o", ms=ms)


def draw_world(frames: Frames, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Potential opium production (t) of the main producers, and the world total where UNODC gave one.

    A legend names the lines: their ends crowd each other near zero since the 2023 ban.
    """
    check_lang(lang)
    ax, rows = new_axes(ax), findings.producers_production(frames)
    world = frames.world[frames.world["measure"] == "production"].dropna(subset=["value"])
    first, last = int(rows["year"].min()), int(rows["year"].max())
    with house_style():
        for country, color in PRODUCER_COLORS.items():
            mine = rows[rows["country"] == country]
            if len(mine):
                _lines_with_gaps(ax, mine, color)
                ax.lines[-1].set_label(t(lang, COUNTRIES[country]))
        ax.plot(
            world["year"],
            world["value"],
            "o",
            mfc="white",
            mec=INK,
            ms=4.5,
            zorder=3,
            label=t(lang, "chart.world.total"),
        )
        top = max(float(rows["value"].max()), float(world["value"].max()) if len(world) else 0.0)
        ax.set_ylim(0, top * 1.3)  # headroom for the legend above the highest world total
        number_axis(ax, lang)
        ax.set_xlim(first - 0.8, last + 0.8)
        ax.legend(loc="upper left", frameon=False, fontsize="small", ncols=2)
    return ax


def _world_texts(frames: Frames, lang: str) -> Texts:
    rows, lead = findings.producers_production(frames), findings.largest_producer(frames)
    world = frames.world[frames.world["measure"] == "production"].dropna(subset=["value"])
    fields = {
        "country": t(lang, COUNTRIES[lead.fields["country"]]),
        "previous": t(lang, COUNTRIES[lead.fields["previous"]]) if lead.fields["previous"] else "–",
        "since": lead.fields["since"],
        "year": lead.year,
        "value": quantity(lead.value, "t", lang),
        "first": int(rows["year"].min()),
        "last": int(rows["year"].max()),
        "world_last": int(world["year"].max()) if len(world) else "–",
    }
    lines = []
    for country in findings.PRODUCERS:
        mine = rows[rows["country"] == country].sort_values("year")
        if len(mine):
            lines.append(
                f"{t(lang, COUNTRIES[country])} {quantity(mine['value'].iloc[0], 't', lang)} "
                f"({int(mine['year'].iloc[0])}) → {quantity(mine['value'].iloc[-1], 't', lang)} "
                f"({int(mine['year'].iloc[-1])})"
            )
    data = pd.concat(
        [
            tidy(rows, "opium_production"),
            tidy(world.assign(low=float("nan"), high=float("nan")), "world_production"),
        ],
        ignore_index=True,
    )
    title = N_("chart.world.title") if lead.fields["previous"] else N_("chart.world.title.same")
    return Texts(
        t(lang, title, **fields),
        t(lang, "chart.world.subtitle", **fields),
        t(lang, "chart.world.note", **fields),
        t(lang, "chart.world.alt", **fields, lines="; ".join(lines)),
        [
            frames.production.dropna(subset=["value"]),
            _supplementary(frames, findings.PRODUCERS, "opium_production"),
            world,
        ],
        data,
    )


def _supplementary(frames: Frames, areas: tuple[str, ...], measure: str) -> pd.DataFrame:
    """Rows of supplementary.csv, with the table's attrs (the source line reads their citations)."""
    sup = frames.supplementary
    return sup[sup["area"].isin(areas) & (sup["measure"] == measure)].dropna(subset=["value"])


# --- prices ----------------------------------------------------------------------------------------
def draw_prices(
    frames: Frames, lang: str = "en", ax: Axes | None = None, share_ax: Axes | None = None
) -> Axes:
    """Afghan opium poppy area (ha) on ``ax``; with ``share_ax``, the farm-gate price (US$/kg) below it."""
    check_lang(lang)
    ax = new_axes(ax)
    prices = _prices(frames)
    cult = frames.cultivation[frames.cultivation["year"] >= prices["year"].min() - 1].dropna(subset=["value"])
    with house_style():
        _lines_with_gaps(ax, cult, RED)
        ax.set_ylim(0, float(cult["value"].max()) * 1.15)
        number_axis(ax, lang)
        ax.set_xlim(cult["year"].min() - 0.8, cult["year"].max() + 0.8)
        if share_ax is not None:
            share_ax.plot(prices["year"], prices["value"], "o", color=BLUE, ms=4.5)
            share_ax.set_ylim(0, float(prices["value"].max()) * 1.25)
            share_ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, lang)))
            share_ax.yaxis.set_major_locator(MaxNLocator(3))
            share_ax.set_title(t(lang, "chart.prices.price_panel"), fontsize="medium", color=SUBTLE)
            share_ax.xaxis.set_major_locator(MaxNLocator(7, integer=True))
        chart_layout.lift_labels(ax)
    return ax


def _prices(frames: Frames) -> pd.DataFrame:
    from poppy.checks.claim_rows import series

    return series(frames, "Afghanistan", "farmgate_price").dropna(subset=["value"])


def _prices_texts(frames: Frames, lang: str) -> Texts:
    prices, peak = _prices(frames), findings.price_peak(frames)
    cult = frames.cultivation[frames.cultivation["year"] >= prices["year"].min() - 1].dropna(subset=["value"])
    usd = lambda v: quantity(v, "usd_per_kg", lang)  # noqa: E731 - one formatter, used six times
    fields = {
        "peak": usd(peak.value),
        "peak_year": peak.year,
        "low": usd(peak.fields["low"]),
        "low_year": peak.fields["low_year"],
        "first": int(cult["year"].min()),
        "last": int(cult["year"].max()),
        "years": ", ".join(str(int(y)) for y in prices["year"]),
    }
    points = "; ".join(f"{int(r.year)}: {usd(r.value)}" for r in prices.itertuples())
    data = pd.concat(
        [tidy(cult, "afghanistan_cultivation"), tidy(prices, "farmgate_price")], ignore_index=True
    )
    return Texts(
        t(lang, "chart.prices.title", **fields),
        t(lang, "chart.prices.subtitle", **fields),
        t(lang, "chart.prices.note", **fields),
        t(lang, "chart.prices.alt", **fields, prices=points),
        [cult, _supplementary(frames, ("Afghanistan",), "farmgate_price")],
        data,
    )


# --- publication ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Spec:
    """How to publish one chart: drawing, texts, relative panel heights, the tables it reads.

    ``inputs`` names the ``Frames`` tables that drawing and texts read (default: every table).

    ``inputs`` keys the incremental build: a chart is re-rendered only when one of these
    tables (or its language's catalog, or the code) changed. A table read but not declared
    would leave a stale chart, so ``tests/publish/test_incremental.py`` records every table each
    chart reads while it is published and compares.
    """

    draw: Callable[..., Axes]
    texts: Callable[[Frames, str], Texts]
    panels: tuple[float, ...] = (1.0,)
    inputs: tuple[str, ...] = TABLES


#: The maps' drawing functions, under the names every chart's has (``draw_<chart>``).
draw_provinces, draw_province_change = maps.draw_provinces, maps.draw_province_change

#: The chart set of the press pack. Cultivation and baselines read the first ratio and change
#: claims and the events (ISAF period, bans); production compares with world totals and the
#: shares UNODC stated; world follows the main producers, prices the farm-gate price of opium.
CHARTS: dict[str, Spec] = {
    "cultivation": Spec(draw_cultivation, _cultivation_texts, inputs=("cultivation", "claims", "events")),
    "baselines": Spec(
        draw_baselines, _baselines_texts, inputs=("cultivation", "alternates", "events", "claims")
    ),
    "production": Spec(draw_production, _production_texts, (2.2, 1.0), ("production", "shares", "world")),
    "coca": Spec(draw_coca, _coca_texts, inputs=("coca",)),
    "world": Spec(draw_world, _world_texts, inputs=("production", "supplementary", "world")),
    "prices": Spec(draw_prices, _prices_texts, (2.0, 1.0), ("cultivation", "supplementary")),
    "provinces": Spec(maps.draw_provinces, maps.provinces_texts, inputs=("provinces", "supplementary")),
    "province_change": Spec(
        maps.draw_province_change, maps.province_change_texts, inputs=("provinces", "supplementary")
    ),
}


def publish(name: str, frames: Frames, lang: str = "en", size: str = "web") -> Chart:
    """Chart ``name`` of CHARTS drawn and framed for publication at ``size`` (web, social, print)."""
    check_lang(lang)
    if name not in CHARTS:
        raise OptionError(f"unknown chart {name!r}; choose one of {', '.join(CHARTS)}")
    if size not in SIZES:
        raise OptionError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    spec, s = CHARTS[name], SIZES[size]
    with house_style(), rc_context({"font.size": s.text_pt}):
        fig = Figure(figsize=(s.width, s.height), dpi=s.dpi)
        if len(spec.panels) == 1:
            spec.draw(frames, lang, ax=fig.add_subplot())
        else:
            ax, share_ax = fig.subplots(len(spec.panels), 1, sharex=True, height_ratios=list(spec.panels))
            spec.draw(frames, lang, ax=ax, share_ax=share_ax)
        texts = spec.texts(frames, lang)
        _frame(fig, texts, source_line(texts.cited, lang), s.text_pt)
    return Chart(name, lang, size, fig, texts.title, texts.alt, texts.data)


EDGE = 0.16  # inches of white around everything


def _frame(fig: Figure, texts: Texts, source: str, body: float) -> None:
    """Title, subtitle, note and source around the axes, wrapped by measured width; axes fitted between."""
    w, h = fig.get_size_inches()
    width, r = w - 2 * EDGE, chart_layout.renderer(fig)
    inverse = fig.transFigure.inverted()

    def put(y: float, text: str, size: float, va: str = "top", **kw) -> float:
        art = fig.text(EDGE / w, y, text, ha="left", va=va, fontsize=size, **kw)
        box = art.get_window_extent(r).transformed(inverse)
        return box.y0 if va == "top" else box.y1

    big, small = body * LARGE, body * SMALL
    title = chart_layout.wrap(fig, texts.title, width, big, "bold", balance=True)
    y = put(1 - EDGE / h, title, big, fontweight="bold", color=INK)
    subtitle = chart_layout.wrap(fig, texts.subtitle, width, body, balance=True)
    y = put(y - 0.05 / h, subtitle, body, color=SUBTLE)
    foot = (
        chart_layout.wrap(fig, texts.note, width, small) + "\n" + chart_layout.wrap(fig, source, width, small)
    )
    bottom = put(EDGE / h, foot, small, va="bottom", color=MUTED, linespacing=1.3)
    box = (EDGE / w, bottom + 0.12 / h, 1 - EDGE / w, y - 0.14 / h)
    fig.subplots_adjust(hspace=0.45)
    for ax in fig.axes:  # panel titles wrap like the rest (they start at the axes' left edge)
        if title := ax.get_title(loc="left"):
            ax.set_title(chart_layout.wrap(fig, title, width * 0.8, body), loc="left", fontsize=body)
    for _ in range(2):  # labels lifted in the fitted axes can change the tick labels' width
        chart_layout.fit_axes(fig, *box)
        for ax in fig.axes:
            chart_layout.lift_labels(ax)
