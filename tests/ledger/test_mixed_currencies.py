"""Mixed currencies as a caller meets them through the ledger (issue 4's bad input): one currency per account, never
added to another, and money asked in a currency the organisation holds nothing in is refused with a typed error that
leaves every store exactly as it was.

A posting or a transaction that mixes currencies is refused where it is built (``test_operations.py``); through the
ledger, amounts in two currencies meet only when an organisation holds both, or asks to spend in the one it lacks.
"""

from __future__ import annotations

from datetime import date

import pytest

from infomanager_core import Money
from infomanager_core.ledger import (
    BatchRefused,
    Iban,
    InsufficientFunds,
    Ledger,
    OrderPayment,
    TopUp,
    UnknownAccount,
    check_invariants,
)

from .support import snapshot

DAY = date(2026, 3, 2)


def holding_francs_and_euros(ledger: Ledger) -> Ledger:
    """acme holds 100 CHF, 10 of them reserved by a payout request, and 5 EUR."""
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="chf")
    ledger.top_up(organisation="acme", amount=Money("5", "EUR"), effective=DAY, key="eur")
    ledger.request_payout(
        organisation="acme", amount=Money("10", "CHF"), destination=Iban("CH9300762011623852957"), effective=DAY,
        key="out",
    )  # fmt: skip
    return ledger


@pytest.mark.parametrize("partial", [False, True])
def test_an_order_in_a_currency_the_payer_holds_nothing_in_is_refused_naming_that_account(
    ledger: Ledger, partial: bool
) -> None:
    holding_francs_and_euros(ledger)
    before = snapshot(ledger)
    with pytest.raises(UnknownAccount, match="prepaid:acme:GBP"):
        ledger.pay_order(
            organisation="acme", order_id="A", amount=Money("1", "GBP"), effective=DAY, key="k", partial=partial
        )
    assert snapshot(ledger) == before


def test_what_one_currency_lacks_is_never_made_up_from_another(ledger: Ledger) -> None:
    holding_francs_and_euros(ledger)
    before = snapshot(ledger)
    with pytest.raises(InsufficientFunds) as refused:  # 90 CHF available and 5 EUR beside them: 91 CHF is too much
        ledger.pay_order(organisation="acme", order_id="A", amount=Money("91", "CHF"), effective=DAY, key="k")
    assert (refused.value.account, refused.value.requested, refused.value.available) == ("prepaid:acme:CHF", 9100, 9000)
    assert snapshot(ledger) == before


def test_a_partial_payment_takes_only_from_the_orders_currency(ledger: Ledger) -> None:
    holding_francs_and_euros(ledger)
    paid = ledger.pay_order(
        organisation="acme", order_id="A", amount=Money("150", "CHF"), effective=DAY, key="k", partial=True
    )
    assert {str(posting.account): posting.units for posting in paid.postings} == {
        "prepaid:acme:CHF": -9000,
        "order_settlement:CHF": 9000,
    }
    assert [(str(balances.available), str(balances.pending)) for balances in ledger.prepaid_balances("acme")] == [
        ("0.00 CHF", "10.00 CHF"),
        ("5.00 EUR", "0.00 EUR"),
    ]
    check_invariants(ledger.store)


def test_a_batch_with_one_operation_in_a_currency_held_nowhere_is_refused_whole(ledger: Ledger) -> None:
    holding_francs_and_euros(ledger)
    before = snapshot(ledger)
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many([
            TopUp(organisation="acme", amount=Money("20", "CHF"), effective=DAY, key="more-chf"),
            OrderPayment(organisation="acme", order_id="A", amount=Money("2", "EUR"), effective=DAY, key="pay-eur"),
            OrderPayment(organisation="acme", order_id="B", amount=Money("2", "GBP"), effective=DAY, key="pay-gbp"),
        ])  # fmt: skip
    assert refused.value.index == 2
    assert isinstance(refused.value.error, UnknownAccount)
    assert snapshot(ledger) == before
