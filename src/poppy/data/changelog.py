"""The data package's version (calendar versioning) and its CHANGELOG.md, one entry per version.

A version is ``YYYY.MM.N``: the year and month it was made and a counter within the month.
An entry lists what a data version added, corrected (old -> new, why, document) and
superseded; ``poppy import --apply`` appends one.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

CHANGELOG = "CHANGELOG.md"
_HEAD = "# Changelog of the data package\n"
_VERSION = re.compile(r"(\d{4})\.(\d{1,2})\.(\d+)")


def next_version(current: str | None, today: date) -> str:
    """The version after ``current`` made on ``today``: the counter goes up within a month.

    >>> next_version("2026.11.0", date(2026, 11, 30))
    '2026.11.1'
    >>> next_version("2026.11.3", date(2027, 1, 5))
    '2027.1.0'
    """
    match = _VERSION.fullmatch(current or "")
    if match and (int(match[1]), int(match[2])) == (today.year, today.month):
        return f"{today.year}.{today.month}.{int(match[3]) + 1}"
    return f"{today.year}.{today.month}.0"


def stamp(descriptor: dict[str, Any], version: str, today: date) -> None:
    """Set the descriptor's ``version`` and ``created`` (midnight UTC of ``today``) in place."""
    descriptor["version"] = version
    descriptor["created"] = f"{today.isoformat()}T00:00:00Z"


def add_entry(folder: Path, version: str, today: date, sections: dict[str, list[str]]) -> str:
    """Text of ``folder``'s CHANGELOG.md with a new entry on top (newest first).

    ``sections`` maps a heading ('Added', 'Corrected', 'Superseded', ...) to its bullet lines;
    empty sections are left out. The caller writes the text (atomically, with the data).
    """
    path = folder / CHANGELOG
    old = path.read_text(encoding="utf-8") if path.is_file() else _HEAD
    body = old[len(_HEAD) :].lstrip("\n") if old.startswith(_HEAD) else old
    entry = [f"## {version} ({today.isoformat()})", ""]
    for heading, lines in sections.items():
        if lines:
            entry += [f"### {heading}", "", *(f"- {line}" for line in lines), ""]
    return _HEAD + "\n" + "\n".join(entry) + ("\n" + body if body else "")
