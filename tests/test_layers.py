"""The floors of docs/architecture.md import downwards only: search/ is the ground, broadsheet/ the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Each floor, and the packages above it that it must not import (not even inside a function).
ABOVE = {
    "search": {"indexer", "web", "broadsheet"},
    "indexer": {"web", "broadsheet"},
    "web": {"indexer", "broadsheet"},
}


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) for every absolute import in a module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


@pytest.mark.parametrize("floor", sorted(ABOVE))
def test_a_floor_imports_nothing_above_it(floor: str) -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in sorted((ROOT / floor).rglob("*.py"))
        for line, module in imported(ast.parse(path.read_text(encoding="utf-8")))
        if module.split(".")[0] in ABOVE[floor]
    ]
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_an_import_inside_a_function() -> None:
    tree = ast.parse("def f():\n    from web.urls import search_url\n    import indexer.lock\n")
    assert imported(tree) == [(2, "web.urls"), (3, "indexer.lock")]
