"""The load cache (poppy.data.cache): validate once per content, and never serve a stale result."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from poppy.data import cache
from poppy.data import loaders as data
from poppy.data.descriptor import default_data_dir, refresh_checksums
from poppy.errors import DataPackageError

BOLIVIA_2024 = b"Bolivia,2024,34000,"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("POPPY_CACHE_DIR", str(folder))
    data.forget()
    yield folder
    data.forget()


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


@pytest.fixture
def validations(monkeypatch) -> list[Path]:
    """Every full validation from now on, by folder (a wrapper around the checking step)."""
    seen: list[Path] = []
    real = data._check_package

    def counting(snap):
        seen.append(snap.folder)
        return real(snap)

    monkeypatch.setattr(data, "_check_package", counting)
    return seen


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("load-*.pickle")) if folder.is_dir() else []


def _edit(folder: Path, old: bytes, new: bytes, rehash: bool) -> None:
    """Replace ``old`` by ``new`` in coca.csv, keeping its modification time and (if sizes match) size."""
    path = folder / "coca.csv"
    before = path.stat()
    raw = path.read_bytes()
    assert raw.count(old) == 1
    path.write_bytes(raw.replace(old, new))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # a size+mtime check would miss it
    if rehash:
        refresh_checksums(folder)


def _bolivia_2024(folder: Path) -> float:
    coca = data.load_resource("coca", folder)
    return float(coca.set_index(["country", "year"]).loc[("Bolivia", 2024), "value"])


def _all(folder: Path) -> dict[str, pd.DataFrame]:
    names = [r["name"] for r in data.read_descriptor(folder)["resources"]]
    return {name: data.load_resource(name, folder) for name in names}


def test_a_cold_load_writes_one_entry_and_a_warm_load_does_not_validate(cache_dir, copy, validations):
    cold = _all(copy)
    assert len(_entries(cache_dir)) == 1 and validations == [copy.resolve()]
    data.forget()  # a new process: only the disk cache is left
    warm = _all(copy)
    assert validations == [copy.resolve()], "the warm load validated again"
    assert len(_entries(cache_dir)) == 1
    for name in cold:
        pd.testing.assert_frame_equal(warm[name], cold[name], check_exact=True)
        assert warm[name].attrs == cold[name].attrs
        assert list(warm[name].dtypes) == list(cold[name].dtypes)


def test_warm_frames_equal_a_fresh_validation_with_the_cache_off(cache_dir, copy, monkeypatch):
    _all(copy)
    data.forget()
    warm = _all(copy)
    monkeypatch.setenv("POPPY_CACHE_DIR", "off")
    data.forget()
    fresh = _all(copy)
    for name in fresh:
        pd.testing.assert_frame_equal(warm[name], fresh[name], check_exact=True)
        assert warm[name].attrs == fresh[name].attrs


def test_a_warm_load_survives_a_broken_validator(cache_dir, copy, monkeypatch):
    _all(copy)
    data.forget()

    def broken(snap):
        raise AssertionError("validation ran")

    monkeypatch.setattr(data, "_check_package", broken)
    assert _bolivia_2024(copy) == 34000
    # ... and a copy with one byte changed is validated, not served from the cache
    _edit(copy, BOLIVIA_2024, b"Bolivia,2024,35000,", rehash=True)
    with pytest.raises(AssertionError, match="validation ran"):
        data.load_resource("coca", copy)


@pytest.mark.parametrize("forget", [False, True], ids=["same-process", "new-process"])
def test_an_intended_one_byte_edit_is_validated_and_served(cache_dir, copy, validations, forget):
    assert _bolivia_2024(copy) == 34000
    if forget:
        data.forget()
    _edit(copy, BOLIVIA_2024, b"Bolivia,2024,35000,", rehash=True)  # same size, same mtime
    assert _bolivia_2024(copy) == 35000
    assert len(validations) == 2
    assert len(_entries(cache_dir)) == 2


@pytest.mark.parametrize("forget", [False, True], ids=["same-process", "new-process"])
def test_a_one_byte_edit_that_breaks_the_checksum_is_reported(cache_dir, copy, forget):
    assert _bolivia_2024(copy) == 34000
    if forget:
        data.forget()
    _edit(copy, BOLIVIA_2024, b"Bolivia,2024,35000,", rehash=False)
    with pytest.raises(DataPackageError) as info:
        data.load_resource("coca", copy)
    assert [p.rule for p in info.value.problems] == ["checksum"]
    assert data.validate_package(copy)[0].rule == "checksum"


def test_a_one_byte_edit_that_breaks_a_rule_is_reported_with_its_line(cache_dir, copy):
    assert data.validate_package(copy) == []
    _edit(copy, BOLIVIA_2024, b"Bolivia,2024,-4000,", rehash=True)
    problems = data.validate_package(copy)
    assert [(p.rule, p.column, p.value) for p in problems] == [("minimum", "value", "-4000")]
    lines = (copy / "coca.csv").read_bytes().splitlines()
    assert problems[0].line == 1 + next(i for i, row in enumerate(lines) if row.startswith(b"Bolivia,2024,"))
    assert len(_entries(cache_dir)) == 1, "an invalid package is never stored"


def test_the_original_is_still_served_after_a_copy_was_edited(cache_dir, copy, tmp_path, validations):
    other = tmp_path / "other"
    shutil.copytree(copy, other)
    assert _bolivia_2024(copy) == 34000
    assert _bolivia_2024(other) == 34000
    assert len(validations) == 1, "the same bytes in another folder are the same content"
    _edit(other, BOLIVIA_2024, b"Bolivia,2024,35000,", rehash=True)
    assert (_bolivia_2024(other), _bolivia_2024(copy)) == (35000, 34000)


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"not a pickle"),
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        lambda p: p.write_bytes(b""),
        lambda p: p.chmod(0o666),  # writable by others: never unpickled
    ],
    ids=["garbage", "truncated", "empty", "world-writable"],
)
def test_a_damaged_entry_is_ignored_and_the_package_validated(cache_dir, copy, validations, damage):
    _all(copy)
    (entry,) = _entries(cache_dir)
    damage(entry)
    data.forget()
    assert _bolivia_2024(copy) == 34000
    assert len(validations) == 2


def test_an_entry_stored_under_another_name_is_not_believed(cache_dir, copy, tmp_path, validations):
    _bolivia_2024(copy)
    (entry,) = _entries(cache_dir)
    _edit(copy, BOLIVIA_2024, b"Bolivia,2024,35000,", rehash=True)
    new_key = data.snapshot(copy.resolve()).key()
    shutil.copy(entry, cache_dir / f"load-{new_key}.pickle")  # the old frames under the new key
    data.forget()
    assert _bolivia_2024(copy) == 35000
    assert len(validations) == 2


def test_the_key_covers_code_descriptor_and_every_file():
    base = cache.content_key(b"{}", [("a.csv", b"x"), ("b.csv", b"y")])
    assert base != cache.content_key(b"{} ", [("a.csv", b"x"), ("b.csv", b"y")])
    assert base != cache.content_key(b"{}", [("a.csv", b"x"), ("b.csv", b"z")])
    assert base != cache.content_key(b"{}", [("a.csv", b"xb.csv"), ("", b"y")])  # no ambiguous joins
    assert base == cache.content_key(b"{}", [("a.csv", b"x"), ("b.csv", b"y")])


def test_a_change_to_poppys_code_makes_every_entry_stale(cache_dir, copy, validations, monkeypatch):
    _bolivia_2024(copy)
    data.forget()
    monkeypatch.setattr(cache, "code_key", lambda: b"another version of poppy")
    _bolivia_2024(copy)
    assert len(validations) == 2 and len(_entries(cache_dir)) == 2


@pytest.mark.parametrize("value", ["", "off", "OFF"])
def test_the_cache_can_be_turned_off(monkeypatch, copy, value, validations):
    monkeypatch.setenv("POPPY_CACHE_DIR", value)
    data.forget()
    assert cache.cache_dir() is None
    assert _bolivia_2024(copy) == 34000
    data.forget()
    assert _bolivia_2024(copy) == 34000
    assert len(validations) == 2


def test_an_unwritable_cache_folder_does_not_stop_a_load(monkeypatch, tmp_path, copy):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("POPPY_CACHE_DIR", str(blocker / "cache"))
    data.forget()
    assert _bolivia_2024(copy) == 34000
    data.forget()


def test_the_default_folder_is_the_users_cache_directory(monkeypatch):
    import platformdirs

    monkeypatch.delenv("POPPY_CACHE_DIR")
    assert cache.cache_dir() == Path(platformdirs.user_cache_dir("poppy"))


def test_old_entries_are_pruned(cache_dir, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    for i in range(4):
        cache.put(f"{i:064x}", {"n": i})
        os.utime(cache_dir / f"load-{i:064x}.pickle", ns=(i * 10**9, i * 10**9))
    cache.put(f"{9:064x}", {"n": 9})
    assert [cache.get(f"{i:064x}") for i in (0, 1, 2, 3, 9)] == [None, None, None, {"n": 3}, {"n": 9}]
    assert not list(cache_dir.glob(".tmp-*")), "no temporary file is left behind"
