"""Every table of the data package, loaded and validated once, in one frozen object.

``load_all`` is the one place above the data layer that takes a data folder: the claims,
reports, briefing, charts, site and build all take a ``Frames``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

import pandas as pd

from poppy import data
from poppy.datapackage import read_descriptor, resolve_dir


@dataclass(frozen=True)
class Frames:
    """The loaded data package: tidy frames (their ``attrs`` carry units and citations).

    Attributes mirror the loaders of ``poppy.data``: ``afghanistan`` (both measures),
    ``cultivation`` (ha) and ``production`` (t) of it, ``alternates``, ``world`` (global
    totals), ``shares``, ``coca``, ``supplementary``, ``events``, ``claims``, ``sources``;
    plus ``data_hash`` (sha256 of the descriptor, which pins every file) and ``version``.
    """

    afghanistan: pd.DataFrame
    cultivation: pd.DataFrame
    production: pd.DataFrame
    alternates: pd.DataFrame
    world: pd.DataFrame
    shares: pd.DataFrame
    coca: pd.DataFrame
    supplementary: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    sources: pd.DataFrame
    data_hash: str
    version: str

    def cite(self, source_id: str) -> str:
        """One-line citation of a source of this data package (producer, title, part, URL)."""
        return data.cite(self.sources.set_index("source_id").loc[source_id])

    def event(self, event_id: str) -> pd.Series:
        """One row of ``events`` by its id."""
        return self.events.set_index("event_id").loc[event_id]

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every frame by attribute name (the strings ``data_hash`` and ``version`` left out)."""
        return {name: getattr(self, name) for name in TABLES}


#: The names of the frames of ``Frames`` (its tables), in field order.
TABLES: tuple[str, ...] = tuple(f.name for f in fields(Frames) if f.type == "pd.DataFrame")


def load_all(data_dir: str | os.PathLike[str] | None = None) -> Frames:
    """Load and validate the data package at ``data_dir`` (default: the shipped one) once.

    Raises ``DataPackageError`` listing every problem when the package is invalid.

    >>> frames = load_all()
    >>> int(frames.cultivation.set_index("year").loc[2013, "value"])
    209000
    >>> frames.version == read_descriptor(resolve_dir(None))["version"]
    True
    """
    folder = resolve_dir(data_dir)
    afghanistan = data.load_afghanistan(folder)
    return Frames(
        afghanistan=afghanistan,
        cultivation=data.load_cultivation(folder),
        production=data.load_production(folder),
        alternates=data.load_alternates(folder),
        world=data.load_global(folder),
        shares=data.load_shares(folder),
        coca=data.load_coca(folder),
        supplementary=data.load_resource("supplementary", folder),
        events=data.load_events(folder),
        claims=data.load_claims(folder),
        sources=data.load_sources(folder),
        data_hash=afghanistan.attrs["data_hash"],
        version=str(read_descriptor(folder).get("version", "")),
    )


class _Shared(dict):
    """A dict that deepcopy shares instead of copying (see ``with_shared_attrs``)."""

    def __deepcopy__(self, memo: dict) -> _Shared:
        return self


class _SharedList(list):
    """A list that deepcopy shares instead of copying (see ``with_shared_attrs``)."""

    def __deepcopy__(self, memo: dict) -> _SharedList:
        return self


def with_shared_attrs(frames: Frames) -> Frames:
    """``frames`` with each table's attrs values shared by the frames pandas derives from it.

    pandas deep-copies ``attrs`` into every frame an operation returns; with the citations
    of the data package that is 0.05-0.7 ms each, thousands of times in a build (about a
    quarter of the briefing's and workbook's time). Here the values are the same objects,
    which deepcopy passes on as they are, so only code that treats attrs as read-only (all of
    poppy's rendering) should get these frames.
    """
    shared = {}
    for name, frame in frames.tables().items():
        lean = frame.copy(deep=False)
        lean.attrs = {
            k: _Shared(v) if isinstance(v, dict) else _SharedList(v) if isinstance(v, list) else v
            for k, v in frame.attrs.items()
        }
        shared[name] = lean
    return replace(frames, **shared)
