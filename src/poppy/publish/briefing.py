"""Briefing figures: key numbers as sentences with value, unit and source, and briefing.md.

The workbook that carries the same figures is written by poppy.publish.briefing_workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from poppy.checks.findings import findings
from poppy.data.frames import Frames
from poppy.escape import md_link, md_text
from poppy.fmt import percent_change, quantity, years_word
from poppy.i18n import ALL_LANGS, LANGS, N_, t

__all__ = ["KeyFigure", "briefing_markdown", "key_figures", "sentence", "source_markdown"]


@dataclass(frozen=True)
class KeyFigure:
    """One briefing figure: value in ``unit`` for ``year``, a sentence per language, its sources."""

    figure_id: str
    year: int
    value: float
    unit: str
    sentence: dict[str, str]
    sources: tuple[str, ...]


#: The briefing's key figures: fact id (poppy.checks.findings) -> its sentence and how each field is
#: written (ha, t, a percentage, a signed change, a count of years, an ordinal).
KEY_FIGURES: dict[str, tuple[str, dict[str, str]]] = {
    "latest_area": (N_("fact.latest_area"), {"value": "ha", "pct": "change"}),
    "peak_area": (N_("fact.peak_area"), {"value": "ha"}),
    "ban": (N_("fact.ban"), {"a": "ha", "b": "ha", "pct": "change", "ordinal": "ordinal"}),
    "claim_years": (
        N_("fact.claim_years"),
        {"a": "ha", "b": "ha", "low": "ha", "high": "ha", "pct": "change", "years": "years"},
    ),
    "latest_production": (N_("fact.latest_production"), {"value": "t"}),
    "world_share": (N_("fact.world_share"), {"pct": "percent1", "part": "t", "total": "t"}),
    "stated_share": (N_("fact.stated_share"), {"pct": "percent"}),
    "coca_colombia": (N_("fact.coca_colombia"), {"value": "ha", "low": "ha"}),
}

ORDINALS = (N_("ordinal.first"), N_("ordinal.second"), N_("ordinal.third"))

#: How a field of a fact is written, by the kind named in KEY_FIGURES.
WRITERS: dict[str, Callable[[Any, str], str]] = {
    "ha": lambda v, lang: quantity(v, "ha", lang),
    "t": lambda v, lang: quantity(v, "t", lang),
    "percent": lambda v, lang: quantity(v, "percent", lang),
    "percent1": lambda v, lang: quantity(v, "percent", lang, 1),
    "change": percent_change,
    "years": years_word,
    "ordinal": lambda n, lang: t(lang, ORDINALS[n - 1]) if n <= len(ORDINALS) else str(n),
}


def _kind(fact_id: str) -> str:
    """The KEY_FIGURES entry of a fact: 'ban_1', 'ban_2', ... share the one of 'ban'."""
    return "ban" if fact_id.startswith("ban_") else fact_id


def sentence(fact_id: str, fields: dict[str, Any], lang: str) -> str:
    """The key figure ``fact_id`` as a sentence in ``lang``, its fields written per KEY_FIGURES."""
    key, kinds = KEY_FIGURES[_kind(fact_id)]
    written = {name: WRITERS[kinds[name]](v, lang) if name in kinds else v for name, v in fields.items()}
    return t(lang, key, **written)


def key_figures(frames: Frames) -> list[KeyFigure]:
    """The briefing's key figures: the facts of ``poppy.checks.findings`` that have a sentence."""
    facts = findings(frames)
    return [
        KeyFigure(
            fid,
            facts[fid].year,
            facts[fid].value,
            facts[fid].unit,
            {lang: sentence(fid, facts[fid].fields, lang) for lang in ALL_LANGS},
            facts[fid].sources,
        )
        for fid in facts
        if _kind(fid) in KEY_FIGURES
    ]


# --- Markdown -------------------------------------------------------------------------------
def _refs(ids: tuple[str, ...], mark: dict[str, int]) -> str:
    return f"[{', '.join(str(mark[s]) for s in ids)}]"


def _claim_block(c: Any, lang: str, mark: dict[str, int]) -> list[str]:
    """One claim: who said it and when, the quote, then the verdict that judges it."""
    said = t(lang, "briefing.said", speaker=md_text(c.speaker), date=c.date)
    return [
        f"### {md_text(c.claim_id)}",
        "",
        f"> {md_text(c.quote)}",
        ">",
        f"> — {said}",
        "",
        f"**{c.verdict_label(lang)}.** {md_text(c.explanation[lang])} {_refs(c.sources, mark)}",
        "",
    ]


def source_markdown(source: pd.Series, langs: tuple[str, ...]) -> str:
    """A sources.csv row as a Markdown citation: producer, linked title, part, year.

    A source without an http(s) address says so ('not online'), in each of ``langs``.
    """
    year = str(source["date_published"])[:4] or "n.d."
    edition = source["edition"] if source["edition"] not in ("", year) else ""
    title = source["title"] + (f" ({edition})" if edition else "")
    text = (
        f"{md_text(source['producer'])}, {md_link(title, source['url'])}, {md_text(source['table_or_page'])}"
    )
    offline = " / ".join(t(lang, "briefing.not_online") for lang in langs)
    return f"{text}, {year}." + ("" if md_link("x", source["url"]) != "x" else f" {offline}.")


def briefing_markdown(
    figures: list[KeyFigure],
    checks: list[Any],
    alt_texts: dict[tuple[str, str], tuple[str, str]],
    sources: pd.DataFrame,
    data_hash: str,
    langs: tuple[str, ...] = LANGS,
) -> str:
    """briefing.md: key figures, each claim's quote then its verdict, chart alt text; sources linked.

    Text from the data is escaped (no HTML, links or images from a data file); sources are
    numbered once for all languages.
    """
    cites = sources.set_index("source_id")
    order = list(
        dict.fromkeys([s for f in figures for s in f.sources] + [s for c in checks for s in c.sources])
    )
    mark = {sid: i for i, sid in enumerate(order, 1)}
    lines: list[str] = []
    for lang in langs:
        title, figures_head = t(lang, "briefing.title"), t(lang, "briefing.figures")
        claims_head, charts_head = t(lang, "briefing.claims"), t(lang, "briefing.charts")
        lines += [f"# {title}", "", f"## {figures_head}", ""]
        lines += [f"- {md_text(f.sentence[lang])} {_refs(f.sources, mark)}" for f in figures]
        lines += ["", f"## {claims_head}", ""]
        for c in checks:
            lines += _claim_block(c, lang, mark)
        lines += [f"## {charts_head}", ""]
        lines += [
            f"- **{md_text(title)}**: {md_text(alt)}"
            for (_chart, lg), (title, alt) in sorted(alt_texts.items())
            if lg == lang
        ]
        lines.append("")
    heads = [t(lang, "briefing.sources") for lang in langs]
    lines += [f"## {' / '.join(heads)}", ""]
    lines += [f"{mark[sid]}. {source_markdown(cites.loc[sid], langs)}" for sid in order]
    lines += ["", t(langs[0], "briefing.data_package", hash=data_hash), ""]
    return "\n".join(lines)
