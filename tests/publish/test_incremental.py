"""Incremental build: only the figures whose inputs changed are drawn, and the pack is
byte-identical to a clean build of the same data, catalogs and options."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

import poppy
from poppy import i18n
from poppy.data.frames import TABLES, Frames
from poppy.publish import charts, digests
from poppy.publish.build import MANIFEST, Options, build, stale
from poppy.publish.site.pages import CLAIM_CHARTS
from tests.conftest import edit_rows, set_cell

#: Both languages and every format, one size: the smallest pack that shows what each change touches.
MID = Options(langs=("en", "ru"), formats=("png", "svg", "pdf"), sizes=("web",))
TINY = Options(langs=("en",), formats=("svg",), sizes=("web",))


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture
def draws(monkeypatch) -> list[tuple[str, str, str]]:
    """Every figure drawn in this process, as (chart, lang, size); build with jobs=1 to see them all."""
    seen: list[tuple[str, str, str]] = []
    publish = charts.publish

    def spy(name: str, frames: Frames, lang: str = "en", size: str = "web") -> charts.Chart:
        seen.append((name, lang, size))
        return publish(name, frames, lang, size)

    monkeypatch.setattr(charts, "publish", spy)
    return seen


def _figures(options: Options, *names: str) -> list[tuple[str, str, str]]:
    return sorted((c, lang, size) for c in names for lang in options.langs for size in options.sizes)


def _files(options: Options, *names: str) -> set[str]:
    return {f"charts/{lang}/{s}/{c}.{f}" for c, lang, s in _figures(options, *names) for f in options.formats}


@pytest.mark.parametrize("name", list(charts.CHARTS))
def test_each_chart_declares_every_table_it_reads(name):
    """A table read but not declared would leave the chart stale after that table changed."""
    read: set[str] = set()

    class Recording(Frames):
        def __getattribute__(self, attr: str):
            if attr in TABLES:
                read.add(attr)
            return object.__getattribute__(self, attr)

    frames = poppy.load_all()
    spy = Recording(**{f.name: getattr(frames, f.name) for f in dataclasses.fields(frames)})
    charts.publish(name, spy, "ru", "web").to_bytes("svg")
    assert read and read <= set(charts.CHARTS[name].inputs)


def test_a_changed_coca_value_redraws_only_the_coca_chart_and_equals_a_clean_build(
    tmp_path, data_copy, draws
):
    out, clean = tmp_path / "pack", tmp_path / "clean"
    build(out, poppy.load_all(data_copy), MID, jobs=1)
    before = _tree(out)
    edit_rows(
        data_copy, "coca.csv", lambda rows: set_cell(rows, "value", "35500", country="Bolivia", year="2024")
    )
    frames = poppy.load_all(data_copy)
    build(clean, frames, MID, jobs=2)  # two workers: their files equal those drawn in this process
    changed = sorted(p for p, b in _tree(clean).items() if before.get(p) != b)
    assert stale(out, frames) == changed
    draws.clear()

    result = build(out, frames, MID, jobs=1)

    assert sorted(draws) == _figures(MID, "coca")
    assert _tree(out) == _tree(clean)
    assert sorted(result.written) == changed
    chart_files = {p for p in changed if p.startswith("charts/") and not p.endswith("alt-text.json")}
    assert chart_files == _files(MID, "coca")
    alt_text = {f"charts/{lang}/alt-text.json" for lang in MID.langs}
    site = {p for p in changed if p.startswith("site/")}
    assert set(changed) - chart_files - site <= {
        "briefing/briefing.md",
        "briefing/poppy-briefing.xlsx",
        MANIFEST,
        *alt_text,
    }
    # the site pages that show the value: the coca chart's page, files and data, the claim shown
    # with it, the index (the chart's alt text), the data page and downloads; nothing else
    coca_claims = {
        c
        for c, kind in zip(frames.claims["claim_id"], frames.claims["metric"], strict=True)
        if CLAIM_CHARTS.get(kind) == "coca"
    }
    shows = ("/data.html", "/index.html", "data/datapackage.json", "data/coca.csv", "poppy-briefing.xlsx")
    assert {p for p in site if "/charts/" in p} == {
        f"site/{lang}/charts/{name}"
        for lang in MID.langs
        for name in (
            "coca.html",
            "coca-embed.html",
            "coca.csv",
            "coca.json",
            *(f"files/{size}/coca.{fmt}" for size in MID.sizes for fmt in MID.formats),
        )
    }
    others = {p for p in site if "/charts/" not in p}
    assert others == {p for p in others if p.endswith(shows) or Path(p).stem in coca_claims}
    assert {f"site/{lang}/claims/{c}.html" for lang in MID.langs for c in coca_claims} <= others
    assert stale(out, frames) == []


def test_the_manifest_records_each_files_input_digest(tmp_path):
    result = build(tmp_path, poppy.load_all(), TINY, jobs=1)
    files, inputs = result.manifest["files"], result.manifest["inputs"]
    assert set(inputs) == set(files)
    charts_only = {p: d for p, d in inputs.items() if p.startswith("charts/") and p.endswith(".svg")}
    assert len(set(charts_only.values())) == len(charts_only) == len(charts.CHARTS)  # one per figure
    assert len({d for p, d in inputs.items() if p not in charts_only}) == 1  # the rest reads everything


@pytest.fixture
def ru_catalog(tmp_path, monkeypatch) -> Path:
    """A copy of the catalogs that poppy reads instead of its own; returns the Russian one."""
    locales = tmp_path / "locales"
    shutil.copytree(i18n.LOCALES, locales)
    monkeypatch.setattr(i18n, "LOCALES", locales)
    i18n._translations.cache_clear()
    yield locales / "ru" / "LC_MESSAGES" / "poppy.po"
    i18n._translations.cache_clear()


def test_a_changed_russian_message_redraws_the_russian_charts_only(tmp_path, ru_catalog, draws):
    options = dataclasses.replace(TINY, langs=("en", "ru"))
    out, clean = tmp_path / "pack", tmp_path / "clean"
    build(out, poppy.load_all(), options, jobs=1)
    text = ru_catalog.read_text(encoding="utf-8")
    ru_catalog.write_text(
        text.replace('msgstr "Боливия"', 'msgstr "Боливия (Многонац. Гос-во)"'), encoding="utf-8"
    )
    i18n._translations.cache_clear()
    draws.clear()

    result = build(out, poppy.load_all(), options, jobs=1)

    assert sorted(draws) == _figures(dataclasses.replace(options, langs=("ru",)), *charts.CHARTS)
    assert "charts/ru/web/coca.svg" in result.written and "charts/en/web/coca.svg" not in result.written
    build(clean, poppy.load_all(), options, jobs=1)
    assert _tree(out) == _tree(clean)


def test_new_sizes_and_formats_draw_only_what_is_missing(tmp_path, draws):
    out, clean = tmp_path / "pack", tmp_path / "clean"
    build(out, poppy.load_all(), TINY, jobs=1)
    more = dataclasses.replace(TINY, formats=("svg", "png"), sizes=("web", "social"))
    draws.clear()

    result = build(out, poppy.load_all(), more, jobs=1)

    # web figures are drawn once more, for their PNG only; social ones for both formats
    assert sorted(draws) == _figures(more, *charts.CHARTS)
    assert not any(p.endswith(".svg") and "/web/" in p for p in result.written)
    build(clean, poppy.load_all(), more, jobs=1)
    assert _tree(out) == _tree(clean)


def test_a_damaged_or_missing_chart_file_is_drawn_again_not_trusted(tmp_path, draws):
    build(tmp_path, poppy.load_all(), TINY, jobs=1)
    good = _tree(tmp_path)
    damaged, missing = tmp_path / "charts/en/web/coca.svg", tmp_path / "charts/en/web/baselines.svg"
    damaged.write_bytes(damaged.read_bytes()[:-10] + b"<!-- x -->")  # same length, other bytes
    missing.unlink()
    draws.clear()

    result = build(tmp_path, poppy.load_all(), TINY, jobs=1)

    assert sorted(draws) == [("baselines", "en", "web"), ("coca", "en", "web")]
    assert sorted(result.written) == ["charts/en/web/baselines.svg", "charts/en/web/coca.svg"]
    assert _tree(tmp_path) == good


def test_changed_code_redraws_everything(tmp_path, monkeypatch, draws):
    build(tmp_path, poppy.load_all(), TINY, jobs=1)
    monkeypatch.setattr(digests, "_library_versions", lambda libraries=(): "matplotlib==0.0-other")
    draws.clear()
    result = build(tmp_path, poppy.load_all(), TINY, jobs=1)
    assert sorted(draws) == _figures(TINY, *charts.CHARTS)
    assert result.written == [MANIFEST]  # same bytes drawn again; only the recorded hashes change


def test_a_manifest_without_input_digests_reuses_nothing(tmp_path, draws):
    build(tmp_path, poppy.load_all(), TINY, jobs=1)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    manifest["inputs"] = "not a table"
    manifest["data_hash"] = "sha256:other"  # so that the pack is not taken as current as a whole
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    draws.clear()
    build(tmp_path, poppy.load_all(), TINY, jobs=1)
    assert sorted(draws) == _figures(TINY, *charts.CHARTS)


def test_notebook_pages_are_reused_until_a_notebook_or_the_site_changes(tmp_path, data_copy, monkeypatch):
    from poppy.publish.build import Site
    from poppy.publish.site import notebooks as nb_module
    from tests.conftest import repo_site

    site = repo_site()
    out, clean = tmp_path / "pack", tmp_path / "clean"
    build(out, poppy.load_all(data_copy), TINY, jobs=1, site=site)
    edit_rows(
        data_copy, "coca.csv", lambda rows: set_cell(rows, "value", "35500", country="Bolivia", year="2024")
    )
    frames = poppy.load_all(data_copy)
    made: list[bytes] = []
    real = nb_module.render_notebook
    monkeypatch.setattr(nb_module, "render_notebook", lambda data: made.append(data) or real(data))
    result = build(out, frames, TINY, jobs=1, site=site)
    assert made == []  # no notebook page was rendered again
    assert not [p for p in result.written if "/notebooks/" in p]
    build(clean, frames, TINY, jobs=1, site=site)
    assert _tree(out) == _tree(clean)
    first, *rest = site.notebooks
    changed = Site(
        ((first[0], first[1].replace(b"Afghan", b"Afghan ", 1)), *rest), *dataclasses.astuple(site)[1:]
    )
    made.clear()
    result = build(out, frames, TINY, jobs=1, site=changed)
    assert len(made) == len(site.notebooks)  # a changed notebook: every notebook page is made again
    assert f"site/en/notebooks/{first[0].removesuffix('.ipynb')}.html" in result.written


def test_a_changelog_edit_makes_the_pack_stale_and_reaches_the_site(tmp_path, data_copy):
    out = tmp_path / "pack"
    build(out, poppy.load_all(data_copy), TINY, jobs=1)
    with open(data_copy / "CHANGELOG.md", "a", encoding="utf-8") as fh:
        fh.write("\n- a note about a revision\n")  # not a resource: the descriptor does not pin it
    frames = poppy.load_all(data_copy)
    assert "site/data/CHANGELOG.md" in stale(out, frames)
    build(out, frames, TINY, jobs=1)
    assert (out / "site" / "data" / "CHANGELOG.md").read_bytes() == (data_copy / "CHANGELOG.md").read_bytes()
    assert "a note about a revision" in (out / "site" / "en" / "data.html").read_text()


def test_site_pages_a_build_no_longer_makes_are_removed(tmp_path):
    from tests.conftest import repo_site

    out, frames = tmp_path / "pack", poppy.load_all()
    build(out, frames, MID, jobs=2, site=repo_site())
    assert (out / "site" / "ru" / "index.html").is_file()
    assert (out / "site" / "en" / "notebooks" / "01_cultivation_trend.html").is_file()
    (out / "site" / "en" / "old-page.html").write_text("stale")
    (out / "elsewhere.txt").write_text("not poppy's")  # outside site/: carried over

    assert "site/en/old-page.html" in stale(out, frames, TINY)
    result = build(out, frames, TINY, jobs=1)  # English only, no notebooks

    assert "site/en/old-page.html" in result.removed and "site/ru/index.html" in result.removed
    assert not (out / "site" / "ru").exists() and not (out / "site" / "en" / "notebooks").exists()
    assert (out / "elsewhere.txt").read_text() == "not poppy's"
    assert (out / "charts" / "ru" / "web" / "coca.png").is_file()  # other pack files: as before
    assert stale(out, frames, TINY) == []
