"""Typed loaders for the shipped UNODC data package, validated once per content.

Each loader returns a tidy DataFrame whose ``attrs`` carry the resource title, the unit
and description of every column, the citation of every source used in it
(``attrs["sources"]``: source_id -> citation) and the data package hash.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from poppy.data import cache, plausibility
from poppy.data.changelog import CHANGELOG
from poppy.data.contract import NEEDS_ROW_WITH, NEEDS_ROWS
from poppy.data.descriptor import (
    DESCRIPTOR,
    UnsafeFile,
    descriptor_bytes,
    parse_descriptor,
    read_descriptor,
    read_resource,
    resolve_dir,
    sha256_of,
)
from poppy.data.validate import (
    check_checksum,
    check_foreign_key,
    check_table,
    read_raw,
    to_typed,
)
from poppy.errors import DataPackageError, Problem, ReadOnlyMetadata, UnknownResource

PathLike = str | os.PathLike[str] | None


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Snapshot:
    """The bytes of a data package read once, so that what is hashed is what is checked.

    ``files`` maps each resource path to its bytes, or to the error that kept it unread
    (FileNotFoundError, UnsafeFile).
    """

    folder: Path
    descriptor: dict[str, Any]
    raw_descriptor: bytes
    files: dict[str, bytes | Exception]

    def key(self) -> str | None:
        """Content key (cache.content_key) of these bytes; None when a file could not be read."""
        read = [(p, v) for p, v in self.files.items() if isinstance(v, bytes)]
        return cache.content_key(self.raw_descriptor, read) if len(read) == len(self.files) else None


#: Checked descriptors by the hash of their bytes (read-only: snapshots never change them).
_DESCRIPTORS: dict[str, dict[str, Any]] = {}


def snapshot(folder: Path) -> Snapshot:
    """Read the descriptor (checked; DataPackageError if not) and every resource file's bytes."""
    path = folder / DESCRIPTOR
    raw = descriptor_bytes(folder)
    digest = sha256_of(raw)
    descriptor = _DESCRIPTORS.get(digest)
    if descriptor is None:  # parsed and checked once per descriptor content in this process
        descriptor = parse_descriptor(raw, path)
        while len(_DESCRIPTORS) >= 4:
            _DESCRIPTORS.pop(next(iter(_DESCRIPTORS)))
        _DESCRIPTORS[digest] = descriptor
    files: dict[str, bytes | Exception] = {}
    for res in descriptor["resources"]:
        try:
            files[res["path"]] = read_resource(folder, res["path"])
        except (FileNotFoundError, UnsafeFile) as exc:
            files[res["path"]] = exc
    return Snapshot(folder, descriptor, raw, files)


def _check_package(snap: Snapshot) -> tuple[dict[str, Any], dict[str, pd.DataFrame], list[Problem]]:
    """Run every declared check over every resource; return raw frames and all problems."""
    descriptor = snap.descriptor
    frames: dict[str, Any] = {}
    problems: list[Problem] = []
    for res in descriptor["resources"]:
        path = snap.folder / res["path"]
        display = _display(path)
        raw = snap.files[res["path"]]
        if isinstance(raw, FileNotFoundError):
            problems.append(Problem(display, None, None, None, "missing-file", "file not found"))
            continue
        if isinstance(raw, Exception):  # refused before reading: nothing of the file is shown
            problems.append(Problem(display, None, None, None, "unsafe-path", str(raw)))
            continue
        problems += check_checksum(raw, res, display)
        table, found = read_raw(raw, display)
        problems += found
        if table is None:
            continue
        frame, lines = table
        if frame.empty and res["name"] in NEEDS_ROWS:
            problems.append(Problem(display, 2, None, None, "no-rows", "the table has a header but no rows"))
        problems += _missing_rows(frame, res["name"], display)
        problems += check_table(frame, lines, res, display)
        frames[res["name"]] = (frame, lines, display)
    problems += _across_tables(descriptor, frames)
    return descriptor, {k: v[0] for k, v in frames.items()}, problems


def _across_tables(descriptor: dict[str, Any], frames: dict[str, Any]) -> list[Problem]:
    """Foreign keys, then (when every table is sound) no part above the world's total."""
    problems: list[Problem] = []
    for res in descriptor["resources"]:
        if res["name"] not in frames:
            continue
        frame, lines, display = frames[res["name"]]
        for fk in res["schema"].get("foreignKeys", []):
            target = frames.get(fk["reference"]["resource"])
            if target is not None:
                problems += check_foreign_key(frame, lines, fk, target[0], display)
    return problems or plausibility.problems(frames)


def _missing_rows(frame: pd.DataFrame, name: str, display: str) -> list[Problem]:
    """A row the press pack is built around (contract.NEEDS_ROW_WITH) that the table lacks."""
    out = []
    for match in NEEDS_ROW_WITH.get(name, []):
        if not set(match) <= set(frame.columns):
            continue  # the missing column is reported by the header check
        if not (frame[list(match)] == pd.Series(match)).all(axis=1).any():
            wanted = ", ".join(f"{k} {v}" for k, v in match.items())
            out.append(
                Problem(
                    display,
                    None,
                    None,
                    None,
                    "needed-row",
                    f"no row with {wanted} (the press pack needs one)",
                )
            )
    return out


def validate_package(data_dir: PathLike = None, cached: bool = True) -> list[Problem]:
    """Every problem in the data package at ``data_dir`` (default: the shipped one); [] if valid.

    A valid package is loaded into the same caches as the loaders use, so validating and then
    loading (``poppy validate``, a build) checks the files once. ``cached=False`` validates
    afresh and stores nothing (benchmarks).
    """
    folder = resolve_dir(data_dir).resolve()
    try:
        if not cached:
            _typed(snapshot(folder))
        else:
            _load(folder)
        return []
    except DataPackageError as exc:
        return exc.problems


#: Typed frames of the last few data states in this process, by content key.
_MEMO: dict[str, dict[str, pd.DataFrame]] = {}


def forget() -> None:
    """Drop this process's loaded frames (the disk cache stays; see poppy.data.cache)."""
    _MEMO.clear()


def _load(folder: Path) -> dict[str, pd.DataFrame]:
    """Typed frames of the package at ``folder`` (see _load_snapshot)."""
    return _load_snapshot(folder)[1]


def _load_snapshot(folder: Path) -> tuple[Snapshot, dict[str, pd.DataFrame]]:
    """The bytes read and the typed frames of the package at ``folder``, validated once per content.

    Every byte is read and hashed on every call: a key that matches means exactly these bytes
    passed every check before (checksums included), so nothing stale is ever returned.
    """
    snap = snapshot(folder)
    key = snap.key()
    if key is None:  # a file is missing or refused: the full check says which
        return snap, _typed(snap)
    typed = _MEMO.get(key)
    if typed is None:
        names = [r["name"] for r in snap.descriptor["resources"]]
        typed = cache.get(key, lambda value: _holds_tables(value, names))
        if typed is None:
            typed = _typed(snap)
            cache.put(key, typed)
        while len(_MEMO) >= 4:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[key] = typed
    return snap, typed


def _holds_tables(value: object, names: list[str]) -> bool:
    """A cache entry is usable only as a frame for each resource (a forged one is not)."""
    return (
        isinstance(value, dict)
        and sorted(value) == sorted(names)
        and all(isinstance(frame, pd.DataFrame) for frame in value.values())
    )


def _typed(snap: Snapshot) -> dict[str, pd.DataFrame]:
    """Validate every byte of ``snap`` and type it; DataPackageError listing every problem."""
    descriptor, frames, problems = _check_package(snap)
    if problems:
        raise DataPackageError(problems)
    data_hash = sha256_of(snap.raw_descriptor)
    sources = {row["source_id"]: row for row in frames["sources"].to_dict("records")}
    typed = {
        res["name"]: to_typed(frames[res["name"]], res["schema"]["fields"]) for res in descriptor["resources"]
    }
    links = _link_tables(descriptor)
    for res in descriptor["resources"]:
        fields = res["schema"]["fields"]
        df = typed[res["name"]]
        linked = _linked(df, typed, links.get(res["name"]))
        used = _source_ids(df, linked)
        df.attrs = {
            "name": res["name"],
            "title": res.get("title", res["name"]),
            "units": Shared({f["name"]: f.get("unit", "") for f in fields}),
            "descriptions": Shared({f["name"]: f["description"] for f in fields}),
            "key": res["schema"].get("primaryKey", []),
            "linked_sources": SharedList(linked),
            "sources": Shared({sid: cite(sources[sid]) for sid in used}),
            "source_names": Shared({sid: short_name(sources[sid]) for sid in used}),
            "data_hash": data_hash,
        }
    return typed


def _link_tables(descriptor: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    """Resource name -> (link table, key fields) for the tables of further documents.

    A link table is declared with ``role: links``; its foreign key other than the one into
    ``sources`` names the resource whose values it documents.
    """
    out = {}
    for res in (r for r in descriptor["resources"] if r.get("role") == "links"):
        for fk in res["schema"].get("foreignKeys", []):
            if fk["reference"]["resource"] != "sources":
                fields = [fk["fields"]] if isinstance(fk["fields"], str) else list(fk["fields"])
                out[fk["reference"]["resource"]] = (res["name"], fields)
    return out


def _linked(
    df: pd.DataFrame, typed: dict[str, pd.DataFrame], link: tuple[str, list[str]] | None
) -> list[tuple[tuple[Any, ...], str]]:
    """(row key, source_id) pairs of further documents for the rows of ``df``."""
    if link is None:
        return []
    table, fields = link
    rows = typed[table]
    return [(tuple(k), sid) for *k, sid in rows[[*fields, "source_id"]].itertuples(index=False, name=None)]


def _source_ids(df: pd.DataFrame, linked: list[tuple[tuple[Any, ...], str]] | None = None) -> list[str]:
    ids = [x for x in df["source_id"] if isinstance(x, str) and x] if "source_id" in df.columns else []
    linked = df.attrs.get("linked_sources", []) if linked is None else linked
    return list(dict.fromkeys(ids + [sid for _, sid in linked]))


def cite(source: Mapping[str, Any]) -> str:
    """One-line citation of a sources.csv row: producer, title (edition), part, URL."""
    text = f"{source['producer']}, {source['title']}"
    if source["edition"]:
        text += f" ({source['edition']})"
    text += f", {source['table_or_page']}"
    return text + (f". {source['url']}" if source["url"] else ".")


def short_name(source: Mapping[str, Any]) -> str:
    """Short form for chart footers: producer, title (edition)."""
    edition = (
        f" ({source['edition']})" if source["edition"] and source["edition"] not in source["title"] else ""
    )
    return f"{source['producer']}, {source['title']}{edition}"


def load_package(data_dir: PathLike = None) -> dict[str, pd.DataFrame]:
    """Validated, typed frames of every resource, by name (fresh shallow copies).

    The files are read and hashed once for all of them (load_resource does it per table).
    """
    return load_package_files(data_dir)[0]


def load_package_files(
    data_dir: PathLike = None,
) -> tuple[dict[str, pd.DataFrame], dict[str, bytes], dict[str, Any]]:
    """load_package's frames, with the bytes they came from and the parsed descriptor.

    The bytes are the package as published, by name: the descriptor, every resource and the
    changelog (not a resource, so read here). One read of each file serves the check and this.
    """
    folder = resolve_dir(data_dir).resolve()
    if not folder.is_dir():
        raise DataPackageError([Problem(str(folder), None, None, None, "missing-folder", "no such folder")])
    snap, typed = _load_snapshot(folder)
    files: dict[str, bytes] = {DESCRIPTOR: snap.raw_descriptor}
    files |= {path: raw for path, raw in snap.files.items() if isinstance(raw, bytes)}
    if (folder / CHANGELOG).is_file():
        files[CHANGELOG] = read_resource(folder, CHANGELOG)
    return {name: _copy(frame) for name, frame in typed.items()}, files, snap.descriptor


class Shared(dict):
    """A read-only dict in a frame's ``attrs``, shared by every frame derived from it.

    pandas deep-copies ``attrs`` on every operation (a filter, a column, a row); the sources,
    citations and descriptions of a table made that most of the cost of charts and claims.
    Read-only, they need no copy: build a new dict to change one.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> Shared:
        return self

    def _read_only(self, *args: Any, **kwargs: Any) -> None:
        raise ReadOnlyMetadata("a frame's metadata is shared and read-only; build a new dict to change it")

    __setitem__ = __delitem__ = __ior__ = update = pop = popitem = clear = setdefault = _read_only  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:  # pickled (the cache) as what it is
        return (Shared, (dict(self),))


class SharedList(tuple):
    """A read-only sequence in a frame's ``attrs`` (see Shared): pandas shares it, never copies it."""

    def __deepcopy__(self, memo: dict[int, Any]) -> SharedList:
        return self


def _copy(frame: pd.DataFrame) -> pd.DataFrame:
    """A shallow copy whose attrs a caller may change without touching the cached frame."""
    out = frame.copy(deep=False)
    out.attrs = {k: (dict(v) if type(v) is dict else v) for k, v in frame.attrs.items()}
    return out


def load_resource(name: str, data_dir: PathLike = None) -> pd.DataFrame:
    """Validated, typed frame of one resource of the data package (a fresh shallow copy)."""
    folder = resolve_dir(data_dir).resolve()
    if not folder.is_dir():
        raise DataPackageError([Problem(str(folder), None, None, None, "missing-folder", "no such folder")])
    frames = _load(folder)
    if name not in frames:
        raise UnknownResource(f"no resource {name!r} in the data package (have: {', '.join(frames)})")
    return _copy(frames[name])


def of_measure(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The rows of one measure of a loaded table, its attrs narrowed to the sources they use."""
    return _subset(frame, frame["measure"] == measure)


def _subset(df: pd.DataFrame, mask: Any) -> pd.DataFrame:
    out = df.loc[mask].reset_index(drop=True)
    keys = set(out[df.attrs["key"]].itertuples(index=False, name=None)) if df.attrs["key"] else set()
    out.attrs["linked_sources"] = SharedList((k, sid) for k, sid in df.attrs["linked_sources"] if k in keys)
    used = _source_ids(out)
    for key in ("sources", "source_names"):
        out.attrs[key] = Shared({k: v for k, v in df.attrs[key].items() if k in used})
    return out


def further_sources(frame: pd.DataFrame) -> dict[tuple[Any, ...], list[str]]:
    """Row key (as in ``frame.attrs['key']``) -> ids of the further documents for that value.

    The row's own ``source_id`` is the document the value is taken from; these are the others
    that state or confirm it (the link tables of the data package).
    """
    out: dict[tuple[Any, ...], list[str]] = {}
    for key, sid in frame.attrs.get("linked_sources", []):
        out.setdefault(key, []).append(sid)
    return out


def load_value_tables(data_dir: PathLike = None) -> dict[str, pd.DataFrame]:
    """Every table of preferred values (descriptor ``role`` 'values'), by resource name.

    Alternates, link tables, events, claims and sources are not among them.
    """
    folder = resolve_dir(data_dir).resolve()
    names = [r["name"] for r in read_descriptor(folder)["resources"] if r.get("role") == "values"]
    return {name: load_resource(name, folder) for name in names}


def load_afghanistan(data_dir: PathLike = None) -> pd.DataFrame:
    """Preferred UNODC Afghan series, 1994-2024, one row per (year, measure).

    Columns: year (Int64), measure (cultivation | production), value, low, high (float,
    NaN where UNODC gives none), unit (ha | t), status, flags, confidence, source_id, note.
    Further documents for each value: ``further_sources(frame)``.
    """
    return load_resource("afghanistan_opium", data_dir)


def load_cultivation(data_dir: PathLike = None) -> pd.DataFrame:
    """Afghan opium poppy cultivation in hectares (the cultivation rows of load_afghanistan).

    >>> cult = load_cultivation()
    >>> row = cult.set_index("year").loc[2013]
    >>> int(row["value"]), int(row["low"]), int(row["high"]), row["unit"]
    (209000, 173000, 238000, 'ha')
    >>> cult.attrs["sources"]["unodc-wdr2016-annex"][:30]
    'UNODC, World Drug Report 2016,'
    """
    return of_measure(load_afghanistan(data_dir), "cultivation")


def load_production(data_dir: PathLike = None) -> pd.DataFrame:
    """Afghan potential opium production in tonnes (the production rows of load_afghanistan).

    >>> int(load_production().set_index("year").loc[2017, "value"])
    9000
    """
    return of_measure(load_afghanistan(data_dir), "production")


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

    Columns: year, basis, share_pct in percent, preferred, qualifier, wording, source_id, note.

    >>> s = load_shares().query("year == 2008 and basis == 'opium_production'")
    >>> [(int(v), bool(p)) for v, p in zip(s["share_pct"], s["preferred"])]
    [(92, False), (93, True)]
    """
    return load_resource("afghan_shares", data_dir)


def load_coca(data_dir: PathLike = None) -> pd.DataFrame:
    """Coca bush cultivation in hectares.

    Columns: country, year, value, unit, producer, status, confidence, source_id, note.

    >>> int(load_coca().set_index(["country", "year"]).loc[("Colombia", 2023), "value"])
    253000
    """
    return load_resource("coca", data_dir)


def load_provinces(data_dir: PathLike = None) -> pd.DataFrame:
    """The 34 Afghan provinces: UNODC's spelling, ISO 3166-2:AF code, ISO and Russian names.

    Columns: province, iso_code, name_iso, name_ru, source_id. A province's figures are the
    rows of ``supplementary`` whose area is its ``province``.

    >>> load_provinces().set_index("province").loc["Hilmand", ["iso_code", "name_ru"]].tolist()
    ['AF-HEL', 'Гильменд']
    """
    return load_resource("provinces", data_dir)


def load_events(data_dir: PathLike = None) -> pd.DataFrame:
    """Bans, ISAF and UNGASS with ISO dates.

    Columns: event_id, name, kind, start_date (datetime64), start_precision (day | month),
    end_date (datetime64, NaT while ongoing), end_precision, harvest_year, source_id, note.
    """
    return load_resource("events", data_dir)


def load_claims(data_dir: PathLike = None) -> pd.DataFrame:
    """The press release's statements with what each measures and the figure it states."""
    return load_resource("claims", data_dir)


def load_sources(data_dir: PathLike = None) -> pd.DataFrame:
    """One row per source document.

    Columns: source_id, producer, title, edition, table_or_page, url (the official address where
    recorded), copy_url (the copy read, when another), date_published, licence, kind, note.
    """
    return load_resource("sources", data_dir)
