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


def _kind(value: object) -> AccountKind:
    """``value`` as an :class:`AccountKind` (a member or its value), refused by name otherwise."""
    try:
        return AccountKind(value)  # type: ignore[arg-type]  # a member, its value, or refused below
    except Exception:  # no kind's value, or a value that cannot even be compared (unhashable, a signalling NaN)
        raise InvalidInput(
            "kind", value, f"must be an AccountKind ({', '.join(kind.value for kind in AccountKind)})"
        ) from None


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
    """An account of one ``kind`` and ``currency``; ``owner`` is the organisation id of a prepaid account.

    >>> Account(AccountKind.PREPAID, "acme", "CHF").name
    'prepaid:acme:CHF'
    """

    kind: AccountKind = attrs.field(converter=_kind)
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


def prepaid(organisation: object, code: object) -> Account:
    """The prepaid account of ``organisation`` in currency ``code`` (anything else than an id and a currency code is
    refused by name, as :class:`Account` refuses it).

    >>> str(prepaid("acme", "EUR"))
    'prepaid:acme:EUR'
    >>> prepaid(["acme"], "EUR")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.InvalidInput: owner: ['acme'] must name the organisation that holds a prepaid account
    """
    try:
        return _PREPAID[organisation, code]
    except KeyError:
        pass
    except Exception:  # a key that cannot be hashed (a list, a signalling NaN): Account refuses it by name below
        return Account(kind=AccountKind.PREPAID, owner=organisation, currency=code)  # type: ignore[arg-type]
    account = Account(kind=AccountKind.PREPAID, owner=organisation, currency=code)  # type: ignore[arg-type]
    _remember(_PREPAID, (organisation, code), account)
    return account


def system(kind: AccountKind, code: str) -> Account:
    """The programme's system account of ``kind`` in currency ``code``.

    >>> system(AccountKind.PAYOUTS_IN_TRANSIT, "EUR").is_prepaid
    False
    """
    try:
        return _SYSTEM[kind, code]
    except KeyError:
        pass
    except Exception:  # a key that cannot be hashed: Account refuses it by name below
        return Account(kind=kind, owner="", currency=code)
    account = Account(kind=kind, owner="", currency=code)
    _remember(_SYSTEM, (kind, code), account)
    return account


# Accounts key every balance look-up: each is built once and remembered. A dict look-up answers any argument; only
# an Account that was built (so checked) is remembered, and the memory is emptied when it grows past its bound.
_PREPAID: dict[tuple[object, object], Account] = {}
_SYSTEM: dict[tuple[object, object], Account] = {}
_REMEMBERED = 4096


def _remember(accounts: dict[tuple[object, object], Account], key: tuple[object, object], account: Account) -> None:
    if len(accounts) >= _REMEMBERED:
        accounts.clear()
    accounts[key] = account


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


def checked_account(value: object) -> Account:
    """``value`` if it is an :class:`Account`; anything else (its text, a tuple) is refused naming ``account``."""
    if not isinstance(value, Account):
        raise InvalidInput("account", value, "must be an Account", hint="e.g. prepaid('acme', 'CHF')")
    return value
