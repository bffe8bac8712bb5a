"""poppy's benchmarks: medians over repeated runs, each against a floor measured in the same run.

    python3 run.py bench            (or: .venv/bin/python benchmarks/bench.py [--quick])

Run on demand, never in CI: timings on a shared 2-core machine are noisy, so the targets
are reported here and in the README, not asserted in tests.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(*args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run([PY, *args], check=True, capture_output=True, cwd=ROOT, env=env)


def row(name: str, value: float, unit: str, floor: float | None, floor_name: str, target: str) -> dict:
    return {
        "measure": name,
        "value": value,
        "unit": unit,
        "floor": floor,
        "floor_name": floor_name,
        "ratio": value / floor if floor else None,
        "target": target,
    }


def bench_import(repeat: int) -> list[dict]:
    poppy = median_time(lambda: run("-c", "import poppy"), repeat)
    pandas = median_time(lambda: run("-c", "import pandas"), repeat)
    return [row("import poppy", poppy, "s", pandas, "import pandas", "≤ 1.15×")]


def bench_load(repeat: int) -> list[dict]:
    import pandas as pd

    from poppy import data
    from poppy.datapackage import default_data_dir, read_descriptor

    folder = default_data_dir()
    names = [r["name"] for r in read_descriptor(folder)["resources"]]
    paths = [folder / r["path"] for r in read_descriptor(folder)["resources"]]

    def poppy_load() -> None:
        data._load.cache_clear()
        for name in names:
            data.load_resource(name)

    ours = median_time(poppy_load, repeat)
    floor = median_time(lambda: [pd.read_csv(p) for p in paths], repeat)
    return [
        row("load + validate shipped data", ours, "s", floor, "pandas.read_csv of the same files", "≤ 1.5×")
    ]


def _synthetic(folder: Path, n: int) -> None:
    """An annex-size table of n rows with the shipped schema's rules (types, enum, range, FK)."""
    folder.mkdir(parents=True)
    (folder / "sources.csv").write_text("source_id,title\ns1,Survey\ns2,Report\n", encoding="utf-8")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["row_id", "year", "measure", "value", "low", "high", "unit", "source_id"])
    for i in range(n):
        v = 1000 + i % 5000
        w.writerow([i, 1990 + i % 35, "cultivation", v, v - 100, v + 100, "ha", "s1" if i % 2 else "s2"])
    (folder / "series.csv").write_text(out.getvalue(), encoding="utf-8")
    fk = {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}}

    def field(name, type_, **c):
        return {
            "name": name,
            "type": type_,
            "description": name,
            "unit": "",
            **({"constraints": c} if c else {}),
        }

    desc = {
        "name": "synthetic",
        "resources": [
            {
                "name": "sources",
                "path": "sources.csv",
                "schema": {
                    "fields": [
                        field("source_id", "string", required=True, unique=True),
                        field("title", "string"),
                    ],
                    "primaryKey": ["source_id"],
                },
            },
            {
                "name": "series",
                "path": "series.csv",
                "schema": {
                    "fields": [
                        field("row_id", "integer", required=True),
                        field("year", "integer", minimum=1990, maximum=2100),
                        field("measure", "string", enum=["cultivation", "production"]),
                        field("value", "number", minimum=0),
                        field("low", "number", minimum=0),
                        field("high", "number", minimum=0),
                        field("unit", "string", enum=["ha", "t"]),
                        field("source_id", "string", required=True),
                    ],
                    "primaryKey": ["row_id"],
                    "foreignKeys": [fk],
                },
                "rules": [
                    {"rule": "within_range", "value": "value", "low": "low", "high": "high"},
                    {"rule": "unit_by", "field": "unit", "by": "measure", "map": {"cultivation": "ha"}},
                ],
            },
        ],
    }
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    from poppy.datapackage import refresh_checksums

    refresh_checksums(folder)


def bench_scaling(sizes: list[int], repeat: int) -> list[dict]:
    import pandas as pd

    from poppy.data import validate_package

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / f"n{n}"
            _synthetic(folder, n)
            problems = validate_package(folder)
            assert problems == [], problems[:3]
            r = max(1, repeat // (1 + n // 100_000))
            ours = median_time(lambda f=folder: validate_package(f), r)
            floor = median_time(lambda f=folder: pd.read_csv(f / "series.csv"), r)
            rows.append(row(f"validate {n:,} rows", ours, "s", floor, "pandas.read_csv", "linear in rows"))
            rows[-1]["per_row_us"] = ours / n * 1e6
    return rows


def _bare_savefig() -> float:
    """Render the same figures and save them with plain savefig (no metadata, no style)."""
    from poppy import load_all
    from poppy.build import Options
    from poppy.charts import CHARTS, publish
    from poppy.sizes import SIZES

    frames = load_all()
    opts = Options()
    start = time.perf_counter()
    for chart in CHARTS:
        for lang in opts.langs:
            for size in opts.sizes:
                fig = publish(chart, frames, lang, size).figure
                for fmt in opts.formats:
                    fig.savefig(io.BytesIO(), format=fmt, dpi=SIZES[size].dpi)
    return time.perf_counter() - start


def bench_build(repeat: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:

        def full(jobs: int) -> float:
            out = Path(tmp) / f"pack{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            start = time.perf_counter()
            run("-m", "poppy", "build", "--out", str(out), "--jobs", str(jobs))
            return time.perf_counter() - start

        two = statistics.median(full(2) for _ in range(repeat))
        one = statistics.median(full(1) for _ in range(max(1, repeat - 1)))
        bare = statistics.median(_bare_savefig() for _ in range(max(1, repeat - 1)))
        rows.append(row("poppy build, whole pack (2 workers)", two, "s", None, "", "≤ 6 s"))
        rows.append(
            row(
                "poppy build vs bare savefig of the same figures",
                two,
                "s",
                bare,
                "bare savefig, 1 process",
                "≤ 1.3×",
            )
        )
        rows.append(row("speed-up from 2 workers", one / two, "×", None, f"1 worker: {one:.1f} s", "≥ 1.6×"))
        noop = median_time(lambda: run("-m", "poppy", "build", "--out", str(Path(tmp) / "pack2")), repeat + 2)
        rows.append(row("no-op rebuild", noop, "s", None, "", "≤ 1 s"))
        # A fresh launcher, so that no process in the build's tree is forked from this (large) one:
        # a forked child's peak RSS would count the parent's pages until it execs.
        shutil.rmtree(Path(tmp) / "pack1", ignore_errors=True)
        probe = (
            "import resource, subprocess, sys; subprocess.run([sys.executable, '-m', 'poppy', 'build', "
            f"'--out', {str(Path(tmp) / 'pack1')!r}], check=True, capture_output=True); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
        )
        out = subprocess.run([PY, "-c", probe], check=True, capture_output=True, text=True, cwd=ROOT).stdout
        peak = int(out.strip()) / 1024
        rows.append(row("peak memory of a build process", peak, "MB", None, "", "≤ 300 MB"))
    return rows


def bench_nbval() -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from run import NBVAL

    start = time.perf_counter()
    run(*NBVAL, "-q", "notebooks")
    return [row("nbval over all notebooks", time.perf_counter() - start, "s", None, "", "≤ 40 s")]


def table(rows: list[dict]) -> str:
    lines = ["| measure | median | floor | ratio | target |", "|---|---|---|---|---|"]
    for r in rows:
        value = f"{r['value']:.3f} {r['unit']}" if r["unit"] != "×" else f"{r['value']:.2f}×"
        floor = f"{r['floor']:.3f} s ({r['floor_name']})" if r["floor"] else (r["floor_name"] or "–")
        ratio = f"{r['ratio']:.2f}×" if r["ratio"] else "–"
        if "per_row_us" in r:
            ratio += f"; {r['per_row_us']:.2f} µs/row"
        lines.append(f"| {r['measure']} | {value} | {floor} | {ratio} | {r['target']} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no 1M-row table")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    rows = [
        *bench_import(repeat),
        *bench_load(repeat),
        *bench_scaling([10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000], repeat),
        *bench_build(2 if args.quick else 3),
        *bench_nbval(),
    ]
    print(
        f"poppy benchmarks on {platform.node() or 'this machine'}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.machine()}"
    )
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
