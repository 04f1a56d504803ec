"""The folder layout is the architecture: the domain never imports storage, I/O, babel or the edge modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import infomanager_core

ROOT = Path(infomanager_core.__file__).parent
DOMAIN = ["money", "pricing", "access", "ledger", "orders", "tags", "notifications", "tenders", "security"]
#: What only the edge (adapters, formatting, cli) may import.
EDGE = ("babel", "tomllib", "sqlite3", "csv", "adapters", "formatting", "cli", "argparse", "subprocess", "socket")


def _imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.append("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("package", DOMAIN)
def test_the_domain_does_not_import_the_edge(package: str) -> None:
    """Module code only: a docstring example may show an adapter, since examples run as a user would write them."""
    modules = sorted((ROOT / package).glob("*.py"))
    assert modules, package
    for path in modules:
        for imported in _imports(path):
            parts = imported.lstrip(".").split(".")
            assert not set(parts) & set(EDGE), f"{package}/{path.name} imports {imported}"


@pytest.mark.parametrize("module", ["errors.py", "text.py"])
def test_the_shared_domain_modules_do_not_import_the_edge(module: str) -> None:
    for imported in _imports(ROOT / module):
        parts = imported.lstrip(".").split(".")
        assert not set(parts) & set(EDGE), f"{module} imports {imported}"


def test_the_check_sees_an_edge_import() -> None:
    """The check above can fail: an import of sqlite3 or of the adapters is found."""
    source = ROOT / "adapters" / "sqlite_ledger" / "store.py"
    assert "sqlite3" in _imports(source)
    assert any("adapters" in name for name in _imports(ROOT / "cli" / "ledger.py"))
