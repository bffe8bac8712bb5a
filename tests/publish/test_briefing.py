"""The briefing: key figures as sentences in each language, Markdown, and the workbook."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

import poppy
from poppy.checks.claims import check_claims
from poppy.publish import briefing
from poppy.publish.briefing_workbook import workbook_bytes
from poppy.publish.sheet_layout import PAGE_WIDTH

NB = "\u00a0"


@pytest.fixture(scope="module")
def frames():
    return poppy.load_all()


@pytest.fixture(scope="module")
def figures(frames):
    return {k.figure_id: k for k in briefing.key_figures(frames)}


def test_key_figure_sentences_in_english_and_russian(figures):
    ban = figures["ban_1"]
    assert ban.sentence["en"] == (
        f"The first Taliban ban cut the area from 82,171{NB}ha in 2000 to 7,606{NB}ha in 2001 (−90.7%)."
    )
    assert ban.sentence["ru"] == (
        f"Первый запрет талибов сократил площадь с 82{NB}171{NB}га в 2000 году "
        f"до 7{NB}606{NB}га в 2001 году (−90,7%)."
    )
    # 232,000 ha: UNODC's 2024 and 2025 statements on 2022 (the 2023 survey said 233,000)
    assert figures["ban_2"].sentence["en"].startswith("The second Taliban ban cut the area from 232,000")
    assert figures["claim_years"].sentence["ru"].endswith("+8,3% за 6 лет.")
    assert (ban.year, ban.value, ban.unit) == (2001, 7_606, "ha") and "unis-nar696" not in ban.sources


def test_every_key_figure_has_sources_and_a_sentence_per_language(figures):
    for fig in figures.values():
        assert fig.sources and set(fig.sentence) >= {"en", "ru"}, fig.figure_id
        assert all(fig.sentence.values()), fig.figure_id


def test_markdown_follows_the_languages_asked_for(frames, figures):
    checks = check_claims(frames)
    md = briefing.briefing_markdown(list(figures.values()), checks, {}, frames.sources, "sha256:x", ("ru",))
    assert md.startswith("# Брифинг") and "# Briefing" not in md
    assert md.count("\n## Источники") == 1 and md.rstrip().endswith("Пакет данных: sha256:x")


def test_workbook_has_a_sentence_column_per_language(frames, figures):
    raw = workbook_bytes(frames, list(figures.values()), check_claims(frames), {}, ("en", "ru"))
    wb = load_workbook(io.BytesIO(raw))
    header = [c.value for c in wb["Key figures"][1]]
    assert header == ["figure", "year", "value", "unit", "sentence_en", "sentence_ru", "sources"]
    claims = [c.value for c in wb["Claim checks"][1]]
    assert claims[:5] == ["claim_id", "lang", "quote", "verdict", "explanation"]  # verdict beside quote
    rows = [[c.value for c in row] for row in wb["Claim checks"].iter_rows(min_row=2)]
    assert [(r[0], r[1]) for r in rows[:2]] == [("fields-2007-2013", "en"), ("fields-2007-2013", "ru")]
    assert rows[1][3] == "Верно, но вводит в заблуждение"


def test_workbook_is_set_up_for_print_and_reading(frames, figures):
    raw = workbook_bytes(frames, list(figures.values()), check_claims(frames), {}, ("en", "ru"))
    wb = load_workbook(io.BytesIO(raw))
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.print_title_rows == "$1:$1" and ws.oddFooter.center.text == "Page &P of &N"
        fonts = {cell.font.name for row in ws.iter_rows() for cell in row if cell.value is not None}
        assert fonts == {"Arial"}, ws.title
    key = wb["Key figures"]
    area = next(row for row in key.iter_rows(min_row=2) if row[0].value == "latest_area")
    assert area[2].number_format == "#,##0" and area[4].alignment.wrap_text
    assert key.row_dimensions[area[0].row].height >= 12
    link = next(c for c in wb["Cultivation"]["I"][1:] if c.value == "unodc-wdr2016-annex")
    assert link.hyperlink.target.startswith("https://")


def test_workbook_prints_its_columns_one_page_wide_at_full_size(frames, figures):
    """Each sheet's printed columns fit an A4 landscape page unshrunk, so its 9 pt prints as 9 pt."""
    raw = workbook_bytes(frames, list(figures.values()), check_claims(frames), {}, ("en", "ru"))
    wb = load_workbook(io.BytesIO(raw))
    assert wb._named_styles["Normal"].font.name == "Arial"  # the font column widths are counted in
    for ws in wb.worksheets:
        printed = ws.max_column
        if ws.print_area:
            printed = column_index_from_string(re.search(r":\$?([A-Z]+)", ws.print_area).group(1))
        widths = [ws.column_dimensions[get_column_letter(j)].width for j in range(1, printed + 1)]
        assert sum(widths) <= PAGE_WIDTH + 3, (ws.title, sum(widths))
    sources = wb["Sources"]
    header = [c.value for c in sources[1]]
    assert header[-3:] == ["copy_url", "licence", "kind"]  # in the file, right of the print area
    assert sources.print_area == f"'Sources'!$A$1:${get_column_letter(len(header) - 3)}${sources.max_row}"


def test_workbook_aligns_headers_like_their_columns_and_gives_units_in_its_language(frames, figures):
    raw = workbook_bytes(frames, list(figures.values()), check_claims(frames), {}, ("ru", "en"))
    wb = load_workbook(io.BytesIO(raw))
    key = wb["Ключевые цифры"]
    header = {c.value: c for c in key[1]}
    assert header["value"].alignment.horizontal == "right" and header["year"].alignment.horizontal == "right"
    assert header["sentence_ru"].alignment.horizontal in (None, "general", "left")
    units = {row[0].value: row[3].value for row in key.iter_rows(min_row=2)}
    assert (units["latest_area"], units["world_share"], units["latest_production"]) == ("га", "%", "т")
    share = next(row for row in key.iter_rows(min_row=2) if row[0].value == "world_share")
    assert share[2].number_format == "0.0"  # formats still follow the unit's code
    assert {c.value for c in wb["Площадь"]["E"][1:]} == {"га"}


@pytest.fixture(scope="module")
def markdown(frames, figures):
    checks = check_claims(frames)
    return checks, briefing.briefing_markdown(list(figures.values()), checks, {}, frames.sources, "sha256:x")


def test_each_verdict_follows_the_quote_it_judges(markdown):
    checks, md = markdown
    lines = md.splitlines()
    for c in checks:
        quote = lines.index(f"> {briefing.md_text(c.quote)}")
        verdict = next(i for i, line in enumerate(lines) if i > quote and line.startswith("**"))
        assert lines[verdict].startswith(f"**{c.verdict_label('en')}.**")
        heading = max(i for i, line in enumerate(lines[:quote]) if line.startswith("### "))
        assert lines[heading] == f"### {briefing.md_text(c.claim_id)}"


def test_every_source_is_a_link_or_says_not_online_and_has_a_year(frames, markdown):
    _, md = markdown
    entries = [line for line in md.splitlines() if re.match(r"\d+\. ", line)]
    assert len(entries) >= 20
    for entry in entries:
        assert re.search(r"\]\(https?://[^)\s]+\)", entry) or entry.endswith("Not online / нет в сети."), (
            entry
        )
        assert re.search(r", (19|20)\d\d\.", entry), entry
    fskn = next(e for e in entries if "FSKN" in e)  # the release's page, found again for ClaimReview
    assert "](http://www.fskn.gov.ru/pages/main/prevent/3943/28212/29176/index.shtml)" in fskn


def test_markdown_from_hostile_data_is_inert(frames, figures):
    sources = frames.sources.copy()
    first = sources.index[0]
    sources.loc[first, "title"] = (
        "<script>alert(1)</script> [x](javascript:alert(1)) ![t](https://evil.example/p.png)"
    )
    sources.loc[first, "url"] = "javascript:alert(1)"
    sid = sources.loc[first, "source_id"]
    figure = next(f for f in figures.values() if sid in f.sources)
    md = briefing.briefing_markdown([figure], [], {}, sources, "sha256:x", ("en",))
    assert "<script>" not in md and "![t](" not in md
    assert not re.search(r"(?<!\\)\]\(javascript:", md)  # escaped: \[x\](javascript: is text
    assert "&lt;script&gt;" in md and "Not online" in md
