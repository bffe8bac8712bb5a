"""The README's coverage table is the data's (tools/coverage.py), so it never claims a year poppy lacks."""

from __future__ import annotations

import sys

import poppy
from tests.conftest import ROOT


def test_readme_coverage_table_equals_the_data():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from coverage_table import table
    finally:
        sys.path.pop(0)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table(poppy.load_all()) in readme, "run python tools/coverage_table.py; paste it under Coverage"
