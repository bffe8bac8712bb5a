"""Each headline fact computed once, and the charts and briefing saying the same thing."""

from __future__ import annotations

import pytest

import poppy
from poppy.checks import findings
from poppy.publish import briefing, charts


@pytest.fixture(scope="module")
def frames():
    return poppy.load_all()


@pytest.fixture(scope="module")
def facts(frames):
    return findings.findings(frames)


def test_the_facts_and_their_values(facts):
    assert (facts["peak_area"].year, facts["peak_area"].value) == (2017, 328_000)
    assert [(facts[k].year, facts[k].value) for k in ("ban_1", "ban_2")] == [(2001, 7_606), (2023, 10_800)]
    assert facts["ban_1"].fields["a"] == 82_171 and round(facts["ban_1"].fields["pct"], 1) == -90.7
    assert (facts["coca_colombia"].fields["low"], facts["coca_colombia"].fields["low_year"]) == (48_000, 2012)
    assert (facts["stated_share"].year, facts["stated_share"].value) == (2023, 17)
    assert facts["world_share"].year == 2018 and round(facts["world_share"].value, 1) == 82.2
    assert facts["claim_years"].fields["start"] == 2007 and facts["claim_years"].value == 209_000
    for fact in facts.values():
        assert fact.sources and all(s in poppy.load_sources()["source_id"].values for s in fact.sources)


def test_bans_come_from_the_events_table_in_date_order(frames):
    bans = findings.bans(frames)
    assert [b.fields["ordinal"] for b in bans] == [1, 2]
    assert [b.year for b in bans] == sorted(frames.events.query("kind == 'ban'")["harvest_year"].astype(int))


def test_charts_and_briefing_state_the_same_facts(frames, facts):
    cult = charts.publish("cultivation", frames)
    assert "328,000\u00a0ha in 2017" in cult.title and "7,606\u00a0ha (2001)" in cult.title
    prod = charts.publish("production", frames)
    stated = facts["stated_share"]
    assert f"{int(stated.value)}% of the world's opium in {stated.year}" in prod.title
    sentences = {k.figure_id: k.sentence["en"] for k in briefing.key_figures(frames)}
    assert (
        f"{int(stated.value)}%" in sentences["stated_share"] and str(stated.year) in sentences["stated_share"]
    )
    coca = charts.publish("coca", frames)
    assert "48,000\u00a0ha in 2012" in coca.title and "48,000\u00a0ha in 2012" in sentences["coca_colombia"]
