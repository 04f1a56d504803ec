"""The ledger's public builders of values, ``Posting.of`` and ``Balances.of``, refuse what is not theirs by name.

Both were exempt from the bad-input sweep as records the library hands back; each takes a caller's account and an
amount (a balance) and let a bare ``AttributeError`` escape for anything else.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from infomanager_core import Money
from infomanager_core.errors import InvalidInput
from infomanager_core.ledger import AccountBalance, Balances, Posting, prepaid


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"account": "prepaid:acme:CHF"}, "account"),
        ({"account": None}, "account"),
        ({"amount": Decimal("12.50")}, "amount"),
        ({"amount": 1250}, "amount"),
        ({"amount": None}, "amount"),
        ({"amount": Money("0", "CHF")}, "amount"),
    ],
    ids=repr,
)
def test_posting_of_refuses_an_account_or_an_amount_of_another_type_by_name(arguments: dict, field: str) -> None:
    """``amount.currency`` (``account.currency``) raised a bare AttributeError; a zero amount was refused naming
    ``units``, a field of the constructor ``Posting.of`` calls, not its own."""
    call = {"account": prepaid("acme", "CHF"), "amount": Money("12.50", "CHF")} | arguments
    with pytest.raises(InvalidInput) as refused:
        Posting.of(**call)
    assert refused.value.field == field
    assert refused.value.rule in str(refused.value)


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"account": "prepaid:acme:CHF"}, "account"),
        ({"balance": 1250}, "balance"),
        ({"balance": None}, "balance"),
    ],
    ids=repr,
)
def test_balances_of_refuses_an_account_or_a_balance_of_another_type_by_name(arguments: dict, field: str) -> None:
    """``account.currency`` and ``balance.posted`` raised a bare AttributeError."""
    call = {"account": prepaid("acme", "CHF"), "balance": AccountBalance(posted=1250, pending_debits=250)} | arguments
    with pytest.raises(InvalidInput) as refused:
        Balances.of(**call)
    assert refused.value.field == field
