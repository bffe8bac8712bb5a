"""Every table of the data package, loaded and validated once, in one frozen object.

``load_all`` is the one place above the data layer that takes a data folder: the claims,
reports, briefing, charts, site and build all take a ``Frames``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

import pandas as pd

from poppy.data import loaders
from poppy.data.descriptor import resolve_dir


@dataclass(frozen=True)
class Frames:
    """The loaded data package: tidy frames (their ``attrs`` carry units and citations).

    Attributes mirror the loaders of ``poppy.data``: ``afghanistan`` (both measures),
    ``cultivation`` (ha) and ``production`` (t) of it, ``alternates``, ``world`` (global
    totals), ``shares``, ``coca``, ``supplementary`` (every other series, Afghan provinces
    included), ``provinces``, ``events``, ``claims``, ``sources``;
    plus ``data_hash`` (sha256 of the descriptor, which pins every file), ``version`` and
    ``files``: the package's files as published (descriptor, tables, changelog) by name.
    """

    afghanistan: pd.DataFrame
    cultivation: pd.DataFrame
    production: pd.DataFrame
    alternates: pd.DataFrame
    world: pd.DataFrame
    shares: pd.DataFrame
    coca: pd.DataFrame
    supplementary: pd.DataFrame
    provinces: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    sources: pd.DataFrame
    data_hash: str
    version: str
    files: Mapping[str, bytes] = field(default_factory=dict, repr=False)

    def cite(self, source_id: str) -> str:
        """One-line citation of a source of this data package (producer, title, part, URL)."""
        return loaders.cite(self.sources.set_index("source_id").loc[source_id])

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
    >>> from poppy.data.descriptor import read_descriptor
    >>> frames.version == read_descriptor(resolve_dir(None))["version"]
    True
    """
    folder = resolve_dir(data_dir)
    # every file read and hashed once, and checked once per content
    tables, files, descriptor = loaders.load_package_files(folder)
    afghanistan = tables["afghanistan_opium"]
    return Frames(
        afghanistan=afghanistan,
        cultivation=loaders.of_measure(afghanistan, "cultivation"),
        production=loaders.of_measure(afghanistan, "production"),
        alternates=tables["alternates"],
        world=tables["global_opium"],
        shares=tables["afghan_shares"],
        coca=tables["coca"],
        supplementary=tables["supplementary"],
        provinces=tables["provinces"],
        events=tables["events"],
        claims=tables["claims"],
        sources=tables["sources"],
        data_hash=afghanistan.attrs["data_hash"],
        version=str(descriptor.get("version", "")),
        files=files,
    )
