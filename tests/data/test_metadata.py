"""The descriptor is complete and true to the files; declared data rules hold (as a table)."""

from __future__ import annotations

import re
import tomllib

import pandas as pd
import pytest

import poppy
from poppy.data import validate_package
from poppy.data.descriptor import default_data_dir, read_descriptor, sha256_of
from tests.conftest import ROOT, tool
from tests.data.test_data import LOADERS

DESCRIPTOR = read_descriptor(default_data_dir())
FIELDS = [(r["name"], f) for r in DESCRIPTOR["resources"] for f in r["schema"]["fields"]]


@pytest.mark.parametrize(("resource", "field"), FIELDS, ids=[f"{r}.{f['name']}" for r, f in FIELDS])
def test_every_field_has_type_unit_and_description(resource, field):
    assert field["type"] in {"string", "integer", "number", "date", "boolean"}
    assert "unit" in field, "unit may be '' for text, but must be declared"
    assert len(field["description"]) > 5


@pytest.mark.parametrize("res", DESCRIPTOR["resources"], ids=lambda r: r["name"])
def test_descriptor_checksums_match_the_files(res):
    raw = (default_data_dir() / res["path"]).read_bytes()
    assert res["bytes"] == len(raw)
    assert res["hash"] == sha256_of(raw)


@pytest.mark.parametrize("res", DESCRIPTOR["resources"], ids=lambda r: r["name"])
def test_every_source_column_is_a_declared_foreign_key(res):
    declared = {
        f for fk in res["schema"].get("foreignKeys", []) for f in [fk["fields"]] if isinstance(f, str)
    }
    source_cols = {
        f["name"]
        for f in res["schema"]["fields"]
        if f["name"].endswith("source_ids") or (f["name"] == "source_id" and res["name"] != "sources")
    }
    assert source_cols <= declared


def test_shipped_package_is_valid():
    assert validate_package() == []


def test_every_source_is_used_and_every_row_resolves():
    used: set[str] = set()
    for loader in LOADERS:  # the sources table itself cites nothing
        used |= set(loader().attrs["sources"])
    assert used == set(poppy.load_sources()["source_id"])


# --- declared data rules, one row each: (description, check returning the offending rows) ---
def _afg():
    return poppy.load_afghanistan()


def _us_values():
    alt = poppy.load_alternates()
    return alt[alt["series"] == "US government"]


RULES = [
    ("ranges bracket their best estimate", lambda: _afg().query("value < low or value > high")),
    ("low <= high", lambda: _afg().query("low > high")),
    ("no duplicate (year, measure)", lambda: _afg()[_afg().duplicated(["year", "measure"], keep=False)]),
    (
        "no duplicate (country, year) in coca",
        lambda: poppy.load_coca()[poppy.load_coca().duplicated(["country", "year"])],
    ),
    (
        "non-negative values everywhere",
        lambda: pd.concat(
            [
                d[d["value"] < 0]
                for d in (_afg(), poppy.load_alternates(), poppy.load_global(), poppy.load_coca())
            ]
        ),
    ),
    (
        "preferred series never holds a US government figure",
        lambda: _afg().merge(_us_values(), on=["year", "measure", "value"]),
    ),
    (
        "preferred series never cites a US government estimate's document",
        lambda: _afg()[_afg()["source_id"].isin(_us_values()["source_id"])],
    ),
    ("shares are percentages", lambda: poppy.load_shares().query("share_pct <= 0 or share_pct > 100")),
    (
        "Afghan value never exceeds the world total",
        lambda: _afg().merge(poppy.load_global(), on=["year", "measure"]).query("value_x > value_y"),
    ),
    (
        "events end after they start",
        lambda: poppy.load_events().query("end_date < start_date"),
    ),
    (
        "cultivation is in ha and production in t",
        lambda: _afg()[
            _afg()["unit"].astype(str)
            != _afg()["measure"].map({"cultivation": "ha", "production": "t"}).astype(str)
        ],
    ),
]


@pytest.mark.parametrize(("rule", "offending"), RULES, ids=[r[0] for r in RULES])
def test_declared_data_rule(rule, offending):
    assert offending().empty, rule


def _names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~ \[]", r.strip(), maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def test_environment_yml_and_pyproject_name_the_same_runtime_dependencies():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = _names(project["dependencies"])
    env_lines = (ROOT / "environment.yml").read_text().split("# runtime", 1)[1].split("#", 1)[0]
    conda = {
        n.replace("matplotlib-base", "matplotlib")
        for n in _names(re.findall(r"^\s+- (\S+)", env_lines, re.M))
    }
    assert conda == runtime
    env_all = (ROOT / "environment.yml").read_text()
    for extra in project["optional-dependencies"].values():
        for name in _names(extra):
            assert re.search(rf"^\s+- {re.escape(name)}\b", env_all, re.M), (
                f"{name} missing from environment.yml"
            )


def test_readme_codebook_is_generated_from_the_descriptor():
    codebook = tool("codebook").codebook
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert codebook(DESCRIPTOR) in readme, "run: python tools/codebook.py and paste it under ### Codebook"


def test_readme_states_the_primary_source_share_of_every_table():
    from poppy.data import load_value_tables
    from poppy.data.provenance import primary_share

    share = primary_share(load_value_tables(), poppy.load_sources())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for row in share.itertuples():
        name = "all" if row.table == "all" else f"`{row.table}`"
        primary = f"{row.primary} ({row.share_pct:.0f}%)"
        official = f"{row.official} ({row.official_pct:.0f}%)"
        assert f"| {name} | {row.values} | {primary} | {official} |" in readme, row.table
    assert share.iloc[-1]["share_pct"] >= 80


def test_version_is_calendar_versioned_and_in_the_changelog_and_citation():
    version = DESCRIPTOR["version"]
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", version)
    assert DESCRIPTOR["created"].startswith(version.split(".")[0])
    changelog = (default_data_dir() / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.split("\n## ", 1)[1].startswith(version + " ")  # newest entry first
    assert f'version: "{version}"' in (ROOT / "CITATION.cff").read_text(encoding="utf-8")
