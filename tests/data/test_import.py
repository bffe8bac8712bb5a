"""poppy import: both layouts, an exact diff, a safe --apply, and at least 20 refused inputs."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from poppy.data import load_afghanistan, load_alternates, load_coca, load_resource, validate_package
from poppy.data.changelog import next_version
from poppy.data.descriptor import read_descriptor
from poppy.data.unodc_import import import_workbook
from poppy.data.unodc_workbook import read_workbook
from poppy.errors import ImportRefused
from tests.data.workbooks import (
    BILLION_LAUGHS,
    annex,
    huge_sheet_xml,
    portal,
    rezip,
    rows_of,
    vba_part,
    wdr_annex,
    with_sheets,
)


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_defusedxml_is_active():
    assert openpyxl.DEFUSEDXML is True


def test_annex_layout_is_read(tmp_path):
    reading = read_workbook(annex(tmp_path / "a.xlsx"))
    assert reading.layout == "annex" and reading.problems == []
    got = {(v.area, v.year): (v.value, v.low, v.high, v.status) for v in reading.values}
    assert got[("Afghanistan", 2026)] == (10200, 9000, 11500, "published")
    assert got[("Afghanistan", 2024)] == (12800, None, None, "published")
    assert got[("World", 2024)] == (None, None, None, "not_available")
    assert ("World", 2013) in got and not any(a == "Myanmar" for a, _ in got)
    assert reading.unmapped == ["Opium cultivation!A10: 'Myanmar' is not a series poppy holds"]
    assert {v.measure for v in reading.values} == {"cultivation"}


def test_annex_diff_is_exact(tmp_path, data_copy):
    text = import_workbook(annex(tmp_path / "a.xlsx"), data_dir=data_copy)
    assert text.splitlines() == [
        "poppy import: a.xlsx, sheet 'Opium cultivation' (annex layout)",
        "changed  afghanistan_opium 2013 cultivation: 209,000 → 209,450\u00a0ha (range 173,000–238,000)  "
        "[was unodc-wdr2016-annex; now (--source-id), Opium cultivation!B7]",
        "new      afghanistan_opium 2026 cultivation: 10,200\u00a0ha (range 9,000–11,500)  "
        "[Opium cultivation!D7]",
        "not mapped: Opium cultivation!A10: 'Myanmar' is not a series poppy holds",
        "summary: 1 new, 1 changed, 0 missing, 1 not mapped; nothing written (add --apply to write)",
    ]


def test_diff_writes_nothing(tmp_path, data_copy):
    before = _snapshot(data_copy)
    import_workbook(annex(tmp_path / "a.xlsx"), data_dir=data_copy)
    assert _snapshot(data_copy) == before


def test_portal_diff_is_exact(tmp_path, data_copy):
    text = import_workbook(portal(tmp_path / "p.xlsx"), data_dir=data_copy)
    assert text.splitlines() == [
        "poppy import: p.xlsx, sheet 'Data' (portal layout)",
        "new      afghanistan_opium 2026 cultivation: 10,200\u00a0ha  [Data!E4]",
        "new      afghanistan_opium 2026 production: 296\u00a0t  [Data!E5]",
        "new      coca Colombia 2024: 262,000\u00a0ha  [Data!E6]",
        "not mapped: Data!A8: 'Mexico' is not a series poppy holds",
        "summary: 3 new, 0 changed, 0 missing, 1 not mapped; nothing written (add --apply to write)",
    ]


def test_missing_values_are_reported_and_kept(tmp_path, data_copy):
    rows = [["Afghanistan", 2018, "Opium poppy cultivation", "ha", "..", "..", ""]]
    text = import_workbook(portal(tmp_path / "p.xlsx", rows), data_dir=data_copy)
    assert "missing  afghanistan_opium 2018 cultivation: 263,000\u00a0ha in data (unodc-aos2018)" in text


def test_apply_then_validate_and_find_the_superseded_value(tmp_path, data_copy):
    text = import_workbook(
        annex(tmp_path / "a.xlsx"), source_id="unodc-wdr2026-annex", do_apply=True, data_dir=data_copy
    )
    assert text.endswith("applied to data/ and validated")
    assert validate_package(data_copy) == []
    afg = load_afghanistan(data_copy).set_index(["year", "measure"])
    assert afg.loc[(2013, "cultivation"), "value"] == 209_450
    assert afg.loc[(2013, "cultivation"), "source_id"] == "unodc-wdr2026-annex"
    assert afg.loc[(2026, "cultivation"), ["value", "low", "high"]].tolist() == [10_200, 9_000, 11_500]
    alt = load_alternates(data_copy)
    old = alt.query("year == 2013 and relation == 'superseded'")
    assert old["value"].tolist() == [209_000] and old["source_id"].tolist() == ["unodc-wdr2016-annex"]
    assert "173000-238000" in old["note"].iloc[0]
    result = subprocess.run([sys.executable, "-m", "poppy", "validate", str(data_copy)], capture_output=True)
    assert result.returncode == 0
    again = import_workbook(annex(tmp_path / "a.xlsx"), data_dir=data_copy)
    assert "summary: 0 new, 0 changed" in again


def test_apply_bumps_the_version_and_writes_a_changelog_entry(tmp_path, data_copy):
    before = read_descriptor(data_copy)["version"]
    links = load_resource("afghanistan_opium_sources", data_copy)
    assert not links.query("year == 2013 and measure == 'cultivation'").empty
    import_workbook(
        annex(tmp_path / "a.xlsx"), source_id="unodc-wdr2026-annex", do_apply=True, data_dir=data_copy
    )
    version = next_version(before, date.today())
    assert read_descriptor(data_copy)["version"] == version != before
    log = (data_copy / "CHANGELOG.md").read_text(encoding="utf-8")
    entry = log.split(f"## {version} ({date.today().isoformat()})", 1)[1].split("\n## ", 1)[0]
    assert "poppy import of a.xlsx, sheet 'Opium cultivation', as source `unodc-wdr2026-annex`" in entry
    assert "afghanistan_opium 2013 cultivation: 209,000 → 209,450" in entry
    assert "afghanistan_opium 2026 cultivation: 10,200" in entry
    assert f"## {before} (" in log  # the earlier entries stay, below the new one
    # the further documents described the superseded value, so they no longer hang on the new one
    links = load_resource("afghanistan_opium_sources", data_copy)
    assert links.query("year == 2013 and measure == 'cultivation'").empty


def test_apply_portal_adds_coca(tmp_path, data_copy):
    import_workbook(
        portal(tmp_path / "p.xlsx"), source_id="unodc-portal-2026", do_apply=True, data_dir=data_copy
    )
    coca = load_coca(data_copy).set_index(["country", "year"])
    assert coca.loc[("Colombia", 2024), "value"] == 262_000
    assert coca.loc[("Colombia", 2024), "producer"] == "UNODC"


def test_apply_needs_a_source_id(tmp_path, data_copy):
    before = _snapshot(data_copy)
    with pytest.raises(ImportRefused, match="--apply needs --source-id"):
        import_workbook(annex(tmp_path / "a.xlsx"), do_apply=True, data_dir=data_copy)
    assert _snapshot(data_copy) == before


def test_apply_clears_a_range_that_belonged_to_the_superseded_value(tmp_path, data_copy):
    # 2016 production had 4,000-5,600 t; a new 6,000 t without a range must not keep the old range
    # (and stays below the world's 6,380 t of that year).
    rows = [["Afghanistan", 2016, "Potential opium production", "t", 6000, "", ""]]
    import_workbook(portal(tmp_path / "p.xlsx", rows), source_id="x-test", do_apply=True, data_dir=data_copy)
    row = load_afghanistan(data_copy).set_index(["year", "measure"]).loc[(2016, "production")]
    assert row["value"] == 6_000 and row[["low", "high"]].isna().all()
    assert (
        "4000-5600"
        in load_alternates(data_copy).query("year == 2016 and relation == 'superseded'")["note"].iloc[0]
    )


def test_apply_that_would_not_validate_leaves_data_untouched(tmp_path, data_copy, monkeypatch):
    from poppy.data import unodc_import

    real = unodc_import._apply_to

    def corrupting(folder, *args):
        real(folder, *args)
        path = folder / "afghanistan_opium.csv"
        path.write_text(path.read_text(encoding="utf-8").replace("10200", "-10200"), encoding="utf-8")
        unodc_import.refresh_checksums(folder)

    monkeypatch.setattr(unodc_import, "_apply_to", corrupting)
    before = _snapshot(data_copy)
    with pytest.raises(ImportRefused, match=r"would not validate: .*must be >= 0"):
        import_workbook(annex(tmp_path / "a.xlsx"), source_id="x-test", do_apply=True, data_dir=data_copy)
    assert _snapshot(data_copy) == before
    assert not [p for p in data_copy.parent.iterdir() if p.name.startswith(".poppy-import-")]


# --- refused inputs: (id, builder(tmp) -> (path, kwargs), words in the one-line message) ----------
def _xlsm(tmp):
    return annex(tmp / "a.xlsx").rename(tmp / "a.xlsm"), {}


def _csv(tmp):
    (tmp / "a.csv").write_text("year,value\n2013,209000\n")
    return tmp / "a.csv", {}


def _not_zip(tmp):
    (tmp / "a.xlsx").write_bytes(b"this is not a workbook")
    return tmp / "a.xlsx", {}


def _truncated(tmp):
    raw = annex(tmp / "full.xlsx").read_bytes()
    (tmp / "a.xlsx").write_bytes(raw[: len(raw) // 2])
    return tmp / "a.xlsx", {}


def _zip_not_excel(tmp):
    import zipfile

    with zipfile.ZipFile(tmp / "a.xlsx", "w") as z:
        z.writestr("hello.txt", "hi")
    return tmp / "a.xlsx", {}


def _zip_bomb(tmp):
    src = annex(tmp / "full.xlsx")
    return rezip(
        src, tmp / "a.xlsx", add={"xl/media/padding.bin": b"\0" * (30 * 1024**2)}, compresslevel=9
    ), {}


def _xml_bomb(tmp):
    src = annex(tmp / "full.xlsx")
    return rezip(src, tmp / "a.xlsx", replace={"xl/worksheets/sheet1.xml": BILLION_LAUGHS}), {}


def _macro_inside(tmp):
    return rezip(annex(tmp / "full.xlsx"), tmp / "a.xlsx", add={"xl/vbaProject.bin": b"\0" * 100}), {}


def _empty(tmp):
    openpyxl.Workbook().save(tmp / "a.xlsx")
    return tmp / "a.xlsx", {}


def _wrong_sheet(tmp):
    return annex(tmp / "a.xlsx"), {"sheet": "Coca"}


def _no_year_header(tmp):
    return annex(tmp / "a.xlsx", years=("A", "B", "C")), {}


def _no_measure(tmp):
    return annex(tmp / "a.xlsx", title="Selected countries, 2012-2026"), {}


def _rows(rows):
    return lambda tmp: (annex(tmp / "a.xlsx", rows), {})


def _portal_rows(rows, **kw):
    return lambda tmp: (portal(tmp / "a.xlsx", rows, **kw), {})


def _too_big(tmp):
    wb = openpyxl.Workbook()
    wb.active.cell(row=6000, column=1, value="x")
    wb.save(tmp / "a.xlsx")
    return tmp / "a.xlsx", {}


def _too_wide(tmp):
    wb = openpyxl.Workbook()
    wb.active.cell(row=1, column=300, value="x")
    wb.save(tmp / "a.xlsx")
    return tmp / "a.xlsx", {}


def _nothing_mapped(tmp):
    return annex(tmp / "a.xlsx", [["Myanmar", 57800, 45200, 1]]), {}


def _bad_source_id(tmp):
    return annex(tmp / "a.xlsx"), {"source_id": "New Source!", "do_apply": True}


REFUSED = [
    ("xlsm", _xlsm, "macro-enabled"),
    ("not-xlsx-extension", _csv, "only .xlsx"),
    ("not-a-zip", _not_zip, "not an xlsx file"),
    ("truncated-zip", _truncated, "not an xlsx file"),
    ("zip-not-excel", _zip_not_excel, "not an Excel workbook"),
    ("zip-bomb", _zip_bomb, "zip bomb"),
    ("xml-bomb", _xml_bomb, "XML bomb"),
    ("macro-inside-xlsx", _macro_inside, "contains macros"),
    ("empty-workbook", _empty, "is empty"),
    ("wrong-sheet", _wrong_sheet, "no sheet 'Coca' (sheets: Opium cultivation)"),
    ("no-year-header", _no_year_header, "no header row with years"),
    ("no-measure-in-title", _no_measure, "do not say cultivation or production"),
    (
        "text-in-number",
        _rows([["Afghanistan", "about 209,000", 1, 2]]),
        "Opium cultivation!B7: text 'about 209,000'",
    ),
    ("negative", _rows([["Afghanistan", -5, 1, 2]]), "Opium cultivation!B7: negative value -5"),
    (
        "min-above-max",
        _rows(
            [["Afghanistan", 209000, 1, 2], ["minimum", 240000, "..", ".."], ["maximum", 238000, "..", ".."]]
        ),
        "minimum 240000 is above maximum 238000",
    ),
    (
        "outside-range",
        _rows(
            [["Afghanistan", 250000, 1, 2], ["minimum", 173000, "..", ".."], ["maximum", 238000, "..", ".."]]
        ),
        "value 250000 outside 173000-238000",
    ),
    (
        "duplicate-country-year",
        _rows([["Afghanistan", 1, 2, 3], ["Afghanistan", 4, 5, 6]]),
        "duplicate Afghanistan 2013",
    ),
    (
        "unknown-country-alone",
        _rows([["Atlantis", 1, 2, 3]]),
        "holds no figure poppy can map (not mapped: Opium cultivation!A7: 'Atlantis' is not a country",
    ),
    ("orphan-minimum", _rows([["minimum", 1, 2, 3]]), "'minimum' row without a country above it"),
    (
        "portal-bad-year",
        _portal_rows([["Afghanistan", "next year", "Opium poppy cultivation", "ha", 1, "", ""]]),
        "Data!B4: year 'next year' is not a year",
    ),
    ("portal-missing-column", _portal_rows([], header=("Country", "Year", "Value")), "no header row"),
    (
        "portal-coca-production",
        _portal_rows([["Peru", 2024, "Coca leaf production", "t", 1, "", ""]]),
        "poppy holds coca cultivation only",
    ),
    ("too-many-rows", _too_big, "over the limit of 5000"),
    ("too-many-columns", _too_wide, "over the limit of 5000 x 200"),
    ("nothing-mappable", _nothing_mapped, "holds no figure poppy can map"),
    ("bad-source-id", _bad_source_id, "must be lower-case letters"),
]


@pytest.mark.parametrize(("build", "words"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_refused_with_one_line_and_data_unchanged(tmp_path, data_copy, build, words):
    before = _snapshot(data_copy)
    path, kwargs = build(tmp_path)
    with pytest.raises(ImportRefused) as info:
        import_workbook(path, data_dir=data_copy, **kwargs)
    assert words in str(info.value)
    assert "\n" not in str(info.value)
    assert _snapshot(data_copy) == before


@pytest.mark.parametrize("case", [REFUSED[2], REFUSED[6], REFUSED[12]], ids=lambda c: c[0])
def test_cli_refusal_is_one_line_exit_2(tmp_path, data_copy, case):
    path, _ = case[1](tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "poppy", "import", str(path), "--data", str(data_copy)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("poppy import: ")
    assert "Traceback" not in result.stderr


# --- issue 12, item 5: units and measures, plausibility, honesty ------------------------------------
BOTH = "Cultivation of opium poppy and production of opium, 2012-2026 (hectares)"


def _dry(path: Path, data: Path, **kw) -> list[str]:
    return import_workbook(path, data_dir=data, **kw).splitlines()


def test_a_title_naming_production_too_keeps_hectares_as_cultivation(tmp_path, data_copy):
    lines = _dry(annex(tmp_path / "a.xlsx", title=BOTH), data_copy)
    assert lines[1].startswith("changed  afghanistan_opium 2013 cultivation: 209,000 → 209,450\u00a0ha")
    assert not any("production" in line for line in lines)


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Production of opium, 2012-2026 (hectares)", "speak of production but give the unit 'hectares'"),
        ("Cultivation of opium poppy, 2012-2026 (tons)", "speak of cultivation but give the unit 'tons'"),
        (
            "Opium poppy cultivation (hectares) and production (tons)",
            "name more than one unit (hectares, tons)",
        ),
        ("Cultivation of opium poppy, 2012-2026", "name no unit"),
        ("Cultivation of opium poppy, 2012-2026 (acres)", "name no unit"),
    ],
    ids=["production-in-hectares", "cultivation-in-tons", "two-units", "no-unit", "unknown-unit"],
)
def test_contradictory_or_missing_units_are_refused(tmp_path, data_copy, title, words):
    before = _snapshot(data_copy)
    with pytest.raises(ImportRefused, match=re.escape(words)):
        import_workbook(annex(tmp_path / "a.xlsx", title=title), data_dir=data_copy)
    assert _snapshot(data_copy) == before


def test_thousand_hectares_in_the_title_are_converted_and_shown(tmp_path, data_copy):
    rows = [["Afghanistan", 209.45, 12.8, 10.2], ["minimum", 173, "..", 9], ["maximum", 238, "..", 11.5]]
    title = "Cultivation of opium poppy, 2012-2026 (thousand hectares)"
    lines = _dry(annex(tmp_path / "a.xlsx", rows, title=title), data_copy)
    assert lines[1] == (
        "changed  afghanistan_opium 2013 cultivation: 209,000 → 209,450\u00a0ha "
        "(read as 209.45 thousand hectares) (range 173,000–238,000)  "
        "[was unodc-wdr2016-annex; now (--source-id), Opium cultivation!B7]"
    )


@pytest.mark.parametrize(
    ("unit", "raw", "shown"),
    [
        ("thousand ha", 10.2, "10,200\u00a0ha (read as 10.2 thousand ha)"),
        ("'000 ha", 10.2, "10,200\u00a0ha (read as 10.2 '000 ha)"),
        ("hectares", 10200, "10,200\u00a0ha  ["),
    ],
)
def test_portal_unit_column_is_converted(tmp_path, data_copy, unit, raw, shown):
    rows = [["Afghanistan", 2026, "Opium poppy cultivation", unit, raw, "", ""]]
    lines = _dry(portal(tmp_path / "p.xlsx", rows), data_copy)
    assert lines[1].startswith(f"new      afghanistan_opium 2026 cultivation: {shown}")


def test_kilograms_become_tonnes(tmp_path, data_copy):
    rows = [["Afghanistan", 2026, "Potential opium production", "kg", 296000, "", ""]]
    lines = _dry(portal(tmp_path / "p.xlsx", rows), data_copy)
    assert lines[1].startswith("new      afghanistan_opium 2026 production: 296\u00a0t (read as 296,000 kg)")


@pytest.mark.parametrize(
    ("unit", "words"),
    [
        ("acres", "Data!D4: unit 'acres' is not one poppy can convert"),
        ("t", "Data!D4: unit 't' does not measure cultivation"),
        ("", "Data!D4: no unit in the unit column or the title"),
    ],
)
def test_portal_unknown_or_wrong_unit_is_refused(tmp_path, data_copy, unit, words):
    rows = [["Afghanistan", 2026, "Opium poppy cultivation", unit, 10200, "", ""]]
    with pytest.raises(ImportRefused, match=re.escape(words)):
        import_workbook(portal(tmp_path / "p.xlsx", rows), data_dir=data_copy)


def test_portal_unit_contradicting_the_title_is_refused(tmp_path, data_copy):
    path = portal(tmp_path / "p.xlsx", [["Afghanistan", 2026, "Opium poppy cultivation", "ha", 10.2, "", ""]])
    wb = openpyxl.load_workbook(path)
    wb.active["A1"] = "UNODC data portal: opium poppy cultivation (thousand hectares)"
    wb.save(path)
    with pytest.raises(ImportRefused, match="unit 'ha' contradicts the title's 'thousand hectares'"):
        import_workbook(path, data_dir=data_copy)


def _tenfold(tmp):
    # 1996 production is 2,248 t; 22,490 t is over ten times that (a unit slip), and no world total of 1996
    # bounds it, so only the import's own plausibility check stands in the way
    return portal(tmp / "p.xlsx", [["Afghanistan", 1996, "Potential opium production", "t", 22490, "", ""]])


def test_implausible_values_are_flagged_in_the_dry_run(tmp_path, data_copy):
    rows = [
        ["Afghanistan", 2013, "Potential opium production", "t", 209450, "", ""],
        ["Afghanistan", 2040, "Opium poppy cultivation", "ha", 1000, "", ""],
        ["World", 1991, "Potential opium production", "t", 4000, "", ""],
    ]
    text = import_workbook(portal(tmp_path / "p.xlsx", rows), data_dir=data_copy)
    doubts = [line for line in text.splitlines() if line.startswith("implausible")]
    assert doubts == [
        "implausible  afghanistan_opium 2013 production: 209,450 t is more than ten times off the 5,500 t "
        "it replaces",
        "implausible  afghanistan_opium 2040 cultivation: year 2040 is outside the series (1994-2025, or the "
        "year after)",
        "implausible  afghanistan_opium 2040 cultivation: year 2040 is in the future",
        "implausible  global_opium 1991 production: year 1991 is outside the series (1998-2018, or the year "
        "after)",
    ]
    assert text.splitlines()[-1].startswith(
        "summary: 2 new, 1 changed, 0 missing, 0 not mapped, 3 implausible;"
    )


def test_implausible_values_are_refused_under_apply_unless_accepted(tmp_path, data_copy):
    before = _snapshot(data_copy)
    with pytest.raises(
        ImportRefused, match=r"1 value\(s\) look implausible \(first: afghanistan_opium 1996 "
    ):
        import_workbook(_tenfold(tmp_path), source_id="x-test", do_apply=True, data_dir=data_copy)
    assert _snapshot(data_copy) == before
    import_workbook(
        _tenfold(tmp_path), source_id="x-test", do_apply=True, data_dir=data_copy, accept_implausible=True
    )
    afg = load_afghanistan(data_copy).set_index(["year", "measure"])
    assert afg.loc[(1996, "production"), "value"] == 22_490


def test_cli_accept_implausible_flag(tmp_path, data_copy):
    args = [sys.executable, "-m", "poppy", "import", str(_tenfold(tmp_path)), "--apply"]
    args += ["--source-id", "x-test", "--data", str(data_copy)]
    refused = subprocess.run(args, capture_output=True, text=True)
    assert refused.returncode == 2 and "--accept-implausible" in refused.stderr
    accepted = subprocess.run([*args, "--accept-implausible"], capture_output=True, text=True)
    assert accepted.returncode == 0, accepted.stderr


def test_a_reused_source_id_naming_another_document_is_refused(tmp_path, data_copy):
    before = _snapshot(data_copy)
    with pytest.raises(
        ImportRefused, match="--source-id 'unodc-wdr2016-annex' already names another document"
    ):
        import_workbook(
            annex(tmp_path / "a.xlsx"), source_id="unodc-wdr2016-annex", do_apply=True, data_dir=data_copy
        )
    assert _snapshot(data_copy) == before


def test_an_import_that_changes_nothing_writes_nothing(tmp_path, data_copy):
    path = annex(tmp_path / "a.xlsx")
    import_workbook(path, source_id="unodc-wdr2026-annex", do_apply=True, data_dir=data_copy)
    before = _snapshot(data_copy)
    text = import_workbook(path, source_id="another-id", do_apply=True, data_dir=data_copy)
    assert text.endswith(
        "summary: 0 new, 0 changed, 0 missing, 1 not mapped; nothing to apply; data/ unchanged"
    )
    assert _snapshot(data_copy) == before  # no source row, no version, no changelog entry
    # the same workbook under its own id again is allowed (and changes nothing either)
    import_workbook(path, source_id="unodc-wdr2026-annex", do_apply=True, data_dir=data_copy)
    assert _snapshot(data_copy) == before


def test_a_hidden_first_sheet_is_not_imported_silently(tmp_path, data_copy):
    decoy = [["Afghanistan", 999999, 1, 1]]
    sheets = [
        ("Old", "hidden", rows_of(annex, tmp_path / "d.xlsx", rows=decoy)),
        ("Opium cultivation", "visible", rows_of(annex, tmp_path / "r.xlsx")),
        ("Notes", "visible", [["nothing here"]]),
    ]
    lines = _dry(with_sheets(tmp_path / "a.xlsx", sheets), data_copy)
    assert lines[:3] == [
        "poppy import: a.xlsx, sheet 'Opium cultivation' (annex layout)",
        "warning: hidden sheet(s) not read: Old (name one with --sheet to read it)",
        "warning: other sheet(s) not read: Notes",
    ]
    assert "999,999" not in "\n".join(lines)
    named = _dry(tmp_path / "a.xlsx", data_copy, sheet="Old")
    assert named[1] == "warning: sheet 'Old' is hidden in the workbook; read because --sheet named it"


def test_a_workbook_of_hidden_sheets_only_is_refused(tmp_path, data_copy):
    src = annex(tmp_path / "d.xlsx")
    with zipfile.ZipFile(src) as z:
        book = z.read("xl/workbook.xml").replace(b'state="visible"', b'state="hidden"')
    path = rezip(src, tmp_path / "a.xlsx", replace={"xl/workbook.xml": book})  # openpyxl will not save it
    with pytest.raises(ImportRefused, match="every sheet is hidden"):
        import_workbook(path, data_dir=data_copy)


def test_a_real_wdr_annex_layout_is_read(tmp_path, data_copy):
    lines = _dry(wdr_annex(tmp_path / "w.xlsx"), data_copy)
    assert lines == [
        "poppy import: w.xlsx, sheet 'Table 1' (annex layout)",
        "changed  afghanistan_opium 2013 cultivation: 209,000 → 209,450\u00a0ha (range 173,000–238,000)  "
        "[was unodc-wdr2016-annex; now (--source-id), Table 1!C5]",
        "new      afghanistan_opium 2026 cultivation: 10,200\u00a0ha (range 9,000–11,500)  [Table 1!E5]",
        "not mapped: Table 1!A8: 'Pakistan' is not a series poppy holds",
        "not mapped: Table 1!A11: 'Myanmar' is not a series poppy holds",
        "not mapped: Table 1!A16: 'Atlantis' is not a country poppy knows",
        "summary: 1 new, 1 changed, 0 missing, 3 not mapped; nothing written (add --apply to write)",
    ]


def test_estimate_kind_in_the_first_column_under_a_mixed_case_region(tmp_path, data_copy):
    rows = [
        ["South-West Asia", "..", "..", ".."],
        ["Afghanistan", 209450, 12800, 10200],
        ["Minimum", 173000, "..", 9000],
        ["maximum", 238000, "..", 11500],
        ["Subtotal", 209450, 12800, 10200],
    ]
    reading = read_workbook(annex(tmp_path / "a.xlsx", rows))
    got = {(v.area, v.year): (v.value, v.low, v.high) for v in reading.values}
    assert got == {
        ("Afghanistan", 2013): (209450, 173000, 238000),
        ("Afghanistan", 2024): (12800, None, None),
        ("Afghanistan", 2026): (10200, 9000, 11500),
    }
    assert reading.problems == [] and reading.unmapped == []


def test_size_is_checked_while_streaming_not_after_loading(tmp_path, data_copy, monkeypatch):
    from openpyxl.worksheet import _reader

    path = rezip(
        annex(tmp_path / "full.xlsx"),
        tmp_path / "a.xlsx",
        {"xl/worksheets/sheet1.xml": huge_sheet_xml(20_000)},
    )
    parsed = {"rows": 0}
    real = _reader.WorkSheetParser.parse

    def counting(self):
        for row in real(self):
            parsed["rows"] += 1
            yield row

    monkeypatch.setattr(_reader.WorkSheetParser, "parse", counting)
    with pytest.raises(
        ImportRefused, match=r"has row 5001 .*over the limit of 5000 x 200; refused before reading"
    ):
        import_workbook(path, data_dir=data_copy)
    assert parsed["rows"] <= 5_001  # not the 20,000 the sheet holds


def _content_types_macro(tmp):
    src = annex(tmp / "full.xlsx")
    with zipfile.ZipFile(src) as z:
        types = z.read("[Content_Types].xml").replace(
            b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
        )
    return rezip(src, tmp / "a.xlsx", replace={"[Content_Types].xml": types})


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (_content_types_macro, "sheet.macroEnabled.main+xml for /xl/workbook.xml); refused"),
        (
            lambda tmp: rezip(annex(tmp / "f.xlsx"), tmp / "a.xlsx", add={"xl/media/image9.png": vba_part()}),
            "contains macros (a VBA project in xl/media/image9.png)",
        ),
        (
            lambda tmp: rezip(annex(tmp / "f.xlsx"), tmp / "a.xlsx", add={"xl/x.dat": vba_part()}),
            "contains macros (a VBA project in xl/x.dat)",
        ),
    ],
    ids=["macro-enabled-content-type", "vba-part-named-as-image", "vba-part-renamed"],
)
def test_macros_are_found_by_content_not_name(tmp_path, data_copy, build, words):
    with pytest.raises(ImportRefused) as info:
        import_workbook(build(tmp_path), data_dir=data_copy)
    assert words in str(info.value)


def _unit_column(tmp, unit_cells, title="Opium poppy cultivation and opium production, 2013-2026"):
    rows = [
        ["Afghanistan", unit_cells[0], 209.45, 12.8, 10.2],
        ["Afghanistan", unit_cells[1], 5500, 1.5e6, "..", ""],
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "T"
    ws.append([title])
    ws.append(["Country", "Unit", 2013, 2024, 2026])
    for row in rows:
        ws.append(row)
    wb.save(tmp / "u.xlsx")
    return tmp / "u.xlsx"


def test_an_annex_unit_column_decides_measure_and_unit_per_row(tmp_path, data_copy):
    reading = read_workbook(_unit_column(tmp_path, ["thousand ha", "kg"]))
    assert reading.problems == []
    got = {(v.year, v.measure): (v.value, v.unit, v.read_as) for v in reading.values if v.value is not None}
    assert got == {
        (2013, "cultivation"): (209_450, "ha", "thousand ha"),
        (2024, "cultivation"): (12_800, "ha", "thousand ha"),
        (2026, "cultivation"): (10_200, "ha", "thousand ha"),
        (2013, "production"): (5.5, "t", "kg"),
        (2024, "production"): (1_500, "t", "kg"),
    }


@pytest.mark.parametrize(
    ("cells", "title", "words"),
    [
        (
            ["acres", "t"],
            "Opium poppy cultivation, 2013-2026",
            "T!B3: unit 'acres' is not one poppy can convert",
        ),
        (
            ["ha", "t"],
            "Opium poppy cultivation, 2013-2026",
            "T!B4: the title, header and unit cell speak of cultivation but give the unit 't'",
        ),
        (
            ["ha", "ha"],
            "Opium poppy cultivation, 2013-2026 (thousand hectares)",
            "T!B3: the title, header and unit cell name more than one unit (ha, thousand hectares)",
        ),
    ],
    ids=["unknown", "contradicts-title-words", "contradicts-title-unit"],
)
def test_an_annex_unit_column_that_cannot_be_used_is_refused(tmp_path, data_copy, cells, title, words):
    with pytest.raises(ImportRefused, match=re.escape(words)):
        import_workbook(_unit_column(tmp_path, cells, title), data_dir=data_copy)
