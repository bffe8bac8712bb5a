"""Re-execute every notebook in notebooks/ top to bottom, store fresh outputs, strip metadata noise.

Run after an intended data change (``python3 run.py notebooks``), review the diff, commit.
The kernel is this interpreter's python3 kernel and the working directory the notebooks'
folder, as under nbval.

The notebook metadata is what JupyterLab writes when it opens and saves a notebook: the
kernelspec as its kernel.json names it and the language_info the kernel reports (with the
Python version). So opening a notebook in JupyterLab does not mark it modified, and saving it
changes nothing (on another Python version, only language_info.version).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import get_kernel_spec
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
STRIP = [
    "--keep-output",
    "--keep-count",
    "--extra-keys",
    "metadata.papermill cell.metadata.papermill cell.metadata.execution",
]


def main(names: list[str]) -> int:
    paths = [NOTEBOOKS / n for n in names] if names else sorted(NOTEBOOKS.glob("[0-9]*.ipynb"))
    for path in paths:
        print(f"executing {path.name}", flush=True)
        nb = nbformat.read(path, as_version=4)
        NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
        ).execute()
        spec = get_kernel_spec("python3")
        nb.metadata["kernelspec"] = {
            "display_name": spec.display_name,
            "language": spec.language,
            "name": "python3",
        }
        nbformat.write(nb, path)
    subprocess.run([sys.executable, "-m", "nbstripout", *STRIP, *map(str, paths)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
