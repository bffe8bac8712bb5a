"""Replace a whole folder in one step, keep two writers off one folder, and clean up after kills.

A writer (``poppy import --apply``, ``poppy build``) takes the folder's lock, builds the complete
new state in a sibling ``.NAME.poppy-new-*`` and swaps it in:

- on Linux with one ``renameat2(RENAME_EXCHANGE)`` call: the folder is old or new, never neither;
- elsewhere (or where the file system cannot exchange) with two renames: the old folder to
  ``.NAME.poppy-old-*``, the new one to NAME, and the old one back if the second rename fails.

Recovery rule, applied by the next writer under the lock (and reported by ``build --check``):
if NAME is missing and a ``.NAME.poppy-old-*`` exists, a kill came between the two renames and
that old folder is renamed back; every other ``.NAME.poppy-*`` sibling is a half-built or
superseded folder and is deleted, as are ``.poppy-import-*`` folders of older poppy versions
and the ``.*.tmp`` files an interrupted single-file write leaves.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import os
import re
import secrets
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from poppy.errors import FolderBusy

#: What ``datapackage.atomic_write_bytes`` leaves when killed: ``.NAME.XXXXXXXX.tmp``.
STRAY_TMP = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def lock_path(folder: Path) -> Path:
    """The lock file beside ``folder`` (removed again when the lock is released)."""
    return folder.parent / f".{folder.name}.poppy-lock"


def leftovers(folder: Path) -> list[Path]:
    """Leftovers of interrupted writers: staged or superseded sibling folders and stray temp files.

    The live lock file is not one. Paths come sorted, siblings first.
    """
    siblings = []
    if folder.parent.is_dir():
        own = f".{folder.name}.poppy-"
        siblings = [p for p in folder.parent.iterdir() if p.name.startswith(own) and p != lock_path(folder)]
    strays = []
    if folder.is_dir():
        strays = [p for p in folder.rglob("*.tmp") if STRAY_TMP.match(p.name) and p.is_file()]
    return sorted(siblings) + sorted(strays)


def recover(folder: Path) -> None:
    """Apply the recovery rule (module docstring); call it while holding the lock."""
    olds = sorted(folder.parent.glob(f".{glob_escape(folder.name)}.poppy-old-*"))
    if not folder.exists() and olds:
        os.rename(olds[-1], folder)  # killed between the two renames: the old state comes back
    older = list(folder.parent.glob(".poppy-import-*"))  # staged by poppy before this module
    for path in leftovers(folder) + older:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)


def glob_escape(name: str) -> str:
    """``name`` with glob wildcards escaped, so a folder called 'a[1]' matches only itself."""
    return re.sub(r"([*?[])", r"[\1]", name)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold ``folder``'s lock (an ``flock`` on the lock file beside it) and recover leftovers.

    A second writer gets FolderBusy at once, with one line; the lock file is removed on release.
    """
    path = lock_path(folder)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise FolderBusy(
                f"{folder} is being written by another poppy process (lock {path.name})"
            ) from None
        with contextlib.suppress(FileNotFoundError):
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                break  # the file we locked is still the lock file: ours
        os.close(fd)  # its holder removed it between our open and our lock: take the new one
    try:
        recover(folder)
        yield
    finally:
        path.unlink(missing_ok=True)  # still holding the lock, so nobody can lose a race on it
        os.close(fd)


@contextlib.contextmanager
def replacing(folder: Path, fill: Callable[[Path], None]) -> Iterator[Path]:
    """Stage a new ``folder`` with ``fill(staged)``, yield it for checks, then swap it in.

    ``fill`` gets an empty path beside ``folder`` to create. Any exception (or signal turned
    into one) before the swap deletes the staged folder and leaves ``folder`` as it was.
    """
    staged = folder.parent / f".{folder.name}.poppy-new-{secrets.token_hex(4)}"
    try:
        fill(staged)
        yield staged
        swap(folder, staged)
    finally:
        # not swapped in, or holding the old state after the swap; what cannot be removed now
        # (a kill, a permission) is a leftover the next writer removes
        shutil.rmtree(staged, ignore_errors=True)


def swap(folder: Path, staged: Path) -> None:
    """Make ``staged`` the content of ``folder`` in one step; ``staged`` then holds the old state."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)  # no handler runs mid-swap
    try:
        if not folder.exists():
            os.rename(staged, folder)
        elif not _exchange(staged, folder):
            _two_renames(folder, staged)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


def _exchange(a: Path, b: Path) -> bool:
    """Exchange two paths atomically (Linux renameat2); False where that is not available."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    # on failure (a file system that cannot exchange, or any other error) nothing has moved, and
    # the portable two renames are tried, which report a real error as the OSError it is
    return libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _two_renames(folder: Path, staged: Path) -> None:
    old = folder.parent / f".{folder.name}.poppy-old-{secrets.token_hex(4)}"
    os.rename(folder, old)
    try:
        os.rename(staged, folder)
    except BaseException:
        os.rename(old, folder)
        raise
    os.rename(old, staged)  # so the caller deletes the old state as it deletes a staged folder


def copy_tree(
    src: Path, dst: Path, skip: Callable[[str], bool] = lambda rel: False, link: bool = False
) -> None:
    """Copy ``src`` to ``dst`` (modes kept), leaving out stray temp files and symbolic links.

    A link inside the folder is not copied: whoever fills the staged copy then writes a real
    file or folder in its place, never through the link into whatever it points at.
    ``skip`` gets each path relative to ``src`` ('charts/en/web/a.png') and drops it when True.
    With ``link`` files are hard-linked, which is only safe when nobody writes into them.
    """

    def ignore(directory: str, names: list[str]) -> set[str]:
        rel = Path(directory).relative_to(src)
        return {
            n
            for n in names
            if STRAY_TMP.match(n) or os.path.islink(os.path.join(directory, n)) or skip((rel / n).as_posix())
        }

    def link_or_copy(a: str, b: str) -> None:
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    shutil.copytree(
        src, dst, symlinks=True, ignore=ignore, copy_function=link_or_copy if link else shutil.copy2
    )
