"""Old module paths (poppy 0.1's flat layout) kept working for one release.

``import poppy.update`` still gives the module, now ``poppy.data.unodc_import``, with a
DeprecationWarning naming the new path. The public API keeps its names without a warning:
``poppy.charts``, ``poppy.claims`` and ``poppy.findings`` are the documented entry points.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from types import ModuleType

#: The public API's short paths: kept, no warning.
STABLE = {
    "poppy.charts": "poppy.publish.charts",
    "poppy.claims": "poppy.checks.claims",
    "poppy.findings": "poppy.checks.findings",
}
#: Paths of 0.1 that move in 0.2 and go in 0.3.
DEPRECATED = {
    "poppy.atomic": "poppy.data.atomic",
    "poppy.briefing": "poppy.publish.briefing",
    "poppy.build": "poppy.publish.build",
    "poppy.cache": "poppy.data.cache",
    "poppy.changelog": "poppy.data.changelog",
    "poppy.claimreview": "poppy.checks.claimreview",
    "poppy.claimset": "poppy.checks.claim_rows",
    "poppy.contract": "poppy.data.contract",
    "poppy.datapackage": "poppy.data.descriptor",
    "poppy.digests": "poppy.publish.digests",
    "poppy.extract": "poppy.checks.extract",
    "poppy.frames": "poppy.data.frames",
    "poppy.kinds": "poppy.checks.multi_series",
    "poppy.layout": "poppy.publish.chart_layout",
    "poppy.metrics": "poppy.checks.metrics",
    "poppy.profile": "poppy.data.profile",
    "poppy.provenance": "poppy.data.provenance",
    "poppy.report": "poppy.publish.text_tables",
    "poppy.sheets": "poppy.publish.briefing_workbook",
    "poppy.site": "poppy.publish.site",
    "poppy.site.notebooks": "poppy.publish.site.notebooks",
    "poppy.site.pages": "poppy.publish.site.pages",
    "poppy.site.vega": "poppy.publish.site.vega",
    "poppy.sizes": "poppy.publish.sizes",
    "poppy.update": "poppy.data.unodc_import",
    "poppy.validate": "poppy.data.validate",
    "poppy.workbook": "poppy.data.unodc_workbook",
}
MOVED = {**STABLE, **DEPRECATED}


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds an old path and hands back the module at its new one (the same object)."""

    def find_spec(
        self, name: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name not in MOVED:
            return None
        return importlib.machinery.ModuleSpec(name, self, is_package=name == "poppy.site")

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None

    def exec_module(self, module: ModuleType) -> None:
        new = MOVED[module.__name__]
        if module.__name__ in DEPRECATED:
            warnings.warn(
                f"{module.__name__} is now {new}; the old path goes in poppy 0.3",
                DeprecationWarning,
                stacklevel=2,
            )
        # the import system returns what sys.modules holds after exec: the real module
        sys.modules[module.__name__] = importlib.import_module(new)


def install() -> None:
    """Put the alias finder first on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, _Alias) for f in sys.meta_path):
        sys.meta_path.insert(0, _Alias())
