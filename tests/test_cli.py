"""The command line and the installed (non-editable) package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def poppy(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "poppy", *args], capture_output=True, text=True, cwd=cwd, env=env
    )


def test_validate_shipped_data_exits_0_and_prints_the_primary_share_per_table():
    result = poppy("validate")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("poppy validate: data package is valid (version 20")
    assert lines[1] == "values taken from a UN, UNODC or government document:"
    tables = [line.split()[0] for line in lines[2:]]
    assert tables == ["afghanistan_opium", "global_opium", "afghan_shares", "coca", "supplementary", "all"]
    assert all(line.endswith("%)") and " of " in line for line in lines[2:])


def test_headline_prints_series_with_numbered_sources():
    out = poppy("headline").stdout
    row_2013 = next(line for line in out.splitlines() if line.startswith("2013"))
    assert "209,000" in row_2013 and "173,000–238,000" in row_2013 and "5,500" in row_2013
    mark = row_2013.split()[-2]
    assert any(line.startswith(f"{mark} UNODC, World Drug Report 2016") for line in out.splitlines())


def test_unknown_command_is_a_usage_error():
    result = poppy("frobnicate")
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.fixture(scope="session")
def installed_site(tmp_path_factory) -> Path:
    """poppy built as a wheel and installed into a bare folder (non-editable)."""
    tmp = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp), str(ROOT)], check=True
    )
    (wheel,) = tmp.glob("poppy-*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(tmp / "site"), str(wheel)], check=True)
    return tmp / "site"


def test_installed_package_loads_its_own_data(installed_site, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(installed_site)}
    code = (
        "import poppy, poppy.data.descriptor as d; "
        "print(poppy.__file__); print(d.default_data_dir()); "
        "print(int(poppy.load_cultivation().set_index('year').loc[2013, 'value'])); "
        "from poppy.i18n import t; print(t('ru', 'country.Colombia'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, check=True
    )
    module, data_dir, value, colombia = out.stdout.split()
    assert colombia == "Колумбия"  # the catalogs ship in the wheel
    assert module.startswith(str(installed_site)) and data_dir.startswith(str(installed_site))
    assert value == "209000"
    result = poppy("validate", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr


def test_installed_package_ships_the_sites_templates_and_scripts(installed_site):
    site = installed_site / "poppy" / "publish" / "site"
    assert (site / "templates" / "claim.html").is_file()
    for name in ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js"):
        assert (site / "static" / "vendor" / name).stat().st_size > 10_000, name
    assert (site / "static" / "style.css").is_file() and (site / "static" / "site.js").is_file()
