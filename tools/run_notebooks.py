"""Re-execute every notebook in notebooks/ top to bottom, store fresh outputs, strip metadata noise.

Run after an intended data change (``python3 run.py notebooks``), review the diff, commit.
The kernel is this interpreter's python3 kernel and the working directory the notebooks'
folder, as under nbval.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
STRIP = [
    "--keep-output",
    "--keep-count",
    "--extra-keys",
    "metadata.papermill cell.metadata.papermill cell.metadata.execution metadata.language_info.version",
]


def main(names: list[str]) -> int:
    paths = [NOTEBOOKS / n for n in names] if names else sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))
    for path in paths:
        print(f"executing {path.name}", flush=True)
        nb = nbformat.read(path, as_version=4)
        NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
        ).execute()
        nbformat.write(nb, path)
    subprocess.run([sys.executable, "-m", "nbstripout", *STRIP, *map(str, paths)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
