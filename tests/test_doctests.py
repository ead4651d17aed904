"""Docstring examples are documentation that must stay true: run them."""

import doctest
import importlib
import importlib.util
import pkgutil
from pathlib import Path

import pytest

import graph
import loaders


def _modules_with_examples() -> list[str]:
    """The modules of kg whose source holds a ``>>>`` example (read, not imported)."""
    names = [package.__name__ for package in (loaders, graph)] + [
        info.name
        for package in (loaders, graph)
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")
    ]
    found = []
    for name in names:
        origin = importlib.util.find_spec(name).origin
        if origin and origin.endswith(".py") and ">>> " in Path(origin).read_text(encoding="utf-8"):
            found.append(name)
    return sorted(found)


MODULES = _modules_with_examples()


def test_the_modules_with_examples_are_found():
    assert len(MODULES) >= 8 and "loaders.dates" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{name} has '>>> ' in its source but no example doctest runs"
    assert result.failed == 0
