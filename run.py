#!/usr/bin/env python3
"""Set up poppy's environment and run one of its jobs; needs only Python >= 3.11 and git.

    python3 run.py pack      set up, then build the press pack from the shipped data
    python3 run.py test      set up, then lint and run every test (unit, CLI, wheel, notebooks)
    python3 run.py lab       set up with JupyterLab, then open the notebooks
    python3 run.py notebooks re-execute the notebooks and store fresh outputs (after a data change)
    python3 run.py bench     run the benchmarks (medians against their floors; see README)

The environment is a virtualenv in .venv, installed from pyproject.toml with the exact
versions in constraints.txt; it is reinstalled only when either file changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
#: nbval in strict mode on the project's own interpreter (the tests and benchmarks use it too).
NBVAL = (
    "-m",
    "pytest",
    "-p",
    "no:cacheprovider",
    "--nbval",
    "--nbval-current-env",
    "--nbval-sanitize-with",
    "notebooks/sanitize.cfg",
)


def sh(*args: str | Path, check: bool = True) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], cwd=ROOT, check=check).returncode


def setup(extras: str) -> None:
    """Create .venv and install poppy (editable) with ``extras`` unless already up to date."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py may be started by an older python3
        sys.exit(f"poppy needs Python >= 3.11, this is {sys.version.split()[0]}")
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    digest.update(extras.encode())
    stamp = VENV / ".poppy-installed"
    if stamp.is_file() and stamp.read_text() == digest.hexdigest():
        return
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    sh(
        PY,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-c",
        "constraints.txt",
        "-e",
        f".[{extras}]" if extras else ".",
    )
    stamp.write_text(digest.hexdigest())


def main(argv: list[str]) -> int:
    job = argv[0] if argv else "help"
    if job == "pack":
        setup("")
        return sh(BIN / "poppy", "build", "--out", "pack", *argv[1:], check=False)
    if job == "test":
        setup("test")
        steps = [
            (PY, "-m", "ruff", "check", "src", "tests", "tools", "benchmarks", "notebooks", "run.py"),
            # testpaths: tests/ and the doctests of src/poppy, spread over every core (pytest-xdist)
            (PY, "-m", "pytest", "-n", "auto", *argv[1:]),
            (PY, *NBVAL, "notebooks"),
        ]
        for step in steps:
            if not (ROOT / "notebooks").is_dir() and "--nbval" in step:
                continue
            code = sh(*step, check=False)
            if code:
                return code
        return 0
    if job == "lab":
        setup("test,lab")
        return sh(BIN / "jupyter", "lab", "notebooks", *argv[1:], check=False)
    if job == "bench":
        setup("test")
        return sh(PY, "benchmarks/bench.py", *argv[1:], check=False)
    if job == "notebooks":
        setup("test")
        return sh(PY, "tools/run_notebooks.py", *argv[1:], check=False)
    print(__doc__)
    return 0 if job == "help" else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
