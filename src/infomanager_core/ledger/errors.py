"""Why the ledger refused an operation: one leaf per broken rule, each carrying its data as attributes.

A refused operation leaves the ledger exactly as it was. Errors about the caller's input derive from
:class:`~infomanager_core.errors.InvalidInput` (and so from ``ValueError``); errors about the ledger's state (not
enough money, a payout already resolved) derive from :class:`LedgerError`. A key reused for other content is both: the
library's :class:`~infomanager_core.errors.KeyReused`, and a :class:`LedgerError`.

>>> error = InsufficientFunds("prepaid:acme:CHF", requested=5000, available=1200)
>>> error.requested - error.available
3800
>>> print(error)
prepaid:acme:CHF: 50.00 CHF requested but only 12.00 CHF available (a prepaid account never goes below zero; pending payouts count)
"""

from __future__ import annotations

from typing import Any

from .. import errors
from ..errors import CurrencyMismatch, InfomanagerError, InvalidInput, KeyReused, NotInMinorUnits
from ..money import Money

__all__ = [
    "AlreadyReversed",
    "AmountOutOfRange",
    "BackdatedTransaction",
    "BatchRefused",
    "CurrencyMismatch",
    "DigestMismatch",
    "FutureDatedTransaction",
    "IdempotencyConflict",
    "InsufficientFunds",
    "InvalidIban",
    "InvalidPaypalAddress",
    "InvariantViolation",
    "LedgerError",
    "NonPositiveAmount",
    "NotAPayoutRequest",
    "NotInMinorUnits",
    "NotReversible",
    "OrderAlreadyPaid",
    "PayoutAlreadyResolved",
    "ReservedKey",
    "UnbalancedTransaction",
    "UnknownAccount",
    "UnknownTransaction",
]


class LedgerError(InfomanagerError):
    """The ledger's state forbids the operation; nothing was written."""


class BatchRefused(LedgerError):
    """An operation of a bulk posting was refused, so nothing of the batch was written.

    ``index`` is the position of the refused operation in the batch and ``error`` the refusal it met, exactly the
    error the same operation raises when posted alone (it is also this error's ``__cause__``).
    """

    def __init__(self, index: int, error: InfomanagerError) -> None:
        self.index = index
        self.error = error
        super().__init__(f"operation {index} of the batch was refused, so none was written: {error}")


class InsufficientFunds(LedgerError):
    """The operation would take a prepaid account's available balance (posted − pending debits) below zero.

    ``requested`` and ``available`` are in minor units of the account's currency.
    """

    def __init__(self, account: str, *, requested: int, available: int) -> None:
        self.account = account
        self.requested = requested
        self.available = available
        code = account.rsplit(":", 1)[-1]
        wanted, left = (Money.from_minor_units(units, code) for units in (requested, available))
        super().__init__(
            f"{account}: {wanted} requested but only {left} available "
            "(a prepaid account never goes below zero; pending payouts count)"
        )


class IdempotencyConflict(LedgerError, KeyReused):
    """An idempotency key already recorded an operation with different content; keys are never reused.

    The ledger's :class:`~infomanager_core.errors.KeyReused`, so an :class:`~infomanager_core.errors.InvalidInput` on
    ``key`` as well as a :class:`LedgerError`: a service answers a key sent again with other content the same way
    wherever it meets it. ``sequence`` is the transaction the key recorded, the answer the first request got.

    >>> error = IdempotencyConflict("bank-1", recorded="top_up|100", submitted="top_up|120", sequence=1)
    >>> isinstance(error, KeyReused), error.field, error.first
    (True, 'key', 'transaction #1')
    """

    def __init__(self, key: str, *, recorded: str, submitted: str, sequence: int) -> None:
        self.key = key
        self.recorded = recorded
        self.submitted = submitted
        self.sequence = sequence
        self.first = f"transaction #{sequence}"
        InvalidInput.__init__(
            self,
            "key",
            key,
            f"already recorded {self.first} as {recorded!r}; it cannot now mean {submitted!r}",
            hint="a retry repeats its request exactly; another request takes a key of its own",
        )


class PayoutAlreadyResolved(LedgerError):
    """A payout request was already completed, failed or cancelled; it resolves exactly once."""

    def __init__(self, request: int, *, resolution: int) -> None:
        self.request = request
        self.resolution = resolution
        super().__init__(f"payout request #{request} was already resolved by transaction #{resolution}")


class OrderAlreadyPaid(LedgerError):
    """The organisation's order is already paid from prepaid by a payment that stands (not reversed); an order is
    paid from prepaid at most once, whatever the key. ``key`` and ``sequence`` are the standing payment's.

    >>> print(OrderAlreadyPaid("acme", "ORD-7", key="pay-ORD-7", sequence=2))
    order_id: 'ORD-7' of organisation 'acme' is already paid from prepaid by transaction #2 (key 'pay-ORD-7'): an order is paid from prepaid at most once while that payment stands (reverse it to pay again)
    """

    def __init__(
        self, organisation: str, order_id: str, *, key: str, sequence: int, hint: str = "reverse it to pay again"
    ) -> None:
        self.organisation = organisation
        self.order_id = order_id
        self.key = key
        self.sequence = sequence
        super().__init__(
            f"order_id: {order_id!r} of organisation {organisation!r} is already paid from prepaid by transaction"
            f" #{sequence} (key {key!r}): an order is paid from prepaid at most once while that payment stands"
            f" ({hint})"
        )


class AlreadyReversed(LedgerError):
    """A transaction was already reversed; it can be reversed only once."""

    def __init__(self, sequence: int, *, reversal: int) -> None:
        self.sequence = sequence
        self.reversal = reversal
        super().__init__(f"transaction #{sequence} was already reversed by transaction #{reversal}")


class NotReversible(LedgerError):
    """The transaction moves no posted money (a pending payout request or its void); resolve the payout instead."""

    def __init__(self, sequence: int, *, kind: str) -> None:
        self.sequence = sequence
        self.kind = kind
        super().__init__(f"transaction #{sequence} ({kind}) moves no posted money and cannot be reversed")


class DigestMismatch(LedgerError):
    """The journal up to ``sequence`` no longer has the digest an auditor kept: a transaction up to it was changed,
    added or removed since (:meth:`~infomanager_core.ledger.Ledger.verify_digest`).

    ``kept`` and ``found`` are both digests' texts (``<sequence>:<scheme>:<hex>``).
    """

    def __init__(self, sequence: int, *, kept: str, found: str) -> None:
        self.sequence = sequence
        self.kept = kept
        self.found = found
        super().__init__(
            f"the journal up to #{sequence} does not match the kept digest: kept {kept}, found {found} "
            "(a transaction up to it was changed, added or removed since the digest was kept)"
        )


class InvariantViolation(LedgerError, errors.InvariantViolation):
    """:func:`~infomanager_core.ledger.check_invariants` found a ledger that breaks one of its laws.

    The library's :class:`~infomanager_core.errors.InvariantViolation`, with ``law`` and ``detail``, that is also a
    :class:`LedgerError`; its message reads ``ledger invariant broken: <law>: <repr of the detail>``.
    """

    @staticmethod
    def _message(law: str, detail: Any) -> str:
        return f"ledger invariant broken: {law}: {detail!r}"


class UnknownAccount(InvalidInput):
    """No money was ever credited to this account, so it has no balance to show or spend."""


class UnknownTransaction(InvalidInput):
    """No transaction carries this sequence number."""


class NotAPayoutRequest(InvalidInput):
    """Only a payout request can be completed, failed or cancelled."""


class UnbalancedTransaction(InvalidInput):
    """The postings of a transaction do not sum to zero in every currency."""


class NonPositiveAmount(InvalidInput):
    """Operations move a strictly positive amount; direction is given by the operation, never by the sign."""


class BackdatedTransaction(InvalidInput):
    """The effective date is earlier than the latest recorded transaction's; correct the past with a reversal dated today."""


class FutureDatedTransaction(InvalidInput):
    """The effective date is later than the ledger's business day allows (a typo would block every later posting)."""


class ReservedKey(InvalidInput):
    """A caller's idempotency key in the ledger's own namespace (``cashback:…``, the keys of orders' cashbacks): it
    would take the key of an order's cashback, which could then never be credited."""


class AmountOutOfRange(InvalidInput):
    """An amount or a balance beyond what the ledger stores exactly (64-bit integers of minor units): an amount past
    what one operation moves, or a balance past what Money holds in its currency, which could no longer be reported."""


class InvalidIban(InvalidInput):
    """An IBAN with a wrong length for its country, bad characters or failing its mod-97 check digits."""


class InvalidPaypalAddress(InvalidInput):
    """A PayPal destination that is not a plausible e-mail address."""
