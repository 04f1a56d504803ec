"""The public surface is deliberate: each package's ``__all__`` is sorted, complete and importable, and every module of
the library, not only each package, declares a sorted ``__all__`` of names it defines (what ``from module import *``
and the documentation tools read).
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import infomanager_core


def _isort_style(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps: CONSTANTS, then Classes, then functions."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


PACKAGES = [
    "infomanager_core",
    "infomanager_core.errors",
    "infomanager_core.formatting",
    "infomanager_core.money",
    "infomanager_core.pricing",
    "infomanager_core.security",
    "infomanager_core.access",
    "infomanager_core.ledger",
    "infomanager_core.orders",
    "infomanager_core.tags",
    "infomanager_core.notifications",
    "infomanager_core.tenders",
    "infomanager_core.text",
]


def assert_sorted_all_of_real_names(name: str) -> None:
    """Module ``name`` declares an ``__all__``, sorted as ruff keeps it, of distinct names it defines."""
    module = importlib.import_module(name)
    exported = module.__all__
    assert exported == sorted(exported, key=_isort_style), f"{name}.__all__ is not sorted"
    assert len(set(exported)) == len(exported)
    for symbol in exported:
        assert hasattr(module, symbol), f"{name}.__all__ names {symbol!r}, which is missing"


@pytest.mark.parametrize("name", PACKAGES)
def test_every_package_declares_a_sorted_all_of_real_names(name: str) -> None:
    assert_sorted_all_of_real_names(name)


def test_top_level_surface_is_pinned() -> None:
    assert infomanager_core.__all__ == [
        "ROUNDING",
        "CashRounding",
        "Currency",
        "CurrencyMismatch",
        "InfomanagerError",
        "InvalidAmount",
        "InvalidInput",
        "InvariantViolation",
        "KeyReused",
        "Money",
        "NotInMinorUnits",
        "UnknownCurrency",
        "allocate",
        "cash_round",
        "currency",
    ]


def test_every_error_derives_from_the_library_base() -> None:
    errors = importlib.import_module("infomanager_core.errors")
    for symbol in errors.__all__:
        assert issubclass(getattr(errors, symbol), infomanager_core.InfomanagerError)


def test_the_package_ships_its_type_marker() -> None:
    from importlib.resources import files

    assert files("infomanager_core").joinpath("py.typed").is_file()


MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(infomanager_core.__path__, "infomanager_core.")
    if not info.name.rpartition(".")[2].startswith("_")  # a private module (the CLDR tables) has no public surface
)


def test_the_walk_finds_every_area_of_the_library() -> None:
    assert {"infomanager_core.ledger.accounts", "infomanager_core.adapters.sqlite_ledger"} <= set(MODULES)
    assert len(MODULES) > 90


@pytest.mark.parametrize("name", MODULES)
def test_every_module_declares_a_sorted_all_of_names_it_defines(name: str) -> None:
    assert_sorted_all_of_real_names(name)
