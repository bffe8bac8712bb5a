"""poppy: UNODC opium poppy figures as sourced pandas frames, claim checks, charts and briefings.

The package follows the data's way: ``poppy.data`` (read, validate, import) ->
``poppy.checks`` (metrics, findings, claims, extraction) -> ``poppy.publish`` (charts,
briefing, workbook, site, build) -> ``poppy.cli``, with ``errors``, ``fmt``, ``escape`` and
``i18n`` beneath them all. Each layer imports only those below it.

``import poppy`` stays light: matplotlib and openpyxl are imported only by the modules
that draw or write workbooks.
"""

from poppy import _moved
from poppy.data import (
    load_afghanistan,
    load_alternates,
    load_claims,
    load_coca,
    load_cultivation,
    load_events,
    load_global,
    load_production,
    load_shares,
    load_sources,
)
from poppy.data.frames import Frames, load_all
from poppy.errors import DataPackageError, MissingYearError, OptionError, PoppyError, Problem
from poppy.version import __version__

_moved.install()

__all__ = [
    "DataPackageError",
    "Frames",
    "MissingYearError",
    "OptionError",
    "PoppyError",
    "Problem",
    "__version__",
    "load_afghanistan",
    "load_all",
    "load_alternates",
    "load_claims",
    "load_coca",
    "load_cultivation",
    "load_events",
    "load_global",
    "load_production",
    "load_shares",
    "load_sources",
]
