"""The notebooks: stored outputs nbval can compare, no figure typed by hand, and nbval catches data edits."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from poppy.data.descriptor import default_data_dir, read_descriptor
from tests.conftest import ROOT, edit_rows, set_cell

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _code_cells(path: Path) -> list[dict]:
    return [c for c in _load(path)["cells"] if c["cell_type"] == "code"]


def data_figures() -> set[float]:
    """Every value of a number-typed column in data/ (figures, not years or ids; 0, a 'poppy free'
    province, is an index or a start as often as a figure)."""
    folder = default_data_dir()
    values: set[float] = set()
    for res in read_descriptor(folder)["resources"]:
        numeric = [f["name"] for f in res["schema"]["fields"] if f["type"] == "number"]
        with (folder / res["path"]).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                values.update(float(row[n]) for n in numeric if row[n])
    return values - {0.0}


def literal_figures(source: str) -> set[float]:
    """Numeric literals in a code cell (tokenised, so strings and comments do not count)."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {float(t.string.replace("_", "")) for t in tokens if t.type == tokenize.NUMBER}


def test_there_are_five_numbered_notebooks():
    assert [p.stem for p in NOTEBOOKS] == [
        "01_cultivation_trend",
        "02_press_release_claims",
        "03_global_context",
        "04_press_pack",
        "05_world_picture",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_code_cell_types_a_figure_from_data(path):
    figures = data_figures()
    for cell in _code_cells(path):
        typed = literal_figures("".join(cell["source"])) & figures
        assert not typed, f"{path.name}: {sorted(typed)} typed by hand; load it from data/ instead"


def test_the_literal_check_catches_a_typed_figure():
    assert literal_figures("ratio = 209_000 / 7606  # '26 times'") & data_figures() == {209_000.0, 7_606.0}
    assert not literal_figures("print('209000')") & data_figures()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_ready_for_nbval(path):
    nb = _load(path)
    assert nb["metadata"]["kernelspec"] == {
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
        "name": "python3",
    }
    assert "papermill" not in nb["metadata"] and (nb["nbformat"], nb["nbformat_minor"]) == (4, 5)
    first = nb["cells"][0]
    assert first["cell_type"] == "markdown"
    text = "".join(first["source"])
    assert all(word in text for word in ("**Question.**", "**Data.**", "**Method.**"))
    counts = [c["execution_count"] for c in _code_cells(path)]
    assert counts == list(range(1, len(counts) + 1)), "run top to bottom, counts kept"
    for cell in _code_cells(path):
        assert "execution" not in cell["metadata"]
        for out in cell["outputs"]:
            assert out.get("name") != "stderr" and out["output_type"] != "error", out
            assert "image/svg+xml" not in out.get("data", {})
            text = json.dumps(out.get("data", {}).get("text/plain", "")) + "".join(out.get("text", ""))
            assert "/tmp/" not in text and str(ROOT) not in text


def test_notebooks_print_their_figures_as_text():
    printed = "".join(
        "".join(o.get("text", ""))
        for c in _code_cells(NOTEBOOKS[0])
        for o in c["outputs"]
        if o.get("name") == "stdout"
    )
    assert "209,000" in printed and "World Drug Report 2016" in printed


def _nbval(notebook: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    from run import NBVAL  # the README's test command runs the same nbval

    return subprocess.run(
        [sys.executable, *NBVAL, str(notebook), "-q"], capture_output=True, text=True, env=env, cwd=ROOT
    )


def test_nbval_fails_when_a_preferred_value_changes(data_copy):
    edit_rows(
        data_copy,
        "afghanistan_opium.csv",
        lambda rows: set_cell(rows, "value", "210000", year="2013", measure="cultivation"),
    )
    env = {**os.environ, "POPPY_DATA": str(data_copy)}
    result = _nbval(ROOT / "notebooks/01_cultivation_trend.ipynb", env)
    assert result.returncode == 1, result.stdout[-2000:]
    assert "210,000" in result.stdout and "failed" in result.stdout


@pytest.fixture(scope="module")
def kernel_language_info() -> dict:
    """What the python3 kernel reports when JupyterLab connects to it (kernel_info_reply)."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        return client.kernel_info(reply=True, timeout=60)["content"]["language_info"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_open_and_save_in_jupyterlab_changes_nothing(path, kernel_language_info):
    """JupyterLab on open sets the kernelspec (kernel.json) and language_info (the kernel's reply);
    on save jupyter_server writes with nbformat. Done here, the bytes stay the same but for the
    Python version, which differs from machine to machine and which no test reads."""
    import nbformat
    from jupyter_client.kernelspec import get_kernel_spec

    stored = path.read_text(encoding="utf-8")
    nb = nbformat.reads(stored, as_version=nbformat.NO_CONVERT)
    spec = get_kernel_spec("python3")
    nb.metadata.kernelspec = {"display_name": spec.display_name, "language": spec.language, "name": "python3"}
    nb.metadata.language_info = dict(kernel_language_info, version=nb.metadata.language_info["version"])
    buf = io.StringIO()
    nbformat.write(nb, buf, version=nbformat.NO_CONVERT)
    assert buf.getvalue() == stored
    assert set(kernel_language_info) == set(nb.metadata.language_info)


def test_each_notebook_ends_with_its_findings():
    for path in NOTEBOOKS:
        cells = _load(path)["cells"]
        assert "".join(cells[-2]["source"]).startswith("## Findings"), path.name
        last = cells[-1]
        assert last["cell_type"] == "code" and "".join(last["outputs"][0]["text"]).startswith(
            ("- ", "1", "2")
        )
