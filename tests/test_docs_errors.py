"""Each area's document lists, under ``## Errors``, exactly the errors its package exports.

A caller writing ``except`` clauses reads that list as the complete set: an error added to a package and left out of
its document would surprise them, and one removed from the package but still listed would send them looking for a
name that no longer exists. These tests read the documents as text and compare with each package's ``__all__``.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

from infomanager_core.errors import InvalidInput

DOCS = Path(__file__).resolve().parents[1] / "docs"

#: Each document with an ``## Errors`` section, and the modules whose exported errors it lists.
AREAS = {
    "money.md": ("infomanager_core.errors",),
    "formatting.md": ("infomanager_core.formatting",),
    "pricing.md": ("infomanager_core.pricing",),
    "access.md": ("infomanager_core.access",),
    "orders.md": ("infomanager_core.orders",),
    "ledger.md": ("infomanager_core.ledger", "infomanager_core.adapters.sqlite_ledger"),
    "tags.md": ("infomanager_core.tags",),
    "notifications.md": ("infomanager_core.notifications",),
    "tenders.md": ("infomanager_core.tenders",),
    "security.md": ("infomanager_core.security",),
}

#: An entry of an errors list: ``- `Name`: what it means``.
_ENTRY = re.compile(r"^- `(?P<name>[A-Za-z]+)`:", re.MULTILINE)
#: The line that introduces the list of refusals of bad input (the others follow another introduction).
_INPUT_LIST = "Refusals of bad input"


def errors_section(document: str) -> str:
    """The text of the document's ``## Errors`` section, up to the next section of the same level."""
    text = (DOCS / document).read_text(encoding="utf-8")
    found = re.search(r"^## Errors\n(?P<body>.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert found is not None, f"docs/{document} has no '## Errors' section"
    return found.group("body")


def exported_errors(modules: tuple[str, ...]) -> dict[str, type[BaseException]]:
    found = {}
    for name in modules:
        module = importlib.import_module(name)
        for symbol in module.__all__:
            value = getattr(module, symbol)
            if inspect.isclass(value) and issubclass(value, BaseException):
                found[symbol] = value
    return found


def listed(section: str) -> tuple[list[str], list[str]]:
    """The names listed after the bad-input introduction, and those listed elsewhere in the section."""
    before, _, after = section.partition(_INPUT_LIST)
    inputs_end = re.search(r"\n\n(?!- |  )", after)
    inputs = after if inputs_end is None else after[: inputs_end.start()]
    rest = before + ("" if inputs_end is None else after[inputs_end.start() :])
    return _ENTRY.findall(inputs), _ENTRY.findall(rest)


@pytest.mark.parametrize(("document", "modules"), sorted(AREAS.items()))
def test_the_errors_section_lists_exactly_the_errors_the_package_exports(
    document: str, modules: tuple[str, ...]
) -> None:
    inputs, others = listed(errors_section(document))
    names = inputs + others
    assert len(names) == len(set(names)), f"docs/{document} lists an error twice"
    assert set(names) == set(exported_errors(modules)), (
        f"docs/{document}: listed but not exported {sorted(set(names) - set(exported_errors(modules)))}; "
        f"exported but not listed {sorted(set(exported_errors(modules)) - set(names))}"
    )


@pytest.mark.parametrize(("document", "modules"), sorted(AREAS.items()))
def test_the_bad_input_list_holds_the_invalid_inputs_and_only_them(document: str, modules: tuple[str, ...]) -> None:
    errors = exported_errors(modules)
    inputs, others = listed(errors_section(document))
    assert [name for name in inputs if not issubclass(errors[name], InvalidInput)] == []
    assert [
        name for name in others if issubclass(errors[name], InvalidInput) and errors[name] is not InvalidInput
    ] == []
