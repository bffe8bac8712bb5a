"""Atomic data and pack (issue 12, item 6): failures and kills leave the old state whole.

Failures are injected into the renames and writes of ``import --apply`` and ``build``; the
folder must stay byte-identical and the next run must clean up what was left. A real SIGKILL
and SIGTERM of a build check that its workers die with it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import poppy
from poppy.data import atomic, validate_package
from poppy.data.unodc_import import import_workbook
from poppy.publish.build import Options, build, stale
from tests.conftest import edit_rows, set_cell
from tests.data.workbooks import annex

POPPY = (sys.executable, "-m", "poppy")
TINY = Options(langs=("en",), formats=("svg",), sizes=("web",))


def _tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones too) by relative path -> sha256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


def _failing(real, fail_on: int, exc: BaseException):
    """``real`` with its ``fail_on``-th call (1-based) raising ``exc`` instead."""
    calls = {"n": 0}

    def wrapper(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == fail_on:
            raise exc
        return real(*args, **kwargs)

    return wrapper


def _apply(tmp_path: Path, data: Path) -> str:
    return import_workbook(
        annex(tmp_path / "a.xlsx"), source_id="unodc-wdr2026-annex", do_apply=True, data_dir=data
    )


# --- import --apply ------------------------------------------------------------------------------
def test_second_rename_failing_leaves_data_whole_and_nothing_beside_it(tmp_path, data_copy, monkeypatch):
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)  # the two-rename path
    monkeypatch.setattr(os, "rename", _failing(os.rename, 2, OSError(errno.EIO, "injected")))
    monkeypatch.setattr(os, "replace", _failing(os.replace, 2, OSError(errno.EIO, "injected")))
    before = _tree(data_copy)
    with pytest.raises(OSError, match="injected"):
        _apply(tmp_path, data_copy)
    assert _tree(data_copy) == before
    assert _siblings(data_copy) == []


def test_exchange_failing_leaves_data_whole(tmp_path, data_copy, monkeypatch):
    def broken(a, b):
        raise OSError(errno.ENOSPC, "No space left on device (injected)")

    monkeypatch.setattr(atomic, "_exchange", broken)
    before = _tree(data_copy)
    with pytest.raises(OSError, match="injected"):
        _apply(tmp_path, data_copy)
    assert _tree(data_copy) == before
    assert _siblings(data_copy) == []


def test_disk_full_while_staging_leaves_data_whole(tmp_path, data_copy, monkeypatch):
    monkeypatch.setattr(Path, "write_text", _failing(Path.write_text, 3, OSError(errno.ENOSPC, "disk full")))
    before = _tree(data_copy)
    with pytest.raises(OSError, match="disk full"):
        _apply(tmp_path, data_copy)
    assert _tree(data_copy) == before
    assert _siblings(data_copy) == []


def test_kill_between_the_two_renames_is_rolled_back_by_the_next_run(tmp_path, data_copy):
    before = _tree(data_copy)
    # what a kill after 'data -> .data.poppy-old-*' and before '.data.poppy-new-* -> data' leaves
    half = data_copy.parent / ".data.poppy-new-0badc0de"
    half.mkdir()
    (half / "afghanistan_opium.csv").write_text("year\n")
    data_copy.rename(data_copy.parent / ".data.poppy-old-12345678")
    (data_copy.parent / ".poppy-import-abc123").mkdir()  # left by poppy before this change
    atomic.recover(data_copy)
    assert _tree(data_copy) == before
    assert _siblings(data_copy) == []


def test_next_import_cleans_up_leftovers_and_stray_tmp(tmp_path, data_copy):
    (data_copy.parent / ".data.poppy-new-0badc0de").mkdir()
    (data_copy.parent / ".data.poppy-old-0badc0de").mkdir()  # data/ exists: the swap had finished
    stray = data_copy / ".afghanistan_opium.csv.k2j4h5g6.tmp"
    stray.write_text("half a file")
    text = _apply(tmp_path, data_copy)
    assert text.endswith("applied to data/ and validated")
    assert _siblings(data_copy) == [] and not stray.exists()
    assert validate_package(data_copy) == []


def test_lock_refuses_a_second_writer_with_one_line(tmp_path, data_copy):
    path = annex(tmp_path / "a.xlsx")
    before = _tree(data_copy)
    with atomic.locked(data_copy):
        with pytest.raises(atomic.FolderBusy, match="being written by another poppy process"):
            import_workbook(path, source_id="x-test", do_apply=True, data_dir=data_copy)
        result = subprocess.run(
            [*POPPY, "import", str(path), "--apply", "--source-id", "x-test", "--data", str(data_copy)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "being written by another poppy process" in result.stderr
        assert _tree(data_copy) == before
    assert not atomic.lock_path(data_copy).exists()  # released and removed


# --- build -------------------------------------------------------------------------------------
def _changed(data: Path) -> poppy.Frames:
    edit_rows(
        data,
        "afghanistan_opium.csv",
        lambda rows: set_cell(rows, "value", "210000", year="2013", measure="cultivation"),
    )
    return poppy.load_all(data)


def test_build_disk_full_midway_leaves_the_pack_whole(tmp_path, data_copy, monkeypatch):
    out = tmp_path / "pack"
    build(out, poppy.load_all(data_copy), TINY, jobs=1)
    (out / "notes.txt").write_text("the user's own file")  # kept by every build
    before = _tree(out)
    frames = _changed(data_copy)
    monkeypatch.setattr(os, "fsync", _failing(os.fsync, 2, OSError(errno.ENOSPC, "No space left (injected)")))
    with pytest.raises(OSError, match="injected"):
        build(out, frames, TINY, jobs=1)
    assert _tree(out) == before
    assert _siblings(out) == []
    monkeypatch.undo()
    result = build(out, frames, TINY, jobs=1)
    assert "charts/en/web/cultivation.svg" in result.written and "manifest.json" in result.written
    assert (out / "notes.txt").read_text() == "the user's own file"
    assert stale(out, frames) == []


def test_build_swap_failing_leaves_the_pack_whole(tmp_path, data_copy, monkeypatch):
    out = tmp_path / "pack"
    build(out, poppy.load_all(data_copy), TINY, jobs=1)
    before = _tree(out)
    monkeypatch.setattr(atomic, "_exchange", lambda a, b: False)
    monkeypatch.setattr(os, "rename", _failing(os.rename, 2, OSError(errno.EIO, "injected")))
    with pytest.raises(OSError, match="injected"):
        build(out, _changed(data_copy), TINY, jobs=1)
    assert _tree(out) == before
    assert _siblings(out) == []


def test_check_is_not_up_to_date_over_leftovers_and_the_next_build_removes_them(tmp_path):
    out = tmp_path / "pack"
    frames = poppy.load_all()
    build(out, frames, TINY, jobs=1)
    (out / "charts/en/web/.coca.svg.x7y8z9w0.tmp").write_bytes(b"half")
    (tmp_path / ".pack.poppy-new-0badc0de").mkdir()
    assert stale(out, frames) == ["../.pack.poppy-new-0badc0de", "charts/en/web/.coca.svg.x7y8z9w0.tmp"]
    result = subprocess.run(
        [*POPPY, "build", "--check", str(out), "--lang", "en", "--formats", "svg", "--sizes", "web"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "stale: ../.pack.poppy-new-0badc0de" in result.stderr
    build(out, frames, TINY, jobs=1)
    assert stale(out, frames) == [] and _siblings(out) == []


def test_lock_refuses_a_second_build(tmp_path):
    out = tmp_path / "pack"
    with atomic.locked(out), pytest.raises(atomic.FolderBusy, match=r"pack is being written by another"):
        build(out, poppy.load_all(), TINY, jobs=1)
    assert not out.exists()


# --- signals: workers die with the build (Linux) --------------------------------------------------
def _children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is ``pid``, from /proc."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


def _build_with_workers(tmp_path: Path) -> tuple[subprocess.Popen, list[int]]:
    """A full build with two workers, and their pids once both have started."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "poppy", "build", "--out", str(tmp_path / "pack"), "--jobs", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.1)
        workers = _children(proc.pid)
    if len(workers) < 2:
        proc.kill()
        pytest.fail("the build did not start two workers")
    return proc, workers


def _gone_within(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while _alive(pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    return _alive(pids)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG and /proc are Linux")
def test_sigkill_of_a_build_takes_its_workers_with_it(tmp_path):
    proc, workers = _build_with_workers(tmp_path)
    proc.kill()
    proc.communicate()
    survivors = _gone_within(workers, 5)
    for pid in survivors:  # do not leave them running if the test fails
        os.kill(pid, signal.SIGKILL)
    assert survivors == []
    # a kill leaves only the (unlocked, harmless) lock file; the next build takes it over
    assert not (tmp_path / "pack").exists() and _siblings(tmp_path / "pack") == [".pack.poppy-lock"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux")
def test_sigterm_stops_the_build_with_one_line_and_exit_143(tmp_path):
    proc, workers = _build_with_workers(tmp_path)
    proc.terminate()
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143
    assert err == "poppy build: stopped (SIGTERM)\n"
    assert _gone_within(workers, 5) == []
    assert not (tmp_path / "pack").exists() and _siblings(tmp_path / "pack") == []


def test_out_may_not_be_the_current_folder_or_above_it(tmp_path):
    (tmp_path / "work").mkdir()
    for out in (".", ".."):
        result = subprocess.run(
            [*POPPY, "build", "--out", out, "--lang", "en", "--formats", "svg", "--sizes", "web"],
            cwd=tmp_path / "work",
            capture_output=True,
            text=True,
        )
        assert result.returncode == 2
        assert result.stderr.startswith(f"poppy build: --out {out}: is the current folder or one above it")
        assert result.stderr.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["work"] and not any((tmp_path / "work").iterdir())
