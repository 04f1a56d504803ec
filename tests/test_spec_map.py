"""``docs/spec-map.md`` names, for every rule of the SPEC, the code that implements it and the tests that pin it.

The map is only worth its names: these tests read its tables and fail when a named test no longer exists (renamed,
moved or removed) or a named module attribute cannot be imported, so the map cannot silently drift from the code.
They read the map and the test files as text (no test module is imported), and run from a clean clone: the SPEC
itself is not read, the map paraphrases it.
"""

from __future__ import annotations

import ast
import importlib
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAP = ROOT / "docs" / "spec-map.md"

#: A table row of the map: ``| id | rule | where | pinned by | proven by |``; an id is ``2.2-a`` or ``5-c``.
_ROW = re.compile(
    r"^\|\s*(?P<id>\d(?:\.\d)?-[a-z])\s*\|(?P<rule>[^|]+)\|(?P<where>[^|]*)\|(?P<tests>[^|]*)\|(?P<proof>[^|]*)\|\s*$"
)
#: Something named in backquotes.
_NAMED = re.compile(r"`([^`]+)`")
#: The sections of the SPEC, each of which has a table.
SECTIONS = tuple(str(number) for number in range(1, 10))


def rows(text: str) -> list[dict[str, str]]:
    """The rule rows of a map's tables (header and separator rows are not rules)."""
    found = []
    for line in text.splitlines():
        match = _ROW.match(line.strip())
        if match is not None:
            found.append({key: value.strip() for key, value in match.groupdict().items()})
    return found


def named(cell: str) -> list[str]:
    return _NAMED.findall(cell)


@cache
def _definitions(path: Path) -> frozenset[str]:
    """Every test a file defines: ``name`` for a function (or a test made and named by assignment, such as
    ``test_x = sweep(...)``), ``Class`` and ``Class::method`` for a class."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.ClassDef):
            names.add(node.name)
            names.update(
                f"{node.name}::{item.name}"
                for item in node.body
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
            )
    return frozenset(names)


def missing_test(node: str, root: Path = ROOT) -> str | None:
    """Why the test node ``tests/x.py::test_y`` (or ``::Class::test_y``, a ``[param]`` id allowed) does not exist, or
    ``None`` if it does."""
    path, separator, name = node.partition("::")
    if not separator or not path.startswith("tests/") or not path.endswith(".py"):
        return f"{node!r} is not a test node 'tests/<file>.py::<test>'"
    file = root / path
    if not file.is_file():
        return f"{path} does not exist"
    base = re.sub(r"\[.*\]$", "", name)
    if base not in _definitions(file):
        return f"{path} defines no test {base!r}"
    return None


def missing_attribute(name: str) -> str | None:
    """Why ``package.module.attribute`` (attributes may nest: ``Class.method``) cannot be reached, or ``None``."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            if not hasattr(target, attribute):
                return f"{name}: {'.'.join(parts[:cut])} has no attribute path {'.'.join(parts[cut:])!r}"
            target = getattr(target, attribute)
        return None
    return f"{name}: no importable module"


MAP_ROWS = rows(MAP.read_text(encoding="utf-8"))


def test_the_map_has_a_table_for_every_section_of_the_spec() -> None:
    sections = {row["id"].split("-")[0].split(".")[0] for row in MAP_ROWS}
    assert sections == set(SECTIONS)


def test_every_rule_id_is_given_once() -> None:
    ids = [row["id"] for row in MAP_ROWS]
    assert len(ids) == len(set(ids)), sorted({rule for rule in ids if ids.count(rule) > 1})


def test_every_rule_is_paraphrased_placed_and_pinned() -> None:
    unfinished = [
        row["id"]
        for row in MAP_ROWS
        if not row["rule"] or not named(row["where"]) or not named(row["tests"]) or not row["proof"]
    ]
    assert not unfinished


@pytest.mark.parametrize("row", MAP_ROWS, ids=[row["id"] for row in MAP_ROWS])
def test_every_test_named_in_the_map_exists(row: dict[str, str]) -> None:
    problems = [problem for node in named(row["tests"]) if (problem := missing_test(node)) is not None]
    assert not problems


@pytest.mark.parametrize("row", MAP_ROWS, ids=[row["id"] for row in MAP_ROWS])
def test_every_place_named_in_the_map_can_be_imported(row: dict[str, str]) -> None:
    problems = [problem for name in named(row["where"]) if (problem := missing_attribute(name)) is not None]
    assert not problems


class TestTheChecksCanFail:
    """The checks above see a test or a name that is not there (else a broken map would pass)."""

    def test_a_renamed_test_is_missing(self) -> None:
        assert missing_test("tests/test_spec_map.py::test_every_rule_id_is_given_once") is None
        assert missing_test("tests/test_spec_map.py::test_every_rule_id_is_given_once[1.1-a]") is None
        assert "defines no test" in str(missing_test("tests/test_spec_map.py::test_every_rule_id_is_given_twice"))

    def test_a_test_made_by_assignment_is_found(self) -> None:
        sweep = "tests/test_bad_input_everywhere.py::test_the_rules_of_every_area_refuse_bad_input_by_name"
        assert missing_test(sweep) is None
        assert missing_test(sweep + "_twice") is not None

    def test_a_method_is_found_in_its_class_only(self) -> None:
        assert missing_test("tests/test_spec_map.py::TestTheChecksCanFail::test_a_renamed_test_is_missing") is None
        assert missing_test("tests/test_spec_map.py::test_a_renamed_test_is_missing") is not None

    def test_a_removed_file_is_missing(self) -> None:
        assert "does not exist" in str(missing_test("tests/no_such_file.py::test_anything"))
        assert "is not a test node" in str(missing_test("src/infomanager_core/money/money.py"))

    def test_an_unknown_attribute_is_missing(self) -> None:
        assert missing_attribute("infomanager_core.money.allocate") is None
        assert missing_attribute("infomanager_core.pricing.PriceList.tier_rate") is None
        assert "no attribute" in str(missing_attribute("infomanager_core.money.allocate_evenly"))
        assert "no importable module" in str(missing_attribute("no_such_package.thing"))

    def test_a_row_is_read_with_its_names(self) -> None:
        [row] = rows(
            "| 2.2-a | Discount first | `infomanager_core.pricing.steps.pricing_steps` | `tests/x.py::t` | swap |"
        )
        assert row["id"] == "2.2-a"
        assert row["proof"] == "swap"
        assert named(row["where"]) == ["infomanager_core.pricing.steps.pricing_steps"]
        assert named(row["tests"]) == ["tests/x.py::t"]
        assert rows("| rule | what it says | where | pinned by | proven by |\n|---|---|---|---|---|") == []
        assert [row["id"] for row in rows("| 5-c | A tag may be unused | `a.b` | `tests/x.py::t` | dropped |")] == [
            "5-c"
        ]
