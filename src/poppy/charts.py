"""Publication charts in the poppy house style: one function per chart, frames in, Figure out.

Every chart has a title that states a finding computed from the data, a subtitle with
measure and unit, direct labels, at most three colours, a source footer built from the
sources of the plotted values, a caveat note, and alt text from the same numbers
(``fig.poppy_alt_text``). Import cost stays here: ``import poppy`` does not load matplotlib.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from poppy import metrics
from poppy.claims import ratio_baselines
from poppy.fmt import check_lang, date_text, number, quantity
from poppy.sizes import FORMATS, SIZES, Size

STYLE = Path(__file__).with_name("poppy.mplstyle")
RED, BLUE, GREY = "#b2182b", "#2166ac", "#878787"
SHADE = "#f0f0f0"


#: Per-format savefig metadata that makes output byte-identical (one dict per format).
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"Creator": None, "Producer": None, "CreationDate": None},
}


@contextmanager
def house_style() -> Iterator[None]:
    """Apply the poppy style inside the block only; the caller's rcParams are restored after."""
    with plt.style.context(STYLE):
        yield


def show(fig: Figure) -> Figure:
    """Hand a chart to Jupyter exactly once: detach it from pyplot (no second inline copy, no leak)
    and return it, so that it displays as the cell's result."""
    plt.close(fig)
    return fig


def figure_bytes(fig: Figure, fmt: str, dpi: int | None = None) -> bytes:
    """The figure rendered as ``fmt`` (png, svg, pdf) with deterministic metadata."""
    if fmt not in _METADATA:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    meta = dict(_METADATA[fmt])
    alt, title = getattr(fig, "poppy_alt_text", ""), getattr(fig, "poppy_title", "")
    if fmt == "png" or fmt == "svg":
        meta |= {"Title": title, "Description": alt}
    else:
        meta |= {"Title": title, "Subject": alt}
    buf = io.BytesIO()
    # TrueType (editable, preflight-safe) in print PDFs; Type 3 on screen sizes, 4x faster to write.
    fonttype = 42 if getattr(fig, "poppy_size", "print") == "print" else 3
    with house_style(), plt.rc_context({"pdf.fonttype": fonttype}):
        fig.savefig(buf, format=fmt, dpi=dpi or fig.dpi, metadata=meta)
    return buf.getvalue()


# --- words, per language ----------------------------------------------------------------
T: dict[str, dict[str, str]] = {
    "en": {
        "cult_title": "Afghan opium poppy peaked at {peak} in {peak_year}; the bans cut it to {b1} ({y1}) and {b2} ({y2})",
        "cult_sub": "Area under opium poppy in Afghanistan, hectares (ha), {first}–{last}. Shaded band: UNODC's range",
        "isaf": "ISAF deployed\n{start}–{end}",
        "ban": "Taliban ban\n{value}",
        "cult_note": "Note: no verified point estimate for {missing}. Ranges decoded from the WDR 2016 annex "
        "where flagged. {early} are early UNDCP estimates.",
        "base_title": "“{stated} times” holds only against {base_year}, the Taliban-ban harvest",
        "base_sub": "Area under opium poppy in Afghanistan in {end_year} as a multiple of earlier harvests (×). "
        "Whiskers: UNODC's {end_year} range",
        "base_label": {
            "exact": "{year} (UNODC, {value})",
            "rounded": "{year} rounded ({value})",
            "year": "{year} ({value})",
        },
        "claimed": "claimed: {stated}×",
        "base_note": "Note: the {base_year} harvest was gathered before ISAF was authorised on {isaf_start}.",
        "prod_title": "Afghanistan produced about {share}% of the world's opium in {share_year}, UNODC says",
        "prod_sub": "Potential opium production in Afghanistan, tonnes (t), {first}–{last}; "
        "below: Afghan share of world production, %",
        "prod_share": "Share of world production, % (dots: UNODC statements; ring: computed)",
        "prod_note": "Note: potential production of dry opium; no verified figure for {missing}.",
        "coca_title": "Colombia's coca area rose from {low} in {low_year} to {last} in {last_year}",
        "coca_sub": "Area under coca bush, hectares (ha), {first}–{end}",
        "coca_note": "Note: Peru from 2019 is DEVIDA's national monitoring (UNODC technical support). "
        "Gaps: no verified value.",
        "countries": {"Colombia": "Colombia", "Peru": "Peru", "Bolivia": "Bolivia"},
        "source": "Source: {main}{more}",
        "more": "; and {n} more documents (see sources in the briefing workbook)",
    },
    "ru": {
        "cult_title": "Посевы опийного мака в Афганистане достигли пика {peak} в {peak_year} г.; запреты сократили их до {b1} ({y1}) и {b2} ({y2})",
        "cult_sub": "Площадь опийного мака в Афганистане, гектары (га), {first}–{last}. Полоса: диапазон оценки УНП ООН",
        "isaf": "МССБ в Афганистане\n{start}–{end}",
        "ban": "Запрет талибов\n{value}",
        "cult_note": "Примечание: нет проверенной точечной оценки за {missing}. Диапазоны по приложению "
        "ДМН 2016 там, где отмечено. {early} — ранние оценки ЮНДКП.",
        "base_title": "«В {stated} раз» получается только от {base_year} г., урожая под запретом талибов",
        "base_sub": "Площадь опийного мака в Афганистане в {end_year} г. по сравнению с прежними урожаями (раз). "
        "Усы: диапазон оценки УНП ООН за {end_year} г.",
        "base_label": {
            "exact": "{year} (УНП ООН, {value})",
            "rounded": "{year}, округлённо ({value})",
            "year": "{year} ({value})",
        },
        "claimed": "заявлено: в {stated} раз",
        "base_note": "Примечание: урожай {base_year} г. собран до учреждения МССБ {isaf_start}.",
        "prod_title": "Афганистан дал около {share}% мирового опиума в {share_year} г., по данным УНП ООН",
        "prod_sub": "Потенциальное производство опиума в Афганистане, тонны (т), {first}–{last}; "
        "внизу: доля Афганистана в мировом производстве, %",
        "prod_share": "Доля в мировом производстве, % (точки: заявления УНП ООН; кольца: расчёт)",
        "prod_note": "Примечание: потенциальное производство сухого опиума; нет проверенной цифры за {missing}.",
        "coca_title": "Посевы коки в Колумбии выросли с {low} в {low_year} г. до {last} в {last_year} г.",
        "coca_sub": "Площадь кустарника коки, гектары (га), {first}–{end}",
        "coca_note": "Примечание: Перу с 2019 г. — национальный мониторинг DEVIDA (техническая поддержка "
        "УНП ООН). Пропуски: нет проверенной цифры.",
        "countries": {"Colombia": "Колумбия", "Peru": "Перу", "Bolivia": "Боливия"},
        "source": "Источник: {main}{more}",
        "more": "; и ещё документов: {n} (см. источники в рабочей книге брифинга)",
    },
}

ALT: dict[str, dict[str, str]] = {
    "en": {
        "cultivation": "Line chart of the area under opium poppy in Afghanistan, {first} to {last}. It rose from "
        "{v_first} in {first} to {v_a} in {year_a} and {v_b} in {year_b} (range {lo_b} to {hi_b}), peaked at "
        "{peak} in {peak_year}, and fell to {b1} in the ban year {y1} and {b2} in the ban year {y2}. "
        "The ISAF period, {isaf}, is shaded.",
        "baselines": "Horizontal bar chart of the {end_year} area ({end}) as a multiple of earlier harvests: "
        "{bars}. The claimed {stated} times is marked; only the {base_year} baseline reaches it.",
        "production": "Two-panel chart. Top: potential opium production in Afghanistan, {first} to {last}, "
        "peaking at {peak} in {peak_year}; {last} was {v_last}. Bottom: Afghanistan's share of world opium "
        "production as stated by UNODC: {shares}.",
        "coca": "Line chart of coca bush cultivation, {first} to {end}: {lines}.",
    },
    "ru": {
        "cultivation": "Линейный график площади опийного мака в Афганистане с {first} по {last} г. Площадь "
        "выросла с {v_first} в {first} г. до {v_a} в {year_a} г. и {v_b} в {year_b} г. (диапазон от {lo_b} до "
        "{hi_b}), достигла пика {peak} в {peak_year} г. и сократилась до {b1} в год запрета {y1} и до "
        "{b2} в год запрета {y2}. Период МССБ ({isaf}) затенён.",
        "baselines": "Горизонтальная столбчатая диаграмма: площадь {end_year} г. ({end}) по отношению к "
        "прежним урожаям: {bars}. Отмечено заявленное значение «в {stated} раз»; его даёт только база "
        "{base_year} г.",
        "production": "Две панели. Вверху: потенциальное производство опиума в Афганистане с {first} по "
        "{last} г., пик {peak} в {peak_year} г.; в {last} г. — {v_last}. Внизу: доля Афганистана в мировом "
        "производстве опиума по заявлениям УНП ООН: {shares}.",
        "coca": "Линейный график площади кустарника коки с {first} по {end} г.: {lines}.",
    },
}


def _new_figure(size: str) -> tuple[Figure, Size]:
    if size not in SIZES:
        raise ValueError(f"unknown size {size!r}; choose one of {', '.join(SIZES)}")
    s = SIZES[size]
    with house_style():
        fig = plt.figure(figsize=(s.width, s.height), dpi=s.dpi)
    fig.poppy_size = size  # type: ignore[attr-defined]
    return fig, s


def _wrap(text: str, width_in: float, points: float, bold: bool = False) -> str:
    """Wrap ``text`` to the figure width (average glyph ~0.58 em in DejaVu Sans, ~0.66 em bold)."""
    import textwrap

    chars = max(20, int(width_in * 72 / (points * (0.66 if bold else 0.58))))
    return "\n".join(textwrap.wrap(text, chars, break_long_words=False))


def source_line(frames: list[pd.DataFrame], lang: str, keep: int = 2) -> str:
    """'Source: ...' from the sources of the plotted rows, most-used first; the rest counted."""
    counts: Counter[str] = Counter()
    cites: dict[str, str] = {}
    for frame in frames:
        counts.update(frame["source_id"])
        cites |= frame.attrs.get("source_names", {})
    main = [cites[sid] for sid, _ in counts.most_common(keep)]
    rest = len(counts) - len(main)
    words = T[lang]
    more = words["more"].format(n=rest) if rest > 0 else ""
    return words["source"].format(main="; ".join(main), more=more)


def _finish(
    fig: Figure, title: str, subtitle: str, note: str, source: str, alt: str, top_axes: list[float]
) -> Figure:
    """Lay out title, subtitle, note and source around the axes; attach alt text."""
    w, h = fig.get_size_inches()
    big = 12.5 if w >= 7 else 11.5
    title_w = _wrap(title, w * 0.96, big, bold=True)
    sub_w = _wrap(subtitle, w * 0.96, 8.5)
    foot = _wrap(note, w * 0.96, 7) + "\n" + _wrap(source, w * 0.96, 7)
    n_title, n_sub, n_foot = title_w.count("\n") + 1, sub_w.count("\n") + 1, foot.count("\n") + 1
    pad = 0.12  # inches
    title_h = n_title * big * 1.25 / 72
    sub_h = n_sub * 8.5 * 1.3 / 72
    foot_h = n_foot * 7 * 1.3 / 72
    y = 1 - pad / h
    fig.text(0.02, y, title_w, ha="left", va="top", fontsize=big, fontweight="bold", color="#222222")
    y -= (title_h + 0.04) / h
    fig.text(0.02, y, sub_w, ha="left", va="top", fontsize=8.5, color="#555555")
    y -= (sub_h + 0.12) / h
    fig.text(0.02, pad / h, foot, ha="left", va="bottom", fontsize=7, color="#666666", linespacing=1.3)
    bottom = (pad + foot_h + 0.42) / h
    left, right = top_axes[0] + (0.02 if w < 6.5 else 0.0), top_axes[1]
    fig.subplots_adjust(left=left, right=right, top=y, bottom=bottom, hspace=0.45)
    fig.poppy_title = title  # type: ignore[attr-defined]
    fig.poppy_alt_text = alt  # type: ignore[attr-defined]
    return fig


def _num_axis(ax, lang: str) -> None:
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: number(v, lang)))
    ax.yaxis.set_major_locator(MaxNLocator(5))
    ax.xaxis.set_major_locator(MaxNLocator(7, integer=True))


def _year_of(when: pd.Timestamp) -> float:
    """Date -> fractional year (harvest years sit on integers)."""
    ts = pd.Timestamp(when)
    return ts.year + (ts.day_of_year - 1) / 365.25


def _ha(v: float, lang: str) -> str:
    return quantity(v, "ha", lang)


def _missing(frame: pd.DataFrame) -> str:
    years = frame.loc[frame["value"].isna(), "year"].astype(int).tolist()
    return ", ".join(map(str, years)) or "–"


def cultivation_chart(
    cult: pd.DataFrame, events: pd.DataFrame, marked: tuple[int, int], lang: str = "en", size: str = "web"
) -> Figure:
    """Afghan cultivation (ha) with UNODC's range band, the ISAF period, both bans annotated and the
    two ``marked`` years (e.g. the years of the press release's claim) labelled with their values."""
    check_lang(lang)
    words = T[lang]
    ev = events.set_index("event_id")
    fig, _ = _new_figure(size)
    with house_style():
        ax = fig.add_subplot()
        valid = cult.dropna(subset=["value"])
        isaf = ev.loc["isaf"]
        x0, x1 = _year_of(isaf["start_date"]), _year_of(isaf["end_date"])
        ax.axvspan(x0, x1, color=SHADE, zorder=0)
        isaf_label = words["isaf"].format(start=isaf["start_date"].year, end=isaf["end_date"].year)
        ax.text(
            (x0 + x1) / 2,
            0.98,
            isaf_label,
            transform=ax.get_xaxis_transform(),
            ha="center",
            va="top",
            fontsize=7.5,
            color="#666666",
        )
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
                ax.fill_between(
                    grp["year"].astype(float), grp["low"], grp["high"], color=RED, alpha=0.18, lw=0
                )
        full = cult.set_index("year")["value"].reindex(
            range(int(cult["year"].min()), int(cult["year"].max()) + 1)
        )
        ax.plot(full.index, full.to_numpy(dtype=float), color=RED, marker="o", ms=2.8)
        top = float(cult["high"].max(skipna=True) if cult["high"].notna().any() else valid["value"].max())
        ax.set_ylim(0, max(top, valid["value"].max()) * 1.18)
        v = valid.set_index("year")["value"]
        for year in marked:
            if year in v.index:
                ax.annotate(
                    _ha(v[year], lang),
                    (year, v[year]),
                    xytext=(0, 8),
                    textcoords="offset points",
                    ha="center",
                    fontsize=8,
                    color="#222222",
                    fontweight="bold",
                )
        bans = ev[ev["kind"] == "ban"]
        for _, ban in bans.iterrows():
            year = int(ban["harvest_year"])
            if year in v.index:
                ax.annotate(
                    words["ban"].format(value=_ha(v[year], lang)),
                    (year, v[year]),
                    xytext=(0, 34),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=7.5,
                    color="#222222",
                    bbox={"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.9},
                    arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.8},
                )
        _num_axis(ax, lang)
        ax.set_xlim(cult["year"].min() - 0.8, cult["year"].max() + 0.8)
    peak = valid.loc[valid["value"].idxmax()]
    ban_years = [int(y) for y in bans["harvest_year"].dropna()]
    year_a, year_b = marked
    rng = metrics.range_at(cult, year_b) or (float("nan"), float("nan"))
    fields = {
        "peak": _ha(peak["value"], lang),
        "peak_year": int(peak["year"]),
        "b1": _ha(v[ban_years[0]], lang),
        "y1": ban_years[0],
        "b2": _ha(v[ban_years[-1]], lang),
        "y2": ban_years[-1],
        "first": int(cult["year"].min()),
        "last": int(cult["year"].max()),
    }
    title = words["cult_title"].format(**fields)
    subtitle = words["cult_sub"].format(**fields)
    early = cult.loc[cult["flags"].str.contains("early_estimate"), "year"]
    note = words["cult_note"].format(missing=_missing(cult), early=f"{int(early.min())}–{int(early.max())}")
    alt = ALT[lang]["cultivation"].format(
        **fields,
        v_first=_ha(v.iloc[0], lang),
        year_a=year_a,
        year_b=year_b,
        v_a=_ha(v[year_a], lang),
        v_b=_ha(v[year_b], lang),
        lo_b=_ha(rng[0], lang),
        hi_b=_ha(rng[1], lang),
        isaf=f"{isaf['start_date']:%Y-%m-%d} – {isaf['end_date']:%Y-%m-%d}",
    )
    return _finish(fig, title, subtitle, note, source_line([valid], lang), alt, [0.09, 0.98])


def baselines_chart(
    cult: pd.DataFrame,
    alternates: pd.DataFrame,
    events: pd.DataFrame,
    claim: pd.Series,
    lang: str = "en",
    size: str = "web",
) -> Figure:
    """A claimed multiple (a 'ratio' row of claims.csv, e.g. '26 times') against the end year over
    each baseline of claims.ratio_baselines; UNODC's range for the end year drawn as whiskers."""
    check_lang(lang)
    words = T[lang]
    b = ratio_baselines(cult, alternates, events, claim)
    table, base_year, isaf, rounded = b.table, b.base_year, b.event, b.rounded
    stated, end_year = float(claim["stated_value"]), int(claim["end_year"])
    labels = []
    for _, row in table.iterrows():
        kind = {str(base_year): "exact", "rounded": "rounded"}.get(row["baseline"], "year")
        year = base_year if kind == "rounded" else int(row["baseline_year"])
        labels.append(words["base_label"][kind].format(year=year, value=_ha(row["baseline_value"], lang)))
    fig, _ = _new_figure(size)
    with house_style():
        ax = fig.add_subplot()
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        ypos = list(range(len(table)))[::-1]
        colors = [RED if b in (str(base_year), "rounded") else GREY for b in table["baseline"]]
        ax.barh(ypos, table["ratio"], color=colors, height=0.62)
        err = [table["ratio"] - table["ratio_low"], table["ratio_high"] - table["ratio"]]
        ax.errorbar(table["ratio"], ypos, xerr=err, fmt="none", ecolor="#333333", elinewidth=0.9, capsize=3)
        for y, r, hi in zip(ypos, table["ratio"], table["ratio_high"], strict=True):
            ax.text(
                hi + 0.5,
                y,
                quantity(r, "times", lang, 1),
                va="center",
                fontsize=8.5,
                color="#222222",
                fontweight="bold",
            )
        ax.axvline(stated, color=BLUE, lw=1.4, ls="--")
        ax.text(
            stated - 0.4,
            len(table) - 0.45,
            words["claimed"].format(stated=number(stated, lang)),
            color=BLUE,
            fontsize=8,
            va="bottom",
            ha="right",
        )
        ax.set_yticks(ypos, labels)
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, float(table["ratio_high"].max()) * 1.12)
        ax.set_ylim(-0.6, len(table) - 0.05)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{number(v, lang)}×"))
    fields = {"stated": number(stated, lang), "base_year": base_year, "end_year": end_year}
    title = words["base_title"].format(**fields)
    subtitle = words["base_sub"].format(**fields)
    note = words["base_note"].format(base_year=base_year, isaf_start=date_text(isaf["start_date"], lang))
    bars = "; ".join(
        f"{lab}: {quantity(r, 'times', lang, 1)}" for lab, r in zip(labels, table["ratio"], strict=True)
    )
    alt = ALT[lang]["baselines"].format(**fields, end=_ha(table["end_value"].iloc[0], lang), bars=bars)
    plotted = cult[cult["year"].isin([end_year, *table["baseline_year"].dropna()])]
    src = source_line([plotted, rounded], lang)
    return _finish(fig, title, subtitle, note, src, alt, [0.30 if size != "social" else 0.40, 0.97])


def production_chart(
    prod: pd.DataFrame, world: pd.DataFrame, shares: pd.DataFrame, lang: str = "en", size: str = "web"
) -> Figure:
    """Afghan potential opium production (t) and its share of world production (%)."""
    check_lang(lang)
    words = T[lang]
    valid = prod.dropna(subset=["value"])
    stated = shares[(shares["basis"] == "opium_production") & shares["preferred"]]
    wp = metrics.world_share(prod, world)
    fig, _ = _new_figure(size)
    with house_style():
        ax, ax2 = fig.subplots(2, 1, sharex=True, height_ratios=[2.2, 1])
        ax.bar(valid["year"].astype(int), valid["value"], color=RED, width=0.72)
        peak = valid.loc[valid["value"].idxmax()]
        ax.annotate(
            quantity(peak["value"], "t", lang),
            (peak["year"], peak["value"]),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            fontweight="bold",
        )
        _num_axis(ax, lang)
        ax2.plot(stated["year"].astype(int), stated["share_pct"], "o", color=BLUE, ms=4)
        ax2.plot(wp["year"].astype(int), wp["share_pct"], "o", mfc="none", mec=GREY, ms=6)
        ax2.set_ylim(0, 100)
        ax2.yaxis.set_major_locator(MaxNLocator(3))
        ax2.set_title(words["prod_share"], fontsize=8, color="#555555")
        ax2.xaxis.set_major_locator(MaxNLocator(7, integer=True))
        ax.set_xlim(prod["year"].min() - 0.8, prod["year"].max() + 0.8)
    last = stated.iloc[-1]
    fields = {
        "share": number(last["share_pct"], lang),
        "share_year": int(last["year"]),
        "first": int(prod["year"].min()),
        "last": int(prod["year"].max()),
    }
    title = words["prod_title"].format(**fields)
    subtitle = words["prod_sub"].format(**fields)
    note = words["prod_note"].format(missing=_missing(prod))
    share_text = ", ".join(f"{int(r.year)}: {number(r.share_pct, lang)}%" for r in stated.itertuples())
    alt = ALT[lang]["production"].format(
        **fields,
        peak=quantity(peak["value"], "t", lang),
        peak_year=int(peak["year"]),
        v_last=quantity(valid["value"].iloc[-1], "t", lang),
        shares=share_text,
    )
    src = source_line([valid, stated, world[world["measure"] == "production"]], lang)
    return _finish(fig, title, subtitle, note, src, alt, [0.10, 0.98])


def coca_chart(coca: pd.DataFrame, lang: str = "en", size: str = "web") -> Figure:
    """Coca bush cultivation (ha) in Colombia, Peru and Bolivia with direct labels."""
    check_lang(lang)
    words = T[lang]
    fig, _ = _new_figure(size)
    colors = {"Colombia": RED, "Peru": BLUE, "Bolivia": GREY}
    first, last_year = int(coca["year"].min()), int(coca["year"].max())
    last_year_all = last_year
    with house_style():
        ax = fig.add_subplot()
        for country, color in colors.items():
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
                words["countries"][country],
                color=color,
                fontsize=8.5,
                va="center",
                fontweight="bold",
            )
        _num_axis(ax, lang)
        ax.set_xlim(first - 0.8, last_year + 3.2)
        ax.set_ylim(0, float(coca["value"].max()) * 1.1)
    col = coca[coca["country"] == "Colombia"].dropna(subset=["value"])
    low = col.loc[col["value"].idxmin()]
    end = col.iloc[-1]
    fields = {
        "low": _ha(low["value"], lang),
        "low_year": int(low["year"]),
        "last": _ha(end["value"], lang),
        "last_year": int(end["year"]),
        "first": first,
    }
    title = words["coca_title"].format(**fields)
    subtitle = words["coca_sub"].format(**fields, end=last_year_all)
    lines = "; ".join(
        f"{words['countries'][c]} {_ha(g.dropna(subset=['value'])['value'].iloc[0], lang)} "
        f"({int(g.dropna(subset=['value'])['year'].iloc[0])}) → {_ha(g.dropna(subset=['value'])['value'].iloc[-1], lang)} "
        f"({int(g.dropna(subset=['value'])['year'].iloc[-1])})"
        for c, g in coca.groupby("country", observed=True)
    )
    alt = ALT[lang]["coca"].format(**fields, lines=lines, end=last_year_all)
    return _finish(
        fig,
        title,
        subtitle,
        words["coca_note"],
        source_line([coca.dropna(subset=["value"])], lang),
        alt,
        [0.10, 0.98],
    )


def _claim(claims: pd.DataFrame, metric: str) -> pd.Series:
    """The first claim of claims.csv that measures ``metric`` (change, ratio, ...)."""
    return claims[claims["metric"] == metric].iloc[0]


def _claim_years(claims: pd.DataFrame) -> tuple[int, int]:
    row = _claim(claims, "change")
    return int(row["start_year"]), int(row["end_year"])


#: The chart set of the press pack: name -> function building it from the loaded frames.
CHARTS: dict[str, Callable[[dict[str, pd.DataFrame], str, str], Figure]] = {
    "cultivation": lambda d, lang, size: cultivation_chart(
        d["cultivation"], d["events"], _claim_years(d["claims"]), lang, size
    ),
    "baselines": lambda d, lang, size: baselines_chart(
        d["cultivation"], d["alternates"], d["events"], _claim(d["claims"], "ratio"), lang=lang, size=size
    ),
    "production": lambda d, lang, size: production_chart(
        d["production"], d["global"], d["shares"], lang, size
    ),
    "coca": lambda d, lang, size: coca_chart(d["coca"], lang, size),
}
