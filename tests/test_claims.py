"""Claim checks: computed figures, verdicts that follow the data, formats and languages."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import pandas as pd
import pytest

import poppy
from poppy.claims import VERDICTS, check_claims, claim_review, claims_table
from tests.conftest import edit_rows, set_cell


@pytest.fixture(scope="module")
def checks():
    return {c.claim_id: c for c in check_claims(poppy.load_all())}


def test_fields_claim(checks):
    c = checks["fields-2007-2013"]
    assert c.verdict == "accurate_but_misleading"
    assert c.figures["percent"] == pytest.approx(8.29, abs=0.01)  # 209,000 / 193,000 = 1.0829
    assert c.figures["years"] == 6  # 2013 - 2007, not 'five'
    assert c.figures["low"] == 123_000  # 2009 and 2010
    assert c.figures["recent_percent"] == pytest.approx(33.12, abs=0.01)  # 209,000 / 157,000 = 1.3312
    assert "2009–2010" in c.explanation["en"] and "+8.3%" in c.explanation["en"]


def test_26_times_claim(checks):
    c = checks["isaf-26-times"]
    assert c.verdict == "accurate_but_misleading"
    assert c.figures["ratio_2001"] == pytest.approx(27.48, abs=0.01)  # 209,000 / 7,606 = 27.48
    assert c.figures["ratio_rounded"] == pytest.approx(26.1, abs=0.05)  # 209,000 / 8,000 = 26.1
    assert c.figures["ratio_low"] == pytest.approx(22.7, abs=0.05)  # 173,000 / 7,606 = 22.7
    assert c.figures["ratio_high"] == pytest.approx(31.3, abs=0.05)  # 238,000 / 7,606 = 31.3
    assert c.figures["ratio_1999"] == pytest.approx(2.30, abs=0.01)  # 209,000 / 91,000 = 2.30
    assert c.figures["ratio_2000"] == pytest.approx(2.54, abs=0.01)  # 209,000 / 82,171 = 2.54
    assert c.figures["ratio_2002"] == pytest.approx(2.82, abs=0.01)  # 209,000 / 74,100 = 2.82
    text = c.explanation["en"]
    assert "Taliban ban" in text and "20 December 2001" in text and "July 2000" in text


def test_heroin_share_claim(checks):
    c = checks["heroin-80-percent"]
    assert c.verdict == "overstated"
    assert c.figures["share_production_pct"] == pytest.approx(79.9, abs=0.05)  # 5,500 / 6,883 = 0.799
    assert c.figures["share_area_pct"] == pytest.approx(70.4, abs=0.05)  # 209,000 / 296,720 = 0.704
    assert "opium, not heroin" in c.explanation["en"]


def test_coca_claim(checks):
    c = checks["latin-america-cocaine"]
    assert c.verdict == "no_figure"
    assert c.figures["coca_total"] == 120_800  # 48,000 + 49,800 + 23,000


def test_every_claim_names_its_sources(checks):
    for c in checks.values():
        assert c.sources[0] == "fskn-2014-02-25"
        assert len(c.sources) > 1


def test_verdict_moves_when_the_data_moves(data_copy):
    # If UNODC's 2013 production were 5,600 t, Afghanistan's share would be 5,600 / 6,883 = 81.4%.
    edit_rows(
        data_copy,
        "afghanistan_opium.csv",
        lambda rows: set_cell(rows, "value", "5600", year="2013", measure="production"),
    )
    moved = {c.claim_id: c for c in check_claims(poppy.load_all(data_copy))}["heroin-80-percent"]
    assert moved.figures["share_production_pct"] == pytest.approx(81.36, abs=0.01)
    assert moved.verdict == "accurate_but_misleading"  # more than 80%, but of opium, not heroin


def test_26_times_verdict_moves_with_the_baseline(data_copy):
    # With 2001 = 2,000 ha: 209,000 / 2,000 = 104.5x, range 86.5-119x, so 26 is unsupported.
    edit_rows(
        data_copy,
        "afghanistan_opium.csv",
        lambda rows: set_cell(rows, "value", "2000", year="2001", measure="cultivation"),
    )
    edit_rows(
        data_copy,
        "alternates.csv",
        lambda rows: [
            set_cell(
                rows, "value", "2000", year="2001", measure="cultivation", relation="rounded", source_id=sid
            )
            for sid in ("uk-hansard-2003-04-28", "unodc-wdr2014-opiates")
        ],
    )
    moved = {c.claim_id: c for c in check_claims(poppy.load_all(data_copy))}["isaf-26-times"]
    assert moved.figures["ratio_2001"] == pytest.approx(104.5)
    assert moved.verdict == "not_supported"


def test_russian_texts_have_no_untranslated_english_sentence(checks):
    latin_run = re.compile(r"\b[A-Za-z]{2,}(?:\W+[A-Za-z]{2,}){2,}")
    for c in checks.values():
        for text in (c.explanation["ru"], c.stated["ru"], c.computed["ru"], c.verdict_label("ru")):
            assert not latin_run.search(text), text
            assert re.search("[а-яА-Я]", text)


def test_every_verdict_has_a_distinct_label_in_each_language():
    from poppy.i18n import t

    for lang in ("en", "ru"):
        labels = [t(lang, key) for key in VERDICTS.values()]
        assert len(set(labels)) == len(VERDICTS), lang


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "poppy", "claims", *args], capture_output=True, text=True)


def test_cli_csv_reads_back_into_the_same_table(checks):
    out = _cli("--format", "csv").stdout
    back = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back, claims_table(list(checks.values())), check_dtype=False)


def test_cli_json_loads_with_figures():
    records = json.loads(_cli("--format", "json", "--lang", "ru").stdout)
    assert [r["verdict_id"] for r in records] == [
        "accurate_but_misleading",
        "accurate_but_misleading",
        "overstated",
        "no_figure",
    ]
    assert records[1]["figures"]["ratio_rounded"] == pytest.approx(26.125)
    assert records[2]["verdict"] == "Преувеличено"


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_cli_text_formats(fmt):
    en, ru = _cli("--format", fmt).stdout, _cli("--format", fmt, "--lang", "ru").stdout
    assert "27.5×" in en and "26.1×" in en
    assert "27,5\u00a0раза" in ru and "209\u00a0000\u00a0га" in ru
    if fmt == "markdown":
        assert en.splitlines()[0].startswith("# ") and "| --- |" not in en and "|---|" in en


def test_claimreview_has_the_required_properties(checks):
    reviews = claim_review(list(checks.values()), "https://example.org/checks", date="2014-03-01")
    assert len(reviews) == len(checks)
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        for key in ("url", "claimReviewed", "author", "reviewRating", "itemReviewed", "datePublished"):
            assert r[key], key
        assert r["reviewRating"]["@type"] == "Rating" and r["reviewRating"]["alternateName"]
        assert r["itemReviewed"]["@type"] == "Claim" and r["itemReviewed"]["author"]["name"]
        assert r["url"].startswith("https://example.org/checks#")
    assert reviews[2]["reviewRating"]["ratingValue"] == 2


def test_claimreview_cli_prints_json_with_the_statement_date():
    result = _cli("--format", "claimreview", "--url", "https://example.org/checks", "--date", "2014-03-01")
    assert result.returncode == 0, result.stderr
    reviews = json.loads(result.stdout)
    assert [r["itemReviewed"]["datePublished"] for r in reviews] == ["2014-02-25"] * len(reviews)
    assert {r["datePublished"] for r in reviews} == {"2014-03-01"}


def test_claimreview_needs_a_url():
    result = _cli("--format", "claimreview")
    assert result.returncode == 2 and "--url" in result.stderr and "Traceback" not in result.stderr


def test_readme_shows_the_current_verdict_table():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = [line for line in _cli("--format", "markdown").stdout.splitlines() if line.startswith("|")]
    assert len(table) == 6
    for line in table:
        assert line in readme, line
