"""One exception family for poppy: catch ``PoppyError`` to catch them all."""

from __future__ import annotations

from dataclasses import dataclass


class PoppyError(Exception):
    """Base class of every error poppy raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One broken rule in one data file, located as precisely as the rule allows.

    ``line`` is the 1-based line of the CSV file (the header is line 1); ``line`` and
    ``column`` are None for file-level problems such as a checksum mismatch.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    rule: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        if self.column is not None:  # a header cell may hold anything: show it escaped
            column = self.column if self.column.isprintable() else repr(self.column)[1:-1]
            where += f", column '{column}'"
        shown = "" if self.value is None else f" (value {self.value!r})"
        return f"{where}: {self.message}{shown} [{self.rule}]"


class DataPackageError(PoppyError, ValueError):
    """The data package is invalid; ``problems`` lists every broken rule found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s) in the data package:"
        super().__init__("\n".join([head, *(f"- {p}" for p in self.problems)]))


class UnsafeFile(PoppyError, ValueError):
    """A resource path that leads outside the data folder or to something other than a file."""


class MissingYearError(PoppyError, KeyError):
    """A computation asked for a year (or value) that the series does not have."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class ImportRefused(PoppyError, ValueError):
    """A workbook was refused before or while reading it (unsafe, malformed, unmappable)."""


class OptionError(PoppyError, ValueError):
    """An argument or option poppy cannot use: an unknown language, chart, size or format, a bad URL."""


class UnknownLanguage(OptionError):
    """A language poppy has no catalog for."""


class SeriesError(PoppyError, ValueError):
    """A computation was given a frame it cannot use (e.g. two measures mixed, a zero total)."""


class UnknownResource(PoppyError, KeyError):
    """A table the data package does not have."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class ReadOnlyMetadata(PoppyError, TypeError):
    """A change to a frame's shared metadata (its sources, citations, descriptions)."""


class FolderBusy(PoppyError):
    """Another poppy process holds the lock of the folder this one would write (poppy.data.atomic)."""


class Stopped(BaseException):
    """SIGTERM arrived (the CLI turns it into this exception).

    A BaseException, so no ``except Exception`` on the way swallows it and every ``finally`` runs.
    """
