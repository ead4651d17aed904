"""Imports flow one way: each layer of kg uses only the layers below it (see the README's Layout).

A change that makes a lower layer import a higher one (the model reading the CLI's settings, a
store drawing a picture) fails here, before it becomes an import cycle or a tangle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.optional import ROOT

# Lowest first. A module may import its own package's modules and those of any lower layer.
LAYERS = [
    ("loaders", "queries", "graph.collector"),
    ("graph.model",),
    ("graph.stores",),
    ("graph.query",),
    ("graph.render",),
    ("graph.exchange",),
    ("graph.history", "graph.review"),
    ("graph.builder",),
    ("graph.cli",),
    # The package itself: its public API names the modules above (imported when first used).
    ("graph",),
]
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}
PACKAGES = ("loaders", "queries", "graph")


def _unit(module: str) -> str | None:
    """The layer unit a module belongs to: its longest prefix named in LAYERS."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        prefix = ".".join(parts[:n])
        if prefix in RANK and (prefix != "graph" or module == "graph"):  # graph.x is not "graph"
            return prefix
    return None


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every kg module ``path`` imports (at any depth: inside functions too), with its line."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
                # `from . import x` imports the module x of that package
                found += [(node.lineno, f"{target}.{a.name}") for a in node.names] if not node.module else []
                found += [(node.lineno, target)] if node.module else []
            else:
                found.append((node.lineno, node.module or ""))
    return [(line, module) for line, module in found if module.split(".")[0] in PACKAGES]


MODULES = sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def test_every_module_is_in_a_layer():
    assert MODULES
    assert [_module_name(p) for p in MODULES if _unit(_module_name(p)) is None] == []


def _upward(unit: str, imports: list[tuple[int, str]]) -> list[str]:
    """The imports of a module of ``unit`` that reach its own layer's other units or above."""
    return [
        f"line {line}: {module} ({_unit(module)})"
        for line, module in imports
        if _unit(module) != unit and RANK.get(_unit(module), -1) >= RANK[unit]
    ]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_imports_go_only_down(path):
    unit = _unit(_module_name(path))
    upward = _upward(unit, _imports(path))
    assert upward == [], f"{unit} may use only the layers below it, not: " + "; ".join(upward)


def test_an_upward_import_is_caught():
    # A store drawing a picture, or history reading review's rows (a layer's other unit).
    imports = [(1, "graph.render.view"), (2, "graph.model.ids"), (3, "graph.stores.base"), (4, "loaders")]
    assert _upward("graph.stores", imports) == ["line 1: graph.render.view (graph.render)"]
    assert _upward("graph.history", [(1, "graph.review.findings")]) == ["line 1: graph.review.findings (graph.review)"]


def test_the_public_api_names_no_subpackage():
    # `graph.build` (a function) and a subpackage `graph/build/` could not both be reached.
    import graph

    submodules = {p.stem for p in (ROOT / "graph").iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    assert set(graph.__all__) & submodules == set()
    for name in graph.__all__:
        assert getattr(graph, name) is not None, name  # each name is found in its module
