"""Shared fixtures: a writable copy of the shipped data package and CSV editing helpers."""

from __future__ import annotations

import csv
import importlib
import io
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from poppy.data import validate_package
from poppy.data.descriptor import default_data_dir, refresh_checksums

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def _own_load_cache(tmp_path_factory) -> Iterator[None]:
    """The load cache in a folder of this session (and its subprocesses), not the user's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("POPPY_CACHE_DIR", str(tmp_path_factory.mktemp("poppy-cache")))
        yield


@pytest.fixture(scope="session")
def built_pack(tmp_path_factory):
    """The whole press pack from the shipped data, built once per session: (folder, Result).

    Tests read it and may rebuild it unchanged; a test that changes files builds its own.
    """
    import poppy
    from poppy.publish.build import build

    out = tmp_path_factory.mktemp("pack")
    return out, build(out, poppy.load_all(), site=repo_site())


def repo_site():
    """The site's inputs as ``python3 run.py pack`` gives them: the repository's notebooks, and a
    publisher (the tests' own, on a reserved example domain) so ClaimReview is complete."""
    from poppy.publish.build import Site

    notebooks = tuple((p.name, p.read_bytes()) for p in sorted((ROOT / "notebooks").glob("*.ipynb")))
    return Site(
        notebooks,
        "Example Fact Check",
        "https://factcheck.example.org/",
        "https://factcheck.example.org/poppy/",
    )


@pytest.fixture
def data_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of the shipped data package that a test may break.

    After the test, a copy that poppy still accepts must also pass the standard's reference
    validator (frictionless): poppy's checks are a superset of the standard's, never a dialect.
    """
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    yield target
    if (target / "datapackage.json").is_file() and validate_package(target) == []:
        from tests.data.test_frictionless import reference_report

        report = reference_report(target)
        assert report.valid, [e.message for task in report.tasks for e in task.errors][:5]


def edit_rows(
    folder: Path, name: str, change: Callable[[list[list[str]]], None], rehash: bool = True
) -> None:
    """Rewrite ``name`` after ``change`` mutates its rows (row 0 is the header, row i is line i+1)."""
    path = folder / name
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    change(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    if rehash:
        refresh_checksums(folder)


def find_row(rows: list[list[str]], **match: str) -> int:
    """Index of the first row whose columns equal ``match`` (so its CSV line is index + 1)."""
    header = rows[0]
    for i, row in enumerate(rows[1:], 1):
        if all(row[header.index(k)] == v for k, v in match.items()):
            return i
    raise LookupError(match)


def set_cell(rows: list[list[str]], column: str, value: str, **match: str) -> int:
    """Set one cell and return the CSV line it sits on."""
    i = find_row(rows, **match)
    rows[i][rows[0].index(column)] = value
    return i + 1


def tool(name: str):
    """A module of tools/ (codebook, coverage_table, ...), imported as the README says to run it."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.pop(0)
