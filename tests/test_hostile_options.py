"""Hostile inputs, second round (issue 25): no verdict about the wrong area, no option dropped,
extract bounded and injection-safe, the pack never written through a link, tables that agree.

Each case failed on poppy 0.2 (exit 0 with a silently wrong answer, a traceback, or a write
outside the pack); each is now honoured or refused in one line with exit 2.
"""

from __future__ import annotations

import logging
import pickle

import pytest

from poppy.checks.extract import extract, parse_number
from poppy.data import cache, loaders
from tests.conftest import edit_rows, set_cell
from tests.test_hostile import refused, run

ISAF_RATIO = ("--to", "2013", "--ratio", "26", "--during", "isaf")
CHANGE = ("--from", "2007", "--to", "2013", "--stated", "193000,209000")


def _one_line(code: int, err: str) -> str:
    assert code == 2, err
    assert "Traceback" not in err and "usage:" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- an area or a measure is honoured for every kind, or refused ---------------------------


def test_a_ratio_about_the_world_is_not_answered_with_afghanistans_figures():
    code, out, err = run("check", "--area", "World", *ISAF_RATIO)
    line = _one_line(code, err)
    assert "World" in line and out == ""
    assert "27.5" not in line


@pytest.mark.parametrize("kind", [ISAF_RATIO, CHANGE], ids=["ratio", "change"])
def test_an_unknown_area_is_refused_naming_the_areas_that_have_data(kind):
    line = _one_line(*run("check", "--area", "Narnia", *kind)[::2])
    assert "Narnia" in line and "Afghanistan" in line and "World" in line


def test_a_claim_file_row_about_an_unknown_area_is_refused_with_its_line(tmp_path, data_copy):
    claims = tmp_path / "claims.csv"
    claims.write_bytes((data_copy / "claims.csv").read_bytes())
    edit_rows(
        tmp_path, "claims.csv", lambda rows: set_cell(rows, "area", "Narnia", claim_id="isaf-26-times"), False
    )
    lines = refused(data_copy, "claims", "--claims", str(claims), "--data", str(data_copy))
    assert any("line 3" in s and "column 'area'" in s and "Narnia" in s for s in lines), lines


def test_a_production_ratio_during_an_event_uses_production_not_area():
    code, _, err = run("check", "--measure", "production", *ISAF_RATIO)
    line = _one_line(code, err)
    assert "production" in line  # 2001's production has no rounded figure: said, not judged on hectares


# --- one statement, one figure; ranges checked; argparse in one line --------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ("--to", "2013", "--ratio", "26", "--share", "80"),
        ("--to", "2013", "--ratio", "26", "--stated", "5"),
        ("--to", "2013", "--share", "80", "--stated", "5"),
    ],
    ids=["ratio+share", "ratio+stated", "share+stated"],
)
def test_two_stated_figures_are_refused_not_one_dropped(argv):
    assert "not allowed with argument" in _one_line(*run("check", *argv)[::2])


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (
            ("--to", "2013", "--from", "2007", "--stated", "193000,209000", "--span", "0"),
            "--span: must be a whole",
        ),
        (("--to", "2013", "--share", "500"), "--share: must be a percentage above 0 and at most 100"),
        (("--to", "2013", "--share", "0"), "--share: must be a percentage above 0"),
        (("--to", "2013", "--ratio", "-3"), "--ratio: must be a number above 0"),
    ],
    ids=["span-0", "share-500", "share-0", "ratio-negative"],
)
def test_an_option_out_of_range_is_refused(argv, words):
    assert words in _one_line(*run("check", *argv)[::2])


@pytest.mark.parametrize(
    "argv", [("bogus",), ("check", "--nope"), ("build", "--jobs", "x"), ("extract",)], ids=str
)
def test_argparse_refusals_are_one_line_without_usage(argv):
    assert _one_line(*run(*argv)[::2]).startswith("poppy")


def test_help_still_shows_the_usage():
    code, out, _ = run("check", "--help")
    assert code == 0 and out.startswith("usage: poppy check")


# --- extract: formula cells, typeset numbers, size, where it writes --------------------------


@pytest.mark.parametrize("start", ['=HYPERLINK("http://x","y") ', "@SUM(1) ", "+1 ", "-1 "])
def test_extract_csv_never_starts_a_cell_with_a_formula(tmp_path, start):
    text = tmp_path / "t.txt"
    text.write_text(start + "Opium poppy cultivation reached 209,000 hectares in 2013.\n", encoding="utf-8")
    code, out, err = run("extract", str(text))
    assert code == 0, err
    quote = out.splitlines()[1].split(",", 5)[4].strip('"')
    assert quote.startswith("'" + start[0]), quote


@pytest.mark.parametrize("space", ["\u2009", "\u202f", "\u200b", "\u00a0", "\u200a"], ids=ascii)
def test_a_typeset_group_separator_keeps_the_number_whole(space):
    assert parse_number(f"209{space}000") == 209000
    rows = extract(f"Opium poppy cultivation reached 209{space}000 hectares in 2013.", "en", "", "", "")
    assert rows["stated_value"].tolist() == ["209000"]


def test_a_text_over_the_size_limit_is_refused_unread(tmp_path):
    from poppy.cli import TEXT_LIMIT

    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (TEXT_LIMIT + 1))
    assert f"up to {TEXT_LIMIT:,} bytes" in _one_line(*run("extract", str(big))[::2])


def test_extract_out_refuses_the_data_package_and_an_existing_file(tmp_path, data_copy):
    text = tmp_path / "t.txt"
    text.write_text("Opium poppy cultivation reached 209,000 hectares in 2013.\n", encoding="utf-8")
    lines = refused(
        data_copy, "extract", str(text), "--out", str(data_copy / "claims.csv"), "--data", str(data_copy)
    )
    assert "inside the data package" in lines[0] and len(lines) == 1
    existing = tmp_path / "rows.csv"
    existing.write_text("keep me\n")
    assert "--force" in _one_line(*run("extract", str(text), "--out", str(existing))[::2])
    assert existing.read_text() == "keep me\n"
    code, _, err = run("extract", str(text), "--out", str(existing), "--force")
    assert code == 0, err
    assert existing.read_text().startswith("claim_id,")


# --- the build never writes through a link inside --out --------------------------------------


def test_a_symlinked_site_folder_is_replaced_not_written_through(tmp_path):
    out, outside = tmp_path / "pack", tmp_path / "outside"
    outside.mkdir()
    argv = (
        "build",
        "--out",
        str(out),
        "--lang",
        "en",
        "--formats",
        "svg",
        "--sizes",
        "web",
        "--notebooks",
        str(tmp_path),
    )
    assert run(*argv)[0] == 0
    for name in ("site", "briefing"):
        target = outside / name
        target.mkdir()
        (out / name).rename(tmp_path / f"old-{name}")
        (out / name).symlink_to(target)
    code, _, err = run(*argv)
    assert code == 0, err
    assert list(outside.rglob("*")) == [outside / "briefing", outside / "site"]  # nothing written there
    assert (out / "site").is_dir() and not (out / "site").is_symlink()
    assert (out / "site" / "en" / "index.html").is_file()


# --- tables that agree with each other --------------------------------------------------------


def test_an_afghan_area_above_the_worlds_is_refused_naming_both_rows(data_copy):
    edit_rows(
        data_copy,
        "afghanistan_opium.csv",
        lambda r: set_cell(r, "value", "2960000", year="2013", measure="cultivation"),
    )
    lines = refused(data_copy, "validate", str(data_copy))
    world = [s for s in lines if "[above-world-total]" in s]
    assert len(world) == 1, lines
    assert "afghanistan_opium.csv, line 40" in world[0] and "global_opium.csv line" in world[0]
    assert "2,960,000" in world[0] and "296,720" in world[0]


# --- a forged cache entry is ignored and logged ---------------------------------------------


@pytest.mark.parametrize(
    "forged", ["not tables", {"sources": "not a frame"}, {}], ids=["text", "bad-frame", "empty"]
)
def test_a_forged_cache_entry_is_ignored_and_logged(data_copy, caplog, forged):
    loaders.forget()
    key = loaders.snapshot(data_copy).key()
    folder = cache.cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    entry = folder / f"load-{key}.pickle"
    entry.write_bytes(pickle.dumps((key, forged)))
    entry.chmod(0o600)
    with caplog.at_level(logging.WARNING, logger="poppy.cache"):
        tables = loaders.load_package(data_copy)
    assert "afghanistan_opium" in tables and len(tables["afghanistan_opium"]) > 50
    assert any("does not hold this data state" in r.getMessage() for r in caplog.records)
    loaders.forget()
