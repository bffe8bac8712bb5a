"""poppy extract: candidate claim rows from a new text, by rules, in English and Russian."""

from __future__ import annotations

import os
import subprocess
import sys

import pandas as pd
import pytest

import poppy
from poppy.checks.extract import area_stems, extract, parse_number
from poppy.checks.numbers import figures
from tests.conftest import ROOT


def _extracted(text: str, date: str, columns: list[str]) -> set[tuple[str, ...]]:
    """The extracted rows of ``text`` said at ``date``, as tuples of ``columns``."""
    return set(extract(text, date=date)[columns].itertuples(index=False, name=None))


RELEASE = ROOT.parent / "shared" / "sources" / "fdcs-press-release-2014-02-25.txt"
COLUMNS = [
    "metric",
    "area",
    "measure",
    "start_year",
    "end_year",
    "stated_start",
    "stated_end",
    "stated_value",
    "stated_unit",
    "qualifier",
    "stated_span_years",
    "period_event_id",
]
#: The columns poppy checks a row on (who and where are the analyst's): the first eight.
CHECKED = COLUMNS[:8]


def _rows(frame: pd.DataFrame, columns: list[str] = COLUMNS) -> list[tuple[str, ...]]:
    return [tuple(r) for r in frame[columns].to_numpy()]


@pytest.mark.parametrize(
    ("text", "value"),
    [("209,000", 209000), ("209 000", 209000), ("209\u00a0000", 209000), ("27,5", 27.5), ("79.9", 79.9)],
)
def test_numbers_in_both_languages_formats(text, value):
    assert parse_number(text) == value


def test_thousands_words():
    assert parse_number("193", "thousand") == parse_number("193", "тыс.") == 193000


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("The area grew 26-fold under ISAF.", (26.0, "times", "exact", None, 0)),
        ("Площадь выросла в 26 раз.", (26.0, "times", "exact", None, 0)),
        ("Около 6 883 т опиума.", (6883.0, "t", "about", None, 0)),
        ("Свыше 80 процентов героина.", (80.0, "percent", "more_than", None, 0)),
        ("It reached 1.5 million tonnes.", (1.5e6, "t", "exact", None, 0)),
        ("Площадь составила 10,8 тыс. га.", (10800.0, "ha", "exact", None, 0)),
        ("Было произведено 5 тысяч 500 тонн.", (5500.0, "t", "exact", None, 0)),
        ("It was six thousand four hundred tons.", (6400.0, "t", "exact", None, 0)),
        ("Between 5,000 and 6,000 tonnes were made.", (5000.0, "t", "exact", 6000.0, 0)),
        ("Cultivation fell by 95 per cent.", (95.0, "percent", "exact", None, -1)),
        ("Площадь выросла почти на 36%.", (36.0, "percent", "about", None, 1)),
        ("It accounts for almost 90% of global opium.", (90.0, "percent", "about", None, 0)),
        ("Cultivation more than doubled.", (2.0, "times", "more_than", None, 0)),
        ("Посевы выросли более чем вдвое.", (2.0, "times", "more_than", None, 0)),
        ("Production tripled.", (3.0, "times", "exact", None, 0)),
        ("Farm-gate prices reached US$ 408 per kilogram.", (408.0, "usd_per_kg", "exact", None, 0)),
        ("Цена составила 730 долларов за килограмм.", (730.0, "usd_per_kg", "exact", None, 0)),
    ],
)
def test_figures_in_every_form_with_their_unit_qualifier_and_direction(sentence, figure):
    assert [(f.value, f.unit, f.qualifier, f.high, f.direction) for f in figures(sentence)] == [figure]


def test_percentage_points_are_no_figure_of_a_series():
    assert figures("Доля выросла на 3 п. п.") == []


@pytest.mark.skipif(not RELEASE.is_file(), reason="the shared release is not next to the project")
def test_the_release_gives_the_rows_of_claims_csv():
    """Every statement of data/claims.csv, read from the release with only its date given."""
    rows = extract(RELEASE.read_text(encoding="utf-8"), date="2014-02-25")
    claims = poppy.load_all().claims.astype(object).map(lambda v: "" if pd.isna(v) else str(v))
    for column in ("start_year", "end_year", "stated_start", "stated_end", "stated_value"):
        claims[column] = claims[column].str.removesuffix(".0")
    by_quote = {q: r for q, r in zip(rows["quote"], _rows(rows, CHECKED), strict=True)}
    expected = {q: r for q, r in zip(claims["quote"], _rows(claims, CHECKED), strict=True)}
    checkable = [q for q, r in expected.items() if r[0] != "opinion"]
    assert len(checkable) == 6
    for quote in checkable:
        got, want = by_quote[quote], expected[quote]
        assert (got[0], set(got[1].split(";")), set(got[2].split(";")), *got[3:]) == (
            want[0],
            set(want[1].split(";")),
            set(want[2].split(";")),
            *want[3:],
        ), quote
    notes = dict(zip(rows["quote"].str[:30], rows["note"], strict=True))
    assert notes["And during the deployment of t"] == (
        "TO REVIEW: area, measure, end_year from sentence 10; fill speaker, source_id"
    )
    assert notes["Participants discussed measure"] == (
        "TO REVIEW: no year stated: 2013, the latest survey year before the statement's date; "
        "fill speaker, source_id"
    )
    # years of meetings (2014, 2010) and of the ISAF withdrawal are no figures: no row at all
    assert (rows["metric"] != "").all() and len(rows) == 9


def test_a_percentage_change_with_its_endpoints_and_years_carried_to_the_next_sentence():
    """The issue's text: 'fell by 95 per cent' is a change, and 'over the same period' its years."""
    rows = extract(
        "Opium cultivation in Afghanistan fell by 95 per cent, from 233,000 hectares in 2022 to 10,800 "
        "hectares in 2023. Production fell from 6,200 tons to 333 tons over the same period.",
        date="2023-11-05",
    )
    assert _rows(rows, [*CHECKED, "stated_unit"]) == [
        ("change", "Afghanistan", "cultivation", "2022", "2023", "233000", "10800", "-95", "ha"),
        ("change", "Afghanistan", "production", "2022", "2023", "6200", "333", "", "t"),
    ]
    assert (
        rows["note"].iloc[1]
        == "TO REVIEW: area, start_year, end_year from sentence 1; fill speaker, source_id"
    )


def test_a_russian_text_carries_the_year_of_the_sentence_before():
    rows = extract(
        (ROOT / "tests" / "texts" / "fskn_style_ru.txt").read_text(encoding="utf-8"),
        "ru",
        speaker="В. Иванов",
        date="2014-02-25",
        source_id="fskn-2014-02-25",
        areas=area_stems(poppy.load_all().provinces),
    )
    assert _rows(rows) == [
        (
            "change",
            "Afghanistan",
            "cultivation",
            "2007",
            "2013",
            "193000",
            "209000",
            "",
            "ha",
            "exact",
            "5",
            "",
        ),
        ("ratio", "Afghanistan", "cultivation", "", "2013", "", "", "26", "times", "exact", "", "isaf"),
        (
            "share",
            "Afghanistan",
            "heroin_production",
            "",
            "2013",
            "",
            "",
            "80",
            "percent",
            "more_than",
            "",
            "",
        ),
        ("level", "Afghanistan", "production", "", "2013", "", "", "5500", "t", "exact", "", ""),
        ("", "", "", "", "", "", "", "", "", "", "", ""),
    ]
    assert rows["note"].iloc[1] == "ПРОВЕРИТЬ: area, measure, end_year: из предложения 2"
    assert rows["note"].iloc[-1] == "НЕ СОПОСТАВЛЕНО: цифры не относятся ни к одному ряду данных"


def test_production_reached_takes_the_year_before_it_in_russian():
    rows = extract(
        "В 2013 году площадь посевов мака в Афганистане составила 209 тыс. га. "
        "Производство опия достигло 5500 тонн.",
        "ru",
        date="2013-11-13",
    )
    assert _rows(rows, CHECKED) == [
        ("level", "Afghanistan", "cultivation", "", "2013", "", "", "209000"),
        ("level", "Afghanistan", "production", "", "2013", "", "", "5500"),
    ]


@pytest.mark.parametrize(
    ("sentence", "row"),
    [
        (
            "Afghanistan produces 80 percent of the world's heroin in 2013.",
            ("share", "Afghanistan", "heroin_production"),
        ),
        (
            "Poppy cultivation in Afghanistan grew 26-fold from 2001 to 2013.",
            ("ratio", "Afghanistan", "cultivation"),
        ),
        ("Opium production in Myanmar doubled between 2020 and 2023.", ("ratio", "Myanmar", "production")),
        ("Myanmar became the largest opium producer in 2023.", ("rank", "Myanmar", "production")),
        (
            "Колумбия остаётся крупнейшим в мире производителем кокаина в 2022 году.",
            ("rank", "Colombia", "cocaine_production"),
        ),
        ("Посевы коки в Колумбии выросли на 13% в 2022 году.", ("change", "Colombia", "coca_cultivation")),
        (
            "In 2018 eradication in Afghanistan fell by 46 per cent to 406 hectares.",
            ("change", "Afghanistan", "eradication"),
        ),
        (
            "Opium cultivation in Afghanistan rose over the past five years to 2013.",
            ("trend", "Afghanistan", "cultivation"),
        ),
    ],
)
def test_kinds_as_an_analyst_reads_them(sentence, row):
    rows = extract(sentence, date="2024-01-10")
    assert (rows["metric"].iloc[0], rows["area"].iloc[0], rows["measure"].iloc[0]) == row


def test_a_figure_of_shan_state_or_of_income_is_not_a_series_of_ours():
    rows = extract(
        "Shan State accounted for 88 per cent of cultivation in 2023. "
        "Farmers' income fell by 48 per cent in 2025.",
        date="2025-11-06",
    )
    assert set(rows["note"]) == {"UNMATCHED: the figures match no series in the data"}


def test_a_text_without_figures_gives_nothing():
    assert extract("The meeting was useful. Участники обсудили сотрудничество.").empty


def test_extract_cli_writes_csv_that_reads_back(tmp_path):
    text = tmp_path / "t.txt"
    text.write_text("Production reached 5,500 tonnes of opium in Afghanistan in 2013.", encoding="utf-8")
    out = tmp_path / "rows.csv"
    run = subprocess.run(
        [sys.executable, "-m", "poppy", "extract", str(text), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0
    assert run.stderr == "poppy extract: 1 row(s) from sentences with figures, 0 unmatched\n"
    row = pd.read_csv(out, dtype=str, keep_default_na=False).iloc[0]
    assert (row["metric"], row["measure"], row["end_year"], row["stated_value"]) == (
        "level",
        "production",
        "2013",
        "5500",
    )
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe 209 000")
    bad = subprocess.run(
        [sys.executable, "-m", "poppy", "extract", str(tmp_path / "bad.txt")], capture_output=True, text=True
    )
    assert bad.returncode == 2 and bad.stderr.startswith("poppy extract: ") and "not UTF-8" in bad.stderr
    assert "Traceback" not in bad.stderr and bad.stdout == ""


def test_extract_refuses_control_characters_and_anything_but_a_regular_file(tmp_path):
    def run(path):
        return subprocess.run(
            [sys.executable, "-m", "poppy", "extract", str(path)], capture_output=True, text=True, timeout=30
        )

    text = tmp_path / "escape.txt"
    text.write_text("Area 209,000 ha in 2013.\nPoppy area grew 26 times\x1b[31m by 2013.\n", encoding="utf-8")
    bad = run(text)
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr == f"poppy extract: {text}: line 2: contains U+001B, a control character\n"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    blocked = run(fifo)  # would wait for a writer forever if it were opened
    assert blocked.returncode == 2 and blocked.stderr == f"poppy extract: {fifo}: not a regular file\n"


@pytest.mark.parametrize(
    ("sentence", "date", "rows"),
    [
        (  # a start after its end, its unit left unsaid
            "Coca cultivation in Peru slipped to 49,800 hectares in 2013 from 60,400 in 2012.",
            "2014-06-20",
            [("change", "coca_cultivation", "2012", "2013", "60400", "49800", "")],
        ),
        (  # the year right after the start is the start's: the end is the latest survey's
            "Opium production in Myanmar reached 580 tons, up from 330 tons in 2009.",
            "2010-12-13",
            [("change", "production", "2009", "2010", "330", "580", "")],
        ),
        (  # a series word past 'and' is the next figure's; a run of years does not start a change
            # but is a trend of its own, ending the year before
            "After three consecutive years of growth, the area under opium poppy in Myanmar fell"
            " by 4% and production decreased by 8%.",
            "2024-12-12",
            [
                ("change", "cultivation", "2023", "2024", "", "", "-4"),
                ("change", "production", "2023", "2024", "", "", "-8"),
                ("trend", "cultivation", "2020", "2023", "", "", ""),
            ],
        ),
    ],
)
def test_changes_read_as_an_analyst_dates_them(sentence, date, rows):
    columns = ["metric", "measure", "start_year", "end_year", "stated_start", "stated_end", "stated_value"]
    got = extract(sentence, date=date)[columns]
    assert [tuple(r) for r in got.itertuples(index=False)] == rows


def test_a_share_with_the_shares_of_earlier_years_is_a_share_of_each_year():
    rows = extract("Afghanistan accounted for 90% of world opium production in 2007, up from 70% in 2000.")
    got = rows[["metric", "area", "end_year", "stated_value", "stated_unit"]]
    assert [tuple(r) for r in got.itertuples(index=False)] == [
        ("share", "Afghanistan", "2007", "90", "percent"),
        ("share", "Afghanistan", "2000", "70", "percent"),
    ]


def test_a_change_that_goes_on_to_a_further_figure_is_a_second_change():
    sentence = (
        "Coca cultivation in Peru fell from 62,500 to 60,400 hectares between 2011 and 2012,"
        " and to 49,800 hectares in 2012-2013."
    )
    got = extract(sentence, date="2014-07-01")[["start_year", "end_year", "stated_start", "stated_end"]]
    assert [tuple(r) for r in got.itertuples(index=False)] == [
        ("2011", "2012", "62500", "60400"),
        ("2012", "2013", "60400", "49800"),
    ]


@pytest.mark.parametrize(
    ("sentence", "date", "row"),
    [
        (  # 'last year' just after the rank word dates the record, not the sentence's 'now'
            "Cultivation in Afghanistan rose 7% over the record level reported last year, with the area"
            " now at 224,000 hectares.",
            "2014-11-12",
            ("rank", "2013"),
        ),
        (  # a World Drug Report has the figures of the year before its title's
            "Myanmar was the second largest opium producer in the World Drug Report 2019.",
            "2020-02-04",
            ("rank", "2018"),
        ),
    ],
)
def test_the_year_of_a_rank_as_an_analyst_reads_it(sentence, date, row):
    rows = extract(sentence, date=date)
    assert row in set(rows[["metric", "end_year"]].itertuples(index=False, name=None))


def test_figures_set_against_each_other_by_while_are_two_levels():
    rows = extract(
        "Between 2015 and 2016 poppy cultivation in Mexico reached 25,200 hectares, while in 2016-2017"
        " about 30,600 hectares were registered.",
        date="2018-11-29",
    )
    got = rows[["metric", "end_year", "stated_value"]]
    assert [tuple(r) for r in got.itertuples(index=False)] == [
        ("level", "2016", "25200"),
        ("level", "2017", "30600"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a quoted speaker's next sentence opens with a dash; 'засеивалось' is an area
            "Посевы выросли на 63% и составили 328 тыс. га, - отметил Федотов. - Это абсолютный рекорд,"
            " потому что последние 10 лет засеивалось примерно 150-170 тыс. га.",
            {("Это абсолютный рекорд", "rank", "cultivation")},
        ),
        (  # the State Department is no Colombian department
            "По данным госдепартамента, плантации опийного мака в Афганистане превышают 60 тысяч гектаров.",
            {("По данным госдепартамента", "level", "cultivation")},
        ),
        (  # 'вторым по величине' is a rank of place 2
            "Мьянма остается вторым по величине производителем опиума.",
            {("Мьянма остается", "rank", "production")},
        ),
    ],
)
def test_russian_sentences_as_an_analyst_reads_them(text, expected):
    rows = extract(text, "ru", date="2017-11-15")
    got = {
        (q[: len(p)], m, s)
        for q, m, s in rows[["quote", "metric", "measure"]].itertuples(index=False)
        for p, _, _ in expected
    }
    assert expected <= got


def test_a_plan_or_goal_is_not_checked():
    rows = extract(
        "The government wants to eradicate 100,000 hectares of coca in Colombia in 2019.", date="2018-12-01"
    )
    assert list(rows["metric"]) == [""] and rows["note"].iloc[0].startswith("GOAL")


@pytest.mark.parametrize(
    ("sentence", "date", "rows"),
    [
        (  # 'This year' opening a sentence dates all of it; 'metric tonnes' are tonnes
            "This year, Afghan farmers produced 6,000 metric tonnes of opium, or 600 tonnes of heroin.",
            "2003-06-15",
            {("level", "production", "2003", "6000"), ("level", "heroin_production", "2003", "600")},
        ),
        (  # three figures each with its year and no word of change: a list of levels
            "Afghan opium production was 4,200 tonnes in 2004, 4,100 tonnes in 2005 and 6,100 tonnes in 2006"
            ".",
            "2006-12-13",
            {("level", "production", "2004", "4200"), ("level", "production", "2005", "4100")},
        ),
    ],
)
def test_levels_and_their_years_as_an_analyst_reads_them(sentence, date, rows):
    assert rows <= _extracted(sentence, date, ["metric", "measure", "end_year", "stated_value"])


def test_years_counted_from_the_date_or_from_a_year_before():
    text = (
        "Laos had 1,800 hectares of poppy in 2005. Fifteen years ago, the figure was 30,000 hectares."
        " In 2005, Mexico had 3,300 hectares of poppy,"
        " but four years later the figure was up to 19,500 hectares."
    )
    got = extract(text, date="2005-06-15")[["area", "end_year", "stated_end", "stated_value"]]
    assert {("Lao PDR", "1990", "", "30000"), ("Mexico", "2009", "19500", "")} <= set(
        got.itertuples(index=False, name=None)
    )


def test_a_share_named_before_its_figure_and_a_country_beside_a_province():
    text = (
        "Myanmar's share of global opium production reached 12 percent, up from 5 percent in 2007."
        " Some 90% of the world's opium comes from Afghanistan and Helmand supplied 4,085 tonnes."
    )
    got = extract(text, date="2011-06-23")[["metric", "area", "end_year", "stated_value"]]
    rows = set(got.itertuples(index=False, name=None))
    assert {("share", "Myanmar", "2007", "5"), ("share", "Afghanistan", "2010", "90")} <= rows
    assert ("level", "Hilmand", "2010", "4085") in rows


def test_a_country_flooding_the_world_is_the_countrys_and_one_south_american_country_no_region():
    text = (
        "Colombian cocaine output soared last year, flooding the world with the drug."
        " The South American country reduced coca cultivation to 92,784 hectares in 2023."
    )
    got = extract(text, date="2025-06-15")[["metric", "area"]]
    # the second sentence's fall to a level is a trend too
    assert list(got.itertuples(index=False, name=None)) == [("trend", "Colombia")] * 2 + [
        ("level", "Colombia")
    ]


def test_coca_crop_is_the_bushs_coca_in_tonnes_is_cocaine_and_up_ties_a_percentage_to_its_amount():
    text = (
        "Peru's coca crop was down 17.5 percent in 2023. Colombia made 2,600 tonnes of coca in 2023."
        " In 2023 Myanmar had 47,000 hectares under poppy production, up 18 percent."
    )
    got = extract(text, date="2024-06-15")[["area", "measure", "metric", "stated_value"]]
    rows = set(got.itertuples(index=False, name=None))
    assert ("Peru", "coca_cultivation", "change", "-17.5") in rows
    assert ("Colombia", "cocaine_production", "level", "2600") in rows
    assert {("Myanmar", "cultivation", "level", "47000"), ("Myanmar", "cultivation", "change", "18")} <= rows


@pytest.mark.parametrize(
    ("sentence", "date", "row"),
    [
        (  # a part said before its whole shares its unit; the whole of a province's part is the country's
            "Some 90% of the world's opium comes from Afghanistan and Helmand supplied 4,085 of the 6,900"
            " tonnes of the drug produced in the country this year.",
            "2009-09-15",
            {("level", "Hilmand", "", "2009", "4085"), ("level", "Afghanistan", "", "2009", "6900")},
        ),
        (  # a month before the year, a unit's abbreviation in brackets
            "Afghan prices rose after the Taliban took over in 2021, reaching a monthly peak of $800 per"
            " kilogram in Dec 2023. UNODC figures show a yield of 4,200 metric tonnes (mt) in 2004, 4,100 mt"
            " in 2005 and 6,100 mt in 2006.",
            "2025-03-15",
            {("level", "Afghanistan", "", "2023", "800"), ("level", "Afghanistan", "", "2004", "4200")},
        ),
        (  # 'cut in half last year': last year's change, not that of a year later in the sentence
            "Plant diseases cut Afghanistan's opium production in half last year and production could fall"
            " a little further in 2011.",
            "2011-06-23",
            {("ratio", "Afghanistan", "2009", "2010", "0.5")},
        ),
        (  # a multiple right after an amount is of its series and, with a change, of the change's years
            "In 2024, Afghan opium prices reached $750 per kilogram, a tenfold growth from $75 per kilogram"
            " in 2022 when the Taliban banned poppy growing. This year, governors in Afghanistan eradicated"
            " around 750 hectares used for poppy cultivation, more than twice as much as last year.",
            "2025-03-15",
            {("ratio", "Afghanistan", "2022", "2024", "10"), ("ratio", "Afghanistan", "2024", "2025", "2")},
        ),
    ],
)
def test_parts_wholes_months_halves_and_multiples(sentence, date, row):
    assert row <= _extracted(sentence, date, ["metric", "area", "start_year", "end_year", "stated_value"])


def test_a_plants_trend_beside_incomes_is_the_plants_and_a_multiple_of_eradication_is_eradications():
    text = (
        "Farmers in Afghanistan are cultivating more and more opium poppy but incomes have hit rock bottom."
        " This year, governors eradicated around 750 hectares of poppy, more than twice as much as last year."
    )
    got = extract(text, date="2021-06-23")[["metric", "measure"]]
    assert list(got.itertuples(index=False, name=None)) == [
        ("trend", "cultivation"),
        ("ratio", "eradication"),
        ("level", "eradication"),
    ]


def test_a_change_that_goes_on_after_but_and_a_record_dated_by_the_year_after_it():
    text = (
        "The area under cultivation in Myanmar fell by 21 percent to 185,900 hectares between 2007 and 2009"
        " but it rose to 195,700 hectares last year. Урожай в Афганистане снизился лишь на 6 процентов к"
        " рекордному уровню 2007 года."
    )
    columns = ["metric", "start_year", "end_year", "stated_start", "stated_value"]
    rows = set(extract(text, date="2011-06-23")[columns].itertuples(index=False, name=None))
    assert {("change", "2007", "2009", "", "-21"), ("change", "2009", "2010", "185900", "")} <= rows
    assert ("rank", "", "2007", "", "") in rows


@pytest.mark.parametrize(
    ("sentence", "date", "row"),
    [
        (  # a clause with a fall between two years and no figure is a trend beside the clause's change
            "Poppy cultivation in Myanmar declined between 2014 and 2020 but has increased 33% since 2021.",
            "2023-12-12",
            ("trend", "cultivation", "2014", "2020", "fall"),
        ),
        (  # 'since 2012 ... through 2014' after a figure's clause; 'recorded' is no record
            "The numbers recorded in the 2005-2011 period show 62,500 hectares of coca in Peru;"
            " however, since 2012, sustained reduction has been achieved through 2014.",
            "2015-07-15",
            ("trend", "coca_cultivation", "2012", "2014", "fall"),
        ),
        (  # 'a ten-year low' of prices is a rank of the price among its own years, the lowest
            "Across Afghanistan opium cultivation is down by 22 per cent and prices are at a ten-year low.",
            "2009-09-02",
            ("rank", "farmgate_price", "", "2009", "record_low"),
        ),
        (  # an aside between the series and its fall; a trend since 'last year' runs to the latest survey
            "Opium production in Afghanistan, previously the world's top supplier, has plummeted since the"
            " Taliban banned the cultivation of narcotics last year.",
            "2023-11-06",
            ("trend", "production", "2022", "2023", "fall"),
        ),
    ],
)
def test_trends_of_clauses_and_asides_and_ranks_said_in_words(sentence, date, row):
    got = _extracted(sentence, date, ["metric", "measure", "start_year", "end_year", "stated_unit"])
    assert row in got
    assert "recorded" not in sentence or "rank" not in {r[0] for r in got}


def test_a_rank_after_its_figure_a_multiple_of_a_figure_and_it_keeping_the_province():
    text = (
        "In 2016 more than 1,400 tons of cocaine were manufactured globally, the highest level ever recorded,"
        " and in 2017 opium production rose. This year there were 69,833 hectares of poppy in Helmand."
        " But it was still more than double the 26,500 hectares cultivated in 2005."
        " In Helmand cultivation has declined to a third of what it was."
    )
    got = extract(text, date="2017-09-15")[["metric", "area", "start_year", "end_year", "stated_value"]]
    rows = set(got.itertuples(index=False, name=None))
    assert ("rank", "World", "", "2016", "") in rows
    assert ("ratio", "Hilmand", "2005", "2017", "2") in rows
    assert any(r[0] == "ratio" and r[4] == "0.33" for r in rows)


def test_a_cumulative_change_over_a_run_of_years_spans_the_run():
    text = "Peru has seen a 30% cumulative reduction of its coca plantations for the third consecutive year."
    got = extract(text, date="2015-07-15")[["metric", "start_year", "end_year", "stated_value"]]
    assert list(got.itertuples(index=False, name=None)) == [("change", "2011", "2014", "-30")]


def test_a_trend_since_the_ban_starts_at_the_last_harvest_before_it_and_the_ban_names_no_series():
    text = "Opium prices in Afghanistan are soaring following a poppy cultivation ban imposed by the Taliban."
    got = extract(text, date="2025-03-15")
    assert got[["metric", "measure", "start_year", "end_year"]].values.tolist() == [
        ["trend", "farmgate_price", "2022", "2024"]
    ]
    assert "2022: the last harvest before the ban" in got["note"][0]
    # before the 2022 decree, the ban of 2000 is the one a text can mean
    early = extract("Opium production in Afghanistan fell sharply after the ban.", date="2001-12-01")
    assert early[["start_year", "end_year"]].values.tolist() == [["2000", "2001"]]


def test_another_countrys_ban_is_not_the_talibans():
    text = "Coca cultivation in Colombia has risen sharply since the ban on aerial spraying with glyphosate."
    got = extract(text, date="2020-06-01")[["area", "start_year", "end_year"]]
    assert got.values.tolist() == [["Colombia", "2018", "2019"]]
    # the Taliban's ban, named as theirs, counts even where the sentence's area is another
    text = "Myanmar's opium output has soared since the Taliban's ban on poppy cultivation."
    got = extract(text, date="2024-06-01")[["area", "start_year"]]
    assert got.values.tolist() == [["Myanmar", "2022"]]


def test_the_bans_extraction_knows_are_the_bans_of_the_data():
    from poppy.checks.phrases import BANS

    events = poppy.load_all().events
    bans = events[events["kind"] == "ban"]
    assert set(BANS) == {
        (str(e.start_date)[:7], int(e.harvest_year) - 1) for e in bans.itertuples(index=False)
    }


@pytest.mark.parametrize(
    ("text", "date", "row"),
    [
        (  # a rank held before: the year before the latest survey, of the area 'which' names
            "The rise in Myanmar's output coincides with a drop in cultivation in Afghanistan, which was"
            " previously the world's largest producer of opium.",
            "2023-12-12",
            ("rank", "Afghanistan", "", "2022"),
        ),
        (  # ... or the last harvest before the ban the sentence names
            "Previously the world's biggest opium producer, Afghanistan has seen a steep decline in output"
            " since the ban.",
            "2025-03-15",
            ("rank", "Afghanistan", "", "2022"),
        ),
        (  # a rise after an event's year, to a figure's later year
            "The Afghan opium price averaged around $75 per kilogram but increased after the Taliban took"
            " over in 2021, reaching a monthly peak of $800 per kilogram in Dec 2023.",
            "2025-03-15",
            ("trend", "Afghanistan", "2021", "2023"),
        ),
        (  # an amount in words after 'compared with', its unit the figure's before
            "The report says just 1,800 hectares of poppies were under cultivation in Laos in early 2005,"
            " compared with nearly seven thousand last year.",
            "2005-06-15",
            ("change", "Lao PDR", "2004", "2005"),
        ),
    ],
)
def test_earlier_ranks_rises_after_an_event_and_amounts_compared_in_words(text, date, row):
    assert row in _extracted(text, date, ["metric", "area", "start_year", "end_year"])


@pytest.mark.parametrize(
    "text",
    [
        "Some 1,800 hectares were grown in Laos in 2005, compared to ten years ago.",
        "Some 1,800 hectares were grown in Laos in 2005, down to one of its lowest levels.",
        "Some 1,800 hectares were grown in Laos in 2005, compared with two neighbours.",
    ],
)
def test_ten_years_ago_or_one_of_its_levels_is_no_amount(text):
    got = extract(text, date="2005-06-15")
    assert got[got["metric"] != "rank"][["metric", "stated_value"]].values.tolist() == [["level", "1800"]]
    # an amount in words that has its scale still ends a change
    text = "Production was 6,400 tons in 2014, compared with nearly seven thousand last year."
    assert figures(text)[-1].value == 7000


@pytest.mark.parametrize(
    ("text", "date", "row"),
    [
        (  # a percentage 'less than' the year before is a fall
            "Coca stopped gaining ground in Peru in 2012, when the crop covered 3.4 per cent less than"
            " the year prior.",
            "2013-09-25",
            ("change", "Peru", "2011", "2012", "-3.4"),
        ),
        (  # 'this year' after a bracketed conversion still dates the figure
            "The land used to grow poppies in Afghanistan dropped from 131,000 hectares in 2004 to"
            " 104,000 hectares (256,880 acres) this year.",
            "2005-08-30",
            ("change", "Afghanistan", "2004", "2005", ""),
        ),
        (  # a year counted back a few words after its figure
            "In 2003 Laos had 12,000 hectares of poppy. Laos had 30,000 hectares of opium crop 14 years ago.",
            "2004-07-09",
            ("level", "Lao PDR", "", "1990", "30000"),
        ),
        (  # Laos's own survey came out in June or July before 2006
            "Opium cultivation in Laos fell 45 percent during the past year, to 6,600 hectares.",
            "2004-07-09",
            ("change", "Lao PDR", "2003", "2004", "-45"),
        ),
        (  # the year of what a figure exceeds is its baseline
            "In Afghanistan the new record exceeds by 46 per cent the last maximum of 224,000 hectares in"
            " 2014.",
            "2017-11-15",
            ("change", "Afghanistan", "2014", "2017", "46"),
        ),
        (  # 'compared to the previous year' is a change's baseline, not the year of a level beside it
            "Opium production in Afghanistan reached 9,000 tonnes in 2017. Helmand had a total of 28,010"
            " hectares and an increase of 37 per cent compared to the previous year.",
            "2017-11-15",
            ("level", "Hilmand", "", "2017", "28010"),
        ),
    ],
)
def test_comparatives_brackets_old_surveys_and_baselines(text, date, row):
    assert row in _extracted(text, date, ["metric", "area", "start_year", "end_year", "stated_value"])


@pytest.mark.parametrize(
    ("text", "date", "row"),
    [
        ("Afghanistan is the world's top opium producer.", "2021-12-22", ("rank", "production", "", "rank")),
        (
            "This level of opium poppy cultivation in Afghanistan is a new high.",
            "2017-11-15",
            ("rank", "cultivation", "", "record_high"),
        ),
        (  # a forecast in another clause leaves the fall a fact
            "Opium production in Laos has fallen dramatically, and a senior official predicts the region"
            " could be opium-free in a few years.",
            "2004-07-09",
            ("trend", "production", "", "fall"),
        ),
        (  # what 'could be produced' is potential production, no forecast
            "In Colombia the quantity of cocaine that could be produced from these crops decreased.",
            "2014-06-27",
            ("trend", "cocaine_production", "", "fall"),
        ),
        (  # a fraction right after a verb of change; '$US ... or more per kg'
            "Mexico's poppy cultivation fell more than a quarter in 2019.",
            "2020-07-31",
            ("change", "cultivation", "-25", "percent"),
        ),
        (
            "Afghan farm-gate prices reached $US169 or more per kg in 2010 compared with $US64 per kg"
            " in 2009.",
            "2011-01-03",
            ("change", "farmgate_price", "", "usd_per_kg"),
        ),
    ],
)
def test_ranks_hedges_fractions_and_prices_said_otherwise(text, date, row):
    assert row in _extracted(text, date, ["metric", "measure", "stated_value", "stated_unit"])


@pytest.mark.parametrize(
    ("text", "date", "row"),
    [
        (  # two shares from one to the other between two years
            "Myanmar's share of the world market shrivelled from 63 percent to 6 percent between 1998"
            " and 2006.",
            "2007-10-11",
            ("share", "", "1998", "63"),
        ),
        (  # a change told after the one that came before it: two changes, each of its own years
            "Myanmar's opium production surged 88% to 790 metric tons in 2022 after having fallen to 400"
            " metric tons in 2020 from 870 metric tons in 2013.",
            "2023-01-28",
            ("change", "2013", "2020", ""),
        ),
        (
            "Myanmar's opium production surged 88% to 790 metric tons in 2022 after having fallen to 400"
            " metric tons in 2020 from 870 metric tons in 2013.",
            "2023-01-28",
            ("change", "2021", "2022", "88"),
        ),
        (  # 'since' of the earlier rise is not the change's start
            "Peru's coca leaf growing area shrank by 2.3% in 2023, after increasing every year since 2015.",
            "2024-06-26",
            ("change", "2022", "2023", "-2.3"),
        ),
        (  # 'last year' right after the first figure is the first's, not the second's
            "Peru's coca covered 92,784 hectares (229,274 acres) last year, compared with the 95,008"
            " hectares registered in 2022.",
            "2024-06-26",
            ("change", "2022", "2023", ""),
        ),
    ],
)
def test_shares_between_years_changes_after_changes_and_whose_last_year(text, date, row):
    assert row in _extracted(text, date, ["metric", "start_year", "end_year", "stated_value"])


def test_a_rise_to_a_level_is_a_trend_and_a_pre_ban_comparison_starts_at_the_ban():
    text = (
        "The area under opium poppy in Afghanistan rose to a record 328,000 hectares in 2017."
        " Afghanistan, which once dominated the global opium supply, has seen cultivation return,"
        " although it remains lower than pre-ban figures."
    )
    got = extract(text, date="2024-11-06")[["metric", "start_year", "end_year", "stated_unit"]]
    rows = set(got.itertuples(index=False, name=None))
    assert {("trend", "2016", "2017", "rise"), ("rank", "", "2022", "rank")} <= rows


def test_a_sentence_in_the_present_takes_the_latest_year_not_the_one_before():
    text = (
        "Last year's Afghan opium yield was 4,630 tons."
        " Afghanistan is still estimated to produce 87 percent of the world's supply of opium."
    )
    got = extract(text, date="2005-08-30")[["metric", "end_year", "stated_value"]]
    assert got.values.tolist() == [["level", "2004", "4630"], ["share", "2005", "87"]]


@pytest.mark.parametrize(
    "sentence",
    [
        "Cultivation was 209,000 hectares in Afghanistan in 2014, 7 per cent above the 2007 level.",
        "Cultivation was 209,000 hectares in Afghanistan, 7 per cent above the previous record set in 2007.",
    ],
)
def test_a_percentage_above_a_years_level_is_a_change_from_that_year(sentence):
    got = extract(sentence, date="2014-11-12")[["metric", "start_year", "end_year", "stated_value"]]
    assert got.values.tolist()[0] == ["change", "2007", "2014", "7"]
    below = extract("Opium production in Myanmar in 2015 was 12% below the 2014 level.", date="2016-01-01")
    assert below[["metric", "start_year", "stated_value"]].values.tolist() == [["change", "2014", "-12"]]


@pytest.mark.parametrize(
    ("sentence", "rows"),
    [
        (  # a half of provinces is no share of the fields, and 'grown in' no rise
            "In 2014 opium poppy was grown in half of Afghanistan's provinces, on 224,000 hectares.",
            [["level", "Afghanistan", "cultivation", "224000"]],
        ),
        ("Opium cultivation in Laos was cut in half in 2013.", [["ratio", "Lao PDR", "cultivation", "0.5"]]),
        (  # 'halved' is a multiple (0.5), 'fell by half' a percentage
            "Opium production in Afghanistan fell by almost half in 2010.",
            [["change", "Afghanistan", "production", "-50"]],
        ),
        (  # the country after 'of' is the whole: the share is the province's
            "Helmand produced half of Afghanistan's opium in 2014.",
            [["share", "Hilmand", "production", "50"]],
        ),
        (
            "Helmand accounted for 50 percent of Afghanistan's opium cultivation in 2014.",
            [["share", "Hilmand", "cultivation", "50"]],
        ),
    ],
)
def test_halves_of_places_and_of_a_country(sentence, rows):
    got = extract(sentence, date="2014-11-12")[["metric", "area", "measure", "stated_value"]]
    assert got.values.tolist() == rows


def test_provinces_free_of_poppy_are_no_series_and_it_says_is_the_report():
    text = (
        "Opium cultivation in Afghanistan fell by 19 percent in 2008, a UN report says."
        " It says more than half of the country's 34 provinces are now poppy-free - up from 13 in 2007."
    )
    got = extract(text, date="2008-08-27")
    assert got[["claim_id", "metric", "stated_value"]].values.tolist() == [["s1", "change", "-19"]]


def test_the_peak_of_a_season_is_no_rank_and_the_peak_of_a_series_is():
    assert extract("Opium prices are high at the peak of the harvest season in May.", date="2023-01-28").empty
    peak = extract("Opium production in Afghanistan reached a peak of 8,200 tons in 2007.", date="2023-01-28")
    assert peak[["metric", "end_year"]].values.tolist() == [["level", "2007"], ["rank", "2007"]]


def test_a_run_without_a_full_stop_is_read_in_pieces_and_loses_no_figure():
    from poppy.checks.extract import LONGEST, sentences

    run = "In 2017 opium cultivation in Helmand was 144,000 hectares, " * 100
    pieces = sentences(run)
    assert len(pieces) > 1 and max(map(len, pieces)) <= LONGEST
    assert " ".join(pieces) == run.strip()
    got = extract(run, date="2018-01-01")
    assert len(got) == 100 and set(got["stated_value"]) == {"144000"} and set(got["area"]) == {"Hilmand"}


def test_a_sentence_that_sums_up_the_one_before_or_tells_of_the_past_keeps_its_year():
    text = (
        "Afghanistan produced 8,200 tons of opium in 2007. That is an increase of 17 percent."
        " Most of it is grown in Helmand, where farmers produced 4,400 tons."
    )
    got = extract(text, date="2012-06-01")[["metric", "end_year", "stated_value"]]
    assert got.values.tolist() == [
        ["level", "2007", "8200"],
        ["change", "2007", "17"],
        ["share", "2007", "50"],
        ["level", "2007", "4400"],
    ]


def test_a_change_after_the_ban_starts_at_the_ban_whatever_the_sentence_before_says():
    text = (
        "Opium cultivation in Afghanistan rose by 19% in 2024 compared with 2023."
        " The report highlights a stark shift after the ban initially led to a 95% drop in opium production."
    )
    got = extract(text, date="2024-11-06")[["metric", "start_year", "end_year", "stated_value"]]
    assert got.values.tolist()[-1] == ["change", "2022", "2023", "-95"]


def test_a_place_said_alone_is_a_rank_of_the_area_it_names_not_of_the_leader_behind_it():
    text = (
        "Myanmar ranks second behind Afghanistan, with 37,300 hectares of opium poppy in 2019."
        " Laos is third, with 4,100 hectares."
        " Output is nowhere near that of Afghanistan, which provides about 85 percent of the world's"
        " opium, but it kept Myanmar's position in second place, with 508 tons."
    )
    got = extract(text, date="2020-02-01")[["metric", "area", "end_year", "stated_value"]]
    assert got.values.tolist() == [
        ["level", "Myanmar", "2019", "37300"],
        ["rank", "Myanmar", "2019", "2"],
        ["level", "Lao PDR", "2019", "4100"],
        ["rank", "Lao PDR", "2019", "3"],
        ["share", "Afghanistan", "2019", "85"],
        ["level", "Myanmar", "2019", "508"],
        ["rank", "Myanmar", "2019", "2"],
    ]
    ru = extract("Мьянма заняла второе место после Афганистана: 37 300 га опийного мака в 2019 году.", "ru")
    assert ru[["metric", "area", "stated_value"]].values.tolist() == [
        ["level", "Myanmar", "37300"],
        ["rank", "Myanmar", "2"],
    ]


_SERIES = [
    "metric",
    "area",
    "measure",
    "start_year",
    "end_year",
    "stated_start",
    "stated_end",
    "stated_value",
]


@pytest.mark.parametrize(
    ("text", "lang", "date", "want"),
    [
        (  # a conversion in brackets is the same figure; the rank is of the change's end, not its start
            "Afghanistan's opium production in 2010 is estimated at 3,600 metric tons (3,968 tons), a 48"
            " percent decrease from 6,900 metric tons (7,605 tons) in 2009 and the lowest since 2003.",
            "en",
            "2010-09-30",
            [
                ("change", "Afghanistan", "production", "2009", "2010", "6900", "3600", "-48"),
                ("rank", "Afghanistan", "production", "", "2010", "", "", ""),
            ],
        ),
        (  # a percentage after a change is of the earlier figure it is said from
            "The area under opium cultivation in Laos was estimated at 2,500 hectares in 2006 compared with"
            " 1,800 hectares in 2005, but was down 91 per cent from the figure of 26,800 hectares in 1998.",
            "en",
            "2006-06-26",
            [
                ("change", "Lao PDR", "cultivation", "2005", "2006", "1800", "2500", ""),
                ("change", "Lao PDR", "cultivation", "1998", "2006", "26800", "2500", "-91"),
            ],
        ),
        (  # 'halved' is a multiple of the year before; an unsaid start after the amount
            "Afghan opium production halved in 2010. In Colombia, 64,000 hectares of coca were grown in"
            " 2011, an increase from 62,000 in 2010.",
            "en",
            "2011-01-10",
            [
                ("ratio", "Afghanistan", "production", "2009", "2010", "", "", "0.5"),
                ("change", "Colombia", "coca_cultivation", "2010", "2011", "62000", "64000", ""),
            ],
        ),
        (  # South-East Asia is the survey's three countries, unless one of them is the subject
            "Cultivation increased by 22 percent in South-East Asia in 2007. Opium production has surged"
            " in Myanmar, threatening to unravel progress in Southeast Asia.",
            "en",
            "2007-10-15",
            [
                ("change", "Myanmar;Lao PDR;Thailand", "cultivation", "2006", "2007", "", "", "22"),
                ("trend", "Myanmar", "production", "2006", "2007", "", "", ""),
            ],
        ),
        (  # a place in an aside between dashes is not the figure's
            "The area used by farmers in Afghanistan to cultivate opium poppy — the plant behind the most"
            " drug-related deaths worldwide — increased in 2013 by 36 percent.",
            "en",
            "2014-06-26",
            [("change", "Afghanistan", "cultivation", "2012", "2013", "", "", "36")],
        ),
        (  # a trend of each series, and the run of years before the year's own
            "Estimates of poppy cultivation and potential heroin production in Mexico showed slight"
            " increases for 2021 after three consecutive years of decline.",
            "en",
            "2022-06-14",
            [
                ("trend", "Mexico", "cultivation", "2020", "2021", "", "", ""),
                ("trend", "Mexico", "heroin_production", "2020", "2021", "", "", ""),
                ("trend", "Mexico", "cultivation", "2017", "2020", "", "", ""),
                ("trend", "Mexico", "heroin_production", "2017", "2020", "", "", ""),
            ],
        ),
        (  # a yield per hectare and 'growing areas' are no series; 'US dollars 550 per kg' a price
            "Afghanistan's average opium yield fell 48 percent to 29.2 kilograms per hectare in 2010."
            " Helmand and Kandahar are major growing areas. Opium prices in Laos remained high at an"
            " estimated US dollars 550 per kg in 2006.",
            "en",
            "2010-09-30",
            [("level", "Lao PDR", "farmgate_price", "", "2006", "", "", "550")],
        ),
        (  # the first half of a year is no share; a price rise is of opium's price, not of heroin's
            "Following the ban, prices soared for the resin from which opium and heroin are made. During"
            " the first half of 2024, opium prices in Afghanistan stabilized around $730 per kilogram.",
            "en",
            "2024-11-06",
            [
                ("trend", "Afghanistan", "farmgate_price", "2022", "2024", "", "", ""),
                ("level", "Afghanistan", "farmgate_price", "", "2024", "", "", "730"),
            ],
        ),
        (  # a rise said in the future tense of a year is a trend
            "Урожай опийного мака в Афганистане в 2006 году вырастет по сравнению с 2005 годом.",
            "ru",
            "2006-03-01",
            [("trend", "Afghanistan", "production", "2005", "2006", "", "", "")],
        ),
        (  # an earlier estimate of the same year is a revision; 'N times the' ties two levels
            "It said 3,400 tonnes of opium would be produced in Afghanistan this year - higher than the 2,700"
            " tonnes estimated earlier this year. The Government eradicated 23,717 ha of opium poppy in"
            " Myanmar in 2012, more than three times the 7,058 ha it eradicated in 2011.",
            "en",
            "2002-10-27",
            [
                ("level", "Afghanistan", "production", "", "2002", "", "", "3400"),
                ("level", "Afghanistan", "production", "", "2002", "", "", "2700"),
                ("ratio", "Myanmar", "eradication", "2011", "2012", "", "", "3"),
                ("level", "Myanmar", "eradication", "", "2012", "", "", "23717"),
                ("level", "Myanmar", "eradication", "", "2011", "", "", "7058"),
            ],
        ),
        (  # 'year-on-year' is the text's year's change; a past rank lasts until the ban the text names
            "Opium cultivation rose by 19 percent in Afghanistan this year, despite the ban. The 19"
            " percent increase year-on-year remains far below the 232,000 hectares cultivated when the"
            " Taliban banned the crop in April 2022. Following the ban, opium prices soared. For years"
            " Afghanistan was the world's biggest supplier of opium.",
            "en",
            "2024-11-06",
            [
                ("change", "Afghanistan", "cultivation", "2023", "2024", "", "", "19"),
                ("change", "Afghanistan", "cultivation", "2023", "2024", "", "", "19"),
                ("level", "Afghanistan", "cultivation", "", "2022", "", "", "232000"),
                ("trend", "Afghanistan", "farmgate_price", "2022", "2024", "", "", ""),
                ("rank", "Afghanistan", "production", "", "2022", "", "", ""),
            ],
        ),
        (  # rises named in places without figures; 'respectively' gives each place its figure
            "A nine per cent fall of coca cultivation in Colombia offset increases in Bolivia and Peru in"
            " 2006. The increase was driven by a 27 per cent rise in Colombia, and increases of 5 per cent"
            " and 4 per cent respectively in Bolivia and Peru.",
            "en",
            "2008-06-18",
            [
                ("change", "Colombia", "coca_cultivation", "2005", "2006", "", "", "-9"),
                ("trend", "Bolivia;Peru", "coca_cultivation", "2005", "2006", "", "", ""),
                ("change", "Colombia", "coca_cultivation", "2005", "2006", "", "", "27"),
                ("change", "Bolivia", "coca_cultivation", "2005", "2006", "", "", "5"),
                ("change", "Peru", "coca_cultivation", "2005", "2006", "", "", "4"),
            ],
        ),
        (  # the list of a 'respectively' may stand before its figures
            "Opium poppy cultivation in Myanmar and Laos rose by 20 per cent and 10 per cent respectively"
            " in 2012.",
            "en",
            "2013-06-01",
            [
                ("change", "Myanmar", "cultivation", "2011", "2012", "", "", "20"),
                ("change", "Lao PDR", "cultivation", "2011", "2012", "", "", "10"),
            ],
        ),
        (  # the record a figure beats is a rank of its year; years of a movement before it are no figure's
            "Cultivation in Afghanistan reached a record 328,000 hectares in 2017 and exceeds by 46 per cent"
            " the last historical maximum of 224,000 hectares in 2014. Cultivation in Laos in 2010 was"
            " stable at 3,000 hectares after falling in 2007 and 2008.",
            "en",
            "2017-11-15",
            [
                ("change", "Afghanistan", "cultivation", "2014", "2017", "224000", "328000", "46"),
                ("rank", "Afghanistan", "cultivation", "", "2017", "", "", ""),
                ("rank", "Afghanistan", "cultivation", "", "2014", "", "", ""),
                ("level", "Lao PDR", "cultivation", "", "2010", "", "", "3000"),
            ],
        ),
        (  # a figure of a 'when' clause is of the year before it; 'before 2022' is 2021
            "По данным ООН, в 2013 году площадь посевов мака в Афганистане составила 209 тысяч гектаров,"
            " превысив показатель 2007 года, когда площадь маковых плантаций составила 193 тысячи гектаров.",
            "ru",
            "2013-11-13",
            [
                ("level", "Afghanistan", "cultivation", "", "2013", "", "", "209000"),
                ("level", "Afghanistan", "cultivation", "", "2007", "", "", "193000"),
            ],
        ),
        (
            "During the first half of 2024, opium prices in Afghanistan stabilized around $730 per kilogram,"
            " compared to about $100 per kg before 2022.",
            "en",
            "2024-11-06",
            [("change", "Afghanistan", "farmgate_price", "2021", "2024", "100", "730", "")],
        ),
        (  # 'their lowest' is a record of each series named; 'several Andean countries' no area
            "In 2020, estimated poppy cultivation and potential heroin production in Mexico reached their"
            " lowest totals since 2014. In 2019 coca cultivation in Bolivia rose from 23,100 hectares to"
            " 25,500, a crop also chewed in several Andean countries.",
            "en",
            "2022-06-14",
            [
                ("rank", "Mexico", "cultivation", "", "2020", "", "", ""),
                ("rank", "Mexico", "heroin_production", "", "2020", "", "", ""),
                ("change", "Bolivia", "coca_cultivation", "2018", "2019", "23100", "25500", ""),
            ],
        ),
        (  # the World Drug Report names the world, as 'world' does in English
            "Согласно Всемирному докладу о наркотиках, производство кокаина в 2021 году достигло 2000 тонн.",
            "ru",
            "2023-06-26",
            [("level", "World", "cocaine_production", "", "2021", "", "", "2000")],
        ),
        (  # a pronoun that rises stands for the series before; a demand that rises is no series
            "Производство кокаина в Колумбии достигло 1228 тонн в 2020 году. В последние два года оно"
            " снова начало расти. По данным исследователей, в США значительно вырос спрос на кокаин.",
            "ru",
            "2021-06-25",
            [
                ("level", "Colombia", "cocaine_production", "", "2020", "", "", "1228"),
                ("trend", "Colombia", "cocaine_production", "2018", "2020", "", "", ""),
            ],
        ),
        (  # a run of records before the year said: a rank of each of its years
            "Poppy cultivation in Mexico fell 27% in 2019. Following two years of record high poppy"
            " cultivation, the United States is encouraged by the progress made in Mexico.",
            "en",
            "2020-06-12",
            [
                ("change", "Mexico", "cultivation", "2018", "2019", "", "", "-27"),
                ("rank", "Mexico", "cultivation", "", "2017", "", "", ""),
                ("rank", "Mexico", "cultivation", "", "2018", "", "", ""),
            ],
        ),
    ],
    ids=[
        "revision-and-multiple-of",
        "year-on-year-and-past-rank",
        "moves-in-places",
        "respectively-before",
        "prior-record-and-background",
        "when-clause",
        "before-a-year",
        "their-lowest",
        "world-drug-report",
        "pronoun-and-demand",
        "run-of-records",
        "converted",
        "moved-from",
        "halved",
        "south-east-asia",
        "aside",
        "after-run",
        "no-series",
        "price",
        "future-rise",
    ],
)
def test_rows_read_as_the_corpus_labellers_read_them(text, lang, date, want):
    got = extract(text, lang, date=date)
    got = got[got["metric"] != ""]
    assert [tuple(r) for r in got[_SERIES].values.tolist()] == want


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Площади посевов сократились в 10 раз.", 0.1),
        ("Производство опия в стране упало почти вдвое.", 0.5),
        ("Opium production fell nearly tenfold.", 0.1),
        ("Посевов в пять раз меньше, чем в 2007 году.", 0.2),
        ("Prices rose fivefold.", 5),
        ("Цены выросли в десять раз.", 10),
        # a fall in the clause before is not the multiple's; a doubling is a rise by its own word
        ("Eradication fell, but prices tripled.", 3),
        ("Cultivation fell by 20 per cent while production doubled.", 2),
    ],
)
def test_a_multiple_of_a_fall_is_the_fraction_it_leaves(sentence, value):
    assert [(f.value, f.unit) for f in figures(sentence) if f.unit == "times"] == [(value, "times")]


def test_a_bracket_with_a_figure_of_its_own_is_no_conversion():
    said = figures("Cultivation reached 209,000 hectares (193,000 hectares in 2007).")
    assert [f.value for f in said] == [209000, 193000]
    assert [f.value for f in figures("Production was 3,600 metric tons (3,968 tons).")] == [3600]


@pytest.mark.parametrize(
    ("text", "lang", "want"),
    [
        (  # a record of the series' own years, of all the data
            "Opium cultivation in Afghanistan reached a record 328,000 hectares in 2017.",
            "en",
            ("rank", "Afghanistan", "2017", "", "record_high", ""),
        ),
        (  # the lowest since a year: the years after it
            "Afghan opium production in 2010 was the lowest since 2003.",
            "en",
            ("rank", "Afghanistan", "2010", "", "record_low", "7"),
        ),
        (  # 'in 16 years' counts them; 'cultivation worldwide' is the world's
            "Opium poppy cultivation worldwide has reached its highest level in 16 years in 2013.",
            "en",
            ("rank", "World", "2013", "", "record_high", "16"),
        ),
        (  # a rank among producers, not of years
            "In 2013 Afghanistan was the world's largest producer of opium.",
            "en",
            ("rank", "Afghanistan", "2013", "", "rank", ""),
        ),
        (  # the second largest harvest in its history
            "Афганистан получил второй по величине в своей истории урожай опиума в 2008 году.",
            "ru",
            ("rank", "Afghanistan", "2008", "2", "record_high", ""),
        ),
        (  # 'a record low' is the lowest, in both languages
            "Opium prices in Afghanistan fell to a record low of $64 per kg in 2009.",
            "en",
            ("rank", "Afghanistan", "2009", "", "record_low", ""),
        ),
        (
            "Цены на опий в Афганистане в 2009 году упали до рекордно низкого уровня.",
            "ru",
            ("rank", "Afghanistan", "2009", "", "record_low", ""),
        ),
        (  # 'once again the largest' is now, not a past rank
            "In 2013 Afghanistan is once again the world's largest producer of opium.",
            "en",
            ("rank", "Afghanistan", "2013", "", "rank", ""),
        ),
    ],
)
def test_a_record_is_a_rank_of_the_series_own_years(text, lang, want):
    got = extract(text, lang, date="2018-06-26")
    columns = ["metric", "area", "end_year", "stated_value", "stated_unit", "stated_span_years"]
    assert tuple(got[got["metric"] == "rank"][columns].iloc[0]) == want
