"""Print the README's coverage table (Markdown): every series poppy holds, its years and its gaps.

python tools/coverage_table.py     the table; tests/test_readme_coverage.py keeps the README equal to it
"""

from __future__ import annotations

import sys

import poppy
from poppy.checks.claim_rows import coverage, series, year_runs

#: Areas in the order a reader looks for them (provinces are summarised on one row).
ORDER = ["Afghanistan", "Myanmar", "Lao PDR", "Mexico", "Colombia", "Peru", "Bolivia", "World"]


def _row(area: str, measure: str, years: list[int]) -> str:
    first, last = years[0], years[-1]
    gaps = sorted(set(range(first, last + 1)) - set(years))
    span = str(first) if first == last else f"{first}–{last}"
    return f"| {area} | `{measure}` | {span} | {len(years)} | {year_runs(gaps) if gaps else '–'} |"


def table(frames: poppy.Frames) -> str:
    """One row per area x measure with data, then one for the Afghan provinces."""
    provinces = set(frames.provinces["province"])
    held = coverage(frames)
    rows = ["| area | measure | years | values | years without a value |", "|---|---|---|---|---|"]
    areas = {a for areas in held.values() for a in areas} - provinces
    for area in sorted(areas, key=lambda a: (ORDER.index(a) if a in ORDER else len(ORDER), a)):
        for measure, have in held.items():
            if area in have:
                s = series(frames, area, measure).dropna(subset=["value", "low"], how="all")
                rows.append(_row(area, measure, sorted(int(y) for y in s["year"])))
    sup = frames.supplementary
    prov = sup[sup["area"].isin(provinces)]
    per_year = prov.groupby("year")["area"].nunique()
    full = [int(y) for y, n in per_year.items() if n == len(provinces)]
    part = ", ".join(f"{int(y)} ({n})" for y, n in per_year.items() if n < len(provinces))
    rows.append(
        f"| {len(provinces)} Afghan provinces | `cultivation` | {year_runs(full)} (all provinces); "
        f"{part} | {len(prov)} | the other years |"
    )
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.stdout.write(table(poppy.load_all()))
    sys.exit(0)
