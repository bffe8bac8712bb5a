"""The package's layers: data -> checks -> publish -> cli, each importing only those below it."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import poppy
from poppy import _moved

PACKAGE = Path(poppy.__file__).parent
#: Beneath every layer: words, numbers, errors and the version.
BASE = {"poppy.errors", "poppy.fmt", "poppy.escape", "poppy.i18n", "poppy.version"}
#: Each layer and the layers it may import (besides its own and BASE).
BELOW = {
    "poppy.data": set(),
    "poppy.checks": {"poppy.data"},
    "poppy.publish": {"poppy.data", "poppy.checks"},
}
TOP = {"poppy", "poppy.__main__", "poppy._moved", "poppy.cli"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """Every poppy module a file imports, at the top or inside a function."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names if a.name.startswith("poppy")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("poppy"):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                names.add(sub if sub in MODULES else node.module)
    return names


def _layer(name: str) -> str | None:
    return next((layer for layer in BELOW if name == layer or name.startswith(layer + ".")), None)


def test_every_module_sits_in_a_layer_or_beneath_them():
    loose = [n for n in MODULES if _layer(n) is None and n not in BASE | TOP]
    assert loose == []


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _layer(n)))
def test_a_layer_imports_only_itself_and_the_layers_below(name):
    layer = _layer(name)
    allowed = {layer, *BELOW[layer]}
    wrong = sorted(m for m in _imports(MODULES[name]) if m not in BASE and _layer(m) not in allowed)
    assert wrong == [], f"{name} ({layer}) imports {wrong}"


@pytest.mark.parametrize("name", sorted(BASE))
def test_the_base_modules_import_only_each_other(name):
    assert _imports(MODULES[name]) <= BASE


def test_no_import_loop():
    graph = {n: {m for m in _imports(p) if m in MODULES and m != n} for n, p in MODULES.items()}
    # a package's __init__ re-exporting its own modules is not a loop through them
    for n in graph:
        graph[n] = {m for m in graph[n] if not m.startswith(n + ".")}
    state: dict[str, int] = {}

    def visit(n: str, path: list[str]) -> None:
        state[n] = 1
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                raise AssertionError("import loop: " + " -> ".join([*path[path.index(m) :], m]))
            if m not in state:
                visit(m, [*path, m])
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n, [n])


def test_the_public_api_keeps_its_paths_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from poppy.charts import CHARTS, draw_cultivation
        from poppy.claims import check_claims
        from poppy.findings import findings

    assert callable(draw_cultivation) and callable(check_claims) and callable(findings) and CHARTS
    assert importlib.import_module("poppy.claims") is importlib.import_module("poppy.checks.claims")
    assert poppy.load_all is importlib.import_module("poppy.data.frames").load_all


@pytest.mark.parametrize(("old", "new"), sorted(_moved.DEPRECATED.items()))
def test_an_old_path_still_works_with_a_deprecation_warning(old, new):
    # a fresh interpreter: this one may have imported the old path already
    code = (
        "import importlib, warnings\n"
        "warnings.simplefilter('error')\n"
        "import poppy\n"
        f"new = importlib.import_module({new!r})\n"
        "try:\n"
        f"    importlib.import_module({old!r})\n"
        "except DeprecationWarning as w:\n"
        "    print(w)\n"
        "warnings.simplefilter('ignore')\n"
        f"assert importlib.import_module({old!r}) is new\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    # a moved subpackage's module warns about the subpackage, imported first
    first = min((p for p in _moved.DEPRECATED if old == p or old.startswith(p + ".")), key=len)
    assert out.strip() == f"{first} is now {_moved.DEPRECATED[first]}; the old path goes in poppy 0.3"


def test_the_readme_draws_every_subpackage():
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    for layer in BELOW:
        assert f"{layer.split('.')[1]}/" in readme
