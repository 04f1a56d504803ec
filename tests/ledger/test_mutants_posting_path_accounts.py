"""Accounts after the posting path's rewrite, where mutation testing found a rule no test pinned: an account's kind is
given as a member or as its text, and anything else is refused by name (not taken as some system account).
"""

from __future__ import annotations

import pytest

from infomanager_core import InvalidInput
from infomanager_core.ledger import Account, AccountKind, prepaid, system
from infomanager_core.ledger.accounts import account_named


def test_an_account_takes_its_kind_as_a_member_or_as_its_text() -> None:
    assert Account(kind="prepaid", owner="acme", currency="CHF") == prepaid("acme", "CHF")
    assert Account(kind="prepaid", owner="acme", currency="CHF").kind is AccountKind.PREPAID
    by_text = Account(kind="payouts_in_transit", owner="", currency="EUR")
    assert by_text == system(AccountKind.PAYOUTS_IN_TRANSIT, "EUR")
    assert account_named(by_text.name) == by_text


@pytest.mark.parametrize("kind", ["savings", "PREPAID", "", 3, None, ["prepaid"]])
def test_an_account_of_no_known_kind_is_refused_by_name(kind: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        Account(kind=kind, owner="", currency="CHF")  # type: ignore[arg-type]

    assert (raised.value.field, raised.value.value) == ("kind", kind)
    assert "AccountKind" in str(raised.value)
