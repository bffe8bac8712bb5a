"""Benchmark results as JSON: write a run, compare two runs, regenerate the README's table.

    python3 benchmarks/results.py --compare OLD.json NEW.json   (ratios side by side)
    python3 benchmarks/results.py --readme [RUN.json]            (README table from a run)

Only the standard library: the README test imports this module.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
LATEST = RESULTS / "latest.json"
README = ROOT / "README.md"
BEGIN, END = "<!-- bench:begin (python3 benchmarks/results.py --readme) -->", "<!-- bench:end -->"
LIBRARIES = ("pandas", "numpy", "matplotlib", "openpyxl", "platformdirs")


def machine() -> dict:
    """Where a run happened: host, OS, CPU count, Python and the versions that matter."""
    libs = {}
    for lib in LIBRARIES:
        try:
            libs[lib] = version(lib)
        except PackageNotFoundError:
            libs[lib] = None
    return {
        "host": platform.node() or "unknown",
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "libraries": libs,
    }


def save(rows: list[dict], quick: bool, path: Path | None = None) -> Path:
    """Write a run to ``path`` (default results/<date>-<host>.json) and to results/latest.json."""
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    run = {"date": now.isoformat(), "quick": quick, "machine": machine(), "rows": rows}
    text = json.dumps(run, indent=2, ensure_ascii=False) + "\n"
    if path is None:
        path = RESULTS / f"{now:%Y-%m-%d}-{run['machine']['host']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    LATEST.parent.mkdir(parents=True, exist_ok=True)
    LATEST.write_text(text, encoding="utf-8")
    return path


def load(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _value(r: dict) -> str:
    if r["value"] is None:
        return "–"
    if r["unit"] == "×":
        return f"{r['value']:.2f}×"
    if r["unit"] == "files":  # a count
        return f"{r['value']:.0f} files"
    return f"{r['value']:.3f} {r['unit']}"


def table(rows: list[dict]) -> str:
    """The Markdown table of one run's rows."""
    lines = ["| measure | median | floor | ratio | target | met |", "|---|---|---|---|---|---|"]
    for r in rows:
        floor = f"{r['floor']:.3f} s ({r['floor_name']})" if r["floor"] else (r["floor_name"] or "–")
        ratio = f"{r['ratio']:.2f}×" if r["ratio"] else "–"
        if r.get("per_row_us"):
            ratio += f"; {r['per_row_us']:.2f} µs/row"
        met = {True: "yes", False: "**no**", None: "–"}[r.get("met")]
        lines.append(f"| {r['measure']} | {_value(r)} | {floor} | {ratio} | {r['target']} | {met} |")
    return "\n".join(lines)


def describe(run: dict) -> str:
    """One line naming when and where a run happened."""
    m = run["machine"]
    libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
    quick = " (`--quick`: fewer repeats)" if run.get("quick") else ""
    return (
        f"Run of {run['date'][:10]} on {m['host']} ({m['cpus']} cores, {m['machine']}, {m['platform']}), "
        f"Python {m['python']}, {libs}{quick}:"
    )


def readme_block(run: dict) -> str:
    """What stands between the README's markers for ``run``."""
    return f"{BEGIN}\n{describe(run)}\n\n{table(run['rows'])}\n{END}"


def update_readme(run: dict, readme: Path = README) -> None:
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(BEGIN), text.index(END) + len(END)
    readme.write_text(text[:start] + readme_block(run) + text[end:], encoding="utf-8")


def _ratio(r: dict | None) -> str:
    return f"{r['ratio']:.2f}×" if r and r["ratio"] else "–"


def compare(old: dict, new: dict) -> str:
    """Old and new value and ratio of every measure, side by side (new/old < 1: faster)."""
    before = {r["measure"]: r for r in old["rows"]}
    lines = [
        f"old: {old['date']} on {old['machine']['host']}; new: {new['date']} on {new['machine']['host']}",
        "",
        "| measure | old | new | new/old | old ratio | new ratio | target |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in new["rows"]:
        o = before.get(r["measure"])
        change = f"{r['value'] / o['value']:.2f}" if o and o["value"] and r["value"] is not None else "–"
        lines.append(
            f"| {r['measure']} | {_value(o) if o else '–'} | {_value(r)} | {change} | "
            f"{_ratio(o)} | {_ratio(r)} | {r['target']} |"
        )
    for name in before.keys() - {r["measure"] for r in new["rows"]}:
        gone = before[name]
        lines.append(
            f"| {name} | {_value(gone)} | not measured | – | {_ratio(gone)} | – | {gone['target']} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compare", nargs=2, metavar=("OLD", "NEW"), type=Path)
    parser.add_argument("--readme", nargs="?", const=LATEST, type=Path, metavar="RUN")
    args = parser.parse_args()
    if args.compare:
        print(compare(load(args.compare[0]), load(args.compare[1])))
    if args.readme:
        update_readme(load(args.readme))
        print(f"README.md: table regenerated from {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
