"""An account keeps only the fields it declares, though its commands are written one concept a module.

The commands stand in classes of their own (``account/password.py``, ``account/two_factor.py``…) that
:class:`~infomanager_core.security.Account` gathers. One of them without ``__slots__`` would give every account a
``__dict__``: a misspelt field (``account._latests = at``) would then be set silently beside the one the laws check,
instead of failing where it is written.
"""

from __future__ import annotations

import pytest

from infomanager_core.security.examples import example_account
from tests.security.support import MONDAY


def test_an_account_refuses_a_field_it_does_not_declare() -> None:
    account = example_account(MONDAY)
    with pytest.raises(AttributeError):
        account._latests = MONDAY  # type: ignore[attr-defined]
    assert not hasattr(account, "__dict__")
    assert account.latest == MONDAY
