"""Compare a UNODC workbook with data/ and, on request, apply it without losing any figure.

Recipe: read the workbook (poppy.data.unodc_workbook) -> diff against the validated data -> print ->
with ``apply``: under data/'s lock, write the changed CSVs and the descriptor into a complete
copy beside data/, validate the copy, and swap it in as a whole (poppy.data.atomic). A replaced preferred
value moves to alternates.csv with relation 'superseded'; values the workbook lacks are
reported and kept.
"""

from __future__ import annotations

import csv
import io
import math
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from poppy.data import atomic, changelog
from poppy.data.descriptor import (
    DESCRIPTOR,
    dump_descriptor,
    read_descriptor,
    refresh_checksums,
    resolve_dir,
)
from poppy.data.loaders import PathLike, load_resource, validate_package
from poppy.data.unodc_workbook import Reading, Value, read_workbook
from poppy.errors import ImportRefused
from poppy.fmt import number

UNITS = {"cultivation": "ha", "production": "t"}
TENFOLD = 10  # a new value this many times above or below the one it replaces is doubted


@dataclass(frozen=True)
class Change:
    """One line of the diff: kind is new, changed or missing (in data, not in the workbook)."""

    kind: str
    table: str
    key: tuple
    old: float | None
    new: float | None
    unit: str
    old_source: str
    value: Value
    doubts: tuple[str, ...] = ()  # why the new value looks implausible; --apply refuses it unless told

    @property
    def what(self) -> str:
        """'afghanistan_opium 2013 cultivation'."""
        return f"{self.table} {' '.join(map(str, self.key))}"

    def line(self, source_id: str | None) -> str:
        """The diff line of this change; ``source_id`` is the workbook's id when applied."""
        what = self.what
        u = f"\u00a0{self.unit}"
        if self.value.read_as:  # converted: say from what, so a wrong unit shows in the diff
            u += f" (read as {self.value.raw:,.15g} {self.value.read_as})"
        if self.kind == "new":
            text = f"{number(self.new)}{u}"
            text += (
                f" (range {number(self.value.low)}–{number(self.value.high)})"
                if self.value.low is not None
                else ""
            )
            return f"new      {what}: {text}  [{self.value.cell}]"
        if self.kind == "changed":
            rng = (
                f" (range {number(self.value.low)}–{number(self.value.high)})"
                if self.value.low is not None
                else ""
            )
            return (
                f"changed  {what}: {number(self.old)} → {number(self.new)}{u}{rng}  "
                f"[was {self.old_source}; now {source_id or '(--source-id)'}, {self.value.cell}]"
            )
        return (
            f"missing  {what}: {number(self.old)}{u} in data ({self.old_source}); not in the workbook, kept"
        )


def _target(v: Value) -> tuple[str, tuple]:
    if v.area == "Afghanistan":
        return "afghanistan_opium", (v.year, v.measure)
    if v.area == "World":
        return "global_opium", (v.year, v.measure)
    if v.measure != "cultivation":
        raise ImportRefused(f"{v.cell}: poppy holds coca cultivation only, not {v.measure} for {v.area}")
    return "coca", (v.area, v.year)


def _key_cols(table: str) -> list[str]:
    return ["country", "year"] if table == "coca" else ["year", "measure"]


def _same(a: float | None, b: float | None) -> bool:
    na, nb = (
        a is None or (isinstance(a, float) and math.isnan(a)),
        b is None or (isinstance(b, float) and math.isnan(b)),
    )
    return (na and nb) or (not na and not nb and abs(float(a) - float(b)) < 1e-9)


def diff(reading: Reading, data_dir: PathLike = None) -> list[Change]:
    """What applying ``reading`` would change in the data package, each change with its doubts."""
    frames = {t: load_resource(t, data_dir) for t in ("afghanistan_opium", "global_opium", "coca")}
    index = {t: f.set_index(_key_cols(t)) for t, f in frames.items()}
    bounds = _bounds(data_dir)
    changes: list[Change] = []
    for v in reading.values:
        table, key = _target(v)
        unit = "ha" if table == "coca" else UNITS[v.measure]
        current = index[table].loc[key] if key in index[table].index else None
        old = None if current is None or pd.isna(current["value"]) else float(current["value"])
        src = "" if current is None else str(current["source_id"])
        if v.value is None:
            if old is not None:
                changes.append(Change("missing", table, key, old, None, unit, src, v))
            continue
        same_range = v.low is None or (
            current is not None and _same(v.low, current.get("low")) and _same(v.high, current.get("high"))
        )
        if old is not None and _same(old, v.value) and same_range:
            continue
        doubts = _doubts(v, old, unit, bounds[table], _series_years(frames[table], table, key))
        kind = "new" if old is None else "changed"
        changes.append(Change(kind, table, key, old, v.value, unit, src, v, doubts))
    return changes


def _bounds(data_dir: PathLike) -> dict[str, dict[str, tuple[float, float]]]:
    """Each value table's declared minimum and maximum of 'year' and 'value' (infinite if none)."""
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for res in read_descriptor(resolve_dir(data_dir))["resources"]:
        fields = {f.get("name"): f.get("constraints", {}) for f in res.get("schema", {}).get("fields", [])}
        out[res.get("name")] = {
            name: (float(c.get("minimum", -math.inf)), float(c.get("maximum", math.inf)))
            for name, c in fields.items()
            if name in ("year", "value")
        }
    return out


def _series_years(frame: pd.DataFrame, table: str, key: tuple) -> tuple[int, int] | None:
    """First and last year of the series a key belongs to (same measure, or same country)."""
    column, member = ("country", key[0]) if table == "coca" else ("measure", key[1])
    years = frame.loc[frame[column] == member, "year"]
    return (int(years.min()), int(years.max())) if len(years) else None


def _doubts(
    v: Value, old: float | None, unit: str, bounds: dict[str, tuple[float, float]], years: tuple | None
) -> tuple[str, ...]:
    """Why a new value looks wrong: outside the schema, a tenfold jump, a year off the series."""
    out = []
    low, high = bounds.get("value", (-math.inf, math.inf))
    if not low <= v.value <= high:
        out.append(f"{number(v.value)} {unit} is outside the schema's bounds ({low:g} to {high:g})")
    y_low, y_high = bounds.get("year", (-math.inf, math.inf))
    if not y_low <= v.year <= y_high:
        out.append(f"year {v.year} is outside the schema's bounds ({y_low:g} to {y_high:g})")
    if old and v.value and max(old / v.value, v.value / old) > TENFOLD:
        out.append(
            f"{number(v.value)} {unit} is more than ten times off the {number(old)} {unit} it replaces"
        )
    if years and not years[0] <= v.year <= years[1] + 1:
        out.append(f"year {v.year} is outside the series ({years[0]}-{years[1]}, or the year after)")
    if v.year > date.today().year:
        out.append(f"year {v.year} is in the future")
    return tuple(out)


def report(reading: Reading, changes: list[Change], source_id: str | None, path: Path, applied: bool) -> str:
    """The diff as text, ending with a summary line."""
    lines = [f"poppy import: {path.name}, sheet '{reading.sheet}' ({reading.layout} layout)"]
    lines += [f"warning: {w}" for w in reading.warnings]
    for c in changes:
        lines.append(c.line(source_id))
        lines += [f"implausible  {c.what}: {d}" for d in c.doubts]
    lines += [f"not mapped: {u}" for u in reading.unmapped]
    counts = {k: sum(c.kind == k for c in changes) for k in ("new", "changed", "missing")}
    doubted = sum(bool(c.doubts) for c in changes)
    if not applied:
        tail = "nothing written (add --apply to write)"
    elif counts["new"] + counts["changed"]:
        tail = "applied to data/ and validated"
    else:
        tail = "nothing to apply; data/ unchanged"
    lines.append(
        f"summary: {counts['new']} new, {counts['changed']} changed, {counts['missing']} missing, "
        f"{len(reading.unmapped)} not mapped{f', {doubted} implausible' if doubted else ''}; {tail}"
    )
    return "\n".join(lines)


# --- apply ------------------------------------------------------------------------------------------
def _cell(v: float | None) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


class _Csv:
    """A CSV of the data package as rows of strings, rewritten in the package's own format."""

    def __init__(self, path: Path):
        self.path = path
        self.rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        self.header = self.rows[0]

    def find(self, **match: str) -> list[str] | None:
        idx = {k: self.header.index(k) for k in match}
        return next((r for r in self.rows[1:] if all(r[idx[k]] == v for k, v in match.items())), None)

    def set(self, row: list[str], **values: str) -> None:
        for k, v in values.items():
            row[self.header.index(k)] = v

    def add(self, **values: str) -> None:
        self.rows.append([values.get(h, "") for h in self.header])

    def text(self) -> str:
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(self.rows)
        return out.getvalue()


#: The files of the data package an import may change.
TOUCHED = ("sources", "afghanistan_opium", "afghanistan_opium_sources", "global_opium", "coca", "alternates")


def _apply_to(
    folder: Path, reading: Reading, changes: list[Change], source_id: str, path: Path, today: date
) -> None:
    files = {name: _Csv(folder / f"{name}.csv") for name in TOUCHED}
    if files["sources"].find(source_id=source_id) is None:
        files["sources"].add(**source_record(reading, source_id, path))
    for c in (c for c in changes if c.kind != "missing"):
        _apply_change(files, c, source_id, path)
    for f in files.values():
        f.path.write_text(f.text(), encoding="utf-8")
    _record_version(folder, reading, changes, source_id, path, today)
    refresh_checksums(folder)


def source_record(reading: Reading, source_id: str, path: Path) -> dict[str, str]:
    """The sources.csv row an import adds for its workbook."""
    return {
        "source_id": source_id,
        "producer": "UNODC",
        "title": reading.title or path.stem,
        "edition": "",
        "table_or_page": f"sheet '{reading.sheet}'",
        "licence": "© United Nations",
        "kind": "unodc_report",
        "note": f"Imported from {path.name} with poppy import.",
    }


def check_source_id(folder: Path, record: dict[str, str]) -> None:
    """Refuse a ``--source-id`` that sources.csv already gives to another document.

    Reusing an id is allowed only for the same workbook and sheet (the same record), so values
    are never silently attributed to a document they were not read from.
    """
    existing = _Csv(folder / "sources.csv")
    row = existing.find(source_id=record["source_id"])
    if row is None:
        return
    have = dict(zip(existing.header, row, strict=False))
    differ = [k for k, v in record.items() if have.get(k, "") != v]
    if differ:
        raise ImportRefused(
            f"--source-id '{record['source_id']}' already names another document in sources.csv "
            f"('{have.get('title', '')[:60]}'; {', '.join(differ)} differ); choose a new id"
        )


def _apply_change(files: dict[str, _Csv], c: Change, source_id: str, path: Path) -> None:
    """Write one new or changed value; a replaced value moves to alternates as 'superseded'."""
    v, t = c.value, files[c.table]
    keys = dict(zip(_key_cols(c.table), map(str, c.key), strict=True))
    row = t.find(**keys)
    if c.kind == "changed":
        _supersede(files["alternates"], t, row, c, source_id, path)
        if c.table == "afghanistan_opium":
            _unlink(files["afghanistan_opium_sources"], keys)  # they documented the superseded value
    values = {"value": _cell(v.value), "status": "published", "source_id": source_id}
    values["note"] = f"Imported from {path.name}, {v.cell}."
    if "low" in t.header:
        values |= {"low": _cell(v.low), "high": _cell(v.high)}
    if "confidence" in t.header:
        values["confidence"] = "high"
    if row is None:
        base = {"unit": c.unit, "flags": ""} | ({"producer": "UNODC"} if c.table == "coca" else {})
        t.add(**keys, **base, **values)
        return
    if "flags" in t.header:  # a decoded range belonged to the superseded estimate
        flags = [f for f in row[t.header.index("flags")].split(";") if f and f != "range_decoded"]
        values["flags"] = ";".join(flags)
    t.set(row, **values)


def _supersede(alternates: _Csv, t: _Csv, row: list[str], c: Change, source_id: str, path: Path) -> None:
    old_low, old_high = (row[t.header.index(k)] if k in t.header else "" for k in ("low", "high"))
    rng = f"; its range was {old_low}-{old_high}" if old_low else ""
    alternates.add(
        area=c.value.area,
        year=str(c.value.year),
        measure=c.value.measure,
        value=_cell(c.old),
        unit=c.unit,
        relation="superseded",
        series="UNODC",
        source_id=c.old_source,
        note=f"Preferred value until superseded by {source_id} ({path.name}){rng}.",
    )


def _unlink(links: _Csv, keys: dict[str, str]) -> None:
    links.rows = [links.rows[0]] + [
        r for r in links.rows[1:] if any(r[links.header.index(k)] != v for k, v in keys.items())
    ]


def _record_version(
    folder: Path, reading: Reading, changes: list[Change], source_id: str, path: Path, today: date
) -> None:
    """Bump the descriptor's version and add this import's entry to CHANGELOG.md."""
    descriptor = read_descriptor(folder)
    version = changelog.next_version(descriptor.get("version"), today)
    changelog.stamp(descriptor, version, today)
    (folder / DESCRIPTOR).write_bytes(dump_descriptor(descriptor))
    what = {"new": "Added", "changed": "Superseded"}
    sections: dict[str, list[str]] = {"Added": [], "Superseded": []}
    for c in changes:
        if c.kind in what:
            sections[what[c.kind]].append(c.line(source_id).split(None, 1)[1])
    intro = f"poppy import of {path.name}, sheet '{reading.sheet}', as source `{source_id}`"
    text = changelog.add_entry(folder, version, today, {"Import": [intro], **sections})
    (folder / changelog.CHANGELOG).write_text(text, encoding="utf-8")


def apply(
    reading: Reading,
    changes: list[Change],
    source_id: str,
    path: Path,
    data_dir: PathLike = None,
    today: date | None = None,
) -> None:
    """Write ``changes`` into the data package; on any problem data/ is left exactly as it was.

    The package's version goes up (calendar versioning, ``today`` by default) and
    CHANGELOG.md gets an entry listing what was added and superseded. The whole folder is
    replaced in one step, under its lock (poppy.data.atomic).
    """
    folder = resolve_dir(data_dir).resolve()
    with atomic.locked(folder):
        _apply_unlocked(folder, reading, changes, source_id, path, today or date.today())


def _apply_unlocked(
    folder: Path, reading: Reading, changes: list[Change], source_id: str, path: Path, today: date
) -> None:
    def stage(staged: Path) -> None:
        atomic.copy_tree(folder, staged)  # copies, not links: the staged CSVs are rewritten in place
        _apply_to(staged, reading, changes, source_id, path, today)

    with atomic.replacing(folder, stage) as staged:
        problems = validate_package(staged)
        if problems:
            raise ImportRefused(
                "the updated data would not validate: "
                + "; ".join(str(p).replace(str(staged), "data") for p in problems[:5])
            )


def import_workbook(
    path: str | os.PathLike[str],
    sheet: str | None = None,
    source_id: str | None = None,
    do_apply: bool = False,
    data_dir: PathLike = None,
    accept_implausible: bool = False,
) -> str:
    """Read, diff and optionally apply a workbook; returns the report text.

    Raises ImportRefused (one line) when the file is unsafe or any cell cannot be used, and,
    with ``do_apply``, when a value looks implausible unless ``accept_implausible``. An import
    that changes nothing writes nothing (no source row, no new version).
    """
    path = Path(path)
    reading = read_workbook(path, sheet)
    if reading.problems:
        raise ImportRefused("; ".join(reading.problems))
    if not reading.values:
        left = f" (not mapped: {'; '.join(reading.unmapped[:3])})" if reading.unmapped else ""
        raise ImportRefused(f"{path.name}: sheet '{reading.sheet}' holds no figure poppy can map{left}")
    if not do_apply:
        return report(reading, diff(reading, data_dir), source_id, path, False)
    if not source_id:
        raise ImportRefused("--apply needs --source-id, the id under which sources.csv records this workbook")
    if not all(ch.isalnum() or ch == "-" for ch in source_id) or source_id != source_id.lower():
        raise ImportRefused(f"--source-id '{source_id}' must be lower-case letters, digits and '-'")
    folder = resolve_dir(data_dir).resolve()
    with atomic.locked(folder):  # the diff and the write see the same data
        changes = diff(reading, folder)
        _check_apply(changes, accept_implausible)
        if any(c.kind != "missing" for c in changes):
            check_source_id(folder, source_record(reading, source_id, path))
            _apply_unlocked(folder, reading, changes, source_id, path, date.today())
    return report(reading, changes, source_id, path, True)


def _check_apply(changes: list[Change], accept_implausible: bool) -> None:
    doubted = [c for c in changes if c.doubts]
    if doubted and not accept_implausible:
        first = doubted[0]
        raise ImportRefused(
            f"{len(doubted)} value(s) look implausible (first: {first.what}: {first.doubts[0]}, "
            f"{first.value.cell}); check the dry run and add --accept-implausible to write them anyway"
        )
