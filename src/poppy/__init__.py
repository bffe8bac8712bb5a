"""poppy: UNODC opium poppy figures as sourced pandas frames, claim checks, charts and briefings.

``import poppy`` stays light: matplotlib and openpyxl are imported only by the modules
that draw or write workbooks.
"""

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
from poppy.errors import DataPackageError, MissingYearError, OptionError, PoppyError, Problem
from poppy.frames import Frames, load_all

__version__ = "0.1.0"

__all__ = [
    "DataPackageError",
    "Frames",
    "MissingYearError",
    "OptionError",
    "PoppyError",
    "Problem",
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
