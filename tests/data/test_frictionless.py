"""The data package is valid for the standard's reference implementation, not only for poppy."""

from __future__ import annotations

from pathlib import Path

import pytest
from frictionless import Package, system

from poppy.data import validate_package
from poppy.data.descriptor import default_data_dir
from tests.conftest import edit_rows, set_cell


def reference_report(folder: Path):
    """Validate ``folder`` with frictionless (its own rules only: poppy's extra rules are ignored)."""
    with system.use_context(trusted=False):
        return Package(str(folder / "datapackage.json")).validate()


def test_shipped_data_is_valid_for_frictionless():
    report = reference_report(default_data_dir())
    errors = [f"{e.type}: {e.message}" for task in report.tasks for e in task.errors]
    assert report.valid, errors
    assert len(report.tasks) == 12  # every resource was read


def _import_applied(folder: Path, tmp_path: Path) -> None:
    from poppy.data.unodc_import import import_workbook
    from tests.data.workbooks import annex, portal

    import_workbook(
        annex(tmp_path / "a.xlsx"), source_id="unodc-wdr2026-annex", do_apply=True, data_dir=folder
    )
    import_workbook(
        portal(tmp_path / "p.xlsx"), source_id="unodc-portal-2026", do_apply=True, data_dir=folder
    )


def _rehashed_edit(folder: Path, tmp_path: Path) -> None:
    edit_rows(
        folder,
        "coca.csv",
        lambda rows: set_cell(rows, "value", "47000", country="Colombia", year="2013"),
    )


@pytest.mark.parametrize("change", [_import_applied, _rehashed_edit], ids=["after-import", "after-rehash"])
def test_data_that_poppy_accepts_after_a_change_stays_valid_for_frictionless(change, data_copy, tmp_path):
    change(data_copy, tmp_path)
    assert validate_package(data_copy) == []
    report = reference_report(data_copy)
    assert report.valid, [e.message for task in report.tasks for e in task.errors]


def test_a_broken_link_is_invalid_for_both(data_copy):
    edit_rows(
        data_copy,
        "afghanistan_opium_sources.csv",
        lambda rows: set_cell(rows, "source_id", "nope", year="2013", measure="cultivation"),
    )
    assert any(p.rule == "foreign-key" for p in validate_package(data_copy))
    report = reference_report(data_copy)
    assert not report.valid
    assert {e.type for task in report.tasks for e in task.errors} == {"foreign-key"}
