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
from poppy.checks.claims import VERDICTS, check_claims, claims_table
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


def test_two_largest_centres_is_a_rank_claim(checks):
    c = checks["latin-america-cocaine"]
    assert c.verdict == "accurate"
    assert c.figures["cultivation_rank"] == 1
    # Afghanistan's 209,000 ha and Colombia's 298 ha of poppy (WDR 2016 annex), of the world's 296,720
    assert c.figures["cultivation_share_pct"] == pytest.approx(70.54, abs=0.01)
    assert c.figures["cultivation_next_share_pct"] == pytest.approx(19.48, abs=0.01)  # Myanmar 57,800
    assert c.figures["coca_cultivation_rank"] == 1
    assert c.figures["coca_cultivation_share_pct"] == pytest.approx(100.0)  # 120,800 of world 120,800
    assert "Myanmar 57,800\u00a0ha (19.5%)" in c.explanation["en"]


def test_only_negative_decade_is_overstated(checks):
    c = checks["decade-only-negative"]
    assert c.verdict == "overstated"  # a rise overall, but not every year
    assert c.figures["Afghanistan_cultivation_percent"] == pytest.approx(161.25)  # 80,000 -> 209,000
    assert c.figures["Afghanistan_production_percent"] == pytest.approx(52.78, abs=0.01)  # 3,600 -> 5,500
    assert c.figures["Afghanistan_cultivation_years_against"] == 4  # 2005, 2008, 2009 fell, 2010 flat
    assert c.figures["Afghanistan_production_years_against"] == 5  # 2005, 2008-2010, 2012
    assert "fell in 2005, 2008–2010, 2012" in c.explanation["en"]
    assert "снижение в 2005, 2008–2010, 2012" in c.explanation["ru"]


def test_ungass_target_was_not_met(checks):
    c = checks["ungass-1998-not-implemented"]
    assert c.verdict == "accurate"
    assert c.figures["Afghanistan_cultivation_percent"] == pytest.approx(
        145.31, abs=0.01
    )  # 64,000 -> 157,000
    assert c.figures["World_coca_cultivation_percent"] == pytest.approx(
        -12.16, abs=0.01
    )  # 190,800 -> 167,600
    assert c.figures["World_coca_cultivation_latest_percent"] == pytest.approx(-36.69, abs=0.01)  # -> 120,800
    assert c.figures["World_cocaine_production_percent"] == pytest.approx(2.42, abs=0.01)  # 825 -> 845 t
    assert "opium output (Afghanistan): no UNODC figure for 1998" in c.explanation["en"]
    assert "ungass-1998" not in c.sources and "un-press-ga9423" in c.sources


def test_target_verdict_moves_when_a_series_met_it(data_copy):
    # World coca 2008 at 90,000 ha would be 190,800 -> 90,000 = -52.8%: the target met for coca.
    edit_rows(
        data_copy,
        "supplementary.csv",
        lambda rows: set_cell(rows, "value", "90000", area="World", year="2008", measure="coca_cultivation"),
    )
    moved = {c.claim_id: c for c in check_claims(poppy.load_all(data_copy))}["ungass-1998-not-implemented"]
    assert moved.figures["World_coca_cultivation_percent"] == pytest.approx(-52.83, abs=0.01)
    assert moved.verdict == "overstated"


def test_opinions_are_listed_not_checked(checks):
    failure, scale = checks["complete-failure"], checks["industrial-scale"]
    assert failure.verdict == scale.verdict == "opinion"
    assert failure.verdict_label("en") == "Opinion, not checked"
    assert scale.figures == {
        "Afghanistan_production_2013": 5500,
        "World_production_2013": 6883,
        "World_coca_cultivation_2013": 120800,
    }


def test_baseline_search_finds_the_years_that_make_the_figure_true(checks):
    isaf, fields = checks["isaf-26-times"], checks["fields-2007-2013"]
    assert {k: v for k, v in isaf.figures.items() if k.startswith("baseline_")} == {
        "baseline_2001": 7606,
        "baseline_2001_rounded": 8000,
    }
    assert {k: v for k, v in fields.figures.items() if k.startswith("baseline_")} == {
        "baseline_2007": 193000,
        "baseline_2007_unodc_alternate": 192000,
    }
    assert "2001 rounded (8,000\u00a0ha)" in isaf.explanation["en"]
    assert "2001 округлённо (8\u00a0000\u00a0га)" in isaf.explanation["ru"]


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
        "accurate",
        "overstated",
        "accurate",
        "opinion",
        "opinion",
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


PUBLISHER = ["--publisher", "Example Fact Check", "--publisher-url", "https://factcheck.example.org"]


def test_claimreview_has_the_required_properties(checks):
    from poppy.checks.claimreview import claim_review

    frames = poppy.load_all()
    reviews = claim_review(
        list(checks.values()),
        "https://example.org/checks",
        "Example Fact Check",
        "https://factcheck.example.org",
        frames.sources,
        date="2014-03-01",
    )
    # opinions get none: complete-failure and industrial-scale
    assert [r["url"] for r in reviews] == [
        f"https://example.org/checks/{i}"
        for i in (
            "fields-2007-2013",
            "isaf-26-times",
            "heroin-80-percent",
            "latin-america-cocaine",
            "decade-only-negative",
            "ungass-1998-not-implemented",
        )
    ]
    for r in reviews:
        assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
        assert 0 < len(r["claimReviewed"]) < 75
        assert r["author"] == {
            "@type": "Organization",
            "name": "Example Fact Check",
            "url": "https://factcheck.example.org",
        }
        claim = r["itemReviewed"]
        assert claim["author"]["@type"] == "Organization"
        assert claim["author"]["name"] == "Russian Federal Drug Control Service (FSKN)"
        assert (
            claim["appearance"]["url"]
            == "http://www.fskn.gov.ru/pages/main/prevent/3943/28212/29176/index.shtml"
        )
        assert claim["appearance"] == claim["firstAppearance"]
        assert claim["appearance"]["datePublished"] == "2014-02-25"
        assert claim["appearance"]["text"] == checks[r["url"].rsplit("/", 1)[1]].quote
    assert reviews[0]["itemReviewed"]["author"]["employee"] == {"@type": "Person", "name": "Victor Ivanov"}
    assert "employee" not in reviews[3]["itemReviewed"]["author"]  # 'FSKN press release': no person
    assert [r["reviewRating"]["ratingValue"] for r in reviews] == [3, 3, 2, 5, 2, 5]


def test_claimreview_cli_is_json_ld_safe_in_a_script_element(tmp_path):
    from tests.conftest import ROOT

    text = (ROOT / "data" / "claims.csv").read_text(encoding="utf-8")
    path = tmp_path / "hostile.csv"
    path.write_text(
        text.replace("they have increased by 26 times.", "they have increased by 26 times.</script>")
    )
    result = _cli(
        "--claims",
        str(path),
        "--format",
        "claimreview",
        "--url",
        "https://example.org/c/{claim_id}.html",
        "--date",
        "2014-03-01",
        "--lang",
        "ru",
        *PUBLISHER,
    )
    assert result.returncode == 0, result.stderr
    assert "</" not in result.stdout and "<\\/script>" in result.stdout
    reviews = json.loads(result.stdout)
    assert reviews[1]["url"] == "https://example.org/c/isaf-26-times.html"
    assert reviews[1]["claimReviewed"] == "в 26 раз за время МССБ"
    assert {r["datePublished"] for r in reviews} == {"2014-03-01"}


@pytest.mark.parametrize(
    ("args", "needs"),
    [
        ([], "--url, --publisher, --publisher-url"),
        (["--url", "https://example.org/c"], "--publisher, --publisher-url"),
    ],
)
def test_claimreview_needs_an_address_and_a_named_publisher(args, needs):
    result = _cli("--format", "claimreview", *args)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"poppy claims: --format claimreview needs {needs} ")


def test_readme_shows_the_current_verdict_table():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = [line for line in _cli("--format", "markdown").stdout.splitlines() if line.startswith("|")]
    assert len(table) == 10
    for line in table:
        assert line in readme, line


HEADER = (
    "claim_id,speaker,date,source_id,quote,topic,metric,area,measure,start_year,end_year,"
    "stated_start,stated_end,stated_value,stated_unit,qualifier,stated_span_years,period_event_id,note\n"
)
#: A claim set from another statement: one row per kind, each checked by the same generic checkers.
OTHER_CLAIMS = HEADER + (
    "lvl,A,2014-02-25,fskn-2014-02-25,q,t,level,World,coca_cultivation,,2013,,,120000,ha,about,,,\n"
    "chg,A,2014-02-25,fskn-2014-02-25,q,t,change,Afghanistan,production,2008,2013,7700,5500,,t,exact,,,\n"
    "chg-wrong,A,2014-02-25,fskn-2014-02-25,q,t,change,Afghanistan,cultivation,2008,2013,100000,209000,,ha,exact,,,\n"
    "rat,A,2014-02-25,fskn-2014-02-25,q,t,ratio,Afghanistan,cultivation,2002,2013,,,3,times,exact,,,\n"
    "half,A,2014-02-25,fskn-2014-02-25,q,t,ratio,Afghanistan,production,2009,2010,,,0.5,times,exact,,,\n"
    "record,A,2014-02-25,fskn-2014-02-25,q,t,rank,Afghanistan,cultivation,,2013,,,,record_high,exact,,,\n"
    "no-record,A,2014-02-25,fskn-2014-02-25,q,t,rank,Afghanistan,cultivation,,2010,,,,record_high,exact,,,\n"
    "low-since,A,2014-02-25,fskn-2014-02-25,q,t,rank,Afghanistan,production,,2010,,,,record_low,exact,7,,\n"
    "second,A,2014-02-25,fskn-2014-02-25,q,t,rank,Afghanistan,production,,2008,,,2,record_high,exact,,,\n"
    "third,A,2014-02-25,fskn-2014-02-25,q,t,ratio,Afghanistan,production,2009,2010,,,0.33,times,exact,,,\n"
    "rise,A,2014-02-25,fskn-2014-02-25,q,t,trend,Afghanistan,cultivation,2003,2013,,,,rise,,,,\n"
    "fall,A,2014-02-25,fskn-2014-02-25,q,t,trend,Afghanistan,cultivation,2003,2013,,,,fall,,,,\n"
)


def test_a_claim_file_is_checked_by_the_generic_checkers(tmp_path):
    from poppy.checks.claim_rows import read_claims
    from poppy.data.descriptor import read_descriptor, resolve_dir

    path = tmp_path / "other.csv"
    path.write_text(OTHER_CLAIMS, encoding="utf-8")
    frames = poppy.load_all()
    resource = next(r for r in read_descriptor(resolve_dir(None))["resources"] if r["name"] == "claims")
    got = {c.claim_id: c for c in check_claims(frames, read_claims(path, resource, frames))}
    assert {k: c.verdict for k, c in got.items()} == {
        "lvl": "accurate",  # 120,000 is within 5% of 120,800 ha
        "chg": "accurate_but_misleading",  # both ends right, but it fell to 3,600 t in 2010 on the way
        "chg-wrong": "not_supported",  # 2008 was 157,000 ha
        "rat": "accurate",  # 209,000 / 74,100 = 2.82, rounds to 3
        "half": "accurate",  # 'halved': 6,900 / 3,600 = 1.92, rounds to 2
        "record": "accurate",  # 209,000 ha in 2013 beat 2007's 193,000
        "no-record": "not_supported",  # 123,000 ha in 2010: 2007 had 193,000
        "low-since": "accurate",  # 3,600 t in 2010, the lowest of 2004-2010
        "second": "accurate",  # 7,700 t in 2008: only 2007 (8,200 t) had more
        "third": "overstated",  # 'cut to a third': it fell 1.92-fold, not 3-fold
        "rise": "accurate",  # 80,000 -> 209,000 ha
        "fall": "not_supported",
    }
    assert got["chg"].figures["low"] == 3600
    assert got["rat"].figures["ratio_2002"] == pytest.approx(2.82, abs=0.01)
    assert got["chg-wrong"].figures.get("baseline_2008") is None  # no year had 100,000 ha
    assert got["no-record"].figures["place"] == 5  # 2007, 2008, 2006 and 2004 had more
    assert re.sub(r"[\u00a0\u202f]", " ", got["no-record"].explanation["en"]) == (
        "2007 had 193,000 ha, more than 123,000 ha in 2010: 2010 is place 5 of 16 years of all the data"
        " (since 1994)."
    )
    assert re.sub(r"[\u00a0\u202f]", " ", got["second"].explanation["en"]).startswith(
        "Only 2007 (8,200 t) had more of all the data"
    )
    assert got["half"].stated["en"] == "a 2-fold fall (2009→2010)"
    assert got["half"].stated["ru"] == "сокращение в 2 раза (2009→2010)"


def test_claims_cli_checks_another_claim_file(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text(OTHER_CLAIMS, encoding="utf-8")
    result = _cli("--claims", str(path), "--format", "json", "--lang", "ru")
    assert result.returncode == 0, result.stderr
    assert [r["claim_id"] for r in json.loads(result.stdout)] == [
        "lvl",
        "chg",
        "chg-wrong",
        "rat",
        "half",
        "record",
        "no-record",
        "low-since",
        "second",
        "third",
        "rise",
        "fall",
    ]


def test_a_bad_claim_file_names_file_line_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + "x,A,2014-02-30,nope,q,t,ratio,Afghanistan,cultivation,,2013,,,abc,times,exact,,,\n"
        + "y,A,2014-02-25,fskn-2014-02-25,q,t,change,Afghanistan,opium,,2013,,,,ha,exact,,,\n",
        encoding="utf-8",
    )
    result = _cli("--claims", str(path))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert f"{path}, line 2, column 'date': must be a date (YYYY-MM-DD) (value '2014-02-30') [type]" in lines
    assert (
        f"{path}, line 2, column 'source_id': does not resolve in sources.source_id (value 'nope') "
        "[foreign-key]" in lines
    )
    assert any(x.startswith(f"{path}, line 3, column 'measure'") for x in lines)
    assert f"{path}, line 3, column 'start_year': a change claim needs it [required-for-kind]" in lines
    assert lines[-1] == f"poppy claims: {len(lines) - 1} problem(s) in {path}"


def test_the_data_contract_knows_every_claim_kind_the_code_checks():
    from poppy.checks.claims import CHECKERS
    from poppy.data.contract import ENUMS

    assert set(ENUMS["claims", "metric"]) == set(CHECKERS)


def test_a_record_without_an_earlier_year_is_not_checked():
    from poppy.errors import SeriesError

    claim = (
        pd.read_csv(io.StringIO(OTHER_CLAIMS))
        .iloc[[0]]
        .assign(
            claim_id="first",
            metric="rank",
            area="Afghanistan",
            measure="cultivation",
            end_year=1994,
            stated_value=float("nan"),
            stated_unit="record_high",
            stated_span_years=float("nan"),
        )
    )
    frames = poppy.load_all()
    claim["date"] = pd.to_datetime(claim["date"])
    with pytest.raises(SeriesError, match="no year before 1994"):
        check_claims(frames, claim)


@pytest.mark.parametrize(
    ("stated", "ratio", "verdict"),
    [
        (0.33, 1 / 3, "accurate"),
        (0.17, 1 / 6, "accurate"),
        (0.5, 0.52, "accurate"),
        (0.33, 0.52, "overstated"),
    ],
)
def test_a_fraction_is_judged_as_the_multiple_it_divides_by(stated, ratio, verdict):
    from poppy.checks.claims import _ratio_verdict

    assert _ratio_verdict(stated, ratio, ratio, ratio) == verdict
