"""Frames: the data package loaded once and handed to every layer above it."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pandas as pd
import pytest

import poppy
from poppy.checks import claims, findings, metrics
from poppy.data import frames
from poppy.data.unodc_import import import_workbook
from poppy.publish import briefing, build, charts, text_tables
from tests.data.workbooks import annex


def test_load_all_holds_every_table_with_its_metadata():
    f = poppy.load_all()
    assert f.data_hash.startswith("sha256:") and f.version.startswith("20")
    assert set(f.tables()) == {
        "afghanistan",
        "cultivation",
        "production",
        "alternates",
        "world",
        "shares",
        "coca",
        "supplementary",
        "provinces",
        "events",
        "claims",
        "sources",
    }
    for name, frame in f.tables().items():
        assert isinstance(frame, pd.DataFrame) and len(frame), name
    assert f.cultivation.attrs["data_hash"] == f.data_hash
    with pytest.raises(AttributeError):
        f.version = "x"  # frozen


@pytest.mark.parametrize("module", [metrics, claims, findings, text_tables, briefing, charts, build])
def test_no_layer_above_the_data_takes_a_data_folder(module):
    for name, func in inspect.getmembers(module, inspect.isfunction):
        if func.__module__ == module.__name__:
            assert "data_dir" not in inspect.signature(func).parameters, f"{module.__name__}.{name}"


def test_only_load_all_takes_a_folder_in_frames():
    assert "data_dir" in inspect.signature(frames.load_all).parameters


def test_claims_after_an_import_into_a_copy_cite_the_copy(tmp_path, data_copy):
    # regression: text_tables.claims_text read the shipped sources.csv and ended in a KeyError
    import_workbook(
        annex(tmp_path / "a.xlsx"), source_id="unodc-wdr2026-annex", do_apply=True, data_dir=data_copy
    )
    for fmt in ("text", "markdown"):
        result = subprocess.run(
            [sys.executable, "-m", "poppy", "claims", "--data", str(data_copy), "--format", fmt],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        # the annex's 2013 figure (209,450 ha) and its source, as the copy says
        assert "209,450" in result.stdout
        assert "Cultivation of opium poppy in selected countries, 2012-2026" in result.stdout
