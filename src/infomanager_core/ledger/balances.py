"""Balances: what an account holds, posted and reserved, and how each transaction changes it.

An account's balance has three parts, all in integer minor units:

* ``posted`` — the sum of its posted postings;
* ``pending_debits`` / ``pending_credits`` — what unresolved payout requests reserve to leave or enter it;
* ``available`` = ``posted − pending_debits`` — what may still be spent or paid out.

A prepaid account never has a negative ``available`` (and so never a negative ``posted``). Stores keep each
account's balance up to date on every write, so the current balance is read in constant time; :func:`replay`
recomputes balances from the journal for past moments and audits.

>>> AccountBalance(posted=5000, pending_debits=1200).available
3800
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from ..errors import InvalidInput
from ..money import Money
from .accounts import Account, checked_account
from .transaction import VOIDS, Transaction

__all__ = ["AccountBalance", "Balances", "account_balance", "balance_changes", "replay"]


@attrs.frozen(slots=True, kw_only=True)
class AccountBalance:
    """An account's balance in minor units; the unit of storage and arithmetic."""

    posted: int = 0
    pending_debits: int = 0
    pending_credits: int = 0

    @property
    def available(self) -> int:
        return self.posted - self.pending_debits

    def plus(self, change: AccountBalance) -> AccountBalance:
        """This balance after ``change`` (a balance used as a delta).

        >>> AccountBalance(posted=10).plus(AccountBalance(posted=-3, pending_debits=2))
        AccountBalance(posted=7, pending_debits=2, pending_credits=0)
        """
        return account_balance(
            self.posted + change.posted,
            self.pending_debits + change.pending_debits,
            self.pending_credits + change.pending_credits,
        )


ZERO = AccountBalance()

_new = object.__new__
_set_posted, _set_pending_debits, _set_pending_credits = (
    AccountBalance.__dict__[field.name].__set__ for field in attrs.fields(AccountBalance)
)


def account_balance(posted: int, pending_debits: int = 0, pending_credits: int = 0) -> AccountBalance:
    """An :class:`AccountBalance` from int parts, built directly (every write builds several: a hot path).

    >>> account_balance(700, 200)
    AccountBalance(posted=700, pending_debits=200, pending_credits=0)
    """
    balance: AccountBalance = _new(AccountBalance)
    _set_posted(balance, posted)
    _set_pending_debits(balance, pending_debits)
    _set_pending_credits(balance, pending_credits)
    return balance


@attrs.frozen(slots=True, kw_only=True)
class Balances:
    """An account's balance as money: what the ledger reports to people.

    ``pending`` is what unresolved payout requests reserve to leave the account (its pending debits).
    """

    account: Account
    posted: Money
    pending: Money
    available: Money

    @classmethod
    def of(cls, account: Account, balance: AccountBalance) -> Balances:
        """``balance`` (minor units) as the money of ``account``'s currency.

        >>> from .accounts import prepaid
        >>> Balances.of(prepaid("acme", "CHF"), AccountBalance(posted=1250, pending_debits=250)).available
        Money('10.00', 'CHF')
        """
        checked_account(account)
        if not isinstance(balance, AccountBalance):
            raise InvalidInput("balance", balance, "must be an AccountBalance")
        code = account.currency
        return cls(
            account=account,
            posted=Money.from_minor_units(balance.posted, code),
            pending=Money.from_minor_units(balance.pending_debits, code),
            available=Money.from_minor_units(balance.available, code),
        )


def balance_changes(transaction: Transaction, request: Transaction | None = None) -> dict[Account, AccountBalance]:
    """How ``transaction`` changes each account it touches; ``request`` is the payout request it resolves, if any.

    A pending transaction reserves; a completion posts and releases its request's reservation; a failure or
    cancellation only releases it; every other transaction posts.

    >>> from datetime import date, datetime, UTC
    >>> from .accounts import AccountKind, prepaid, system
    >>> from .transaction import Posting, TransactionKind
    >>> request = Transaction(
    ...     sequence=2, key="payout-1", kind=TransactionKind.PAYOUT_REQUEST, effective=date(2026, 3, 2),
    ...     recorded_at=datetime(2026, 3, 2, tzinfo=UTC), pending=True,
    ...     postings=(Posting(prepaid("acme", "CHF"), -700), Posting(system(AccountKind.PAYOUTS_IN_TRANSIT, "CHF"), 700)),
    ... )
    >>> balance_changes(request)[prepaid("acme", "CHF")]
    AccountBalance(posted=0, pending_debits=700, pending_credits=0)
    >>> balance_changes("payout-1")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvalidInput: transaction: 'payout-1' must be a Transaction
    """
    if not isinstance(transaction, Transaction):
        raise InvalidInput("transaction", transaction, "must be a Transaction")
    if request is not None and not isinstance(request, Transaction):
        raise InvalidInput("request", request, "must be the payout request's Transaction, or None")
    return changes_of(transaction, request)


def changes_of(transaction: Transaction, request: Transaction | None) -> dict[Account, AccountBalance]:
    """:func:`balance_changes` of a transaction the ledger read or built itself: unchecked, for replays and audits."""
    # [posted, pending_debits, pending_credits] per account, as ints until the end: this runs on every write.
    totals: dict[Account, list[int]] = {}
    if transaction.pending:
        for posting in transaction.postings:
            part = totals.setdefault(posting.account, [0, 0, 0])
            if posting.units < 0:
                part[1] -= posting.units
            else:
                part[2] += posting.units
    else:
        if request is not None:
            for posting in request.postings:
                part = totals.setdefault(posting.account, [0, 0, 0])
                if posting.units < 0:
                    part[1] += posting.units
                else:
                    part[2] -= posting.units
        if transaction.kind not in VOIDS:
            for posting in transaction.postings:
                totals.setdefault(posting.account, [0, 0, 0])[0] += posting.units
    return {account: account_balance(posted, debits, credits) for account, (posted, debits, credits) in totals.items()}


def replay(
    transactions: Iterable[Transaction],
    *,
    upto: int | None = None,
    requests: Mapping[int, Transaction] | None = None,
) -> dict[Account, AccountBalance]:
    """Every account's balance change from applying ``transactions`` in order, stopping after sequence ``upto``.

    From the start of a journal, that is every balance. ``requests`` holds the payout requests, earlier than
    ``transactions``, that some of them resolve.

    >>> replay([])
    {}
    >>> replay([], upto="7")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvalidInput: upto: '7' must be a sequence number (an int) or None
    """
    if isinstance(transactions, str | bytes) or not isinstance(transactions, Iterable):
        raise InvalidInput("transactions", transactions, "must be the journal's transactions, in sequence order")
    if upto is not None and (isinstance(upto, bool) or not isinstance(upto, int)):
        raise InvalidInput("upto", upto, "must be a sequence number (an int) or None")
    known: dict[int, Transaction] = dict(requests) if isinstance(requests, Mapping) else {}
    if not (requests is None or isinstance(requests, Mapping)) or not all(
        isinstance(request, Transaction) for request in known.values()
    ):
        raise InvalidInput("requests", requests, "must map payout requests' sequences to their transactions")
    balances: dict[Account, AccountBalance] = {}
    for transaction in transactions:
        if not isinstance(transaction, Transaction):
            raise InvalidInput("transactions", transaction, "must be the journal's transactions, in sequence order")
        if upto is not None and transaction.sequence > upto:
            break
        if transaction.pending:
            known[transaction.sequence] = transaction
        request = known.get(transaction.resolves) if transaction.resolves is not None else None
        for account, change in changes_of(transaction, request).items():
            balances[account] = balances.get(account, ZERO).plus(change)
    return balances
