"""The ledger's refusals as a caller catches them: by their documented family, with their data as attributes.

``docs/decisions.md`` (Ledger, "Errors"): refusals caused by the ledger's state derive from ``LedgerError`` (a refused
batch too), refusals of the caller's input from ``InvalidInput`` (so ``ValueError``). An ``except LedgerError``
around ``post_many`` must go on catching a refused batch.
"""

from __future__ import annotations

from typing import Any

import pytest

from infomanager_core.errors import InfomanagerError, InvalidInput
from infomanager_core.ledger import errors
from infomanager_core.ledger.errors import (
    AlreadyReversed,
    AmountOutOfRange,
    BackdatedTransaction,
    BatchRefused,
    DigestMismatch,
    FutureDatedTransaction,
    IdempotencyConflict,
    InsufficientFunds,
    InvalidIban,
    InvalidPaypalAddress,
    InvariantViolation,
    LedgerError,
    NonPositiveAmount,
    NotAPayoutRequest,
    NotReversible,
    OrderAlreadyPaid,
    PayoutAlreadyResolved,
    ReservedKey,
    UnbalancedTransaction,
    UnknownAccount,
    UnknownTransaction,
)
from tests.error_support import assert_keeps_its_data_even_pickled, errors_defined_in

SHORT = InsufficientFunds("prepaid:acme:CHF", requested=5000, available=1200)

#: Each refusal of the ledger's state, built as the ledger builds it, with the data it must keep.
STATE: list[tuple[LedgerError, dict[str, Any]]] = [
    (SHORT, {"account": "prepaid:acme:CHF", "requested": 5000, "available": 1200}),
    (BatchRefused(2, SHORT), {"index": 2, "error": SHORT}),
    (
        IdempotencyConflict("t-1", recorded="top_up 5.00", submitted="top_up 6.00", sequence=7),
        {"key": "t-1", "recorded": "top_up 5.00", "submitted": "top_up 6.00", "sequence": 7},
    ),
    (PayoutAlreadyResolved(3, resolution=4), {"request": 3, "resolution": 4}),
    (AlreadyReversed(5, reversal=6), {"sequence": 5, "reversal": 6}),
    (NotReversible(8, kind="payout_request"), {"sequence": 8, "kind": "payout_request"}),
    (
        OrderAlreadyPaid("acme", "ORD-7", key="pay-ORD-7", sequence=2),
        {"organisation": "acme", "order_id": "ORD-7", "key": "pay-ORD-7", "sequence": 2},
    ),
    (InvariantViolation("balanced", {"CHF": 1}), {"law": "balanced", "detail": {"CHF": 1}}),
    (
        DigestMismatch(4, kept="4:im-sha256-1:" + "a" * 64, found="4:im-sha256-1:" + "b" * 64),
        {"sequence": 4, "kept": "4:im-sha256-1:" + "a" * 64, "found": "4:im-sha256-1:" + "b" * 64},
    ),
]
#: Each refusal of the caller's input: an ``InvalidInput`` naming field, value and rule.
INPUT: list[type[InvalidInput]] = [
    UnknownAccount,
    UnknownTransaction,
    NotAPayoutRequest,
    UnbalancedTransaction,
    NonPositiveAmount,
    BackdatedTransaction,
    FutureDatedTransaction,
    ReservedKey,
    AmountOutOfRange,
    InvalidIban,
    InvalidPaypalAddress,
]


def test_every_error_the_ledger_defines_is_in_one_family_here() -> None:
    assert errors_defined_in(errors) == {LedgerError, *(type(error) for error, _ in STATE), *INPUT}


@pytest.mark.parametrize(("error", "data"), STATE, ids=[type(error).__name__ for error, _ in STATE])
def test_a_refusal_of_the_ledgers_state_is_a_ledger_error_keeping_its_data_even_pickled(
    error: LedgerError, data: dict[str, Any]
) -> None:
    assert isinstance(error, LedgerError)
    assert isinstance(error, InfomanagerError)
    assert_keeps_its_data_even_pickled(error, data)


@pytest.mark.parametrize("leaf", INPUT, ids=lambda leaf: leaf.__name__)
def test_a_refusal_of_the_callers_input_is_invalid_input_naming_field_value_and_rule(
    leaf: type[InvalidInput],
) -> None:
    error = leaf("amount", -5, "must be positive", hint="e.g. 5")
    assert isinstance(error, InvalidInput)
    assert isinstance(error, ValueError)
    assert isinstance(error, InfomanagerError)
    assert (error.field, error.value, error.rule, error.hint) == ("amount", -5, "must be positive", "e.g. 5")
