"""Every module of the library, not only each package, declares a sorted ``__all__`` of names it defines.

Mutation testing of the changed lines found that the modules' own ``__all__`` (``ledger.accounts``,
``adapters.sqlite_ledger``…) could lose a name, or be deleted, without a test noticing: only the packages' were pinned.
A module's ``__all__`` is what ``from module import *`` and the documentation tools read.
"""

from __future__ import annotations

import pkgutil

import pytest

import infomanager_core

from .test_public_api import assert_sorted_all_of_real_names

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
