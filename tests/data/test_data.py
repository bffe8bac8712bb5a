"""The shipped data loads, is typed, and says what UNODC publishes."""

from __future__ import annotations

import pandas as pd
import pytest

import poppy
from poppy.data import further_sources
from poppy.data.descriptor import default_data_dir, read_descriptor

LOADERS = [
    poppy.load_afghanistan,
    poppy.load_cultivation,
    poppy.load_production,
    poppy.load_alternates,
    poppy.load_global,
    poppy.load_shares,
    poppy.load_coca,
    poppy.load_events,
    poppy.load_claims,
    poppy.load_sources,
]


@pytest.mark.parametrize("loader", LOADERS, ids=lambda f: f.__name__)
def test_every_dataset_loads_with_metadata(loader):
    df = loader()
    assert len(df) > 0
    assert set(df.attrs["units"]) == set(df.columns)
    for sid in df.get("source_id", []):
        assert sid in df.attrs["sources"], sid
    assert df.attrs["data_hash"].startswith("sha256:")


@pytest.mark.parametrize(
    ("year", "hectares"), [(2007, 193_000), (2013, 209_000), (2001, 7_606), (2000, 82_171)]
)
def test_headline_values_are_what_unodc_publishes(year, hectares):
    cult = poppy.load_cultivation().set_index("year")
    assert cult.loc[year, "value"] == hectares
    assert cult.loc[year, "unit"] == "ha"


def test_series_covers_1994_to_2025_once_per_measure():
    df = poppy.load_afghanistan()
    assert sorted(df["year"].unique()) == list(range(1994, 2026))
    assert df.groupby("measure", observed=True).size().to_dict() == {"cultivation": 32, "production": 32}


def test_unverified_years_stay_empty_with_a_note():
    df = poppy.load_afghanistan().set_index(["year", "measure"])
    for key in [(1995, "cultivation"), (1998, "production")]:
        assert pd.isna(df.loc[key, "value"]), key
        assert df.loc[key, "note"], key
    assert df.loc[(1995, "cultivation"), ["low", "high"]].tolist() == [53_000, 55_000]


def test_early_years_carry_lower_confidence():
    df = poppy.load_afghanistan()
    early = df["year"] <= 1999
    assert df.loc[early, "flags"].str.contains("early_estimate").all()
    assert not df.loc[~early, "flags"].str.contains("early_estimate").any()
    assert (df.loc[early, "confidence"] != "high").mean() > 0.8
    assert (df.loc[df["year"].between(2002, 2013), "confidence"] == "high").mean() > 0.8


def test_columns_are_typed_from_the_descriptor():
    df = poppy.load_afghanistan()
    assert str(df["year"].dtype) == "Int64"
    assert df["value"].dtype == "float64"
    assert isinstance(df["measure"].dtype, pd.CategoricalDtype)
    assert list(df["measure"].cat.categories) == ["cultivation", "production"]


def test_attrs_survive_a_copy_and_do_not_leak_between_loads():
    a = poppy.load_cultivation()
    for change in (lambda d: d.clear(), lambda d: d.update(x=1), lambda d: d.__setitem__("x", 1)):
        with pytest.raises(TypeError, match="read-only"):  # shared by every frame derived from it
            change(a.attrs["sources"])
    with pytest.raises(TypeError, match="read-only"):
        names = a.attrs["source_names"]
        names |= {"x": "y"}
    a.attrs["sources"] = {}  # a caller may replace a key of its own copy
    b = poppy.load_cultivation()
    assert b.attrs["sources"], "a caller's edit must not reach the cache"
    derived = b.query("year == 2013")
    assert derived.attrs["units"]["value"] == "ha or t (see unit)"
    assert derived.attrs["sources"] is b.attrs["sources"]  # pandas shares it instead of deep-copying


def test_ban_years_match_the_events_table():
    events = poppy.load_events().set_index("event_id")
    cult = poppy.load_cultivation().set_index("year")
    for ban in ("taliban-ban-2000", "taliban-ban-2022"):
        year = int(events.loc[ban, "harvest_year"])
        assert "ban_year" in cult.loc[year, "flags"]


def test_alternates_keep_the_rounded_2001_and_unodc_2007_figures():
    alt = poppy.load_alternates()
    rounded = alt.query("year == 2001 and relation == 'rounded'")["value"]
    assert set(rounded) == {8_000}
    assert 192_000 in set(alt.query("year == 2007 and relation == 'unodc_alternate'")["value"])
    assert 4_519 in set(alt.query("year == 2005 and relation == 'preliminary'")["value"])


def test_data_is_found_through_the_package_not_the_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert poppy.load_cultivation()["value"].notna().sum() > 25
    assert (default_data_dir() / "datapackage.json").is_file()
    assert read_descriptor(default_data_dir())["name"] == "poppy-unodc-opium"


def test_linked_documents_travel_with_the_frame_and_its_subsets():
    afg = poppy.load_afghanistan()
    links = further_sources(afg)
    assert "unis-nar1035" in links[(2008, "cultivation")]
    cult = poppy.load_cultivation()
    assert set(further_sources(cult)) == {k for k in links if k[1] == "cultivation"}
    # a linked document is cited by the subset that holds its value, and only there
    assert "un-news-2005-08-29" in cult.attrs["sources"]  # linked to 2005 cultivation
    prod_only = {sid for k, ids in links.items() if k[1] == "production" for sid in ids}
    cult_ids = set(cult["source_id"]) | {sid for ids in further_sources(cult).values() for sid in ids}
    assert set(cult.attrs["sources"]) == cult_ids
    assert prod_only - cult_ids  # some production documents are not cultivation's


def test_dates_are_dates_and_shares_have_one_preferred_per_year_and_basis():
    events = poppy.load_events().set_index("event_id")
    assert events.loc["isaf", "start_date"] == pd.Timestamp(2001, 12, 20)
    assert events.loc["taliban-ban-2000", "start_precision"] == "month"
    assert pd.isna(events.loc["taliban-ban-2022", "end_date"])
    shares = poppy.load_shares()
    assert shares["preferred"].dtype == "boolean"
    assert (shares.groupby(["year", "basis"], observed=True)["preferred"].sum() == 1).all()
    pref = shares[shares["preferred"]].set_index(["year", "basis"])["share_pct"]
    assert pref[(2005, "opium_production")] == 89 and pref[(2008, "opium_production")] == 93
    assert (2021, "opium_production") not in pref.index and pref[(2020, "opium_production")] == 85
