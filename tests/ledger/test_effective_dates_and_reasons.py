"""Every operation, posted alone or in a batch, refuses an ``effective`` that is not a business day, and every reason
that is not printable text, by name and before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from infomanager_core import InvalidInput, Money
from infomanager_core.ledger import (
    BatchRefused,
    CashbackCredit,
    Iban,
    Ledger,
    OrderPayment,
    PayoutCancellation,
    PayoutCompletion,
    PayoutFailure,
    PayoutRequest,
    Reversal,
    TopUp,
    TransferDeposit,
)

from .support import STORES, new_ledger, snapshot

MONDAY = date(2026, 3, 2)
IBAN = Iban("CH93 0076 2011 6238 5295 7")
REQUEST, TOP_UP = 2, 1  # the sequences of the pending payout request and the top-up in ``funded``


def chf(amount: str) -> Money:
    return Money(amount, "CHF")


@pytest.fixture(params=STORES)
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Ledger:
    """acme holds 100.00 CHF from Monday, 30.00 of them reserved by payout request 2."""
    ledger = new_ledger(request.param, tmp_path)
    assert ledger.top_up(organisation="acme", amount=chf("100"), effective=MONDAY, key="t-1").sequence == TOP_UP
    payout = ledger.request_payout(organisation="acme", amount=chf("30"), destination=IBAN, effective=MONDAY, key="r-1")
    assert payout.sequence == REQUEST
    return ledger


#: Each operation as a request, built for a given ``effective`` (and ``reason``, where it takes one).
OPERATIONS: dict[str, Callable[..., Any]] = {
    "cashback": lambda effective: CashbackCredit(partner="acme", order_id="A-1", amount=chf("5"), effective=effective),
    "transfer deposit": lambda effective: TransferDeposit(
        payer="acme", order_id="A-2", amount=chf("5"), effective=effective, key="d-1"
    ),
    "top-up": lambda effective: TopUp(organisation="acme", amount=chf("5"), effective=effective, key="t-2"),
    "order payment": lambda effective: OrderPayment(
        organisation="acme", order_id="A-3", amount=chf("5"), effective=effective, key="p-1"
    ),
    "payout request": lambda effective: PayoutRequest(
        organisation="acme", amount=chf("5"), destination=IBAN, effective=effective, key="r-2"
    ),
    "payout completion": lambda effective: PayoutCompletion(request=REQUEST, effective=effective, key="c-1"),
    "payout failure": lambda effective: PayoutFailure(request=REQUEST, effective=effective, key="f-1"),
    "payout cancellation": lambda effective: PayoutCancellation(request=REQUEST, effective=effective, key="x-1"),
    "reversal": lambda effective: Reversal(sequence=TOP_UP, effective=effective, key="v-1"),
}

#: The operations that take a reason, built for a given ``reason``.
WITH_REASON: dict[str, Callable[[object], Any]] = {
    "payout failure": lambda reason: PayoutFailure(request=REQUEST, effective=MONDAY, key="f-1", reason=reason),
    "payout cancellation": lambda reason: PayoutCancellation(
        request=REQUEST, effective=MONDAY, key="x-1", reason=reason
    ),
    "reversal": lambda reason: Reversal(sequence=TOP_UP, effective=MONDAY, key="v-1", reason=reason),
}

#: Each request posted alone, through the Ledger method of the same meaning.
METHODS: dict[type, Callable[[Ledger, Any], object]] = {
    CashbackCredit: lambda ledger, o: ledger.credit_cashback(
        partner=o.partner, order_id=o.order_id, amount=o.amount, effective=o.effective
    ),
    TransferDeposit: lambda ledger, o: ledger.deposit_cancelled_transfer(
        payer=o.payer, order_id=o.order_id, amount=o.amount, effective=o.effective, key=o.key
    ),
    TopUp: lambda ledger, o: ledger.top_up(
        organisation=o.organisation, amount=o.amount, effective=o.effective, key=o.key
    ),
    OrderPayment: lambda ledger, o: ledger.pay_order(
        organisation=o.organisation, order_id=o.order_id, amount=o.amount, effective=o.effective, key=o.key
    ),
    PayoutRequest: lambda ledger, o: ledger.request_payout(
        organisation=o.organisation, amount=o.amount, destination=o.destination, effective=o.effective, key=o.key
    ),
    PayoutCompletion: lambda ledger, o: ledger.complete_payout(request=o.request, effective=o.effective, key=o.key),
    PayoutFailure: lambda ledger, o: ledger.fail_payout(
        request=o.request, effective=o.effective, key=o.key, reason=o.reason
    ),
    PayoutCancellation: lambda ledger, o: ledger.cancel_payout(
        request=o.request, effective=o.effective, key=o.key, reason=o.reason
    ),
    Reversal: lambda ledger, o: ledger.reverse(sequence=o.sequence, effective=o.effective, key=o.key, reason=o.reason),
}

NOT_A_BUSINESS_DAY = [datetime(2026, 3, 2, 9, 0, tzinfo=UTC), datetime(2026, 3, 2, 0, 0), "2026-03-02"]


@pytest.mark.parametrize("effective", NOT_A_BUSINESS_DAY, ids=["aware datetime", "naive datetime", "text"])
@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_operation_posted_alone_refuses_an_effective_that_is_not_a_business_day(
    ledger: Ledger, operation: str, effective: object
) -> None:
    request = OPERATIONS[operation](effective)
    before = snapshot(ledger)

    with pytest.raises(InvalidInput) as raised:
        METHODS[type(request)](ledger, request)

    assert (raised.value.field, raised.value.value) == ("effective", effective)
    assert snapshot(ledger) == before


@pytest.mark.parametrize("effective", NOT_A_BUSINESS_DAY, ids=["aware datetime", "naive datetime", "text"])
@pytest.mark.parametrize("operation", OPERATIONS)
def test_every_operation_in_a_batch_refuses_an_effective_that_is_not_a_business_day(
    ledger: Ledger, operation: str, effective: object
) -> None:
    before = snapshot(ledger)

    with pytest.raises(BatchRefused) as raised:
        ledger.post_many([OPERATIONS["top-up"](MONDAY), OPERATIONS[operation](effective)])

    assert raised.value.index == 1
    assert isinstance(raised.value.error, InvalidInput)
    assert (raised.value.error.field, raised.value.error.value) == ("effective", effective)
    assert snapshot(ledger) == before


@pytest.mark.parametrize(
    "reason", [5, b"refused", "refused\n", "\ud800"], ids=["number", "bytes", "newline", "surrogate"]
)
@pytest.mark.parametrize("operation", WITH_REASON)
def test_every_operation_with_a_reason_refuses_one_that_is_not_printable_text(
    ledger: Ledger, operation: str, reason: object
) -> None:
    request = WITH_REASON[operation](reason)
    before = snapshot(ledger)

    with pytest.raises(InvalidInput) as alone:
        METHODS[type(request)](ledger, request)
    with pytest.raises(BatchRefused) as batched:
        ledger.post_many([request])

    assert alone.value.field == "reason"
    assert str(batched.value.error) == str(alone.value)
    assert snapshot(ledger) == before
