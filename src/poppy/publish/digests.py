"""What each output of the pack depends on, as one sha256 per output (the incremental build's key).

A chart file's digest covers exactly what can change its bytes: the ``Frames`` tables its
chart declares (``charts.Spec.inputs``; values, dtypes and ``attrs``, which carry the
citations of the sources its rows name), the message catalog of its language (the whole
catalog: a change to any message of that language re-renders that language's charts), the
chart code (poppy's ``.py`` and ``.mplstyle`` files and the versions of the libraries that
draw) and the options that shape the file (chart, language, size, format). Two builds with
equal digests write equal bytes; ``tests/publish/test_incremental.py`` holds the code to that.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pandas as pd

from poppy import i18n
from poppy.data.frames import Frames

PACKAGE = Path(__file__).parents[1]
#: Libraries whose versions shape the output bytes (drawing, numbers, fonts, sheets, images);
#: the font, DejaVu Sans, ships with matplotlib, so its version pins the glyphs too.
LIBRARIES = ("matplotlib", "pandas", "numpy", "babel", "fonttools", "openpyxl", "pillow")
#: Libraries that shape the site only (templates, Vega-Lite specifications, rendered notebooks).
SITE_LIBRARIES = ("altair", "Jinja2", "MarkupSafe", "nbconvert", "nbformat", "mistune", "Pygments")
#: File suffixes of poppy's chart code (catalogs are hashed per language, site assets not at all).
CHART_CODE = (".py", ".mplstyle")
#: Every suffix of poppy's own files that shapes some output (the manifest's ``code_hash``, with
#: the catalogs): code, style, the site's templates and assets.
ALL_CODE = (*CHART_CODE, ".html", ".css", ".js")
#: attrs that name the whole data package, not the table: left out so that one table's digest
#: does not change when another table does.
_PACKAGE_ATTRS = ("data_hash",)
#: Bump when the digest recipe changes, so that old manifests never match.
SCHEMA = "poppy-digest/1"


def _sha(parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)  # length-prefixed: no ambiguous joins
    return "sha256:" + digest.hexdigest()


@cache
def _library_versions(libraries: tuple[str, ...] = LIBRARIES) -> str:
    from importlib.metadata import version

    return " ".join(f"{lib}=={version(lib)}" for lib in libraries)


def code_hash(suffixes: tuple[str, ...] = ALL_CODE, catalogs: bool = True) -> str:
    """sha256 of poppy's files with these ``suffixes``, the catalogs and the library versions.

    Files count by path and bytes; the message catalogs (where ``poppy.i18n`` reads them) only
    when ``catalogs``.
    """
    site = (PACKAGE / "site" / "static", PACKAGE / "site" / "templates")
    files = sorted(
        p
        for p in PACKAGE.rglob("*")
        if p.is_file()
        and p.parent.name != "__pycache__"
        # the site's static files and templates count whatever their suffix (a LICENSE is copied too)
        and (p.suffix in suffixes or (".html" in suffixes and any(p.is_relative_to(d) for d in site)))
    )
    parts = [p.relative_to(PACKAGE).as_posix().encode() + b"\0" + p.read_bytes() for p in files]
    if catalogs:
        po = sorted(i18n.LOCALES.rglob("*.po"))
        parts += [p.relative_to(i18n.LOCALES).as_posix().encode() + b"\0" + p.read_bytes() for p in po]
    libraries = (*LIBRARIES, *SITE_LIBRARIES) if ".html" in suffixes else LIBRARIES
    return _sha([*parts, _library_versions(libraries).encode()])


def table_digest(name: str, frame: pd.DataFrame) -> str:
    """sha256 of one table as a chart sees it: column names and dtypes, every value, its attrs."""
    attrs = {k: v for k, v in frame.attrs.items() if k not in _PACKAGE_ATTRS}
    return _sha(
        [
            name.encode(),
            frame.dtypes.to_string().encode(),
            frame.to_csv(index=False, lineterminator="\n").encode(),
            json.dumps(attrs, sort_keys=True, default=str).encode(),
        ]
    )


def catalog_digest(lang: str) -> str:
    """sha256 of the catalog ``lang``'s messages come from (the pseudo-locale is made from English)."""
    return _sha([i18n.catalog_path("en" if lang == i18n.PSEUDO else lang).read_bytes()])


def figure_digests(
    frames: Frames, charts: dict[str, tuple[str, ...]], langs: Iterable[str], sizes: Iterable[str]
) -> dict[tuple[str, str, str], str]:
    """Digest of each figure (chart, lang, size); ``charts`` maps a chart to the tables it reads.

    A file's digest is its figure's with the format added (``file_digest``).
    """
    code = code_hash(CHART_CODE, catalogs=False)
    tables = frames.tables()
    by_table = {
        name: table_digest(name, tables[name]) for name in sorted({n for t in charts.values() for n in t})
    }
    by_lang = {lang: catalog_digest(lang) for lang in langs}
    return {
        (chart, lang, size): _sha(
            [
                SCHEMA.encode(),
                code.encode(),
                chart.encode(),
                lang.encode(),
                size.encode(),
                by_lang[lang].encode(),
            ]
            + [f"{n}={by_table[n]}".encode() for n in sorted(set(reads))]
        )
        for chart, reads in charts.items()
        for lang in by_lang
        for size in sizes
    }


def file_digest(figure: str, fmt: str) -> str:
    """The digest of one file of a figure: the figure's digest and the format."""
    return _sha([figure.encode(), fmt.encode()])


def pack_digest(code: str, data_hash: str, options: dict[str, list[str]]) -> str:
    """The digest of an output that reads everything (briefing, workbook, alt text).

    It covers all code, the whole data package and the options.
    """
    return _sha(
        [SCHEMA.encode(), code.encode(), data_hash.encode(), json.dumps(options, sort_keys=True).encode()]
    )
