"""The README's coverage table is the data's (tools/coverage_table.py): it never claims a year poppy lacks."""

from __future__ import annotations

import poppy
from tests.conftest import ROOT, tool


def test_readme_coverage_table_equals_the_data():
    table = tool("coverage_table").table(poppy.load_all())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table in readme, "run python tools/coverage_table.py; paste it under Coverage"
