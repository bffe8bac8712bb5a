"""poppy's benchmarks: medians over repeated runs, each against a floor measured in the same run.

    python3 run.py bench [--quick] [--only load,scaling] [--compare OLD.json] [--readme]

Every run is also written as JSON (benchmarks/results/<date>-<host>.json and latest.json);
``--compare OLD.json`` prints old, new and their ratio per measure; ``--readme`` regenerates
the README's table from the run (or later: python3 benchmarks/results.py --readme RUN.json).

Run on demand, never in CI: timings on a shared 2-core machine are noisy, so the targets
are reported here and in the README, not asserted in tests.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
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
sys.path.insert(0, str(Path(__file__).parent))
import results  # noqa: E402 - benchmarks/ is not a package


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(*args: str, env: dict[str, str] | None = None) -> None:
    subprocess.run([PY, *args], check=True, capture_output=True, cwd=ROOT, env=env)


def row(
    name: str,
    value: float,
    unit: str,
    floor: float | None,
    floor_name: str,
    target: str,
    limit: tuple[str, float] | None = None,
) -> dict:
    """One measure; ``limit`` ('ratio' or 'value' at most, or 'min' for at least) decides 'met'."""
    ratio = value / floor if floor else None
    met = None
    if limit is not None:
        on, bound = limit
        met = value >= bound if on == "min" else (ratio if on == "ratio" else value) <= bound
    return {
        "measure": name,
        "value": value,
        "unit": unit,
        "floor": floor,
        "floor_name": floor_name,
        "ratio": ratio,
        "target": target,
        "met": met,
    }


def bench_import(repeat: int) -> list[dict]:
    poppy = median_time(lambda: run("-c", "import poppy"), repeat)
    pandas = median_time(lambda: run("-c", "import pandas"), repeat)
    return [row("import poppy", poppy, "s", pandas, "import pandas", "≤ 1.15×", ("ratio", 1.15))]


def bench_load(repeat: int) -> list[dict]:
    """Every table of the shipped package: validated afresh (cold) and from the cache (warm)."""
    import pandas as pd

    from poppy.data import loaders as data
    from poppy.data.descriptor import default_data_dir, read_descriptor

    folder = default_data_dir().resolve()
    paths = [folder / r["path"] for r in read_descriptor(folder)["resources"]]
    floor = median_time(lambda: [pd.read_csv(p) for p in paths], repeat * 3)

    def fresh_process() -> None:  # what a new process has: nothing in memory, the disk cache
        data.forget()
        data._DESCRIPTORS.clear()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["POPPY_CACHE_DIR"] = "off"
        cold = median_time(lambda: (fresh_process(), data.load_package(folder)), repeat * 3)
        os.environ["POPPY_CACHE_DIR"] = tmp
        data.load_package(folder)
        warm = median_time(lambda: (fresh_process(), data.load_package(folder)), repeat * 3)
        del os.environ["POPPY_CACHE_DIR"]
    name = "pandas.read_csv of the same files"
    return [
        row("load + validate shipped data (cold: no cache)", cold, "s", floor, name, "–"),
        row("load shipped data (warm: validated before)", warm, "s", floor, name, "≤ 1.5×", ("ratio", 1.5)),
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
    from poppy.data.descriptor import sha256_of

    for res in desc["resources"]:
        raw = (folder / res["path"]).read_bytes()
        res.update(bytes=len(raw), hash=sha256_of(raw))
    (folder / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")


def synthetic_snapshot(folder: Path, n: int):
    """The synthetic package of ``_synthetic`` as a data.Snapshot, descriptor contract aside.

    poppy's contract asks for the shipped tables, so the table checks are timed directly:
    checksum, CSV parse with line numbers, header, types, constraints, keys and rules.
    """
    from poppy.data.loaders import Snapshot

    raw = (folder / "datapackage.json").read_bytes()
    desc = json.loads(raw)
    files = {r["path"]: (folder / r["path"]).read_bytes() for r in desc["resources"]}
    return Snapshot(folder, desc, raw, files)


def bench_scaling(sizes: list[int], repeat: int) -> list[dict]:
    import pandas as pd

    from poppy.data.loaders import _check_package

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / f"n{n}"
            _synthetic(folder, n)
            snap = synthetic_snapshot(folder, n)
            problems = _check_package(snap)[2]
            assert problems == [], problems[:3]
            r = max(1, repeat // (1 + n // 100_000))
            ours = median_time(lambda s=snap: _check_package(s), r)
            floor = median_time(lambda f=folder: pd.read_csv(f / "series.csv"), r)
            target = "≤ 3×, linear in rows"
            rows.append(
                row(f"validate {n:,} rows", ours, "s", floor, "pandas.read_csv", target, ("ratio", 3))
            )
            rows[-1]["per_row_us"] = ours / n * 1e6
    return rows


def bench_extract(repeat: int) -> list[dict]:
    """``extract`` on texts of 1 and 4 MB: time and peak memory per MB stay flat (linear)."""
    import tracemalloc

    from poppy.checks.extract import extract

    para = (
        "According to UNODC, opium poppy cultivation in Afghanistan fell by 95 per cent, from "
        "233,000 hectares in 2022 to 10,800 hectares in 2023. Production fell from 6,200 tons to "
        "333 tons over the same period. Some other sentence without any figure in it at all.\n"
    )
    rows, per_mb = [], {}
    for mb in (1, 4):
        text = para * (mb * 1_000_000 // len(para.encode()))
        seconds = median_time(lambda t=text: extract(t, "en", "", "", ""), max(1, repeat // 2))
        tracemalloc.start()
        extract(text, "en", "", "", "")
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        per_mb[mb] = seconds / mb
        rows.append(row(f"extract {mb} MB of text", seconds, "s", None, "", "–"))
        rows.append(row(f"extract {mb} MB: peak memory per MB of text", peak / mb, "MB", None, "", "–"))
    # a table pasted as text: a megabyte of figures and no full stop (read in pieces of LONGEST)
    dense = "In 2017 opium cultivation in Helmand was 144,000 hectares, " * (1_000_000 // 60)
    seconds = median_time(lambda: extract(dense, "en", "", "", ""), 1)
    rows.append(row("extract 1 MB of figures without a full stop", seconds, "s", None, "", "–"))
    rows.append(
        row(
            "extract: time per MB at 4 MB vs at 1 MB",
            per_mb[4],
            "s",
            per_mb[1],
            "time per MB at 1 MB",
            "≤ 1.5×, linear",
            ("ratio", 1.5),
        )
    )
    return rows


def _bare_savefig() -> float:
    """Render the same figures and save them with plain savefig (no metadata, no style)."""
    from poppy import load_all
    from poppy.publish.build import Options
    from poppy.publish.charts import CHARTS, publish
    from poppy.publish.sizes import SIZES

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


def _full_build(out: Path, jobs: int, data_dir: Path | None = None) -> float:
    """Seconds for ``poppy build`` of a whole pack into an empty ``out`` (a fresh process)."""
    shutil.rmtree(out, ignore_errors=True)
    extra = ["--data", str(data_dir)] if data_dir else []
    start = time.perf_counter()
    run("-m", "poppy", "build", "--out", str(out), "--jobs", str(jobs), *extra)
    return time.perf_counter() - start


def bench_build(repeat: int) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        two = statistics.median(_full_build(Path(tmp) / "pack2", 2) for _ in range(repeat))
        one = statistics.median(_full_build(Path(tmp) / "pack1", 1) for _ in range(max(1, repeat - 1)))
        bare = statistics.median(_bare_savefig() for _ in range(max(1, repeat - 1)))
        rows.append(row("poppy build, whole pack (2 workers)", two, "s", None, "", "≤ 6 s", ("value", 6)))
        rows.append(row("poppy build, whole pack (1 worker)", one, "s", None, "", "–"))
        rows.append(
            row(
                "poppy build (2 workers) vs bare savefig of the same figures",
                two,
                "s",
                bare,
                "bare savefig, 1 process",
                "≤ 1.1×",
                ("ratio", 1.1),
            )
        )
        rows.append(
            row(
                "speed-up from 2 workers",
                one / two,
                "×",
                None,
                f"1 worker: {one:.1f} s",
                "≥ 1.6×",
                ("min", 1.6),
            )
        )
        noop = median_time(lambda: run("-m", "poppy", "build", "--out", str(Path(tmp) / "pack2")), repeat + 2)
        rows.append(row("no-op rebuild", noop, "s", None, "", "≤ 1 s", ("value", 1)))
        rows += bench_incremental(Path(tmp))
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
        rows.append(row("peak memory of a build process", peak, "MB", None, "", "≤ 300 MB", ("value", 300)))
    return rows


def bench_incremental(tmp: Path) -> list[dict]:
    """Change one value (Bolivia's 2024 coca area) in a copy of data/ and rebuild its pack.

    Uses the public API (build, load_all, refresh_checksums) with the site's notebooks, as
    ``python3 run.py pack`` builds it; the ratio is to the full build of the same copy into an
    empty folder, timed the same way, and the files the rebuild rewrote are listed.
    """
    from poppy import load_all
    from poppy.data.descriptor import default_data_dir, refresh_checksums
    from poppy.publish.build import Options, Site, build

    copy = tmp / "data"
    shutil.copytree(default_data_dir(), copy)
    out = tmp / "pack-incremental"
    site = Site(tuple((p.name, p.read_bytes()) for p in sorted((ROOT / "notebooks").glob("*.ipynb"))))
    frames = load_all(copy)
    start = time.perf_counter()
    build(out, frames, Options(), 2, site=site)
    full = time.perf_counter() - start
    coca = copy / "coca.csv"
    text = coca.read_text(encoding="utf-8")
    assert text.count("\nBolivia,2024,34000,") == 1, "the benchmark edits this row"
    coca.write_text(text.replace("\nBolivia,2024,34000,", "\nBolivia,2024,34500,"), encoding="utf-8")
    refresh_checksums(copy)
    frames = load_all(copy)
    start = time.perf_counter()
    result = build(out, frames, Options(), 2, site=site)
    seconds = time.perf_counter() - start
    written = sorted(result.written)
    r = row(
        "incremental rebuild after one coca value changed (2 workers)",
        seconds,
        "s",
        full,
        "whole pack into an empty folder, 2 workers",
        "≤ 0.25×",
        ("ratio", 0.25),
    )
    r["written"] = written
    shown = ", ".join(written[:6]) + (f", … ({len(written) - 6} more)" if len(written) > 6 else "")
    files = row(
        "files rewritten by that rebuild", len(written), "files", None, shown, "only the changed ones"
    )
    return [r, files]


def bench_nbval() -> list[dict]:
    sys.path.insert(0, str(ROOT))
    from run import NBVAL

    start = time.perf_counter()
    run(*NBVAL, "-q", "notebooks")
    seconds = time.perf_counter() - start
    return [row("nbval over all notebooks", seconds, "s", None, "", "≤ 40 s", ("value", 40))]


GROUPS = ("import", "load", "scaling", "extract", "build", "nbval")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--only", default=",".join(GROUPS), help=f"comma-separated from {', '.join(GROUPS)}")
    parser.add_argument(
        "--json", type=Path, help="where to write the run (default: results/<date>-<host>.json)"
    )
    parser.add_argument(
        "--compare", type=Path, metavar="OLD.json", help="print this run against an earlier one"
    )
    parser.add_argument("--readme", action="store_true", help="regenerate the README's table from this run")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    groups = set(args.only.split(","))
    sizes = [10_000, 100_000, 1_000_000]  # 1M once even with --quick: the target is set there
    rows = [
        *(bench_import(repeat) if "import" in groups else []),
        *(bench_load(repeat) if "load" in groups else []),
        *(bench_scaling(sizes, repeat) if "scaling" in groups else []),
        *(bench_extract(repeat) if "extract" in groups else []),
        *(bench_build(2 if args.quick else 3) if "build" in groups else []),
        *(bench_nbval() if "nbval" in groups else []),
    ]
    path = results.save(rows, args.quick, args.json)
    run_ = results.load(path)
    print(results.describe(run_))
    print(results.table(rows))
    print(
        f"written to {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} and results/latest.json"
    )
    if args.compare:
        print()
        print(results.compare(results.load(args.compare), run_))
    if args.readme:
        results.update_readme(run_)
    return 0


if __name__ == "__main__":
    sys.exit(main())
