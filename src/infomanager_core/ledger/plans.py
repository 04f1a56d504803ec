"""Plans: what each operation request asks of the ledger, checked before anything is read or written.

A plan is everything about an operation that does not depend on the journal: its idempotency key, kind, business
date, fingerprint, the two accounts and the amount, and which :data:`Rule` the journal must satisfy (enough money,
an unresolved payout request…). There is one plan function per operation, taking the arguments of its
:class:`Ledger` method; the method calls it directly, and :func:`plan_of` calls it with the fields of a request
(:class:`TopUp`, :class:`OrderPayment`…) for :meth:`~infomanager_core.ledger.Ledger.post_many` — so bad input is
refused with the same typed errors on either path. The unit of work (:mod:`~infomanager_core.ledger.batch`) then
applies the plan against the journal.

>>> from datetime import date
>>> from infomanager_core.money import Money
>>> plan = plan_of(TopUp(organisation="acme", amount=Money("12.50", "CHF"), effective=date(2026, 3, 2), key="t-1"))
>>> key, kind, effective, fingerprint, rule, first, second, units, link, meta = plan
>>> key, str(first), str(second), units, fingerprint_text(fingerprint)
('t-1', 'prepaid:acme:CHF', 'transfers_received:CHF', 1250, "top_up|amount=(1250, 'CHF')|organisation='acme'|reference=None")

A **fingerprint** says canonically what an operation does: ``kind|name='value'|…`` with names sorted and each value
quoted (``repr`` of the value as it is, money as ``(minor units, code)``), so no value can forge a separator and two
contents never share a fingerprint (``None``, ``"None"``, ``5`` and ``"5"`` stay apart). The text is exactly what
earlier versions stored, so keys recorded by them still match. A plan carries it as its kind and values
(:data:`Fingerprint`), and the text is made only when a store writes it or a key comes back.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Final, TypeVar, cast

from ..errors import InvalidInput
from ..money import Money
from ..text import _BLANKS, DRAWS_NOTHING, is_plain_identifier, printable, printable_identifier
from .accounts import AccountKind, prepaid, system
from .errors import AmountOutOfRange, NonPositiveAmount, ReservedKey
from .operations import (
    CashbackCredit,
    Operation,
    OrderPayment,
    PayoutCancellation,
    PayoutCompletion,
    PayoutFailure,
    PayoutRequest,
    Reversal,
    TopUp,
    TransferDeposit,
)
from .payout_destinations import Iban, PaypalAddress
from .transaction import TransactionKind

_Parts = TypeVar("_Parts")

__all__ = ["FINGERPRINTS", "MAX_UNITS", "Fingerprint", "Plan", "cashback_key", "fingerprint_text", "plan_of"]

#: The largest amount one operation moves, in minor units: far beyond any bill, and small enough that no balance
#: of 64-bit minor units (SQLite's integers, PostgreSQL's BIGINT) can overflow before millions of such operations.
MAX_UNITS = 10**15

#: A fingerprint before its text is needed — its kind, then the values :data:`FINGERPRINTS` formats — or its text.
#: (Plain values only, so that the garbage collector soon stops tracking the ones a journal keeps.)
Fingerprint = tuple[Any, ...] | str

#: The text of each kind's fingerprint, filled with its values (``{!r}``: the value's ``repr``).
FINGERPRINTS: dict[str, str] = {
    "cashback": "cashback|amount=({!r}, {!r})|order={!r}|partner={!r}",
    "transfer_deposit": "transfer_deposit|amount=({!r}, {!r})|order={!r}|payer={!r}",
    "top_up": "top_up|amount=({!r}, {!r})|organisation={!r}|reference={!r}",
    "order_payment": "order_payment|amount=({!r}, {!r})|order={!r}|organisation={!r}|partial={!r}",
    "payout_request": "payout_request|amount=({!r}, {!r})|destination={!r}|organisation={!r}",
    "payout_completion": "payout_completion|reason={!r}|request={!r}",
    "payout_failure": "payout_failure|reason={!r}|request={!r}",
    "payout_cancellation": "payout_cancellation|reason={!r}|request={!r}",
    "reversal": "reversal|reason={!r}|sequence={!r}",
}

# What the journal must satisfy for a plan, checked by the unit of work (a plan's rule). Their order matters: the
# unit of work takes every rule up to RESERVE as one where ``second`` pays or reserves.
CREDIT: Final = (
    0  # ``first`` (a prepaid account) receives ``units`` from ``second`` (a system account): always possible
)
DEBIT: Final = 1  # ``second`` (a prepaid account, credited before) pays ``units`` to ``first``, all of it available
PAY_WHAT_IT_CAN: Final = 2  # as DEBIT, but pays what is available up to ``units``, and at least something
RESERVE: Final = 3  # ``second`` reserves ``units`` for ``first`` (a payout request): pending until resolved
SETTLE: Final = 4  # post the payout request ``link`` (a completion)
RELEASE: Final = 5  # void the payout request ``link`` (a failure or a cancellation)
REVERSE: Final = 6  # the opposite of transaction ``link``
Rule = int

#: ``(key, kind, effective, fingerprint, rule, first, second, units, link, metadata)``, the kind as its text and the
#: accounts as their names, as an entry holds them (plain values: see :mod:`~infomanager_core.ledger.entries`)
Plan = tuple[
    str, str, date, Fingerprint, Rule, str, str, int, "int | None", tuple[tuple[str, str], ...]
]  # fmt: skip
#: The accounts of a plan whose rule takes them, and the units, from the journal (SETTLE, RELEASE, REVERSE).
FROM_JOURNAL = cast(str, None)
# The position of each part in a plan (``Final``: type checkers see the part's own type).
KEY: Final = 0
KIND: Final = 1
EFFECTIVE: Final = 2
FINGERPRINT: Final = 3
RULE: Final = 4
FIRST: Final = 5
SECOND: Final = 6
UNITS: Final = 7
LINK: Final = 8
METADATA: Final = 9
#: The number of parts of a plan.
PARTS: Final = 10


# Each kind as the text plans and entries hold (plain values: see :mod:`~infomanager_core.ledger.entries`).
_CASHBACK: Final = TransactionKind.CASHBACK.value
_TRANSFER_DEPOSIT: Final = TransactionKind.TRANSFER_DEPOSIT.value
_TOP_UP: Final = TransactionKind.TOP_UP.value
_ORDER_PAYMENT: Final = TransactionKind.ORDER_PAYMENT.value
_PAYOUT_REQUEST: Final = TransactionKind.PAYOUT_REQUEST.value
_PAYOUT_COMPLETION: Final = TransactionKind.PAYOUT_COMPLETION.value
_PAYOUT_FAILURE: Final = TransactionKind.PAYOUT_FAILURE.value
_PAYOUT_CANCELLATION: Final = TransactionKind.PAYOUT_CANCELLATION.value
_REVERSAL: Final = TransactionKind.REVERSAL.value


class _Names(dict[_Parts, str]):
    """Account names by their parts (a plan's, checked before), each built once by ``name_of`` and emptied past 4,096
    as accounts are: a plan looks its accounts up by subscript, in C, where a call — even to a cache — costs several
    look-ups."""

    def __init__(self, name_of: Callable[[_Parts], str]) -> None:
        super().__init__()
        self._name_of = name_of

    def __missing__(self, parts: _Parts) -> str:
        name = self._name_of(parts)
        if len(self) >= 4096:
            self.clear()
        self[parts] = name
        return name


#: The name of an organisation's prepaid account, by ``(organisation, code)``.
_prepaid: _Names[tuple[str, str]] = _Names(lambda parts: prepaid(*parts).name)
#: The names of the programme's accounts, by currency code.
_cashback_expense: _Names[str] = _Names(lambda code: system(AccountKind.CASHBACK_EXPENSE, code).name)
_transfers_received: _Names[str] = _Names(lambda code: system(AccountKind.TRANSFERS_RECEIVED, code).name)
_order_settlement: _Names[str] = _Names(lambda code: system(AccountKind.ORDER_SETTLEMENT, code).name)
_payouts_in_transit: _Names[str] = _Names(lambda code: system(AccountKind.PAYOUTS_IN_TRANSIT, code).name)


#: The start of the keys the ledger gives orders' cashbacks; a caller's own key may not begin with it.
CASHBACK_KEY_PREFIX: Final = "cashback:"


def cashback_key(order_id: str) -> str:
    """The idempotency key of the cashback of an order or renewal: the order id itself, so it is credited once.

    >>> cashback_key("order-1")
    'cashback:order-1'
    """
    return CASHBACK_KEY_PREFIX + printable_identifier(order_id, field="order_id")


def caller_key(key: object, *, field: str = "key") -> str:
    """``key`` if the caller may use it: an id (:func:`~infomanager_core.text.printable_identifier`) outside the
    ledger's own namespace — a top-up keyed ``cashback:X`` would take the key of order X's cashback for good. A
    refusal names ``field``: the argument the caller gave the key as (``payment_key`` for ``book_order``).

    >>> caller_key("cashback:ORD-9")
    Traceback (most recent call last):
    ...
    infomanager_core.ledger.errors.ReservedKey: key: 'cashback:ORD-9' must not begin with 'cashback:', which names the cashback of an order (credit_cashback keys order X's as 'cashback:X'; choose another key)
    """
    if (  # the usual key, decided in C: is_plain_identifier written out (a call costs as much; every posting has a key)
        type(key) is str
        and key.isprintable()
        and key.strip(_BLANKS) == key
        and key != ""
        and (key.isascii() or (unicodedata.is_normalized("NFC", key) and not DRAWS_NOTHING.search(key)))
    ):
        text = key
    else:
        text = printable_identifier(key, field=field)
    if text.startswith(CASHBACK_KEY_PREFIX):
        raise ReservedKey(
            field,
            text,
            f"must not begin with {CASHBACK_KEY_PREFIX!r}, which names the cashback of an order",
            hint=f"credit_cashback keys order X's as '{CASHBACK_KEY_PREFIX}X'; choose another key",
        )
    return text


def fingerprint_text(fingerprint: Fingerprint) -> str:
    """The canonical text of a fingerprint (what stores record and idempotency compares)."""
    if isinstance(fingerprint, str):
        return fingerprint
    return FINGERPRINTS[fingerprint[0]].format(*fingerprint[1:])


# -- input rules ------------------------------------------------------------------------------------------------------


def _optional_text(value: object, field: str) -> str | None:
    """A reference or a reason: ``None`` or printable text (no control character, no lone surrogate)."""
    if value is not None and not isinstance(value, str):
        raise InvalidInput(field, value, "must be a string or None")
    return None if value is None else printable(value, field=field)


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidInput(field, value, "must be True or False")
    return value


def positive_units(amount: object, field: str = "amount") -> int:
    """``amount`` in minor units, refused unless it is Money, whole minor units, above zero and at most MAX_UNITS."""
    if type(amount) is not Money and not isinstance(amount, Money):
        raise InvalidInput(
            field,
            amount,
            "must be Money",
            hint="an amount and its currency, e.g. Money('1234.50', 'CHF'), never a float",
        )
    try:  # what Money.minor_units gives once it knows them (always, for Money.from_minor_units), without its call
        units = amount._units
    except AttributeError:  # not known yet: worked out (and refused if not whole) by minor_units
        units = amount.minor_units()
    if units <= 0:
        raise NonPositiveAmount(field, amount, "must be greater than zero")
    if units > MAX_UNITS:
        raise AmountOutOfRange(
            field, amount, f"exceeds the largest amount one operation moves ({MAX_UNITS} minor units)"
        )
    return units


def business_date(value: object, field: str = "effective") -> date:
    """``value`` if it is a date (a business day); a datetime or a string is refused."""
    if type(value) is not date and (isinstance(value, datetime) or not isinstance(value, date)):
        raise InvalidInput(field, value, "must be a date (a business day), not a datetime or a string")
    return value


def business_period(start: object, end: object) -> tuple[date | None, date | None]:
    """``(start, end)`` if each is a business day or ``None`` (open) and the period does not end before it starts."""
    for field, day in (("start", start), ("end", end)):
        if day is not None:
            business_date(day, field)
    first, last = cast("date | None", start), cast("date | None", end)
    if first is not None and last is not None and first > last:
        raise InvalidInput("start/end", (first, last), "the period must not end before it starts")
    return first, last


#: The largest sequence number a store can hold (SQLite's and PostgreSQL's 64-bit integers).
MAX_SEQUENCE = 2**63 - 1


def sequence_number(value: object, field: str) -> int:
    """``value`` if it can name a transaction: an int from 1 to :data:`MAX_SEQUENCE` (``True`` is not a number here)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_SEQUENCE:
        raise InvalidInput(field, value, "must be a transaction sequence number (an int from 1 to 2**63 - 1)")
    return value


# -- one plan per operation ---------------------------------------------------------------------------------------
# Each takes the fields of its request (the arguments of its Ledger method, which calls it without building a request:
# an attrs request costs a third of a plan to build), checks them one after the other in a fixed order (the order
# earlier versions checked them in) and refuses the first bad one. The usual value of a field (a date, no
# reference) is recognised inline and its rule called only otherwise: on every posting, a call costs as much as a check.


def cashback(partner: str, order_id: str, amount: Money, effective: date) -> Plan:
    """:class:`CashbackCredit` (:meth:`Ledger.credit_cashback`)."""
    if not is_plain_identifier(partner):  # the usual id, decided in C; otherwise a closer look
        printable_identifier(partner, field="partner")
    if not is_plain_identifier(order_id):  # the usual id, decided in C; otherwise a closer look
        printable_identifier(order_id, field="order_id")
    units = positive_units(amount)
    code = amount.currency
    if type(effective) is not date:
        business_date(effective)
    return (
        CASHBACK_KEY_PREFIX + order_id,  # cashback_key(order_id), its id checked above
        _CASHBACK,
        effective,
        ("cashback", units, code, order_id, partner),
        CREDIT,
        _prepaid[partner, code],
        _cashback_expense[code],
        units,
        None,
        (("order", order_id),),
    )


def transfer_deposit(payer: str, order_id: str, amount: Money, effective: date, key: str) -> Plan:
    """:class:`TransferDeposit` (:meth:`Ledger.deposit_cancelled_transfer`)."""
    if not is_plain_identifier(payer):  # the usual id, decided in C; otherwise a closer look
        printable_identifier(payer, field="payer")
    if not is_plain_identifier(order_id):  # the usual id, decided in C; otherwise a closer look
        printable_identifier(order_id, field="order_id")
    units = positive_units(amount)
    code = amount.currency
    caller_key(key)
    if type(effective) is not date:
        business_date(effective)
    return (
        key,
        _TRANSFER_DEPOSIT,
        effective,
        ("transfer_deposit", units, code, order_id, payer),
        CREDIT,
        _prepaid[payer, code],
        _transfers_received[code],
        units,
        None,
        (("order", order_id),),
    )


def top_up(organisation: str, amount: Money, effective: date, key: str, reference: str | None) -> Plan:
    """:class:`TopUp` (:meth:`Ledger.top_up`)."""
    if not is_plain_identifier(organisation):  # the usual id, decided in C; otherwise a closer look
        printable_identifier(organisation, field="organisation")
    if reference is not None:
        _optional_text(reference, "reference")
    units = positive_units(amount)
    code = amount.currency
    caller_key(key)
    if type(effective) is not date:
        business_date(effective)
    return (
        key,
        _TOP_UP,
        effective,
        ("top_up", units, code, organisation, reference),
        CREDIT,
        _prepaid[organisation, code],
        _transfers_received[code],
        units,
        None,
        () if reference is None else (("reference", reference),),
    )


def order_payment(organisation: str, order_id: str, amount: Money, effective: date, key: str, partial: bool) -> Plan:
    """:class:`OrderPayment` (:meth:`Ledger.pay_order`)."""
    if not is_plain_identifier(organisation):  # the usual id, decided in C; otherwise a closer look
        printable_identifier(organisation, field="organisation")
    if not is_plain_identifier(order_id):  # the usual id, decided in C; otherwise a closer look
        printable_identifier(order_id, field="order_id")
    _flag(partial, "partial")
    units = positive_units(amount)
    code = amount.currency
    caller_key(key)
    if type(effective) is not date:
        business_date(effective)
    return (
        key,
        _ORDER_PAYMENT,
        effective,
        ("order_payment", units, code, order_id, organisation, partial),
        PAY_WHAT_IT_CAN if partial else DEBIT,
        _order_settlement[code],
        _prepaid[organisation, code],
        units,
        None,
        (("order", order_id),),
    )


def payout_request(
    organisation: str, amount: Money, destination: Iban | PaypalAddress, effective: date, key: str
) -> Plan:
    """:class:`PayoutRequest` (:meth:`Ledger.request_payout`)."""
    if not is_plain_identifier(organisation):  # the usual id, decided in C; otherwise a closer look
        printable_identifier(organisation, field="organisation")
    if not isinstance(destination, Iban | PaypalAddress):
        raise InvalidInput("destination", destination, "must be an Iban or a PaypalAddress")
    units = positive_units(amount)
    code = amount.currency
    caller_key(key)
    if type(effective) is not date:
        business_date(effective)
    where = str(destination)
    return (
        key,
        _PAYOUT_REQUEST,
        effective,
        ("payout_request", units, code, where, organisation),
        RESERVE,
        _payouts_in_transit[code],
        _prepaid[organisation, code],
        units,
        None,
        (("destination", where),),
    )


def completion(request: int, effective: date, key: str) -> Plan:
    """:class:`PayoutCompletion` (:meth:`Ledger.complete_payout`)."""
    return _resolution(_PAYOUT_COMPLETION, SETTLE, request, effective, key, None)


def failure(request: int, effective: date, key: str, reason: str | None) -> Plan:
    """:class:`PayoutFailure` (:meth:`Ledger.fail_payout`)."""
    return _resolution(_PAYOUT_FAILURE, RELEASE, request, effective, key, reason)


def cancellation(request: int, effective: date, key: str, reason: str | None) -> Plan:
    """:class:`PayoutCancellation` (:meth:`Ledger.cancel_payout`)."""
    return _resolution(_PAYOUT_CANCELLATION, RELEASE, request, effective, key, reason)


def _resolution(kind: str, rule: Rule, request: int, effective: date, key: str, reason: str | None) -> Plan:
    """The plan of ``kind`` that settles (``rule`` SETTLE) or voids (RELEASE) payout request ``request``."""
    sequence_number(request, "request")
    if reason is not None:
        _optional_text(reason, "reason")
    caller_key(key)
    if type(effective) is not date:
        business_date(effective)
    return (
        key,
        kind,
        effective,
        (kind, reason, request),
        rule,
        FROM_JOURNAL,
        FROM_JOURNAL,
        0,
        request,
        () if reason is None else (("reason", str(reason)),),
    )


def reversal(sequence: int, effective: date, key: str, reason: str | None) -> Plan:
    """:class:`Reversal` (:meth:`Ledger.reverse`)."""
    sequence_number(sequence, "sequence")
    if reason is not None:
        _optional_text(reason, "reason")
    caller_key(key)
    if type(effective) is not date:
        business_date(effective)
    return (
        key,
        _REVERSAL,
        effective,
        ("reversal", reason, sequence),
        REVERSE,
        FROM_JOURNAL,
        FROM_JOURNAL,
        0,
        sequence,
        () if reason is None else (("reason", str(reason)),),
    )


#: Each request class's plan, for a subclass of a request class (:func:`plan_of` decides the classes themselves inline).
_PLANS: dict[type, Callable[[Any], Plan]] = {
    TopUp: lambda o: top_up(o.organisation, o.amount, o.effective, o.key, o.reference),
    CashbackCredit: lambda o: cashback(o.partner, o.order_id, o.amount, o.effective),
    TransferDeposit: lambda o: transfer_deposit(o.payer, o.order_id, o.amount, o.effective, o.key),
    OrderPayment: lambda o: order_payment(o.organisation, o.order_id, o.amount, o.effective, o.key, o.partial),
    PayoutRequest: lambda o: payout_request(o.organisation, o.amount, o.destination, o.effective, o.key),
    PayoutCompletion: lambda o: completion(o.request, o.effective, o.key),
    PayoutFailure: lambda o: failure(o.request, o.effective, o.key, o.reason),
    PayoutCancellation: lambda o: cancellation(o.request, o.effective, o.key, o.reason),
    Reversal: lambda o: reversal(o.sequence, o.effective, o.key, o.reason),
}


def plan_of(operation: Operation) -> Plan:
    """The plan of an operation request, its input checked; a subclass of a request class plans as its base."""
    # The request classes by exact type, in their usual frequency, each calling its plan function itself: a look-up
    # in _PLANS and its lambda would cost one more Python call a posting. (Each line is the lambda of its class.)
    kind = type(operation)
    o: Any = operation  # read as the class decided below (no cast: a call on every posting)
    if kind is TopUp:
        return top_up(o.organisation, o.amount, o.effective, o.key, o.reference)
    if kind is OrderPayment:
        return order_payment(o.organisation, o.order_id, o.amount, o.effective, o.key, o.partial)
    if kind is CashbackCredit:
        return cashback(o.partner, o.order_id, o.amount, o.effective)
    if kind is PayoutRequest:
        return payout_request(o.organisation, o.amount, o.destination, o.effective, o.key)
    if kind is PayoutCompletion:
        return completion(o.request, o.effective, o.key)
    plan = _PLANS.get(kind)
    if plan is None:
        base = next((cls for cls in kind.__mro__ if cls in _PLANS), None)
        if base is None:
            raise InvalidInput("operation", operation, "must be an operation request (TopUp, OrderPayment, Reversal…)")
        plan = _PLANS[base]
    return plan(operation)
