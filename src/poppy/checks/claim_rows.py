"""Claim rows: the tolerances every checker uses, the series a row names, and claim files.

A claim is a row of claims.csv (or of another CSV with the same columns): its ``metric``
is the kind (level, change, ratio, share, trend, rank, target, context, opinion), ``area``
and ``measure`` name the series (';'-separated lists for the kinds that compare several),
the years, the stated figure with its unit and qualifier, the span and the period event.
A claim file is validated like the data package (one problem per line: file, line,
column) against the claims schema of the package's descriptor.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from poppy.data.frames import Frames
from poppy.data.validate import (
    check_foreign_key,
    check_header,
    check_table,
    read_raw,
    to_typed,
)
from poppy.errors import DataPackageError, Problem

#: Every tolerance of the checkers, in one place (relative ones as fractions).
TOLERANCES: dict[str, float] = {
    # a stated figure within 1% of the data's is the data's (speakers round: 193 thousand)
    "figure": 0.01,
    # an 'about' figure: within 5%
    "about": 0.05,
    # an exact share within 2% of the computed share (80% for 79.9%)
    "share": 0.02,
    # a stated percentage change within one percentage point of the data's ('fell 95%' for -95.4%)
    "change_points": 1.0,
    # a share or level short of the data by less than 5 percentage points (or 5%) is
    # 'overstated'; further off it is 'not supported'
    "near_points": 5.0,
    # a multiple 'N times' holds when the computed multiple rounds to N (to 0 decimals)
    "ratio_decimals": 0,
    # UNGASS 1998 'eliminate or significantly reduce': counted as met at a fall of 50% or more
    "significant_reduction_pct": 50.0,
}


Fields = Callable[[str], dict[str, str]]


class Outcome(NamedTuple):
    """What a checker finds: verdict, text fields by language, figures, sources, and the text case.

    ``case`` picks the message variant: '' is the kind's own message, 'x' its variant '<key>.x',
    'x.y' the variant '<key>.x.y' where the catalogs have it, else '<key>.x'.
    """

    verdict: str
    fields: Fields
    figures: dict[str, float]
    sources: list[str]
    case: str = ""


def year_runs(years: list[int]) -> str:
    """[2009, 2010] -> '2009–2010'; [2012, 2013, 2016] -> '2012–2013, 2016'."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def within(stated: float, actual: float, tolerance: float = TOLERANCES["figure"]) -> bool:
    """Stated figure equal to the data within ``tolerance`` (relative; speakers round)."""
    return abs(stated - actual) <= tolerance * abs(actual)


def holds(stated: float, actual: float, qualifier: str) -> bool:
    """Whether ``actual`` bears out ``stated`` as qualified (exact, about, more_than, at_least, less_than).

    >>> holds(80, 79.9, "more_than"), holds(193000, 192000, "exact"), holds(100, 96, "about")
    (False, True, True)
    """
    tests = {
        "exact": lambda: within(stated, actual),
        "about": lambda: within(stated, actual, TOLERANCES["about"]),
        "more_than": lambda: actual > stated,
        "at_least": lambda: actual >= stated,
        "less_than": lambda: actual < stated,
    }
    return bool(tests.get(qualifier or "exact", tests["exact"])())


def split(text: Any) -> list[str]:
    """A ';'-separated cell as a list ('' -> [])."""
    return [x.strip() for x in str(text or "").split(";") if x.strip()] if not pd.isna(text) else []


#: Name of the supplementary.csv measure for each claim measure outside Afghanistan.
_SUPPLEMENTARY = {"cultivation": "opium_cultivation", "production": "opium_production"}
_COLUMNS = ["year", "value", "low", "high", "unit", "source_id"]


def series(frames: Frames, area: str, measure: str) -> pd.DataFrame:
    """One area's series of ``measure`` (year, value, low, high, unit, source_id), sorted by year.

    Afghanistan's cultivation (ha) and production (t) come from afghanistan_opium.csv, the
    World's from global_opium.csv, a country's coca area from coca.csv, everything else
    (other opium producers, world heroin, coca and cocaine) from supplementary.csv. Empty
    when the data have no such series.
    """
    if area == "Afghanistan" and measure in ("cultivation", "production"):
        df = getattr(frames, measure)
    elif area == "World" and measure in ("cultivation", "production"):
        df = frames.world[frames.world["measure"] == measure]
    elif measure == "coca_cultivation" and area != "World":
        df = frames.coca[frames.coca["country"] == area]
    else:
        sup = frames.supplementary
        df = sup[(sup["area"] == area) & (sup["measure"] == _SUPPLEMENTARY.get(measure, measure))]
    out = df.reindex(columns=_COLUMNS).sort_values("year").reset_index(drop=True)
    out.attrs = {"name": f"{area} {measure}", "units": {"value": out["unit"].iloc[0] if len(out) else ""}}
    return out


def pairs(frames: Frames, claim: pd.Series) -> list[tuple[str, str, pd.DataFrame]]:
    """(area, measure, series) for every area x measure of a claim row that the data have."""
    out = []
    for measure in split(claim["measure"]):
        for area in split(claim["area"]):
            s = series(frames, area, measure)
            if len(s):
                out.append((area, measure, s))
    return out


def producers(frames: Frames, measure: str) -> list[str]:
    """Every single country with a series of ``measure`` (no 'World', no groups, no provinces)."""
    if measure == "coca_cultivation":
        return sorted(frames.coca["country"].unique())
    sup = frames.supplementary
    names = sup.loc[sup["measure"] == _SUPPLEMENTARY.get(measure, measure), "area"].unique()
    parts = set(frames.provinces["province"])
    single = [a for a in names if a != "World" and "," not in a and " and " not in a and a not in parts]
    return sorted({*single, *(["Afghanistan"] if measure in _SUPPLEMENTARY else [])})


def coverage(frames: Frames) -> dict[str, list[str]]:
    """Measure (claim name) -> every area with a series of it (countries, World, groups), sorted."""
    found: dict[str, set[str]] = {
        "cultivation": {"Afghanistan"},
        "production": {"Afghanistan"},
        "coca_cultivation": set(frames.coca["country"]),
    }
    for measure in frames.world["measure"].unique():
        found.setdefault(str(measure), set()).add("World")
    names = {v: k for k, v in _SUPPLEMENTARY.items()}
    sup = frames.supplementary.dropna(subset=["value", "low"], how="all")
    for measure, group in sup.groupby("measure"):
        found.setdefault(names.get(str(measure), str(measure)), set()).update(group["area"])
    return {measure: sorted(areas) for measure, areas in sorted(found.items())}


#: Kinds that judge one figure of each area x measure named: every pair needs data. The kinds that
#: compare several series need each area and each measure in at least one pair; a share's area
#: and measure are held by SUPPORTED, a context row judges nothing.
_EVERY_PAIR = ("level", "change", "ratio")
_SOME_PAIR = ("trend", "rank", "target", "opinion")


def _without_data(frame: pd.DataFrame, lines: Any, display: str, frames: Frames) -> list[Problem]:
    """A Problem for each area (or measure) a claim names that has no data to judge it by."""
    known, problems = coverage(frames), []
    for i, row in enumerate(frame.itertuples(index=False)):
        kind, areas, measures = row.metric, split(row.area), split(row.measure)
        if kind not in _EVERY_PAIR + _SOME_PAIR:
            continue
        have = {(a, m) for a in areas for m in measures if a in known.get(m, ())}
        every = kind in _EVERY_PAIR
        for area in areas:
            missing = [m for m in measures if (area, m) not in have]
            if missing and (every or len(missing) == len(measures)):
                listed = "; ".join(f"{m}: {', '.join(known.get(m, [])) or 'none'}" for m in missing)
                message = f"no {' or '.join(missing)} figures for {area} (areas with data: {listed})"
                problems.append(Problem(display, int(lines[i]), "area", area, "no-data-for-area", message))
    return problems


#: Fields a row of each kind must fill (beyond the ones every row needs).
REQUIRED: dict[str, tuple[str, ...]] = {
    "level": ("end_year", "stated_value"),
    "change": ("start_year", "end_year", "stated_start", "stated_end"),
    # a change stated as a percentage only ('fell by 95 per cent'): the percentage is its figure
    "change.percent": ("start_year", "end_year", "stated_value"),
    "ratio": ("end_year", "stated_value"),
    "share": ("end_year", "stated_value"),
    "trend": ("start_year", "end_year"),
    "rank": ("end_year",),
    "target": ("end_year", "period_event_id"),
    "context": ("start_year", "end_year"),
    "opinion": ("end_year",),
}


#: What a kind's checker can judge today; other values are refused rather than judged wrongly
#: (the share checker compares Afghanistan's heroin claim with UNODC's opium and heroin figures).
SUPPORTED: dict[str, dict[str, tuple[str, ...]]] = {
    "share": {"area": ("Afghanistan",), "measure": ("heroin_production",), "qualifier": ("more_than",)},
    "trend": {"stated_unit": ("rise", "fall")},
}


def required_key(kind: str, unit: str) -> str:
    """The key of REQUIRED for a row: 'change.percent' for a change stated only as a percentage."""
    return f"{kind}.percent" if kind == "change" and unit == "percent" else kind


def _required(frame: pd.DataFrame, lines: Any, display: str) -> list[Problem]:
    problems = []
    for i, row in enumerate(frame.itertuples(index=False)):
        kind = getattr(row, "metric", "")
        needs = list(REQUIRED.get(required_key(kind, getattr(row, "stated_unit", "")), ()))
        if kind == "ratio" and getattr(row, "period_event_id", "") == "":
            needs.append("start_year")  # without an event, the baseline is the start year
        for column in needs:
            if getattr(row, column, "x") == "":
                problems.append(
                    Problem(
                        display, int(lines[i]), column, None, "required-for-kind", f"a {kind} claim needs it"
                    )
                )
        for column, allowed in SUPPORTED.get(kind, {}).items():
            value = getattr(row, column, "")
            if value not in allowed:
                message = f"a {kind} claim can be checked only for {' or '.join(allowed)}"
                problems.append(
                    Problem(display, int(lines[i]), column, value, "unsupported-for-kind", message)
                )
        start, end = getattr(row, "start_year", ""), getattr(row, "end_year", "")
        if start and end and start.isdigit() and end.isdigit() and int(start) > int(end):
            problems.append(
                Problem(display, int(lines[i]), "start_year", start, "order", "must not be after end_year")
            )
    return problems


def read_claims(path: str | os.PathLike[str], resource: dict[str, Any], frames: Frames) -> pd.DataFrame:
    """The claim rows of the CSV at ``path``, validated against ``resource`` (the claims schema).

    Its source_id and period_event_id must resolve in ``frames`` (sources.csv, events.csv);
    every problem is collected and raised at once as DataPackageError (file, line, column).
    """
    display = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataPackageError(
            [Problem(display, None, None, None, "missing-file", "file not found")]
        ) from None
    return parse_claims(raw, display, resource, frames)


def parse_claims(raw: bytes, display: str, resource: dict[str, Any], frames: Frames) -> pd.DataFrame:
    """Claim rows from CSV bytes, validated as ``read_claims`` does (``display`` names them).

    The source_id 'adhoc' (a statement typed on the command line) needs no document.
    """
    table, problems = read_raw(raw, display)
    if table is None:
        raise DataPackageError(problems)
    frame, lines = table
    schema = resource["schema"]
    problems += check_header(frame, schema["fields"], display)
    if problems:  # every later check reads the declared columns
        raise DataPackageError(problems)
    problems += check_table(frame, lines, resource, display)
    targets = {"sources": frames.sources, "events": frames.events}
    for fk in schema.get("foreignKeys", []):
        if fk["reference"]["resource"] == "sources":  # an ad-hoc statement may have no document
            frame = frame.assign(source_id=frame["source_id"].replace(ADHOC, ""))
        target = targets[fk["reference"]["resource"]].astype(str)
        problems += check_foreign_key(frame, lines, fk, target, display)
    problems += _required(frame, lines, display)
    problems = problems or _without_data(frame, lines, display, frames)  # names and kinds are sound
    if problems:
        raise DataPackageError(problems)
    return to_typed(frame, schema["fields"])


#: source_id of a statement typed on the command line (no document in sources.csv).
ADHOC = "adhoc"


def adhoc_claim(columns: list[str], **given: str) -> bytes:
    """One claim row as CSV bytes (header and row) from the ``given`` columns, the rest empty.

    The kind is inferred when not given: a ratio with ``stated_value`` and 'times', a share
    with 'percent', a change with both ``stated_start`` and ``stated_end``, a trend with a
    direction, else a level.
    """
    row = dict.fromkeys(columns, "") | {"claim_id": "adhoc", "source_id": ADHOC, "speaker": "-", "topic": "-"}
    row |= {k: v for k, v in given.items() if v not in (None, "")}
    if not row["metric"]:
        unit = row["stated_unit"]
        kinds = {"times": "ratio", "percent": "share", "rise": "trend", "fall": "trend"}
        row["metric"] = kinds.get(unit) or (
            "change" if row["stated_start"] and row["stated_end"] else "level"
        )
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows([columns, [row[c] for c in columns]])
    return buf.getvalue().encode("utf-8")
