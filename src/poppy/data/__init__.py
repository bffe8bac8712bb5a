"""The data layer: the UNODC data package read, checked and typed, and written back safely.

Public face: the typed loaders (``load_cultivation``, ``load_coca``, ...), ``validate_package``
and ``cite`` (re-exported from ``loaders``), and ``frames.load_all`` -> ``Frames``, the one
object every layer above takes. Inside:

- ``contract``: what the code reads from the package; ``descriptor``: datapackage.json, its
  folder and checksums; ``profile``: the descriptor's own shape; ``validate``: each file against
  the descriptor, every problem at once; ``cache``: a validated state kept on disk by content;
- ``loaders``: one typed loader per table; ``frames``: all tables in one frozen object;
- ``unodc_workbook``: reads a UNODC statistical-annex workbook (the only xlsx reader);
  ``unodc_import``: compares it with data/ and applies it; ``changelog``: versions and the
  CHANGELOG; ``atomic``: whole-folder writes under a lock; ``provenance``: primary-source shares.

Imports only ``poppy.errors``, ``fmt``, ``escape`` and ``i18n`` beneath it.
"""

from poppy.data.loaders import (
    PathLike,
    cite,
    forget,
    further_sources,
    load_afghanistan,
    load_alternates,
    load_claims,
    load_coca,
    load_cultivation,
    load_events,
    load_global,
    load_package,
    load_package_files,
    load_production,
    load_provinces,
    load_resource,
    load_shares,
    load_sources,
    load_value_tables,
    of_measure,
    short_name,
    snapshot,
    validate_package,
)

__all__ = [
    "PathLike",
    "cite",
    "forget",
    "further_sources",
    "load_afghanistan",
    "load_alternates",
    "load_claims",
    "load_coca",
    "load_cultivation",
    "load_events",
    "load_global",
    "load_package",
    "load_package_files",
    "load_production",
    "load_provinces",
    "load_resource",
    "load_shares",
    "load_sources",
    "load_value_tables",
    "of_measure",
    "short_name",
    "snapshot",
    "validate_package",
]
