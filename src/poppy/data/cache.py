"""Validate once per content: typed frames kept on disk under the hash of every input byte.

A successful load is stored in the user's cache directory (``platformdirs``) under a key
that hashes poppy's own code, the pandas and numpy versions, the descriptor's bytes and
every resource file's bytes. A later load whose bytes hash to the same key reads the typed
frames back instead of validating again; any changed byte gives another key and a full
validation. Only valid packages are stored, and an entry that cannot be read is ignored.

``POPPY_CACHE_DIR`` names another folder; empty or ``off`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import stat
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

#: Bump when the stored shape changes, so old entries are never read as new ones.
FORMAT = b"poppy-load-cache-1"
LOG = logging.getLogger("poppy.cache")
#: Entries kept; older ones are removed after a write (one per data state, so a few suffice).
KEEP = 8
_PREFIX, _SUFFIX = "load-", ".pickle"


def cache_dir() -> Path | None:
    """The folder of cached loads, or None when caching is off (``POPPY_CACHE_DIR`` '' or 'off')."""
    override = os.environ.get("POPPY_CACHE_DIR")
    if override is not None:
        return None if override.strip().lower() in ("", "off") else Path(override)
    import platformdirs  # only when caching: it is not needed for anything else

    return Path(platformdirs.user_cache_dir("poppy"))


@lru_cache(maxsize=1)
def code_key() -> bytes:
    """Hash of poppy's source files and the pandas/numpy versions (the unpickling code).

    A change to any check makes every entry stale, so it is part of the key; hashed once
    per process (a few milliseconds).
    """
    import numpy
    import pandas

    digest = hashlib.sha256(FORMAT)
    # what reads, checks and types a data state: the data layer and the modules beneath it
    package = Path(__file__).parents[1]
    for path in sorted([*package.glob("*.py"), *package.glob("data/*.py")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"pandas {pandas.__version__} numpy {numpy.__version__}".encode())
    return digest.digest()


def content_key(descriptor: bytes, files: list[tuple[str, bytes]]) -> str:
    """Hex key of one data state: the code key, the descriptor and each (path, bytes).

    Lengths are hashed before each part, so no two different inputs share a byte stream.
    """
    digest = hashlib.sha256(code_key())
    for part in (descriptor, *(p for path, raw in files for p in (path.encode(), raw))):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def _entry(folder: Path, key: str) -> Path:
    return folder / f"{_PREFIX}{key}{_SUFFIX}"


def _trusted(path: Path) -> bool:
    """Only a regular file of this user that nobody else may write is unpickled.

    The cache folder is the user's own; this keeps a file another account planted (a shared
    or mistyped POPPY_CACHE_DIR) from being run as code.
    """
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    foreign = hasattr(os, "getuid") and (st.st_uid != os.getuid() or bool(st.st_mode & 0o022))
    return stat.S_ISREG(st.st_mode) and not foreign


def get(key: str, valid: Callable[[Any], bool] = lambda value: True) -> Any | None:
    """The value stored under ``key``, or None when absent, off, unreadable, not ours or not ``valid``.

    An entry that is there but cannot be used is logged (logger ``poppy.cache``) and ignored:
    the caller validates afresh, and the next ``put`` replaces it.
    """
    folder = cache_dir()
    if folder is None:
        return None
    path = _entry(folder, key)
    if not path.exists():
        return None
    if not _trusted(path):
        LOG.warning("ignoring cache entry %s: not a private regular file of this user", path.name)
        return None
    try:
        with open(path, "rb") as fh:
            stored_key, value = pickle.load(fh)
    except Exception as exc:  # a truncated, foreign or outdated entry: validate afresh
        LOG.warning("ignoring cache entry %s: unreadable (%s)", path.name, type(exc).__name__)
        return None
    if stored_key != key or not valid(value):
        LOG.warning("ignoring cache entry %s: it does not hold this data state", path.name)
        return None
    return value


def put(key: str, value: Any) -> None:
    """Store ``value`` under ``key`` atomically; a cache that cannot be written is skipped."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=_SUFFIX)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump((key, value), fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, _entry(folder, key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _prune(folder)
    except OSError:  # read-only home, full disk: the load itself has succeeded
        return


def _prune(folder: Path) -> None:
    """Remove all but the newest KEEP entries."""
    entries = []
    for path in folder.glob(f"{_PREFIX}*{_SUFFIX}"):
        try:
            entries.append((path.stat().st_mtime_ns, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        path.unlink(missing_ok=True)
