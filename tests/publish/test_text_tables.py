"""Plain-text reports: the headline table, the claim report and one-line changes."""

from __future__ import annotations

import pytest

import poppy
from poppy.checks.claims import check_claims
from poppy.publish import text_tables

NB = "\u00a0"


@pytest.fixture(scope="module")
def frames():
    return poppy.load_all()


def test_describe_change_says_the_change_and_cites_both_years(frames):
    text = text_tables.describe_change(frames.cultivation, 2007, 2013, "ru").splitlines()
    assert text[0] == (
        f"Площадь опийного мака в Афганистане: 193{NB}000{NB}га в 2007{NB}г. → "
        f"209{NB}000{NB}га в 2013{NB}г.: "
        f"+8,3% (в 1,08{NB}раза) за 6 лет, в среднем +1,3% в год."
    )
    assert text[1].startswith("  Источник: UNODC, World Drug Report 2016")


def test_headline_table_has_one_row_per_year_and_numbered_sources(frames):
    lines = text_tables.headline_table(frames).splitlines()
    rows = [line for line in lines if line[:4].isdigit() and len(line) > 60]
    assert [int(r[:4]) for r in rows] == list(range(1994, int(frames.afghanistan["year"].max()) + 1))
    assert rows[0].split()[:5] == ["1994", "71,000", "approximate", "3,400", "rounded"]
    ru = text_tables.headline_table(frames, "ru").splitlines()
    assert ru[0].startswith("Афганистан:") and "71 000".replace(" ", NB) in ru[3]


def test_claims_report_is_titled_with_the_statement_source_from_the_data(frames):
    checks = check_claims(frames)
    text = text_tables.claims_text(checks, frames.sources, "en")
    appearance = frames.sources.set_index("source_id").loc["fskn-2014-02-25", "title"]
    assert text.splitlines()[0] == f"Claims checked against UNODC data: {appearance}"
    md = text_tables.claims_text(checks, frames.sources, "ru", markdown=True)
    assert (
        md.startswith("# Заявления в сравнении с данными УНП\u00a0ООН")
        and "**Верно, но вводит в заблуждение**" in md
    )
