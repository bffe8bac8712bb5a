"""The fact-check site: every page of ``site/`` in every language, from Jinja2 templates.

Pages link to each other by relative paths, so the folder opens from disk (file://) and from
any static host; every script and style is inside it. Text comes from the message catalogs
(``_("key")`` in a template is ``poppy.i18n.t``), values from the frames, escaping from Jinja2's
autoescape (and ``poppy.escape.json_for_script`` inside ``<script>``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from importlib.resources import files
from typing import Any

import jinja2
import pandas as pd
from markupsafe import Markup

from poppy.checks.claimreview import RATINGS, review_of, short
from poppy.checks.claims import RELATIONS, ClaimCheck, baseline_table
from poppy.checks.factcheck import FactCheck
from poppy.data.frames import Frames
from poppy.data.loaders import cite
from poppy.escape import csv_cell, json_for_script, web_url
from poppy.fmt import number, percent_change, quantity
from poppy.i18n import LANGS, N_, t, text_lang, tn
from poppy.publish.briefing import KeyFigure
from poppy.publish.charts import CHARTS
from poppy.publish.site import vega
from poppy.publish.sizes import SIZES

STATIC = files("poppy.publish.site") / "static"
#: The chart each kind of claim is shown with (opinions have none).
CLAIM_CHARTS = {
    "change": "cultivation",
    "trend": "cultivation",
    "target": "cultivation",
    "ratio": "baselines",
    "share": "production",
    "rank": "coca",
}
#: Each language's name, written in that language (the language switch).
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}
#: The verdicts' colour classes (style.css), by ClaimReview rating.
VERDICT_CLASS = {5: "good", 3: "mixed", 2: "bad", 1: "bad"}
YES_NO = (N_("site.no"), N_("site.yes"))
#: The chart sizes offered for download, in words.
SIZE_NAMES = {"web": N_("site.size.web"), "social": N_("site.size.social"), "print": N_("site.size.print")}
SIZES_SHOWN = tuple(SIZE_NAMES)
FORMATS_SHOWN = ("png", "svg", "pdf")


@dataclass(frozen=True)
class Publisher:
    """Who publishes the site and where: ClaimReview's ``author`` and absolute ``url``.

    Without them the markup names no author and its ``url`` is the page's own file name,
    which JSON-LD resolves against the page's address wherever the folder is published.
    """

    name: str = ""
    url: str = ""
    site_url: str = ""


@cache
def _env(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("poppy.publish.site", "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=partial(t, lang),
        ngettext=lambda one, many, n, **kw: tn(lang, one, many, n, **kw),
        newstyle=False,
    )
    env.filters["number"] = lambda v, d=0: number(v, lang, d)
    # a quote kept in another language than the page's says so (screen readers, hyphenation)
    env.filters["lang_attr"] = lambda text: _lang_attr(text, lang)
    return env


def _lang_attr(text: str, page_lang: str) -> Markup | str:
    """' lang="en"' for a text in another language than the page's, else nothing."""
    other = text_lang(text)
    return Markup(f' lang="{other}"') if other != page_lang else ""


def _page(lang: str, template: str, path: str, langs: tuple[str, ...], **context: Any) -> bytes:
    """One page of ``lang`` at ``path`` (relative to the language's folder) as UTF-8 bytes.

    Its language switch leads to the same page in the next of ``langs`` (none with one language).
    """
    depth = path.count("/") + 1  # the language folder, then any subfolders
    other = langs[(langs.index(lang) + 1) % len(langs)]
    html = (
        _env(lang)
        .get_template(template)
        .render(
            lang=lang,
            other=other if other != lang else None,
            other_name=LANGUAGE_NAMES.get(other, other),
            root="../" * depth,
            path=path,
            **context,
        )
    )
    return html.encode()


def notebook_page(name: str, lang: str) -> str:
    """Where the page of the notebook file ``name`` is in the pack."""
    return f"site/{lang}/notebooks/{name.removesuffix('.ipynb')}.html"


#: A drawn text of a chart: its opening tag, its words (escaped), its closing tag.
_SVG_TEXT = re.compile(r"(<text\b[^>]*>)([^<]*)(</text>)")
#: A run of Latin-script words with no Cyrillic letter in it (a source title, a publisher), not
#: starting inside an entity such as &amp;.
_LATIN_RUN = re.compile(r"(?<![&#\w])[A-Za-z](?:[^<А-Яа-яЁё]*[A-Za-z0-9)])?")


def _mark_languages(svg: str, lang: str) -> str:
    """``svg`` with each run of words in another language than ``lang`` in a <tspan lang>.

    matplotlib draws a source line as one text ('Источник: UNODC, World Drug Report ...'); the
    tspan leaves its drawing as it is and tells a reader which words are English or Spanish.
    """

    def mark(run: re.Match[str]) -> str:
        other = text_lang(run.group())
        return run.group() if other == lang else f'<tspan lang="{other}">{run.group()}</tspan>'

    return _SVG_TEXT.sub(lambda m: m[1] + _LATIN_RUN.sub(mark, m[2]) + m[3], svg)


def inline_svg(svg: bytes, title: str, desc: str, ident: str, lang: str = "en") -> Markup:
    """A matplotlib SVG made fit to sit in a page of ``lang``, scaled by CSS.

    No XML prolog or metadata; a title and a description (the alt text) that screen readers
    announce, with ids made from ``ident``; words in another language marked with it.
    """
    text = _mark_languages(svg.decode(), lang)
    text = text[text.index("<svg") :]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, count=1, flags=re.S)
    text = re.sub(r"\s*<title>.*?</title>", "", text, count=1, flags=re.S)
    head = text.index(">") + 1
    opening = text[: head - 1]
    opening = re.sub(r' (width|height)="[^"]*"', "", opening)
    labels = f' role="img" aria-labelledby="{ident}-title {ident}-desc" class="chart-svg"'
    escape = jinja2.utils.markupsafe.escape  # type: ignore[attr-defined]
    return Markup(
        f'{opening}{labels}>\n <title id="{ident}-title">{escape(title)}</title>\n'
        f' <desc id="{ident}-desc">{escape(desc)}</desc>{text[head:]}'
    )


def source_ids(values: object) -> list[str]:
    """Every source id in ``values`` (a cell may name several, separated by ';'), each once, in order."""
    cells = [values] if isinstance(values, str) else list(values)  # type: ignore[call-overload]
    return list(
        dict.fromkeys(p.strip() for c in cells if isinstance(c, str) for p in c.split(";") if p.strip())
    )


#: Where in a document a value was read, in the words poppy uses most (sources.csv
#: ``table_or_page``): said in the page's language; any other part is shown as written.
PARTS = {
    "whole article": N_("source.part.whole_article"),
    "article": N_("source.part.article"),
    "whole release": N_("source.part.whole_release"),
    "whole press release": N_("source.part.whole_release"),
    "press release": N_("source.part.press_release"),
    "front-page story": N_("source.part.front_page_story"),
    "whole item": N_("source.part.whole_item"),
    "abstract": N_("source.part.abstract"),
    "speech": N_("source.part.speech"),
    "web page": N_("source.part.web_page"),
    "key findings": N_("source.part.key_findings"),
}


def _sources(frames: Frames, ids: object, lang: str = "en") -> list[dict[str, str]]:
    """The sources named by ``ids`` (each once, in order) as citation parts and a web address.

    The part of the document is in ``lang`` where PARTS knows it; titles stay as published.
    """
    rows = vega.source_records(frames)
    out = []
    for sid in source_ids(ids):
        if sid not in rows:
            continue
        r = rows[sid]
        out.append(
            {
                "id": sid,
                "producer": r["producer"],
                "title": r["title"] + (f" ({r['edition']})" if r["edition"] not in ("", r["title"]) else ""),
                "part": t(lang, PARTS[r["table_or_page"]])
                if r["table_or_page"] in PARTS
                else r["table_or_page"],
                "year": str(r["date_published"])[:4],
                "url": r["url"] if web_url(r["url"] or "") else "",
            }
        )
    return out


def _review(check: ClaimCheck, frames: Frames, lang: str, publisher: Publisher, path: str) -> dict | None:
    """The claim's ClaimReview (schema.org), or None for a statement without a checkable figure."""
    if check.verdict not in RATINGS:
        return None
    url = f"{publisher.site_url.rstrip('/')}/{lang}/{path}" if publisher.site_url else path.split("/")[-1]
    reviewer = (
        {"@type": "Organization", "name": publisher.name, "url": publisher.url}
        if publisher.name and publisher.url
        else None
    )
    return review_of(check, url, reviewer, frames.sources, lang)


#: The columns of a claim's baseline table: column -> (heading key, how a value is written).
BASELINE_COLUMNS: dict[str, tuple[str, Callable[[Any, str, str], str]]] = {
    "year": (N_("site.baselines.baseline"), lambda v, u, lang: str(v)),
    "value": (N_("site.baselines.value"), lambda v, u, lang: quantity(v, u, lang)),
    "ratio": (N_("site.baselines.ratio"), lambda v, u, lang: quantity(v, "times", lang, 1)),
    "percent": (N_("site.baselines.percent"), lambda v, u, lang: percent_change(v, lang)),
    "holds": (N_("site.baselines.holds"), lambda v, u, lang: t(lang, YES_NO[bool(v)])),
}


def _baselines(frames: Frames, check: ClaimCheck, lang: str) -> dict[str, Any] | None:
    """The claim's baseline-sensitivity table written out, or None when the claim has none."""
    table = baseline_table(frames, check.claim_id)
    if table is None:
        return None
    unit = str(table.attrs.get("unit", ""))
    heads = [t(lang, BASELINE_COLUMNS[c][0]) for c in BASELINE_COLUMNS]
    rows = [
        {
            "cells": [
                write(r[c], unit, lang)
                + (f" ({t(lang, RELATIONS[r['relation']])})" if c == "year" and r["relation"] else "")
                for c, (_, write) in BASELINE_COLUMNS.items()
            ],
            "holds": bool(r["holds"]),
            "source": r["source_id"],
        }
        for r in table.to_dict("records")
    ]
    return {
        "heads": heads,
        "rows": rows,
        "end_year": table.attrs.get("end_year"),
        "stated": table.attrs.get("stated"),
    }


def _chart_assets(chart: str, lang: str) -> dict[str, Any]:
    """Where a chart's page, embed page and files are, relative to the language folder."""
    return {
        "page": f"charts/{chart}.html",
        "embed": f"charts/{chart}-embed.html",
        "png": f"charts/files/web/{chart}.png",
        "csv": f"charts/{chart}.csv",
        "json": f"charts/{chart}.json",
    }


def site_files(
    frames: Frames,
    figures: list[KeyFigure],
    checks: list[ClaimCheck],
    chart_files: dict[str, bytes],
    alt: dict[tuple[str, str], tuple[str, str]],
    workbook: bytes,
    notebooks: dict[str, bytes] | None = None,
    langs: tuple[str, ...] = LANGS,
    publisher: Publisher = Publisher(),
    specs: dict[tuple[str, str], dict] | None = None,
    rendered: dict[str, tuple[str, str]] | None = None,
    kept: dict[str, bytes] | None = None,
) -> dict[str, bytes]:
    """Every file of ``site/`` as {path relative to the pack: bytes}.

    ``chart_files`` are the pack's chart files ('charts/en/web/coca.svg' -> bytes), ``alt`` the
    charts' (title, alt text) by (chart, language), ``workbook`` the briefing workbook,
    ``notebooks`` the notebooks by file name (their stored outputs are shown; None: no
    notebook pages). ``specs`` (Vega-Lite by chart and language) and ``rendered`` (notebook
    pages by name) are those parts made already; missing ones are made here. ``kept`` are
    notebook pages (by path) an earlier build made from the same inputs: they are used as they are.
    """
    out: dict[str, bytes] = {}
    for item in STATIC.iterdir():
        if item.is_file():
            out[f"site/assets/{item.name}"] = item.read_bytes()
    for item in (STATIC / "vendor").iterdir():
        if item.name.endswith((".js", ".LICENSE")):
            out[f"site/assets/vendor/{item.name}"] = item.read_bytes()
    for name, data in sorted(frames.files.items()):
        out[f"site/data/{name}"] = data
    out["site/data/poppy-briefing.xlsx"] = workbook
    for name, data in (notebooks or {}).items():
        out[f"site/notebooks/{name}"] = data
    from poppy.publish.site.notebooks import render_notebook  # nbconvert: only when a page is made

    kept = kept or {}
    made: dict[str, tuple[str, str] | None] = {
        name: (rendered or {}).get(name)
        or (None if all(notebook_page(name, lg) in kept for lg in langs) else render_notebook(data))
        for name, data in sorted((notebooks or {}).items())
    }
    out["site/index.html"] = (
        _env(langs[0])
        .get_template("landing.html")
        .render(langs=[(lg, LANGUAGE_NAMES.get(lg, lg)) for lg in langs], root="", lang=langs[0])
        .encode()
    )
    for lang in langs:
        out |= _language(frames, figures, checks, chart_files, alt, made, lang, langs, publisher, specs or {})
    out |= kept  # notebook pages an earlier build made from the same inputs
    return {path: out[path] for path in sorted(out)}


@dataclass(frozen=True)
class _Lang:
    """What every page of one language is made from."""

    frames: Frames
    chart_files: dict[str, bytes]
    alt: dict[tuple[str, str], tuple[str, str]]
    lang: str
    langs: tuple[str, ...]
    publisher: Publisher
    specs: dict[tuple[str, str], dict]
    common: dict[str, Any]

    def page(self, template: str, path: str, **context: Any) -> tuple[str, bytes]:
        """(its path in the pack, its bytes) of one page of this language."""
        html = _page(self.lang, template, path, self.langs, **{"pack": True, **self.common}, **context)
        return f"site/{self.lang}/{path}", html


def _language(
    frames: Frames,
    figures: list[KeyFigure],
    checks: list[ClaimCheck],
    chart_files: dict[str, bytes],
    alt: dict[tuple[str, str], tuple[str, str]],
    notebooks: dict[str, tuple[str, str] | None],
    lang: str,
    langs: tuple[str, ...],
    publisher: Publisher,
    specs: dict[tuple[str, str], dict],
) -> dict[str, bytes]:
    """The pages and downloads of one language, under site/<lang>/."""
    common = {"version": frames.version, "data_hash": frames.data_hash, "notebooks": list(notebooks)}
    ctx = _Lang(frames, chart_files, alt, lang, langs, publisher, specs, common)
    charts, out = _chart_items(ctx)
    claims = _claim_items(checks, lang)
    shown = [{"text": f.sentence[lang], "sources": _sources(frames, f.sources, lang)} for f in figures]
    pages = [
        ctx.page(
            "index.html",
            "index.html",
            title=t(lang, "site.index.title"),
            figures=shown,
            claims=claims,
            charts=charts,
        ),
        *(_claim_page(ctx, item, charts) for item in claims),
        ctx.page(
            "data.html",
            "data.html",
            title=t(lang, "site.data.title"),
            files=_data_files(frames),
            codebook=_codebook(frames),
            changelog=frames.files.get("CHANGELOG.md", b"").decode(),
        ),
        *(
            ctx.page(
                "notebook.html",
                notebook_page(name, lang).removeprefix(f"site/{lang}/"),
                # the notebook's own title is English: a page in another language names the file
                title=made[0] if text_lang(made[0]) == lang else t(lang, "site.notebook.title", name=name),
                body=Markup(made[1]),
                name=name,
            )
            for name, made in notebooks.items()
            if made is not None  # None: kept from an earlier build
        ),
    ]
    for item in charts:
        out |= _chart_pages(ctx, item)
    return out | dict(pages)


def factcheck_files(result: FactCheck, lang: str, publisher: Publisher, title: str) -> dict[str, bytes]:
    """The files of ``poppy factcheck --out``.

    claims.csv (the rows it used, to correct and run again with ``poppy claims --claims``) and
    a site/ of its verdicts in the pack's style: a page
    listing them and what needs review, and a page per checked claim (no charts).
    """
    frames = result.frames
    common = {"version": frames.version, "data_hash": frames.data_hash, "notebooks": [], "pack": False}
    ctx = _Lang(frames, {}, {}, lang, (lang,), publisher, {}, common)
    claims = _claim_items(result.checks, lang)
    out = {f"site/assets/{item.name}": item.read_bytes() for item in STATIC.iterdir() if item.is_file()}
    heading = t(lang, "factcheck.title", title=title)
    pages = [
        ctx.page("factcheck.html", "index.html", title=heading, claims=claims, review=result.review),
        *(_claim_page(ctx, item, []) for item in claims),
    ]
    # the rows checked and those left to fill; not the repeats, nor figures of no series
    left = {r.claim_id for r in result.review if r.claim_id in result.incomplete}
    used = result.rows[result.rows["claim_id"].isin({c.claim_id for c in result.checks} | left)]
    rows = used.map(csv_cell).to_csv(index=False, lineterminator="\n").encode("utf-8")
    return {"claims.csv": rows, **out, **dict(pages)}


def _chart_items(ctx: _Lang) -> tuple[list[dict[str, Any]], dict[str, bytes]]:
    """Each chart's title, alt text and page addresses, and its files copied for download."""
    charts, out = [], {}
    for chart in CHARTS:
        title, alt_text = ctx.alt[(chart, ctx.lang)]
        assets = _chart_assets(chart, ctx.lang)
        if f"charts/{ctx.lang}/web/{chart}.png" not in ctx.chart_files:  # a pack built without web PNGs
            assets["png"] = None
        charts.append({"id": chart, "title": title, "alt": alt_text, **assets})
        for size in SIZES_SHOWN:
            for fmt in FORMATS_SHOWN:
                key = f"charts/{ctx.lang}/{size}/{chart}.{fmt}"
                if key in ctx.chart_files:
                    out[f"site/{ctx.lang}/charts/files/{size}/{chart}.{fmt}"] = ctx.chart_files[key]
    return charts, out


def _claim_items(checks: list[ClaimCheck], lang: str) -> list[dict[str, Any]]:
    """Each check with its page address and title, its ClaimReview rating and its colour class."""
    return [
        {
            "check": c,
            "page": f"claims/{c.claim_id}.html",
            "title": _claim_title(c, lang),
            "rating": RATINGS.get(c.verdict),
            "tone": VERDICT_CLASS.get(RATINGS.get(c.verdict, 0), "none"),
        }
        for c in checks
    ]


def _claim_title(c: ClaimCheck, lang: str) -> str:
    """A claim page's title in the page's language.

    What was stated; for an opinion, the quote in its own words, or what the data say when the
    quote is in another language.
    """
    if c.verdict in RATINGS:
        return c.stated[lang]
    if text_lang(c.quote) == lang:
        return short(c.quote, 90)
    return t(lang, "site.claim.opinion_title", data=short(c.computed[lang], 80))


def _claim_page(ctx: _Lang, item: dict[str, Any], charts: list[dict[str, Any]]) -> tuple[str, bytes]:
    c, lang = item["check"], ctx.lang
    chart = CLAIM_CHARTS.get(c.kind)
    review = _review(c, ctx.frames, lang, ctx.publisher, item["page"])
    return ctx.page(
        "claim.html",
        item["page"],
        title=_claim_title(c, lang),
        item=item,
        appearance=_sources(ctx.frames, [c.source], lang),
        baselines=_baselines(ctx.frames, c, lang),
        chart=next((x for x in charts if x["id"] == chart), None),
        svg=_chart_svg(ctx.chart_files, chart, lang, ctx.alt, "claim") if chart else None,
        phone=_phone_image(ctx, chart) if chart else None,
        sources=_sources(ctx.frames, c.sources, lang),
        jsonld=Markup(json_for_script(review)) if review else None,
    )


def _chart_pages(ctx: _Lang, item: dict[str, Any]) -> dict[str, bytes]:
    """A chart's page, its embed page and the data behind it (CSV and metadata JSON)."""
    chart, lang, frames = item["id"], ctx.lang, ctx.frames
    texts = CHARTS[chart].texts(frames, lang)
    spec = ctx.specs.get((chart, lang)) or vega.spec(chart, frames, lang, texts)
    data = texts.data  # the same plotted values in every language
    context = {
        "chart": item,
        "spec": Markup(json_for_script(spec, None)),
        "locale": Markup(json_for_script(vega.format_locale(lang), None)),
        "sources": _sources(frames, data["source_id"].dropna().astype(str), lang),
        "table": vega.hover_frame(data, frames, lang),
    }
    downloads = [
        (
            t(lang, SIZE_NAMES[size], width=SIZES[size].pixels[0], height=SIZES[size].pixels[1]),
            [
                (fmt, f"files/{size}/{chart}.{fmt}")
                for fmt in FORMATS_SHOWN
                if f"charts/{lang}/{size}/{chart}.{fmt}" in ctx.chart_files
            ],
        )
        for size in SIZES_SHOWN
    ]
    svg = _chart_svg(ctx.chart_files, chart, lang, ctx.alt, "chart")
    base = f"site/{lang}"
    return dict(
        [
            ctx.page(
                "chart.html", item["page"], title=item["title"], svg=svg, downloads=downloads, **context
            ),
            ctx.page("embed.html", item["embed"], title=item["title"], **context),
            (f"{base}/{item['csv']}", _csv(data)),
            (f"{base}/{item['json']}", _metadata(frames, data, item, lang)),
        ]
    )


def _phone_image(ctx: _Lang, chart: str) -> dict[str, Any] | None:
    """The social-size PNG a phone shows instead of the wide chart (its text >= 9 CSS px at 375 px)."""
    if f"charts/{ctx.lang}/social/{chart}.png" not in ctx.chart_files:
        return None
    width, height = SIZES["social"].pixels
    return {
        "src": f"../charts/files/social/{chart}.png",
        "alt": ctx.alt[(chart, ctx.lang)][1],
        "width": width,
        "height": height,
    }


def _chart_svg(
    chart_files: dict[str, bytes],
    chart: str,
    lang: str,
    alt: dict[tuple[str, str], tuple[str, str]],
    ident: str,
) -> Markup | None:
    svg = chart_files.get(f"charts/{lang}/web/{chart}.svg")
    if svg is None:
        return None
    title, text = alt[(chart, lang)]
    return inline_svg(svg, title, text, f"{ident}-{chart}", lang)


def _csv(data: pd.DataFrame) -> bytes:
    """The plotted values as CSV, one row per plotted value (numbers in full: they round-trip)."""
    return data.to_csv(index=False, lineterminator="\n").encode()


def _metadata(frames: Frames, data: pd.DataFrame, item: dict[str, Any], lang: str) -> bytes:
    """The metadata JSON beside a chart's CSV: title, units, sources with citations, data version."""
    ids = source_ids(data["source_id"].dropna().astype(str))
    records = vega.source_records(frames)
    meta = {
        "title": item["title"],
        "description": item["alt"],
        "language": lang,
        "data": f"{item['id']}.csv",
        "units": sorted({str(u) for u in data["unit"].dropna()}),
        "columns": list(data.columns),
        "sources": [{"source_id": s, "citation": cite(records[s])} for s in ids if s in records],
        "data_version": frames.version,
    }
    return (json.dumps(meta, ensure_ascii=False, indent=2) + "\n").encode()


def _data_files(frames: Frames) -> list[dict[str, Any]]:
    """The data package's files for the data page: name, size, rows of a CSV."""
    return [
        {
            "name": name,
            "bytes": len(data),
            "rows": data.count(b"\n") - 1 if name.endswith(".csv") else None,
        }
        for name, data in sorted(frames.files.items())
    ]


def _codebook(frames: Frames) -> list[dict[str, Any]]:
    """Every table's fields with their unit and description (the frames' ``attrs``)."""
    book = []
    seen = set()
    for frame in frames.tables().values():
        name = frame.attrs.get("name")
        if not name or name in seen:
            continue
        seen.add(name)
        descriptions = frame.attrs.get("descriptions", {})
        units = frame.attrs.get("units", {})
        book.append(
            {
                "name": name,
                "title": frame.attrs.get("title", ""),
                "fields": [
                    {"name": col, "unit": units.get(col, ""), "description": descriptions.get(col, "")}
                    for col in descriptions
                ],
            }
        )
    return book
