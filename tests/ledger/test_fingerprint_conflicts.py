"""Fingerprints: one template per kind of transaction, the stored format for every kind, and conflicts that name both."""

from __future__ import annotations

import string
from datetime import date

import pytest
from hypothesis import given

from infomanager_core import Money
from infomanager_core.ledger import (
    BatchRefused,
    CashbackCredit,
    Iban,
    IdempotencyConflict,
    Ledger,
    Operation,
    OrderPayment,
    PayoutCancellation,
    PayoutCompletion,
    PayoutFailure,
    PayoutRequest,
    PaypalAddress,
    Reversal,
    TopUp,
    TransactionKind,
    TransferDeposit,
)
from infomanager_core.ledger.plans import FINGERPRINT, FINGERPRINTS, KIND, cashback_key, plan_of

from .support import snapshot
from .test_bulk import post_one
from .test_fingerprints import amounts, reasons, recorded, stored_format, texts

DAY = date(2026, 3, 2)
IBAN = Iban("CH9300762011623852957")
PAYPAL = PaypalAddress("billing@acme.ch")

#: One operation of each kind, in an order the ledger accepts (sequences 1 to 11).
HISTORY: list[Operation] = [
    TopUp(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t"),  # 1
    CashbackCredit(partner="acme", order_id="A-1", amount=Money("10", "CHF"), effective=DAY),  # 2
    TransferDeposit(payer="acme", order_id="A-2", amount=Money("5", "CHF"), effective=DAY, key="d"),  # 3
    OrderPayment(organisation="acme", order_id="A-3", amount=Money("20", "CHF"), effective=DAY, key="p"),  # 4
    PayoutRequest(organisation="acme", amount=Money("10", "CHF"), destination=IBAN, effective=DAY, key="r"),  # 5
    PayoutCompletion(request=5, effective=DAY, key="c"),  # 6
    PayoutRequest(organisation="acme", amount=Money("10", "CHF"), destination=PAYPAL, effective=DAY, key="r2"),  # 7
    PayoutFailure(request=7, effective=DAY, key="f", reason="closed"),  # 8
    PayoutRequest(organisation="acme", amount=Money("10", "CHF"), destination=IBAN, effective=DAY, key="r3"),  # 9
    PayoutCancellation(request=9, effective=DAY, key="x", reason="asked by the partner"),  # 10
    Reversal(sequence=2, effective=DAY, key="v", reason="order cancelled"),  # 11
]

#: For each kind, the same key with other content, and the fingerprint that content has in the stored format.
CONFLICTS: list[tuple[Operation, str]] = [
    (
        TopUp(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t", reference="bank"),
        stored_format("top_up", organisation="acme", amount=Money("100", "CHF"), reference="bank"),
    ),
    (
        CashbackCredit(partner="globex", order_id="A-1", amount=Money("10", "CHF"), effective=DAY),
        stored_format("cashback", partner="globex", order="A-1", amount=Money("10", "CHF")),
    ),
    (
        TransferDeposit(payer="acme", order_id="A-2", amount=Money("5", "EUR"), effective=DAY, key="d"),
        stored_format("transfer_deposit", payer="acme", order="A-2", amount=Money("5", "EUR")),
    ),
    (
        OrderPayment(organisation="acme", order_id="A-3", amount=Money("20", "CHF"), effective=DAY, key="p",
                     partial=True),
        stored_format("order_payment", organisation="acme", order="A-3", amount=Money("20", "CHF"), partial=True),
    ),
    (
        PayoutRequest(organisation="acme", amount=Money("10", "CHF"), destination=PAYPAL, effective=DAY, key="r"),
        stored_format("payout_request", organisation="acme", amount=Money("10", "CHF"), destination=PAYPAL),
    ),
    (
        PayoutCompletion(request=7, effective=DAY, key="c"),
        stored_format("payout_completion", request=7, reason=None),
    ),
    (
        PayoutFailure(request=7, effective=DAY, key="f", reason=None),
        stored_format("payout_failure", request=7, reason=None),
    ),
    (
        PayoutCancellation(request=9, effective=DAY, key="x", reason="asked twice"),
        stored_format("payout_cancellation", request=9, reason="asked twice"),
    ),
    (
        Reversal(sequence=3, effective=DAY, key="v", reason="order cancelled"),
        stored_format("reversal", sequence=3, reason="order cancelled"),
    ),
]  # fmt: skip


KINDS = [type(operation).__name__ for operation, _ in CONFLICTS]


def key_of(operation: Operation) -> str:
    return cashback_key(operation.order_id) if isinstance(operation, CashbackCredit) else operation.key


def test_every_kind_of_transaction_has_exactly_one_fingerprint_template() -> None:
    assert sorted(FINGERPRINTS) == sorted(kind.value for kind in TransactionKind)
    for kind, template in FINGERPRINTS.items():
        assert template.startswith(f"{kind}|")


def test_every_operation_writes_the_kind_its_fingerprint_names() -> None:
    written = set()
    for operation in HISTORY:
        plan = plan_of(operation)
        kind, *values = plan[FINGERPRINT]
        assert kind == plan[KIND]
        placeholders = [field for _, field, _, _ in string.Formatter().parse(FINGERPRINTS[kind]) if field is not None]
        assert len(values) == len(placeholders)
        written.add(kind)
    assert written == set(FINGERPRINTS)  # every template is used by some operation


@given(organisation=texts, amount=amounts, reason=reasons)
def test_a_payout_cancellation_records_its_fingerprint_in_the_stored_format(
    organisation: str, amount: Money, reason: str | None
) -> None:
    ledger = Ledger()
    ledger.top_up(organisation=organisation, amount=amount, effective=DAY, key="t")
    request = ledger.request_payout(organisation=organisation, amount=amount, destination=IBAN, effective=DAY, key="r")
    ledger.cancel_payout(request=request.sequence, effective=DAY, key="x", reason=reason)
    assert recorded(ledger, "x") == stored_format("payout_cancellation", request=request.sequence, reason=reason)


def test_a_payout_cancellation_reads_as_what_it_cancels() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t")
    ledger.request_payout(organisation="acme", amount=Money("60", "CHF"), destination=IBAN, effective=DAY, key="r")
    ledger.cancel_payout(request=2, effective=DAY, key="x", reason="asked by the partner")
    assert recorded(ledger, "x") == "payout_cancellation|reason='asked by the partner'|request=2"


@pytest.fixture
def history(ledger: Ledger) -> Ledger:
    for operation in HISTORY:
        post_one(ledger, operation)
    return ledger


@pytest.mark.parametrize(("conflicting", "submitted"), CONFLICTS, ids=KINDS)
def test_a_key_resubmitted_with_other_content_is_refused_naming_both_fingerprints(
    history: Ledger, conflicting: Operation, submitted: str
) -> None:
    key = key_of(conflicting)
    stored = recorded(history, key)
    before = snapshot(history)
    with pytest.raises(IdempotencyConflict) as refused:
        post_one(history, conflicting)
    conflict = refused.value
    assert (conflict.key, conflict.recorded, conflict.submitted) == (key, stored, submitted)
    assert conflict.sequence == next(t.sequence for t in history.journal() if t.key == key)
    assert repr(stored) in str(conflict)
    assert repr(submitted) in str(conflict)
    assert snapshot(history) == before


@pytest.mark.parametrize(("conflicting", "submitted"), CONFLICTS, ids=KINDS)
def test_a_conflicting_resubmission_refuses_a_whole_batch_with_the_conflict_as_its_error(
    history: Ledger, conflicting: Operation, submitted: str
) -> None:
    key = key_of(conflicting)
    stored = recorded(history, key)
    before = snapshot(history)
    fresh = TopUp(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="fresh")
    with pytest.raises(BatchRefused) as refused:
        history.post_many([fresh, HISTORY[0], conflicting, fresh])
    assert refused.value.index == 2
    conflict = refused.value.error
    assert isinstance(conflict, IdempotencyConflict)
    assert (conflict.key, conflict.recorded, conflict.submitted) == (key, stored, submitted)
    assert repr(stored) in str(refused.value)
    assert repr(submitted) in str(refused.value)
    assert snapshot(history) == before
    with history.store.reading() as reader:
        assert reader.recorded("fresh") is None


def test_a_conflict_inside_one_batch_names_the_batch_s_own_fingerprint(ledger: Ledger) -> None:
    first = TopUp(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t")
    other = TopUp(organisation="acme", amount=Money("100", "EUR"), effective=DAY, key="t")
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many([first, other])
    conflict = refused.value.error
    assert isinstance(conflict, IdempotencyConflict)
    assert conflict.recorded == stored_format("top_up", organisation="acme", amount=Money("100", "CHF"), reference=None)
    assert conflict.submitted == stored_format(
        "top_up", organisation="acme", amount=Money("100", "EUR"), reference=None
    )
    assert conflict.sequence == 1
    assert ledger.journal() == ()
