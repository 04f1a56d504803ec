"""Copies of an aggregate: ``copy.copy`` gives a whole copy, as ``copy.deepcopy`` does.

An aggregate (the programme, a tagging, a registry, a board, an account) keeps its state in dictionaries that its
commands change in place. Python's shallow copy would hand out a second aggregate sharing those dictionaries: a
command on either would change both, half-way. A copy of an aggregate is therefore always a snapshot of its own.

>>> import copy
>>> from infomanager_core.access import Role
>>> from infomanager_core.access.examples import MONDAY, example_programme
>>> programme = example_programme()
>>> trial = copy.copy(programme)
>>> _ = trial.change_role("bakery", "cleo", Role.LEGAL_REPRESENTATIVE, by="carl", at=MONDAY)
>>> trial.role_of("cleo", "bakery").value, programme.role_of("cleo", "bakery").value
('legal representative', 'user')
"""

from __future__ import annotations

import copy
from typing import Self

__all__ = ["WholeCopy"]


class WholeCopy:
    """Mixin of the aggregates: ``copy.copy`` is ``copy.deepcopy``."""

    __slots__ = ()

    def __copy__(self) -> Self:
        return copy.deepcopy(self)
