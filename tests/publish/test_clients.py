"""The pack opened in the programs people use: LibreOffice for the workbook, Chromium for the charts.

These drive the real programs from the operating system's packages. Where one is missing the
test skips with the command that installs it, except under CI=true, where it fails: CI must
check the real thing (.ci/run installs them).
"""

from __future__ import annotations

import csv
import io
import math
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFilter
from pypdf import PdfReader

import poppy
from poppy.publish.charts import CHARTS
from poppy.publish.sizes import SIZES

APT = "apt-get install -y --no-install-recommends"
#: Every sheet at full size (9 pt) takes 48 pages, 22 of them the sources; a layout that wastes
#: paper (rows far taller than their text, a page per few rows) goes past this.
MAX_WORKBOOK_PAGES = 56
#: The smallest text a workbook sheet may print at on A4, in points (its cells are 9 pt Arial).
MIN_PRINTED_PT = 8.0
LINE_SPACING = 10 / 9  # LibreOffice's line pitch in wrapped Arial, per pt of font size
#: A Chromium render of a chart's SVG against its PNG, both blurred (2 px per 150 dpi):
#: with unhinted text (poppy.mplstyle) both lay out every text alike, and anti-aliasing alone leaves
#: a mean grey-level difference of 0.4-1.2 (of 255) and no pixel more than 32 apart (hinted text
#: drifted by up to 3% of its width: 1.5-3.5 and up to 3%); a missing or moved element, or a text
#: some pixels longer, raises them past these limits.
BLUR_PER_DPI, MAX_MEAN_DIFF, MAX_FAR_SHARE = 2 / 150, 2.0, 0.005


def need(program: str, package: str) -> str:
    """The path of ``program``; a skip naming the install command, or a failure under CI=true."""
    path = shutil.which(program)
    if path:
        return path
    message = f"{program} not found: {APT} {package}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def pack(built_pack) -> Path:
    return built_pack[0]


# --- LibreOffice -----------------------------------------------------------------------------------
def _soffice(args: list[str], workdir: Path) -> None:
    soffice = need("soffice", "libreoffice-calc-nogui")
    profile = workdir / "profile"  # a private profile: no clash with a running LibreOffice
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", *args],
        cwd=workdir,
        check=True,
        capture_output=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def workbook_pdf(pack, tmp_path_factory) -> PdfReader:
    work = tmp_path_factory.mktemp("lo-pdf")
    _soffice(["--convert-to", "pdf", "--outdir", str(work), str(pack / "briefing/poppy-briefing.xlsx")], work)
    return PdfReader(work / "poppy-briefing.pdf")


def test_workbook_prints_on_a4_landscape_pages(workbook_pdf):
    pages = workbook_pdf.pages
    assert 10 <= len(pages) <= MAX_WORKBOOK_PAGES
    for page in pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points


def test_workbook_pdf_has_titles_page_numbers_and_the_key_figures(workbook_pdf):
    text = [page.extract_text().strip() for page in workbook_pdf.pages]
    n = len(text)
    assert text[0].startswith("Key figures") and f"Page 1 of {n}" in text[0]
    assert "Sources" in text[-1] and f"Page {n} of {n}" in text[-1]
    flat = " ".join(" ".join(text).split())
    for figure in poppy.load_all().cultivation.query("year in (2007, 2013)")["value"]:
        assert f"{figure:,.0f}" in flat  # integers, no '193,000.0'
    assert "193,000.0" not in flat


def _printed_runs(page) -> list[tuple[float, float, float, str]]:
    """(size in pt as printed, x, y on the page in pt, text) of every text run on ``page``.

    The size is the font size times the text and graphics matrices' vertical scale: what a
    sheet's fit-to-page shrinking leaves of its 9 pt on paper.
    """
    runs = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            _, _, c, d, e, f = tm
            scale = math.hypot(c * cm[0] + d * cm[2], c * cm[1] + d * cm[3])
            x, y = e * cm[0] + f * cm[2] + cm[4], e * cm[1] + f * cm[3] + cm[5]
            runs.append((size * scale, round(x, 1), y, text.strip()))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.fixture(scope="module")
def printed(workbook_pdf) -> list[list[tuple[float, float, float, str]]]:
    return [_printed_runs(page) for page in workbook_pdf.pages]


def test_every_workbook_sheet_prints_at_8_pt_or_more(printed):
    """The smallest text of each sheet's pages, as LibreOffice prints them on A4, is >= 8 pt."""
    assert all(printed), "a blank page"  # LibreOffice adds one to a sheet it shrinks to 'N pages tall'
    smallest: dict[str, float] = {}
    for runs in printed:
        sheet = max(runs, key=lambda run: run[2])[3]  # the page header, the topmost line, names the sheet
        smallest[sheet] = min(smallest.get(sheet, math.inf), *(run[0] for run in runs))
    print({sheet: round(size, 1) for sheet, size in smallest.items()})
    assert len(smallest) >= 10
    small = {sheet: round(size, 1) for sheet, size in smallest.items() if size < MIN_PRINTED_PT}
    assert not small, f"sheets printed below {MIN_PRINTED_PT} pt: {small}"


def _cells(runs: list[tuple[float, float, float, str]]) -> dict[float, list[list[float]]]:
    """The lines of text of each column (by x), grouped into cells: runs one line apart, top down."""
    columns: dict[float, list[list[float]]] = {}
    for size, x, y, _ in sorted(runs, key=lambda run: -run[2]):
        cells = columns.setdefault(x, [])
        if cells and abs(cells[-1][-1] - y - size * LINE_SPACING) < 0.1 * size:
            cells[-1].append(y)
        else:
            cells.append([y])
    return columns


def test_no_wrapped_text_runs_into_the_next_row(printed):
    """Row heights hold their wrapped text: no cell's lines reach the next row's first line."""
    overruns = []
    for number, runs in enumerate(printed, 1):
        columns = _cells(runs)
        tops = sorted((cell[0] for cell in columns[min(columns)]), reverse=True)  # first column
        for x, cells in columns.items():
            for cell in cells:
                below = [top for top in tops if top < cell[0] - 0.5]
                if below and cell[-1] <= below[0] + 0.5:
                    overruns.append((number, x, len(cell)))
    assert not overruns, f"(page, x, lines) of cells cut short: {overruns}"


def test_workbook_sheets_read_back_as_the_data(pack, tmp_path):
    """LibreOffice's CSV export of the cultivation sheet equals data/ (raw values, not as shown)."""
    options = "44,34,76,1,,0,false,true,false,false,false,-1"  # UTF-8, every sheet, raw values
    _soffice(
        [
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            str(pack / "briefing/poppy-briefing.xlsx"),
        ],
        tmp_path,
    )
    sheet = tmp_path / "poppy-briefing-Cultivation.csv"
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    cult = poppy.load_all().cultivation
    assert [int(r["year"]) for r in rows] == cult["year"].tolist()
    assert [float(r["value"]) if r["value"] else None for r in rows] == [
        None if np.isnan(v) else v for v in cult["value"].astype(float)
    ]
    assert [r["source_id"] for r in rows] == cult["source_id"].tolist()


# --- Chromium --------------------------------------------------------------------------------------
def _driver(logs: bool = False):
    """Headless Chromium through the OS chromedriver; with ``logs`` its console and network logs."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    if logs:
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    options.binary_location = need("chromium", "chromium")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(need("chromedriver", "chromium-driver")))


def _blurred(png: bytes, dpi: int, size: tuple[int, int] | None = None) -> np.ndarray:
    """Grey levels after a light blur; resized to ``size`` (a pixel of rounding in the page size)."""
    image = Image.open(io.BytesIO(png)).convert("L")
    if size and image.size != size:
        assert max(abs(a - b) for a, b in zip(image.size, size, strict=True)) <= 2, (image.size, size)
        image = image.resize(size, Image.Resampling.LANCZOS)
    return np.asarray(image.filter(ImageFilter.GaussianBlur(BLUR_PER_DPI * dpi)), dtype=float)


def _difference(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    assert a.shape == b.shape
    d = np.abs(a - b)
    return float(d.mean()), float((d > 32).mean())


@pytest.fixture(scope="module")
def renders(pack) -> dict[Path, bytes]:
    """Every SVG of the pack as Chromium draws it, at the pixel size of its PNG."""
    out = {}
    driver = _driver()
    try:
        for size, s in SIZES.items():
            css_w, css_h = s.width * 96, s.height * 96  # the SVG's pt size in CSS px
            metrics = {"width": round(css_w), "height": round(css_h), "mobile": False}
            metrics["deviceScaleFactor"] = s.width * s.dpi / css_w
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            for svg in sorted(pack.glob(f"charts/*/{size}/*.svg")):
                driver.get(svg.as_uri())
                out[svg] = driver.get_screenshot_as_png()
    finally:
        driver.quit()
    return out


def test_chromium_draws_every_svg_like_its_png(renders):
    assert len(renders) == len(CHARTS) * 3 * 2  # charts x sizes x languages
    for svg, shot in renders.items():
        png, dpi = svg.with_suffix(".png").read_bytes(), SIZES[svg.parent.name].dpi
        mean, far = _difference(_blurred(shot, dpi, Image.open(io.BytesIO(png)).size), _blurred(png, dpi))
        assert mean <= MAX_MEAN_DIFF and far <= MAX_FAR_SHARE, (svg.name, mean, far)


def test_the_render_comparison_sees_a_different_chart(pack, renders):
    web = pack / "charts/en/web"
    mean, far = _difference(
        _blurred(renders[web / "cultivation.svg"], 150), _blurred((web / "coca.png").read_bytes(), 150)
    )
    assert mean > MAX_MEAN_DIFF or far > MAX_FAR_SHARE


# --- print PDFs ----------------------------------------------------------------------------------------
def _fonts(reader: PdfReader) -> list[dict]:
    found = []
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            for part in [font, *(f.get_object() for f in font.get("/DescendantFonts", []))]:
                if "/FontDescriptor" in part:
                    found.append(part["/FontDescriptor"].get_object())
    return found


def test_print_pdfs_embed_their_fonts_and_are_148_mm_wide(pack):
    pdfs = sorted(pack.glob("charts/*/print/*.pdf"))
    assert len(pdfs) == len(CHARTS) * 2  # charts x languages
    for pdf in pdfs:
        reader = PdfReader(pdf)
        width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
        assert abs(width_mm - 148) < 0.1, (pdf.name, width_mm)
        fonts = _fonts(reader)
        assert fonts, pdf.name
        for descriptor in fonts:
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), pdf.name
