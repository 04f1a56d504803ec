"""Operation requests: an order payment in a batch is paid in full unless it says ``partial``, and every request names
its fields (two ids side by side, an organisation and an order, must never be taken one for the other by position).

Mutation testing found ``OrderPayment``'s default could become a partial payment, and any request could accept its
fields by position, without a test noticing.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from infomanager_core import Money
from infomanager_core.ledger import (
    BatchRefused,
    CashbackCredit,
    InsufficientFunds,
    Ledger,
    OrderPayment,
    PayoutCancellation,
    PayoutCompletion,
    PayoutFailure,
    PayoutRequest,
    Reversal,
    TopUp,
    TransferDeposit,
    prepaid,
)

from .support import snapshot

MONDAY = date(2026, 3, 2)
REQUESTS = [
    CashbackCredit,
    TransferDeposit,
    TopUp,
    OrderPayment,
    PayoutRequest,
    PayoutCompletion,
    PayoutFailure,
    PayoutCancellation,
    Reversal,
]


def test_an_order_payment_in_a_batch_is_paid_in_full_unless_it_says_partial() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("30", "CHF"), effective=MONDAY, key="t-1")
    before = snapshot(ledger)
    order = {"organisation": "acme", "order_id": "A-1", "amount": Money("80", "CHF"), "effective": MONDAY}
    with pytest.raises(BatchRefused) as raised:
        ledger.post_many([OrderPayment(**order, key="pay-A-1")])
    assert isinstance(raised.value.error, InsufficientFunds)
    assert snapshot(ledger) == before
    (paid,) = ledger.post_many([OrderPayment(**order, key="pay-A-1-partly", partial=True)])
    assert paid.units_for(prepaid("acme", "CHF")) == -3000  # the 30.00 it held, of the 80.00 asked
    assert ledger.balances("acme", "CHF").available == Money("0", "CHF")


@pytest.mark.parametrize("request_class", REQUESTS)
def test_a_request_takes_its_fields_by_name_only(request_class: type) -> None:
    values = [f"value-{field.name}" for field in attrs.fields(request_class)]
    with pytest.raises(TypeError):
        request_class(*values)
