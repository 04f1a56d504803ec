"""A caller's idempotency key may not take the name the ledger gives an order's cashback (``cashback:<order id>``).

The invoicing-service review keyed a top-up ``cashback:ORD-9``: it was recorded, and the cashback of order ORD-9 could
then never be credited — every attempt was an IdempotencyConflict with the top-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from infomanager_core import Money
from infomanager_core.ledger import (
    BatchRefused,
    Iban,
    Ledger,
    OrderPayment,
    ReservedKey,
    TopUp,
)

from .support import STORES, new_ledger, snapshot

DAY = date(2026, 3, 2)
KEY = "cashback:ORD-9"
CHF = Money("10", "CHF")

CALLS: dict[str, Callable[[Ledger], object]] = {
    "top_up": lambda ledger: ledger.top_up(organisation="acme", amount=CHF, effective=DAY, key=KEY),
    "deposit": lambda ledger: ledger.deposit_cancelled_transfer(
        payer="acme", order_id="ORD-2", amount=CHF, effective=DAY, key=KEY
    ),
    "pay_order": lambda ledger: ledger.pay_order(
        organisation="acme", order_id="ORD-3", amount=CHF, effective=DAY, key=KEY
    ),
    "request_payout": lambda ledger: ledger.request_payout(
        organisation="acme", amount=CHF, destination=Iban("CH9300762011623852957"), effective=DAY, key=KEY
    ),
    "complete_payout": lambda ledger: ledger.complete_payout(request=2, effective=DAY, key=KEY),
    "fail_payout": lambda ledger: ledger.fail_payout(request=2, effective=DAY, key=KEY),
    "cancel_payout": lambda ledger: ledger.cancel_payout(request=2, effective=DAY, key=KEY),
    "reverse": lambda ledger: ledger.reverse(sequence=1, effective=DAY, key=KEY),
}


@pytest.mark.parametrize("store", STORES)
@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_caller_key_in_the_cashback_namespace_is_refused_and_nothing_changes(
    call: str, store: str, tmp_path: Path
) -> None:
    ledger = new_ledger(store, tmp_path)
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
    ledger.request_payout(
        organisation="acme", amount=CHF, destination=Iban("CH9300762011623852957"), effective=DAY, key="p-1"
    )
    before = snapshot(ledger)
    with pytest.raises(ReservedKey) as raised:
        CALLS[call](ledger)
    assert (raised.value.field, raised.value.value) == ("key", KEY)
    assert "cashback:" in raised.value.rule
    assert snapshot(ledger) == before


def test_the_order_s_cashback_is_credited_once_as_before() -> None:
    ledger = Ledger()
    credited = ledger.credit_cashback(partner="acme", order_id="ORD-9", amount=CHF, effective=DAY)
    assert credited.key == KEY
    assert ledger.credit_cashback(partner="acme", order_id="ORD-9", amount=CHF, effective=DAY) == credited


def test_a_batch_with_a_reserved_key_is_refused_whole() -> None:
    ledger = Ledger()
    with pytest.raises(BatchRefused) as raised:
        ledger.post_many(
            [
                TopUp(organisation="acme", amount=CHF, effective=DAY, key="t-1"),
                OrderPayment(organisation="acme", order_id="ORD-9", amount=CHF, effective=DAY, key=KEY),
            ]
        )
    assert (raised.value.index, type(raised.value.error)) == (1, ReservedKey)
    assert ledger.journal() == ()


@pytest.mark.parametrize("key", ["cashback", "Cashback:ORD-9", "my-cashback:ORD-9", "cashback-ORD-9"])
def test_keys_that_merely_look_alike_are_still_the_caller_s(key: str) -> None:
    ledger = Ledger()
    assert ledger.top_up(organisation="acme", amount=CHF, effective=DAY, key=key).key == key


def test_a_reserved_key_that_is_no_plain_id_is_refused_too() -> None:
    """A no-break space inside is accepted in an order id, so ``cashback:ORD 9`` (U+00A0) names that order's cashback:
    the key gets the closer look of the id rule, then the same check of the namespace."""
    ledger = Ledger()
    with pytest.raises(ReservedKey) as raised:
        ledger.top_up(organisation="acme", amount=CHF, effective=DAY, key="cashback:ORD\u00a09")
    assert (raised.value.field, raised.value.value) == ("key", "cashback:ORD\u00a09")
    assert ledger.journal() == ()
    assert ledger.credit_cashback(partner="acme", order_id="ORD\u00a09", amount=CHF, effective=DAY).key == (
        "cashback:ORD\u00a09"
    )
