"""Transactions: the journal's only entries, each a balanced set of postings in integer minor units.

Invariants of a :class:`Transaction`:

* its postings sum to exactly zero in every currency, and each posting's currency is its account's;
* amounts are ``int`` minor units (cents, rappen…), never decimals or floats;
* it is never edited or deleted: a correction is a new transaction whose ``reverses`` names the original, and a
  payout request is settled by a new transaction whose ``resolves`` names the request;
* its ``sequence`` is strictly greater than every earlier transaction's.

A **pending** transaction (a payout request) reserves its postings without posting them: they count in the pending
balances until a completion posts them or a failure or cancellation voids them.

>>> from datetime import date, datetime, UTC
>>> from .accounts import AccountKind, prepaid, system
>>> top_up = Transaction(
...     sequence=1, key="topup-1", kind=TransactionKind.TOP_UP, effective=date(2026, 3, 2),
...     recorded_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
...     postings=(Posting(prepaid("acme", "CHF"), 5000), Posting(system(AccountKind.TRANSFERS_RECEIVED, "CHF"), -5000)),
... )
>>> top_up.units_for(prepaid("acme", "CHF"))
5000
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, datetime

import attrs

from ..errors import CurrencyMismatch, InvalidAmount, InvalidInput
from ..money import Money
from ..text import printable, printable_identifier
from .accounts import Account, checked_account
from .errors import UnbalancedTransaction

__all__ = ["Posting", "Transaction", "TransactionKind"]


class TransactionKind(enum.StrEnum):
    """What a transaction records; each operation of the ledger writes exactly one kind."""

    CASHBACK = "cashback"
    TRANSFER_DEPOSIT = "transfer_deposit"
    TOP_UP = "top_up"
    ORDER_PAYMENT = "order_payment"
    PAYOUT_REQUEST = "payout_request"
    PAYOUT_COMPLETION = "payout_completion"
    PAYOUT_FAILURE = "payout_failure"
    PAYOUT_CANCELLATION = "payout_cancellation"
    REVERSAL = "reversal"


#: Kinds that settle a payout request; exactly one of them may name a given request.
RESOLUTIONS = frozenset(
    {TransactionKind.PAYOUT_COMPLETION, TransactionKind.PAYOUT_FAILURE, TransactionKind.PAYOUT_CANCELLATION}
)
#: Resolutions that release the reservation without moving money.
VOIDS = frozenset({TransactionKind.PAYOUT_FAILURE, TransactionKind.PAYOUT_CANCELLATION})


def _check_units(_instance: object, _attribute: object, units: int) -> None:
    if isinstance(units, bool) or not isinstance(units, int):
        raise InvalidAmount("units", units, "must be an int number of minor units")
    if units == 0:
        raise InvalidAmount("units", units, "must not be zero (a posting moves money)")


def _check_account(_instance: object, _attribute: object, account: Account) -> None:
    checked_account(account)


@attrs.frozen(slots=True)
class Posting:
    """``units`` minor units on ``account``: positive adds to the account's balance, negative takes from it."""

    account: Account = attrs.field(validator=_check_account)
    units: int = attrs.field(validator=_check_units)

    @classmethod
    def of(cls, account: Account, amount: Money) -> Posting:
        """A posting of ``amount``, which must be in the account's currency and in whole minor units.

        >>> from .accounts import prepaid
        >>> Posting.of(prepaid("acme", "CHF"), Money("12.50", "CHF")).units
        1250
        """
        checked_account(account)
        if not isinstance(amount, Money):
            raise InvalidAmount("amount", amount, "must be Money", hint="e.g. Money('12.50', 'CHF')")
        if amount.currency != account.currency:
            raise CurrencyMismatch(
                "currency",
                (account.currency, amount.currency),
                f"an amount must be in the currency of account {account}",
            )
        if amount.is_zero():
            raise InvalidAmount("amount", amount, "must not be zero (a posting moves money)")
        return cls(account, amount.minor_units())

    @property
    def amount(self) -> Money:
        return Money.from_minor_units(self.units, self.account.currency)


def _check_balanced(_instance: object, _attribute: object, postings: tuple[Posting, ...]) -> None:
    totals: dict[str, int] = {}
    for posting in postings:
        if not isinstance(posting, Posting):
            raise InvalidInput("postings", posting, "must be Posting values")
        totals[posting.account.currency] = totals.get(posting.account.currency, 0) + posting.units
    unbalanced = {code: total for code, total in sorted(totals.items()) if total}
    if unbalanced:
        raise UnbalancedTransaction(
            "postings", unbalanced, "must sum to zero in every currency (double entry)", hint="add the other side"
        )


def _as_postings(postings: Iterable[Posting]) -> tuple[Posting, ...]:
    return tuple(postings)


def _as_pairs(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    if isinstance(pairs, str | bytes) or not isinstance(pairs, Iterable):
        raise InvalidInput("metadata", pairs, _METADATA_RULE)
    checked = tuple(pairs)
    for pair in checked:
        if not (isinstance(pair, tuple | list) and len(pair) == 2 and all(isinstance(part, str) for part in pair)):
            raise InvalidInput("metadata", checked, _METADATA_RULE, hint=f"not {pair!r}")
        for part in pair:  # what every writer of the ledger checks: a table, a log or a UTF-8 export never breaks
            printable(part, field="metadata")
    return tuple(pair if type(pair) is tuple else (pair[0], pair[1]) for pair in checked)


_METADATA_RULE = "must be (name, text) pairs of texts"


def _check_sequence(_instance: object, _attribute: object, sequence: int) -> None:
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 1:
        raise InvalidInput("sequence", sequence, "must be an int ≥ 1")


def _check_recorded_at(_instance: object, _attribute: object, moment: datetime) -> None:
    # no zone, or a zone without an offset: naive as Python defines it
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise InvalidInput("recorded_at", moment, "must be a timezone-aware datetime")


def _check_key(_instance: object, _attribute: object, key: str) -> None:
    printable_identifier(key, field="key")


def _check_effective(_instance: object, _attribute: object, day: date) -> None:
    if not isinstance(day, date) or isinstance(day, datetime):
        raise InvalidInput("effective", day, "must be a date (the business day), not a moment")


def _check_flag(_instance: object, attribute: attrs.Attribute[bool], flag: bool) -> None:
    if not isinstance(flag, bool):
        raise InvalidInput(attribute.name, flag, "must be True or False")


def _check_link(_instance: object, attribute: attrs.Attribute[int | None], link: int | None) -> None:
    if link is not None and (isinstance(link, bool) or not isinstance(link, int) or link < 1):
        raise InvalidInput(attribute.name, link, "must be None or the sequence (an int ≥ 1) of another transaction")


@attrs.frozen(slots=True, kw_only=True)
class Transaction:
    """One journal entry. Built by the :class:`~infomanager_core.ledger.Ledger`'s operations, never edited."""

    sequence: int = attrs.field(validator=_check_sequence)
    key: str = attrs.field(validator=_check_key)
    kind: TransactionKind = attrs.field(converter=TransactionKind)
    effective: date = attrs.field(validator=_check_effective)
    recorded_at: datetime = attrs.field(validator=_check_recorded_at)
    postings: tuple[Posting, ...] = attrs.field(converter=_as_postings, validator=_check_balanced)
    pending: bool = attrs.field(default=False, validator=_check_flag)
    reverses: int | None = attrs.field(default=None, validator=_check_link)
    resolves: int | None = attrs.field(default=None, validator=_check_link)
    metadata: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_as_pairs)

    def units_for(self, account: Account) -> int:
        """The net minor units this transaction puts on ``account`` (0 when it does not touch it)."""
        name = checked_account(
            account
        ).name  # anything else touches no account, and would silently answer 0  # accounts differ exactly when their names do: a string compared in C
        units = 0
        for posting in self.postings:
            if posting.account.name == name:
                units += posting.units
        return units

    def meta(self, name: str) -> str | None:
        """The metadata value recorded under ``name`` (order id, payout destination…), or ``None``."""
        if not isinstance(name, str):  # anything else is under no name, and would silently answer None
            raise InvalidInput("name", name, "must be a str")
        for key, value in self.metadata:
            if key == name:
                return value
        return None

    @property
    def accounts(self) -> tuple[Account, ...]:
        return tuple(dict.fromkeys(posting.account for posting in self.postings))


# -- trusted construction: the ledger's hot path ----------------------------------------------------------------------
# The Ledger builds postings from amounts it has just validated and transactions from postings that balance by
# construction (a transfer of one amount, the negation or the copy of a stored transaction). Running the validators
# and converters again costs more than the rest of an operation, so these fill the slots directly, like Money's
# ``_make``. Anything built from outside data still goes through the validating ``__init__``.

_new = object.__new__
_set_account, _set_units = (Posting.__dict__[name].__set__ for name in ("account", "units"))
(
    _set_sequence,
    _set_key,
    _set_kind,
    _set_effective,
    _set_recorded_at,
    _set_postings,
    _set_pending,
    _set_reverses,
    _set_resolves,
    _set_metadata,
) = (Transaction.__dict__[field.name].__set__ for field in attrs.fields(Transaction))


def trusted_posting(account: Account, units: int) -> Posting:
    """A posting of non-zero int ``units`` the caller has already checked (no validation)."""
    posting: Posting = _new(Posting)
    _set_account(posting, account)
    _set_units(posting, units)
    return posting


def trusted_transaction(
    sequence: int,
    key: str,
    kind: TransactionKind,
    effective: date,
    recorded_at: datetime,
    postings: tuple[Posting, ...],
    pending: bool,
    reverses: int | None,
    resolves: int | None,
    metadata: tuple[tuple[str, str], ...],
) -> Transaction:
    """A transaction from already-valid field values (no validation, no conversion)."""
    transaction: Transaction = _new(Transaction)
    _set_sequence(transaction, sequence)
    _set_key(transaction, key)
    _set_kind(transaction, kind)
    _set_effective(transaction, effective)
    _set_recorded_at(transaction, recorded_at)
    _set_postings(transaction, postings)
    _set_pending(transaction, pending)
    _set_reverses(transaction, reverses)
    _set_resolves(transaction, resolves)
    _set_metadata(transaction, metadata)
    return transaction
