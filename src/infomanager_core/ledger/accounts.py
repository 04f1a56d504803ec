"""Accounts: who holds money in the ledger, in which one currency.

Every account holds exactly one currency. An organisation has one **prepaid** account per currency; it is the only
kind of account that may never go below zero. Every movement into or out of a prepaid account has a **system**
account on its other side, named here and nowhere else:

* ``cashback_expense`` — what the programme pays partners as cashback;
* ``transfers_received`` — money that arrived from outside (bank transfers, top-ups);
* ``order_settlement`` — orders and renewals paid from a prepaid balance;
* ``payouts_in_transit`` — balances paid out to a bank account or PayPal.

Balances follow one sign convention: a positive amount on a prepaid account is money the organisation holds; system
accounts carry the opposite sign, so that every currency sums to zero over the whole ledger.

>>> prepaid("acme", "CHF")
Account(kind=<AccountKind.PREPAID: 'prepaid'>, owner='acme', currency='CHF')
>>> str(system(AccountKind.CASHBACK_EXPENSE, "CHF"))
'cashback_expense:CHF'
"""

from __future__ import annotations

import enum
import functools

import attrs

from ..errors import InvalidInput
from ..money import currency
from ..text import printable_identifier

__all__ = ["Account", "AccountKind", "account_named", "prepaid", "system"]


class AccountKind(enum.StrEnum):
    """What an account is for; ``PREPAID`` belongs to an organisation, the others to the programme."""

    PREPAID = "prepaid"
    CASHBACK_EXPENSE = "cashback_expense"
    TRANSFERS_RECEIVED = "transfers_received"
    ORDER_SETTLEMENT = "order_settlement"
    PAYOUTS_IN_TRANSIT = "payouts_in_transit"


def _check_owner(instance: Account, _attribute: object, owner: str) -> None:
    if instance.kind is not AccountKind.PREPAID:
        if owner:
            raise InvalidInput("owner", owner, "must be empty for a system account")
    elif not isinstance(owner, str) or not owner:
        raise InvalidInput("owner", owner, "must name the organisation that holds a prepaid account")
    else:
        printable_identifier(owner, field="owner")


def _check_currency(_instance: object, _attribute: object, code: str) -> None:
    currency(code)


@attrs.frozen(slots=True, cache_hash=True)  # accounts key every balance lookup: hash once
class Account:
    """An account of one ``kind`` and ``currency``; ``owner`` is the organisation id of a prepaid account."""

    kind: AccountKind = attrs.field(converter=AccountKind)
    owner: str = attrs.field(validator=_check_owner)
    currency: str = attrs.field(validator=_check_currency)
    #: ``prepaid:acme:CHF``, ``transfers_received:CHF``: how statements and errors name the account. No two accounts
    #: share it (the code, always three letters, ends it), so the posting path keys its balances by it: a string is
    #: hashed in C, where an attrs hash is a call into Python.
    name: str = attrs.field(init=False, eq=False, repr=False)

    @name.default
    def _name(self) -> str:
        if self.owner:
            return f"{self.kind.value}:{self.owner}:{self.currency}"
        return f"{self.kind.value}:{self.currency}"

    @property
    def is_prepaid(self) -> bool:
        return self.kind is AccountKind.PREPAID

    def __str__(self) -> str:
        return self.name


@functools.lru_cache(maxsize=4096)
def prepaid(organisation: str, code: str) -> Account:
    """The prepaid account of ``organisation`` in currency ``code``.

    >>> str(prepaid("acme", "EUR"))
    'prepaid:acme:EUR'
    """
    return Account(kind=AccountKind.PREPAID, owner=organisation, currency=code)


@functools.lru_cache(maxsize=256)
def system(kind: AccountKind, code: str) -> Account:
    """The programme's system account of ``kind`` in currency ``code``.

    >>> system(AccountKind.PAYOUTS_IN_TRANSIT, "EUR").is_prepaid
    False
    """
    return Account(kind=kind, owner="", currency=code)


@functools.lru_cache(maxsize=4096)
def account_named(name: str) -> Account:
    """The account whose :attr:`~Account.name` is ``name`` (how journal entries hold accounts: see
    :mod:`~infomanager_core.ledger.entries`).

    >>> account_named("prepaid:acme:CHF") == prepaid("acme", "CHF")
    True
    >>> account_named("transfers_received:CHF") == system(AccountKind.TRANSFERS_RECEIVED, "CHF")
    True
    """
    kind, _, rest = name.partition(":")
    if kind == AccountKind.PREPAID:
        owner, _, code = rest.rpartition(":")  # the code ends the name; an owner may hold a colon
        return prepaid(owner, code)
    return system(AccountKind(kind), rest)
