"""The data package descriptor: where data/ is, what it declares, and its checksums."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from poppy.data.contract import check_contract
from poppy.data.profile import check_shape, unsafe_path
from poppy.errors import DataPackageError, Problem, UnsafeFile

DESCRIPTOR = "datapackage.json"


def default_data_dir() -> Path:
    """Folder of the data package used when no folder is named.

    ``POPPY_DATA`` (an environment variable naming a folder) wins, so a notebook or the CLI
    can be pointed at a copy; otherwise the shipped package: an installed wheel carries it
    as ``poppy/_data``, an editable install from a checkout uses the repository's
    ``data/``. Never the working directory.
    """
    override = os.environ.get("POPPY_DATA")
    if override:
        return Path(override)
    packaged = Path(__file__).parents[1] / "_data"
    if (packaged / DESCRIPTOR).is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "data"
    if (checkout / DESCRIPTOR).is_file():
        return checkout
    raise DataPackageError(
        [
            Problem(
                str(packaged),
                None,
                None,
                None,
                "missing-package",
                "no datapackage.json shipped with poppy; reinstall the package",
            )
        ]
    )


def resolve_dir(data_dir: str | os.PathLike[str] | None) -> Path:
    """``data_dir`` as a Path, or the shipped package when None."""
    return default_data_dir() if data_dir is None else Path(data_dir)


def descriptor_bytes(data_dir: Path) -> bytes:
    """The bytes of ``datapackage.json``; DataPackageError (one line) when it is missing."""
    path = data_dir / DESCRIPTOR
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataPackageError(
            [Problem(str(path), None, None, None, "missing-file", "descriptor not found")]
        ) from None


def read_descriptor(data_dir: Path) -> dict[str, Any]:
    """Parse ``datapackage.json``; a missing or malformed descriptor raises DataPackageError."""
    return parse_descriptor(descriptor_bytes(data_dir), data_dir / DESCRIPTOR)


def parse_descriptor(raw: bytes, path: Path) -> dict[str, Any]:
    """The descriptor in ``raw`` (the bytes of ``path``), checked; else DataPackageError.

    Split from read_descriptor so a load can validate exactly the bytes it hashed.
    """
    try:
        # newlines translated as read_text would, so a malformed file's line number is unchanged
        text = raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        raise DataPackageError(
            [Problem(str(path), None, None, None, "encoding", f"not UTF-8 ({exc.reason})")]
        ) from None
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataPackageError(
            [Problem(str(path), exc.lineno, None, None, "json", f"malformed JSON: {exc.msg}")]
        ) from None
    except RecursionError:
        raise DataPackageError(
            [Problem(str(path), None, None, None, "json", "malformed JSON: nested too deeply")]
        ) from None
    found = check_shape(descriptor) or check_contract(descriptor)
    if found:
        raise DataPackageError([Problem(str(path), None, None, None, "descriptor", f) for f in found])
    return descriptor


def read_resource(folder: Path, path: str) -> bytes:
    """The bytes of the resource file ``path`` of the package at ``folder``, read safely.

    Refused with UnsafeFile, before anything is read: a path that is absolute or climbs out
    ('..'), a symlink whose target lies outside ``folder``, and anything that is not a regular
    file (a FIFO would block, a device never end). FileNotFoundError when it does not exist.
    """
    why = unsafe_path(path)
    if why:
        raise UnsafeFile(f"path {why}")
    target = (folder / path).resolve()
    if not target.is_relative_to(folder.resolve()):
        raise UnsafeFile("path leads outside the data folder (through a symbolic link)")
    if not stat.S_ISREG(os.stat(target).st_mode):
        raise UnsafeFile("not a regular file")
    fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped since the check above
            raise UnsafeFile("not a regular file")
        return fh.read()


def sha256_of(data: bytes) -> str:
    """Frictionless-style hash string: ``sha256:<hex>``."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def package_hash(data_dir: str | os.PathLike[str] | None = None) -> str:
    """Hash of the descriptor, which itself pins every file's hash: one id for the data state."""
    return sha256_of((resolve_dir(data_dir) / DESCRIPTOR).read_bytes())


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        # mkstemp creates 0600; give the file the mode it had, or the usual one for new files
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def dump_descriptor(descriptor: dict[str, Any]) -> bytes:
    """The descriptor as the stable bytes poppy writes (2-space indent, UTF-8, final newline)."""
    return (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def refresh_checksums(data_dir: str | os.PathLike[str] | None = None) -> list[str]:
    """Recompute each resource's ``bytes`` and ``hash`` and rewrite the descriptor atomically.

    Returns the names of the resources whose checksum changed.
    """
    folder = resolve_dir(data_dir)
    descriptor = read_descriptor(folder)
    changed = []
    for res in descriptor["resources"]:
        try:
            raw = read_resource(folder, res["path"])
        except (UnsafeFile, FileNotFoundError) as exc:
            why = "file not found" if isinstance(exc, FileNotFoundError) else str(exc)
            problem = Problem(str(folder / res["path"]), None, None, None, "unsafe-path", why)
            raise DataPackageError([problem]) from None
        new = {"bytes": len(raw), "hash": sha256_of(raw)}
        if {k: res.get(k) for k in new} != new:
            changed.append(res["name"])
            res.update(new)
    if changed:
        atomic_write_bytes(folder / DESCRIPTOR, dump_descriptor(descriptor))
    return changed
