"""The benchmark results: the README's table is the committed run's, and runs compare."""

from __future__ import annotations

import importlib.util
import json

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("bench_results", ROOT / "benchmarks" / "results.py")
results = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(results)


def _run(value: float, ratio: float | None, measure: str = "load shipped data") -> dict:
    row = {"measure": measure, "value": value, "unit": "s", "floor": 0.01, "floor_name": "read_csv"}
    row |= {"ratio": ratio, "target": "≤ 1.5×", "met": ratio is not None and ratio <= 1.5}
    machine = {"host": "h", "platform": "p", "machine": "x86_64", "cpus": 2, "python": "3.11.7"}
    return {
        "date": "2026-11-29T00:00:00+00:00",
        "quick": True,
        "machine": machine | {"libraries": {}},
        "rows": [row],
    }


def test_the_readme_table_is_generated_from_the_committed_run():
    run = results.load(results.LATEST)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert results.readme_block(run) in readme, "run: python3 benchmarks/results.py --readme"


def test_the_committed_run_names_its_date_machine_and_versions():
    run = results.load(results.LATEST)
    assert run["date"] and run["machine"]["cpus"] and run["machine"]["python"]
    assert run["machine"]["libraries"]["pandas"]
    assert {"measure", "value", "unit", "floor", "ratio", "target", "met"} <= set(run["rows"][0])


def test_compare_puts_old_and_new_side_by_side():
    text = results.compare(_run(0.150, 15.0), _run(0.012, 1.2))
    line = next(x for x in text.splitlines() if x.startswith("| load shipped data"))
    assert line == "| load shipped data | 0.150 s | 0.012 s | 0.08 | 15.00× | 1.20× | ≤ 1.5× |"


def test_a_measure_missing_from_the_new_run_is_listed():
    text = results.compare(_run(0.1, 2.0, "gone"), _run(0.1, 1.0))
    assert "| gone | 0.100 s | not measured |" in text


def test_save_writes_the_run_and_latest(tmp_path, monkeypatch):
    monkeypatch.setattr(results, "LATEST", tmp_path / "latest.json")
    path = results.save(_run(0.1, 1.0)["rows"], True, tmp_path / "run.json")
    assert json.loads(path.read_text()) == json.loads((tmp_path / "latest.json").read_text())
    assert json.loads(path.read_text())["machine"]["cpus"]


def test_update_readme_replaces_only_the_block(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{results.BEGIN}\nold\n{results.END}\nafter\n", encoding="utf-8")
    results.update_readme(_run(0.1, 1.0), readme)
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("before\n") and text.endswith("\nafter\n") and "old" not in text
    assert "| load shipped data | 0.100 s | 0.010 s (read_csv) | 1.00× | ≤ 1.5× | yes |" in text
