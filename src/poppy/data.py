"""Typed loaders for the shipped UNODC data package, validated on every load.

Each loader returns a tidy DataFrame whose ``attrs`` carry the resource title, the unit
and description of every column, the citation of every source used in it
(``attrs["sources"]``: source_id -> citation) and the data package hash.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from poppy.datapackage import package_hash, read_descriptor, resolve_dir
from poppy.errors import DataPackageError, Problem
from poppy.validate import (
    check_checksum,
    check_fields,
    check_foreign_key,
    check_header,
    check_primary_key,
    check_rules,
    read_raw,
    to_typed,
)

PathLike = str | os.PathLike[str] | None


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _check_package(folder: Path) -> tuple[dict[str, Any], dict[str, pd.DataFrame], list[Problem]]:
    """Run every declared check over every resource; return raw frames and all problems."""
    descriptor = read_descriptor(folder)
    frames: dict[str, Any] = {}
    problems: list[Problem] = []
    for res in descriptor["resources"]:
        path = folder / res["path"]
        display = _display(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            problems.append(Problem(display, None, None, None, "missing-file", "file not found"))
            continue
        problems += check_checksum(raw, res, display)
        table, found = read_raw(raw, display)
        problems += found
        if table is None:
            continue
        frame, lines = table
        fields = res["schema"]["fields"]
        problems += check_header(frame, fields, display)
        problems += check_fields(frame, lines, fields, display)
        problems += check_primary_key(frame, lines, res["schema"].get("primaryKey", []), display)
        problems += check_rules(frame, lines, res.get("rules", []), display)
        frames[res["name"]] = (frame, lines, display)
    for res in descriptor["resources"]:
        if res["name"] not in frames:
            continue
        frame, lines, display = frames[res["name"]]
        for fk in res["schema"].get("foreignKeys", []):
            ref = fk["reference"]
            target = frames.get(ref["resource"])
            if target is None or ref["fields"] not in target[0].columns:
                continue
            problems += check_foreign_key(frame, lines, fk, set(target[0][ref["fields"]]), display)
    return descriptor, {k: v[0] for k, v in frames.items()}, problems


def validate_package(data_dir: PathLike = None) -> list[Problem]:
    """Every problem in the data package at ``data_dir`` (default: the shipped one); [] if valid."""
    try:
        return _check_package(resolve_dir(data_dir))[2]
    except DataPackageError as exc:
        return exc.problems


def _stamp(folder: Path) -> tuple[Any, ...]:
    return tuple(
        (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(folder.iterdir()) if p.is_file()
    )


@lru_cache(maxsize=4)
def _load(folder: Path, stamp: tuple[Any, ...]) -> dict[str, pd.DataFrame]:
    descriptor, frames, problems = _check_package(folder)
    if problems:
        raise DataPackageError(problems)
    data_hash = package_hash(folder)
    sources = frames["sources"].set_index("source_id")
    typed = {}
    for res in descriptor["resources"]:
        fields = res["schema"]["fields"]
        df = to_typed(frames[res["name"]], fields)
        used = _source_ids(df)
        df.attrs = {
            "name": res["name"],
            "title": res.get("title", res["name"]),
            "units": {f["name"]: f.get("unit", "") for f in fields},
            "descriptions": {f["name"]: f["description"] for f in fields},
            "sources": {sid: cite(sources.loc[sid]) for sid in used},
            "source_names": {sid: short_name(sources.loc[sid]) for sid in used},
            "data_hash": data_hash,
        }
        typed[res["name"]] = df
    return typed


def _source_ids(df: pd.DataFrame) -> list[str]:
    ids: list[str] = []
    for col in ("source_id", "other_source_ids"):
        if col in df.columns:
            ids += [x for v in df[col] for x in str(v).split(";") if x and x != "nan"]
    return list(dict.fromkeys(ids))


def cite(source: pd.Series) -> str:
    """One-line citation of a sources.csv row: producer, title (edition), part, URL."""
    text = f"{source['producer']}, {source['title']}"
    if source["edition"]:
        text += f" ({source['edition']})"
    text += f", {source['table_or_page']}"
    return text + (f". {source['url']}" if source["url"] else ".")


def short_name(source: pd.Series) -> str:
    """Short form for chart footers: producer, title (edition)."""
    edition = (
        f" ({source['edition']})" if source["edition"] and source["edition"] not in source["title"] else ""
    )
    return f"{source['producer']}, {source['title']}{edition}"


def load_resource(name: str, data_dir: PathLike = None) -> pd.DataFrame:
    """Validated, typed frame of one resource of the data package (a fresh shallow copy)."""
    folder = resolve_dir(data_dir).resolve()
    frames = _load(folder, _stamp(folder))
    if name not in frames:
        raise KeyError(f"no resource {name!r} in the data package (have: {', '.join(frames)})")
    out = frames[name].copy(deep=False)
    out.attrs = {k: (dict(v) if isinstance(v, dict) else v) for k, v in frames[name].attrs.items()}
    return out


def _subset(df: pd.DataFrame, mask: Any) -> pd.DataFrame:
    out = df.loc[mask].reset_index(drop=True)
    used = _source_ids(out)
    for key in ("sources", "source_names"):
        out.attrs[key] = {k: v for k, v in df.attrs[key].items() if k in used}
    return out


def load_afghanistan(data_dir: PathLike = None) -> pd.DataFrame:
    """Preferred UNODC Afghan series, 1994-2024, one row per (year, measure).

    Columns: year (Int64), measure (cultivation | production), value, low, high (float,
    NaN where UNODC gives none), unit (ha | t), status, flags, confidence, source_id,
    other_source_ids, note.
    """
    return load_resource("afghanistan_opium", data_dir)


def load_cultivation(data_dir: PathLike = None) -> pd.DataFrame:
    """Afghan opium poppy cultivation in hectares (the cultivation rows of load_afghanistan)."""
    df = load_afghanistan(data_dir)
    return _subset(df, df["measure"] == "cultivation")


def load_production(data_dir: PathLike = None) -> pd.DataFrame:
    """Afghan potential opium production in tonnes (the production rows of load_afghanistan)."""
    df = load_afghanistan(data_dir)
    return _subset(df, df["measure"] == "production")


def load_alternates(data_dir: PathLike = None) -> pd.DataFrame:
    """Rounded, preliminary, alternate-UNODC and US-government figures.

    Columns: area, year, measure, value, unit, relation, series, source_id, note.
    """
    return load_resource("alternates", data_dir)


def load_global(data_dir: PathLike = None) -> pd.DataFrame:
    """World opium poppy cultivation (ha) and potential production (t) as stated by UNODC.

    Columns: year, measure, value, unit, status, source_id, note.
    """
    return load_resource("global_opium", data_dir)


def load_shares(data_dir: PathLike = None) -> pd.DataFrame:
    """Afghanistan's share of world totals in UNODC's words.

    Columns: year, basis, share_pct in percent, qualifier, wording, source_id, note.
    """
    return load_resource("afghan_shares", data_dir)


def load_coca(data_dir: PathLike = None) -> pd.DataFrame:
    """Coca bush cultivation in hectares.

    Columns: country, year, value, unit, producer, status, confidence, source_id, note.
    """
    return load_resource("coca", data_dir)


def load_events(data_dir: PathLike = None) -> pd.DataFrame:
    """Bans, ISAF and UNGASS with ISO dates.

    Columns: event_id, name, kind, start_date, end_date, harvest_year, source_id,
    other_source_ids, note.
    """
    return load_resource("events", data_dir)


def load_claims(data_dir: PathLike = None) -> pd.DataFrame:
    """The press release's statements with what each measures and the figure it states."""
    return load_resource("claims", data_dir)


def load_sources(data_dir: PathLike = None) -> pd.DataFrame:
    """One row per source document.

    Columns: source_id, producer, title, edition, table_or_page, url, date_published, licence, kind, note.
    """
    return load_resource("sources", data_dir)
