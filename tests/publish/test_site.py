"""The fact-check site in the pack, read as files: every page there, well formed, linked,
escaped, with the numbers of the data and a ClaimReview where a claim was checked.

The same pages in a real browser (console, network, axe-core, tooltips, phone width) are
tests/publish/test_site_browser.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pandas as pd
import pytest

import poppy
from poppy.checks.claimreview import RATINGS
from poppy.checks.claims import check_claims
from poppy.fmt import quantity
from poppy.i18n import LANGS
from poppy.publish.briefing import key_figures
from poppy.publish.charts import CHARTS
from poppy.publish.site import Publisher, site_files, vega
from poppy.publish.site.pages import CLAIM_CHARTS, inline_svg

HEADINGS = {f"h{n}": n for n in range(1, 7)}


class Page(HTMLParser):
    """What a test needs of a page: lang, headings, links, sources, images, JSON-LD, ids."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.headings: list[int] = []
        self.links: list[str] = []
        self.sources: list[str] = []
        self.images: list[dict[str, str | None]] = []
        self.jsonld: list[str] = []
        self.ids: list[str] = []
        self._script: str | None = None
        self._buffer: list[str] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang") or ""
        if tag in HEADINGS:
            self.headings.append(HEADINGS[tag])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe") and a.get("src"):
            self.sources.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") == "stylesheet":
            self.sources.append(a["href"])
        if tag == "img":
            self.images.append(a)
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "script":
            self._script, self._buffer = a.get("type") or "", []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            if self._script == "application/ld+json":
                self.jsonld.append("".join(self._buffer))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._buffer.append(data)
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def site(built_pack) -> Path:
    return built_pack[0] / "site"


def pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_every_page_is_there_in_every_language(site):
    frames = poppy.load_all()
    for lang in LANGS:
        expected = {"index.html", "data.html"}
        expected |= {f"claims/{c}.html" for c in frames.claims["claim_id"]}
        expected |= {f"charts/{c}.html" for c in CHARTS} | {f"charts/{c}-embed.html" for c in CHARTS}
        expected |= {
            f"notebooks/{p.stem}.html" for p in (Path(__file__).parents[2] / "notebooks").glob("*.ipynb")
        }
        have = {p.relative_to(site / lang).as_posix() for p in pages(site / lang)}
        assert have == expected, lang
    assert (site / "index.html").is_file()


def test_pages_are_well_formed_with_one_h1_and_ordered_headings(site):
    for path in pages(site):
        page = Page(path.read_text())
        lang = path.relative_to(site).parts[0] if path.parent != site else "en"
        assert page.lang == lang, path
        if path.name.endswith("-embed.html") or path == site / "index.html":
            assert page.headings[:1] == [1], path
            continue
        assert page.headings.count(1) == 1 and page.headings[0] == 1, path
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, (path, page.headings)
        assert len(page.ids) == len(set(page.ids)), (path, [i for i in page.ids if page.ids.count(i) > 1])
        assert all(img.get("alt") for img in page.images), path


def _target(page: Path, href: str) -> Path | None:
    """The file an internal link leads to (None for a web address or an in-page anchor)."""
    parts = urlsplit(href)
    if parts.scheme or not parts.path:
        return None
    return (page.parent / unquote(parts.path)).resolve()


def test_every_internal_link_and_download_resolves_and_nothing_loads_from_outside(site):
    checked = 0
    for path in pages(site):
        page = Page(path.read_text())
        for src in page.sources:  # scripts, styles, images: only from inside site/ (or inline)
            if src.startswith("data:image/png;base64,"):
                continue
            assert not urlsplit(src).scheme, (path, src)
            target = _target(path, src)
            assert target is not None and target.is_file() and target.is_relative_to(site.resolve()), (
                path,
                src,
            )
        for href in page.links:
            parts = urlsplit(href)
            assert parts.scheme in ("", "http", "https"), (path, href)
            target = _target(path, href)
            if target is None:
                continue
            assert target.is_file() and target.is_relative_to(site.resolve()), (path, href)
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in Page(target.read_text()).ids, (path, href)
            checked += 1
    assert checked > 400


def test_language_switch_leads_to_the_same_page_in_the_other_language(site):
    for path in pages(site / "en"):
        rel = path.relative_to(site / "en").as_posix()
        if rel.endswith("-embed.html"):
            continue
        text = path.read_text()
        assert 'hreflang="ru"' in text, rel
        depth = "../" * (rel.count("/") + 1)
        assert f'href="{depth}ru/{rel}"' in text, rel
        assert (site / "ru" / rel).is_file()


def test_claim_pages_carry_their_claimreview_with_their_own_url(site):
    frames = poppy.load_all()
    checks = {c.claim_id: c for c in check_claims(frames)}
    for lang in LANGS:
        for claim_id, check in checks.items():
            page = Page((site / lang / "claims" / f"{claim_id}.html").read_text())
            if check.verdict not in RATINGS:
                assert page.jsonld == [], claim_id
                continue
            (block,) = page.jsonld
            review = json.loads(block)
            assert review["@type"] == "ClaimReview" and review["@context"] == "https://schema.org"
            assert review["url"] == f"https://factcheck.example.org/poppy/{lang}/claims/{claim_id}.html"
            assert review["claimReviewed"] and len(review["claimReviewed"]) <= 75
            rating = review["reviewRating"]
            assert rating["ratingValue"] == RATINGS[check.verdict] and rating["alternateName"]
            assert review["author"] == {
                "@type": "Organization",
                "name": "Example Fact Check",
                "url": "https://factcheck.example.org/",
            }
            assert review["itemReviewed"]["@type"] == "Claim"
            assert review["itemReviewed"]["appearance"]["text"] == check.quote
            assert review["inLanguage"] == lang


def _site_for(frames, publisher: Publisher | None = None, langs=LANGS, notebooks=None):
    """site_files for ``frames`` with stand-in chart files (the pages, not the charts, are tested)."""
    alt = {
        (c, lang): (CHARTS[c].texts(frames, lang).title, CHARTS[c].texts(frames, lang).alt)
        for c in CHARTS
        for lang in langs
    }
    svg = (
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="5pt" '
        b'viewBox="0 0 10 5">\n <title>x</title>\n</svg>\n'
    )
    chart_files = {f"charts/{lang}/web/{c}.svg": svg for c in CHARTS for lang in langs}
    return site_files(
        frames,
        key_figures(frames),
        check_claims(frames),
        chart_files,
        alt,
        b"xlsx",
        notebooks,
        langs,
        publisher or Publisher(),
    )


def test_without_a_site_address_claimreview_url_is_the_pages_own_file():
    files = _site_for(poppy.load_all())
    review = json.loads(Page(files["site/en/claims/isaf-26-times.html"].decode()).jsonld[0])
    assert review["url"] == "isaf-26-times.html"  # JSON-LD resolves it against the page's address
    assert "author" not in review


def test_text_from_the_data_is_escaped_in_pages_and_json_ld(data_copy):
    from tests.conftest import edit_rows, set_cell

    hostile = 'Ivanov said </script><script>alert(1)</script> & <b>"26 times"</b>'
    edit_rows(
        data_copy, "claims.csv", lambda rows: set_cell(rows, "quote", hostile, claim_id="isaf-26-times")
    )
    files = _site_for(poppy.load_all(data_copy))
    text = files["site/en/claims/isaf-26-times.html"].decode()
    markup = re.sub(r'<script type="application/ld\+json">.*?</script>', "", text, flags=re.S)
    assert "<script>alert(1)" not in markup and "<b>" not in markup
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in text
    page = Page(text)
    (block,) = page.jsonld
    assert "</script>" not in block and json.loads(block)["itemReviewed"]["appearance"]["text"] == hostile
    assert hostile in "".join(page.text)  # shown as written, not interpreted


def test_one_language_has_no_switch_and_pages_only_in_it():
    files = _site_for(poppy.load_all(), langs=("ru",))
    assert not any(p.startswith("site/en/") for p in files)
    assert b"lang-switch" not in files["site/ru/index.html"]


def test_chart_data_download_is_exactly_the_plotted_values_with_sources(site):
    frames = poppy.load_all()
    for lang in LANGS:
        for chart in CHARTS:
            plotted = CHARTS[chart].texts(frames, lang).data
            got = pd.read_csv(site / lang / "charts" / f"{chart}.csv")
            assert list(got.columns) == list(plotted.columns)
            assert len(got) == len(plotted)
            assert got["value"].astype(float).tolist() == plotted["value"].astype(float).tolist()
            assert got["source_id"].tolist() == plotted["source_id"].astype(str).tolist()
            meta = json.loads((site / lang / "charts" / f"{chart}.json").read_text())
            assert meta["title"] == CHARTS[chart].texts(frames, lang).title
            assert meta["data_version"] == frames.version
            assert meta["units"] and all(s["citation"] for s in meta["sources"])
            cited = {s["source_id"] for s in meta["sources"]}
            assert cited == {p for cell in plotted["source_id"].dropna() for p in str(cell).split(";")}


def test_interactive_charts_plot_the_same_numbers_in_both_languages():
    frames = poppy.load_all()
    for chart in CHARTS:
        plotted = CHARTS[chart].texts(frames, "en").data
        for lang in LANGS:
            spec = vega.spec(chart, frames, lang)
            values = [row for rows in spec["datasets"].values() for row in rows if row.get("value_text")]
            assert sorted(r["value"] for r in values) == sorted(plotted["value"].astype(float))
            assert "width" not in json.dumps(spec)  # sized to its container by site.js
    # the tooltip writes numbers as the language does (CLDR): a no-break space groups in Russian
    rows = vega.hover_frame(CHARTS["cultivation"].texts(frames, "ru").data, frames, "ru")
    row = rows[rows["year"] == 2013].iloc[0]
    value = frames.cultivation.set_index("year").loc[2013, "value"]
    assert row["value_text"] == quantity(value, "ha", "ru")
    assert re.fullmatch(r"\d{1,3}(\u00a0\d{3})+\u00a0га", row["value_text"])
    assert vega.format_locale("ru")["decimal"] == "," and vega.format_locale("en")["thousands"] == ","


def test_inline_svg_is_titled_and_described_for_screen_readers(site):
    frames = poppy.load_all()
    alt = CHARTS["coca"].texts(frames, "en").alt
    text = (site / "en" / "charts" / "coca.html").read_text()
    assert '<svg xmlns:xlink="http://www.w3.org/1999/xlink"' in text and "<?xml" not in text
    assert 'role="img" aria-labelledby="chart-coca-title chart-coca-desc"' in text
    assert f'<desc id="chart-coca-desc">{alt}' in text.replace("&#39;", "'")
    assert text.count("<title") == 2  # the page's and the chart's
    bare = inline_svg(
        b'<svg width="1pt" height="1pt" viewBox="0 0 1 1">\n <title>old</title>\n</svg>', "T <&>", "D", "x"
    )
    assert (
        'width="1pt"' not in bare
        and '<title id="x-title">T &lt;&amp;&gt;</title>' in bare
        and "old" not in bare
    )
    drawn = '<svg viewBox="0 0 1 1"><text x="0">Источник: UNODC, A &amp; B (1999); и ещё</text></svg>'
    ru = inline_svg(drawn.encode(), "T", "D", "x", "ru")  # a source title in a Russian chart
    assert '<text x="0">Источник: <tspan lang="en">UNODC, A &amp; B (1999)</tspan>; и ещё</text>' in ru


def test_claim_pages_show_the_baseline_search_and_their_chart(site):
    frames = poppy.load_all()
    text = (site / "en" / "claims" / "isaf-26-times.html").read_text()
    rows = re.findall(r'<tr class="holds"><th scope="row">([^<]+)</th>', text)
    assert rows == ["2001", "2001 (rounded)"]  # the only baselines that make '26 times' true
    assert 'aria-labelledby="claim-baselines-title' in text
    for check in check_claims(frames):
        page = (site / "en" / "claims" / f"{check.claim_id}.html").read_text()
        chart = CLAIM_CHARTS.get(check.kind)
        assert (f'href="../charts/{chart}.html"' in page) == bool(chart), check.claim_id
    ru = (site / "ru" / "claims" / "fields-2007-2013.html").read_text()
    claim = frames.claims.set_index("claim_id").loc["fields-2007-2013"]
    assert quantity(claim["stated_start"], "ha", "ru") in ru  # the stated 193,000 ha, as Russian writes it


def test_data_page_offers_every_table_the_workbook_and_the_changelog(site, built_pack):
    frames = poppy.load_all()
    text = (site / "en" / "data.html").read_text()
    for name, data in frames.files.items():
        assert (site / "data" / name).read_bytes() == data
        assert f'href="../data/{name}"' in text
    assert (site / "data" / "poppy-briefing.xlsx").read_bytes() == (
        built_pack[0] / "briefing" / "poppy-briefing.xlsx"
    ).read_bytes()
    assert frames.version in text and frames.data_hash in text
    for field in frames.cultivation.attrs["descriptions"]:
        assert f"<code>{field}</code>" in text


def test_notebook_pages_show_the_stored_outputs(site):
    import nbformat

    nb = nbformat.read(Path(__file__).parents[2] / "notebooks" / "01_cultivation_trend.ipynb", as_version=4)
    stored = next(
        o["text"] for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("name") == "stdout"
    )
    page = (site / "ru" / "notebooks" / "01_cultivation_trend.html").read_text()
    assert '<div class="notebook" lang="en">' in page
    assert stored.strip().splitlines()[0].replace("&", "&amp;").replace("<", "&lt;")[:40] in page
    assert "data:image/png;base64," in page


def test_site_files_are_reproducible():
    frames = poppy.load_all()
    assert _site_for(frames) == _site_for(frames)


def test_vendored_scripts_are_the_pinned_npm_builds_altair_expects():
    import hashlib

    import altair as alt

    root = Path(__file__).resolve().parents[2]
    lock = json.loads((root / "tools" / "js" / "package-lock.json").read_text())["packages"]
    shipped_dir = root / "src" / "poppy" / "publish" / "site" / "static" / "vendor"
    for folder in (shipped_dir, root / "tests" / "vendor"):
        records = json.loads((folder / "vendor.json").read_text())
        for name, record in records.items():
            assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == record["sha256"], name
            assert lock[f"node_modules/{record['package']}"]["version"] == record["version"], name
    shipped = json.loads((shipped_dir / "vendor.json").read_text())
    assert shipped["vega-lite.min.js"]["version"] == alt.VEGALITE_VERSION  # the schema altair validates
    assert shipped["vega.min.js"]["version"].split(".")[0] == alt.VEGA_VERSION.split(".")[0]


@pytest.mark.parametrize("name", ["../../x.ipynb", "sub/x.ipynb", "x.txt", ".hidden.ipynb"])
def test_a_notebook_name_cannot_leave_the_site(name):
    from poppy.errors import OptionError
    from poppy.publish.build import Site

    with pytest.raises(OptionError, match="plain file name"):
        Site(((name, b"{}"),))
