"""poppy build: complete, reproducible, atomic; charts of the right size, language and text."""

from __future__ import annotations

import hashlib
import io
import json
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from openpyxl import load_workbook
from PIL import Image

import poppy
from poppy.publish import build as build_mod
from poppy.publish import charts
from poppy.publish.briefing import key_figures
from poppy.publish.briefing_workbook import workbook_bytes
from poppy.publish.build import Options, build, stale
from tests.conftest import edit_rows, repo_site, set_cell

SMALL = Options(langs=("en",), formats=("png", "svg"), sizes=("web",))


@pytest.fixture(scope="module")
def pack(built_pack) -> tuple[Path, build_mod.Result]:
    return built_pack


def _hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_full_pack_is_complete(pack):
    out, result = pack
    files = result.manifest["files"]
    chart_files = [p for p in files if p.startswith("charts/") and not p.endswith(".json")]
    assert len(chart_files) == len(charts.CHARTS) * 2 * 3 * 3
    for path, digest in files.items():
        assert digest == "sha256:" + hashlib.sha256((out / path).read_bytes()).hexdigest(), path
    assert result.manifest["data_hash"] == poppy.load_cultivation().attrs["data_hash"]


def test_second_build_rewrites_nothing_and_gives_the_same_manifest(pack):
    out, first = pack
    before = {p.name: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = build(out, poppy.load_all(), site=repo_site())
    assert again.written == []
    assert again.manifest == first.manifest
    assert before == {p.name: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("size", "pixels", "dpi"),
    [("web", (1200, 675), 150), ("social", (1080, 1080), 180), ("print", (1748, 1181), 300)],
)
def test_png_sizes(pack, size, pixels, dpi):
    out, _ = pack
    for path in (out / "charts").glob(f"*/{size}/*.png"):
        with Image.open(path) as img:
            assert img.size == pixels, path
            assert round(img.info["dpi"][0]) == dpi


def test_svgs_parse_and_carry_the_title(pack):
    out, _ = pack
    alt = json.loads((out / "charts/en/alt-text.json").read_text())
    for chart, texts in alt.items():
        root = ET.parse(out / f"charts/en/web/{chart}.svg").getroot()
        words = " ".join(t for el in root.iter() if el.text for t in [el.text])
        assert texts["title"].split()[0] in words
        assert texts["title"] in words  # full title in the SVG metadata (dc:title)


def test_russian_charts_have_cyrillic_titles_and_russian_numbers(pack):
    out, _ = pack
    alt = json.loads((out / "charts/ru/alt-text.json").read_text())
    assert all(any("а" <= ch <= "я" for ch in t["title"]) for t in alt.values())
    svg = (out / "charts/ru/web/cultivation.svg").read_text()
    assert "209\u00a0000\u00a0га" in svg and "Запрет талибов" in svg
    assert "209,000" not in svg


def test_pdfs_are_pdfs(pack):
    out, _ = pack
    for path in (out / "charts").glob("*/*/*.pdf"):
        assert path.read_bytes()[:5] == b"%PDF-"


def test_workbook_reads_back_with_the_data_and_no_formulas(pack):
    out, _ = pack
    wb = load_workbook(out / "briefing/poppy-briefing.xlsx")
    assert {"Key figures", "Cultivation", "Production", "Claim checks", "Sources"} <= set(wb.sheetnames)
    ws = wb["Cultivation"]
    header = [c.value for c in ws[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)}
    cult = poppy.load_cultivation().set_index("year")
    for year in (2001, 2007, 2013):
        assert rows[year]["value"] == cult.loc[year, "value"]
    assert rows[2013]["low"] == 173_000 and rows[1995]["value"] is None
    assert ws.freeze_panes == "A2"
    for sheet in wb:
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row), sheet.title
    dashed = [
        c
        for sheet in wb
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("-")
    ]
    assert dashed and all(c.data_type == "s" for c in dashed)  # e.g. the note '-94% vs 2000.'


def test_injected_formula_label_stays_text(data_copy):
    evil = '=HYPERLINK("http://evil.example","click")'
    edit_rows(
        data_copy,
        "afghanistan_opium.csv",
        lambda rows: set_cell(rows, "note", evil, year="2013", measure="cultivation"),
    )
    frames = poppy.load_all(data_copy)
    raw = workbook_bytes(frames, key_figures(frames), [], {})
    ws = load_workbook(io.BytesIO(raw))["Cultivation"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == evil]
    assert len(cells) == 1 and cells[0].data_type == "s"


def test_workbook_bytes_are_reproducible():
    frames = poppy.load_all()
    figures = key_figures(frames)
    assert workbook_bytes(frames, figures, [], {}) == workbook_bytes(frames, figures, [], {})


def test_failure_midway_leaves_the_previous_pack_unchanged(tmp_path, data_copy, monkeypatch):
    out = tmp_path / "pack"
    build(out, poppy.load_all(data_copy), options=SMALL, jobs=1)
    before = _hashes(out)
    edit_rows(
        data_copy,
        "afghanistan_opium.csv",
        lambda rows: set_cell(rows, "value", "210000", year="2013", measure="cultivation"),
    )

    def broken(*args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setitem(charts.CHARTS, "coca", charts.Spec(broken, broken))
    with pytest.raises(RuntimeError, match="renderer crashed"):
        build(out, poppy.load_all(data_copy), options=SMALL, jobs=1)
    assert _hashes(out) == before
    assert plt.get_fignums() == []


def test_killed_build_leaves_the_previous_pack_whole(tmp_path, data_copy):
    out = tmp_path / "pack"
    args = ["--lang", "en", "--formats", "png,svg", "--sizes", "web,social,print"]  # ~5 s of rendering
    subprocess.run(
        [sys.executable, "-m", "poppy", "build", "--out", str(out), *args], check=True, capture_output=True
    )
    before = _hashes(out)
    edit_rows(
        data_copy,
        "afghanistan_opium.csv",
        lambda rows: set_cell(rows, "value", "210000", year="2013", measure="cultivation"),
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "poppy",
            "build",
            "--out",
            str(out),
            "--data",
            str(data_copy),
            "--jobs",
            "1",
            *args,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the rebuild finished before it could be killed"
    assert _hashes(out) == before
    assert not list(out.rglob("*.tmp"))


def test_check_detects_a_changed_data_file(tmp_path, data_copy):
    out = tmp_path / "pack"
    build(out, poppy.load_all(data_copy), SMALL)
    assert stale(out, poppy.load_all(data_copy)) == []
    edit_rows(
        data_copy,
        "afghanistan_opium.csv",
        lambda rows: set_cell(rows, "value", "210000", year="2013", measure="cultivation"),
    )
    changed = stale(out, poppy.load_all(data_copy))
    assert "manifest.json" in changed and "charts/en/web/cultivation.png" in changed
    result = subprocess.run(
        [sys.executable, "-m", "poppy", "build", "--check", str(out), "--data", str(data_copy)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "stale: charts/en/web/cultivation.svg" in result.stderr


def test_build_is_quiet_when_not_a_terminal(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "poppy",
            "build",
            "--out",
            str(tmp_path),
            "--lang",
            "en",
            "--formats",
            "svg",
            "--sizes",
            "web",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("poppy build: ")


def test_bad_option_is_one_line_and_exit_2(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "poppy", "build", "--out", str(tmp_path), "--sizes", "poster"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "poppy build: unknown size poster; choose from web, social, print"


def test_house_style_leaves_the_callers_rcparams_alone():
    before = dict(mpl.rcParams)
    charts.publish("coca", poppy.load_all()).to_bytes("png")
    charts.draw_coca(poppy.load_all())
    assert dict(mpl.rcParams) == before


def test_charts_never_touch_pyplot_in_a_whole_build(tmp_path):
    build(tmp_path, poppy.load_all(), options=Options(sizes=("web",), formats=("png",)), jobs=1)
    assert plt.get_fignums() == []


def test_same_chart_gives_identical_bytes_in_every_format():
    chart = charts.publish("baselines", poppy.load_all())
    for fmt in charts.FORMATS:
        assert chart.to_bytes(fmt) == chart.to_bytes(fmt), fmt


@pytest.mark.parametrize(
    "name",
    [
        "cultivation-en-web",
        "baselines-en-web",
        "coca-en-web",
        "production-ru-social",
        "baselines-ru-social",
        "cultivation-en-print",
        "world-en-web",
        "provinces-en-web",
    ],
)
def test_readme_gallery_matches_the_pack(pack, name):
    from tests.conftest import ROOT

    chart, lang, size = name.split("-")
    assert (ROOT / "docs" / f"{name}.png").read_bytes() == (
        pack[0] / f"charts/{lang}/{size}/{chart}.png"
    ).read_bytes()


def test_a_tampered_file_is_rewritten_and_only_it(tmp_path):
    build(tmp_path, poppy.load_all(), options=SMALL, jobs=1)
    target = tmp_path / "charts/en/web/coca.svg"
    good = target.read_bytes()
    target.write_bytes(good.replace(b"Colombia", b"Colombie"))
    assert stale(tmp_path, poppy.load_all()) == ["charts/en/web/coca.svg"]
    again = build(tmp_path, poppy.load_all(), options=SMALL, jobs=1)
    assert again.written == ["charts/en/web/coca.svg"]
    assert target.read_bytes() == good


def test_the_manifest_pins_code_and_data(pack):
    manifest = pack[1].manifest
    assert manifest["code_hash"] == build_mod.code_hash()
    assert set(manifest["options"]) == {"langs", "formats", "sizes"}
