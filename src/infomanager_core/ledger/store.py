"""The storage port: the small interface every journal store implements (memory, SQLite, later PostgreSQL).

A store keeps five things and forgets none of them: the transactions in sequence order, each account's running
balance, which payout request each resolution settles and which transaction each reversal undoes, every idempotency
key with the fingerprint of what it recorded, and each organisation's order paid from prepaid by a payment that
stands (an index the ledger keeps up to date: the store only writes it).

Atomicity is the store's job. :meth:`LedgerStore.writing` opens one exclusive unit of work: everything the
:class:`~infomanager_core.ledger.Ledger` reads inside it (a balance, a key) cannot change before it commits, so the
overdraft check and the write are one step, across threads and — for a file store — across processes. The unit
of work holds one :meth:`LedgerSession.append` of one or many entries (:mod:`~infomanager_core.ledger.entries`),
written whole or not at all.

A store is safe to share between threads: readers in other threads while one writes, writers one at a time. Pickling,
copying, a read-only mode and what a closed store answers are each store's own, not the port's.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date
from types import MappingProxyType
from typing import Protocol, TypeVar, cast

from ..errors import InvalidInput
from .accounts import Account
from .balances import AccountBalance
from .entries import Entry
from .errors import UnknownAccount
from .plans import Fingerprint
from .transaction import Transaction

__all__ = ["LedgerReader", "LedgerSession", "LedgerStore", "ledger_store"]

#: No order's standing payment changes (an append of top-ups, say).
NO_ORDERS: Mapping[tuple[str, str], tuple[int | None, int | None]] = MappingProxyType({})


class LedgerReader(Protocol):
    """A consistent view of a journal.

    A reader refuses, with :class:`~infomanager_core.errors.InvalidInput` naming the parameter, an argument of
    another type than the one it looks up by (see :func:`refused_lookup`): an order id ``1234`` for ``"1234"`` would
    otherwise find nothing and read as "not paid", and SQLite would compare a sequence given as text as a number.
    """

    def balance(self, account: Account) -> AccountBalance | None:
        """The account's running balance, or ``None`` if no transaction ever touched it. Constant time."""
        ...

    def balances(self) -> dict[Account, AccountBalance]:
        """Every account's running balance, in a dict of the caller's own (changing it changes nothing stored)."""
        ...

    def prepaid_balances_of(self, organisation: str) -> dict[Account, AccountBalance]:
        """The running balance of each prepaid account of ``organisation`` (one per currency a transaction ever
        touched it in), in a dict of the caller's own; empty for an organisation the store holds no account of.

        It reads the organisation's accounts, not every account of the store (SQL: a range of ``ledger_balances``'
        primary key, whose first columns are the account's kind and owner). A reader without it, written before the
        port had it, is still read: :func:`prepaid_balances_of` keeps the organisation's from :meth:`balances`."""
        ...

    def transaction(self, sequence: int) -> Transaction | None:
        """Transaction ``sequence``, its postings in the order they were appended, or ``None`` if there is none."""
        ...

    def transactions(
        self, *, account: Account | None = None, since: int | None = None, upto: int | None = None
    ) -> Iterator[Transaction]:
        """Transactions in sequence order, from sequence ``since`` to ``upto`` (both included, each bound optional),
        only those touching ``account`` if given.

        Each transaction's postings come back in the order they were appended (SQL: ``ORDER BY position``). The
        iterator is read inside the :meth:`LedgerStore.reading` block that gave the reader (SQLite's stream ends with
        the block).
        """
        ...

    def head(self) -> tuple[int, date] | None:
        """The highest sequence and its effective date, or ``None`` for an empty journal."""
        ...

    def recorded(self, key: str) -> tuple[str, int] | None:
        """The fingerprint and sequence an idempotency key recorded, or ``None`` if the key is new."""
        ...

    def recorded_many(self, keys: Iterable[str]) -> dict[str, tuple[str, int]]:
        """:meth:`recorded` for many keys at once (a batch's), only those recorded, each once however often ``keys``
        (an iterable, read once) repeats it; one query where the store can."""
        ...

    def resolution_of(self, request: int) -> int | None:
        """The sequence of the transaction that resolved payout request ``request``, if any."""
        ...

    def reversal_of(self, sequence: int) -> int | None:
        """The sequence of the transaction that reversed ``sequence``, if any."""
        ...

    def order_payment(self, organisation: str, order_id: str) -> int | None:
        """The sequence of the payment from prepaid of the organisation's order that stands (a payment not reversed,
        or a reversal of its reversal), if any. One index lookup (SQL: the primary key of ``ledger_paid_orders``)."""
        ...

    def paid_orders(self) -> dict[tuple[str, str], int]:
        """Every order paid from prepaid by a payment that stands, with that payment's sequence: the whole index of
        :meth:`order_payment`, read at once for an audit (SQL: one read of ``ledger_paid_orders``), in a dict of the
        caller's own."""
        ...


class LedgerSession(LedgerReader, Protocol):
    """An exclusive unit of work: a reader that may append entries once."""

    def append(
        self,
        entries: Sequence[Entry],
        fingerprints: Sequence[Fingerprint],
        changes: Mapping[Account, AccountBalance],
        orders: Mapping[tuple[str, str], tuple[int | None, int | None]] = NO_ORDERS,
    ) -> None:
        """Record ``entries``, each under its key with the fingerprint at the same position, and apply ``changes``
        and ``orders``.

        The ledger calls it once per unit of work, as its last step, with at least one entry. The entries' sequences
        follow the journal's head and each other without a gap. ``changes`` is the sum of their balance changes: for
        an account the store holds a balance of, the change to add to it (absent if the entries leave it as it was);
        for an account it holds none of, its whole balance — given even when that is zero (a payment and its
        reversal in one append meet ``order_settlement`` for the first time), and :meth:`balance` gives it from then
        on rather than ``None``. The ledger has already checked every rule against the journal as it grew through
        the entries, so a store only writes — in bulk where it can (SQL: ``executemany`` of the transactions,
        postings and keys, then one balance upsert per account) — and refuses, changing nothing, a sequence that
        does not follow the head one by one, a key, resolution or reversal already taken (before the append or
        earlier in it), and fingerprints that do not match the entries one for one. A refusal is a bug of the caller,
        not a refusal of the library's: the store raises ``RuntimeError`` or its database's integrity error (the
        memory store the first, SQLite ``sqlite3.IntegrityError``). A fingerprint may be given as its parts:
        :func:`~infomanager_core.ledger.plans.fingerprint_text` gives its text, which is what :meth:`recorded`
        returns.

        ``orders`` gives, for each ``(organisation, order id)`` whose standing payment the entries change, its
        standing payment's sequence before the whole append and after it (``None``: none, so a ``before`` of
        ``None`` adds the order to the index and an ``after`` of ``None`` takes it out); an order the entries pay and
        unpay within the append is not in it. A store refuses, changing nothing, an order whose standing payment is
        not the ``before`` it is told (SQL: a row of ``ledger_paid_orders`` per order, so its primary key refuses a
        second): that backstop keeps an order paid at most once even if the ledger's own check were bypassed.
        """
        ...


class LedgerStore(Protocol):
    """Where a journal lives."""

    def reading(self) -> AbstractContextManager[LedgerReader]:
        """A consistent read-only view: the journal as committed when the block opened (a snapshot, or a lock held
        for the block). It never shows another thread's append before its unit of work commits; on a thread inside
        :meth:`writing` or :meth:`batch` it shows that thread's writes so far."""
        ...

    def writing(self) -> AbstractContextManager[LedgerSession]:
        """An exclusive unit of work, committed when the block ends without error and discarded otherwise (an
        append made in it is taken back if the block then fails: SQL ``ROLLBACK``, or a savepoint inside a batch).

        A unit of work opened inside another on the same thread is part of it, as one inside a batch is: a savepoint
        that an error escaping it takes back, the outer unit going on, and committed only with the outermost block.
        What the outer unit read therefore still holds when an inner one appends: ``book_order`` reads the keys it
        posts in its own unit, and posts them in ``post_many``'s inside it (SQL: ``SAVEPOINT``)."""
        ...

    def batch(self) -> AbstractContextManager[None]:
        """Group many units of work into one commit (bulk loads); each append stays whole or absent: one refused
        inside it leaves nothing of itself, and the batch commits the rest. An error escaping the block discards the
        whole batch. A batch inside a batch is part of the outer one, and a savepoint like a unit of work: an error
        escaping it takes back what was appended inside it, and the outer batch goes on."""
        ...

    def close(self) -> None:
        """Release what the store holds (connections, files); closing it again does nothing."""
        ...


def ledger_store(value: object, field: str = "store") -> LedgerStore:
    """``value`` if it has a store's units of work (``reading``, ``writing``, ``batch``); a typed refusal otherwise.

    >>> ledger_store("ledger.sqlite")
    Traceback (most recent call last):
      ...
    infomanager_core.errors.InvalidInput: store: 'ledger.sqlite' must be a LedgerStore (e.g. SqliteLedgerStore(path), or none for a store in memory)
    """
    if not all(callable(getattr(value, unit, None)) for unit in ("reading", "writing", "batch")):
        raise InvalidInput(
            field, value, "must be a LedgerStore (e.g. SqliteLedgerStore(path), or none for a store in memory)"
        )
    return cast("LedgerStore", value)


def prepaid_balances_of(reader: LedgerReader, organisation: str) -> dict[Account, AccountBalance]:
    """What ``reader.prepaid_balances_of(organisation)`` answers; kept from every balance (``reader.balances()``, the
    read it replaced) for a reader written before the port had that method, so that such a store keeps working.

    >>> from infomanager_core.ledger import MemoryLedgerStore
    >>> with MemoryLedgerStore().reading() as reader:
    ...     prepaid_balances_of(reader, "acme")
    {}
    """
    read = getattr(reader, "prepaid_balances_of", None)
    if read is not None:
        return cast("dict[Account, AccountBalance]", read(organisation))
    return {
        account: balance
        for account, balance in reader.balances().items()
        if account.is_prepaid and account.owner == organisation
    }


def never_credited(
    reader: LedgerReader, account: Account, *, paying: bool = False, also: Iterable[str] = ()
) -> UnknownAccount:
    """The refusal of ``account``, which the store holds no balance of, naming the currencies its organisation holds:
    a payment or a read in another currency than the organisation's is a wrong currency more often than a missing
    top-up. Read on the refusal's path only (one organisation's accounts). ``also`` adds the currencies of the
    organisation's accounts a unit of work opened and has not yet written (a batch's earlier top-ups).

    >>> from datetime import date
    >>> from infomanager_core import Money
    >>> from infomanager_core.ledger import Ledger, prepaid
    >>> ledger = Ledger()
    >>> with ledger.store.reading() as reader:
    ...     print(never_credited(reader, prepaid("acme", "CHF"), paying=True))
    account: 'prepaid:acme:CHF' has never been credited (nothing is paid from it before money is credited to it: top it up first)
    >>> _ = ledger.top_up(organisation="acme", amount=Money("5", "EUR"), effective=date(2026, 3, 2), key="t-1")
    >>> with ledger.store.reading() as reader:
    ...     print(never_credited(reader, prepaid("acme", "CHF")))
    account: 'prepaid:acme:CHF' has never been credited (acme holds EUR: an organisation has one prepaid account per currency, so check the currency)
    """
    held = (
        sorted({other.currency for other in prepaid_balances_of(reader, account.owner)}.union(also))
        if account.is_prepaid
        else []
    )
    hint = "nothing is paid from it before money is credited to it: top it up first" if paying else None
    if held:
        hint = (
            f"{account.owner} holds {', '.join(held)}: an organisation has one prepaid account per currency, so check"
            f" the currency{', or top it up first' if paying else ''}"
        )
    return UnknownAccount("account", str(account), "has never been credited", hint=hint)


def refused_lookup(field: str, value: object, kind: str) -> InvalidInput:
    """The refusal of a reader's argument ``value`` for ``field`` that is not ``kind`` (``"a str"``, ``"an int"``…).

    >>> refused_lookup("order_id", 1234, "a str")
    InvalidInput('order_id: 1234 must be a str (a reader looks up by the value as the ledger recorded it)')
    """
    return InvalidInput(field, value, f"must be {kind} (a reader looks up by the value as the ledger recorded it)")


def checked_text(value: object, field: str) -> None:
    """Refuse ``value`` for ``field`` unless it is text (a key, an organisation, an order id)."""
    if not isinstance(value, str):
        raise refused_lookup(field, value, "a str")


def checked_sequence(value: object, field: str) -> None:
    """Refuse ``value`` for ``field`` unless it is an int (a sequence, a payout request), a bool not being one."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise refused_lookup(field, value, "an int")


def checked_account(value: object) -> None:
    """Refuse ``value`` for ``account`` unless it is an :class:`Account`."""
    if not isinstance(value, Account):
        raise refused_lookup("account", value, "an Account")


def checked_order(organisation: object, order_id: object) -> None:
    """Refuse an order looked up by an ``organisation`` or ``order_id`` that is not text."""
    checked_text(organisation, "organisation")
    checked_text(order_id, "order_id")


def checked_keys(keys: Collection[object]) -> None:
    """Refuse the first of ``keys`` that is not text (the usual keys, all text, checked in C)."""
    try:
        "".join(keys)  # type: ignore[arg-type]  # refuses anything but text (str, or a subclass), in C
    except TypeError:
        for key in keys:
            checked_text(key, "keys")


def refused_keys(keys: object) -> InvalidInput:
    """The refusal of ``recorded_many``'s ``keys``: one key given as a ``str`` (its characters would be looked up, and
    found nowhere), keys that are no iterable, or one that cannot be hashed (and so is no text), named as
    :func:`checked_keys` names it if ``keys`` can be read again.

    >>> refused_keys(["t-1", ["t-2"]])
    InvalidInput("keys: ['t-2'] must be a str (a reader looks up by the value as the ledger recorded it)")
    >>> refused_keys("t-1")
    InvalidInput("keys: 't-1' must be an iterable of str, not one str (a reader looks up by the value as the ledger recorded it)")
    """
    if isinstance(keys, str):
        return refused_lookup("keys", keys, "an iterable of str, not one str")
    if isinstance(keys, list | tuple):
        key = next((key for key in keys if not isinstance(key, str)), keys)
        return refused_lookup("keys", key, "a str")
    return refused_lookup("keys", keys, "an iterable of str")


_Keys = TypeVar("_Keys", bound=Collection[str])


def taken_keys(keys: Iterable[str], taking: Callable[[Iterable[str]], _Keys]) -> _Keys:
    """``recorded_many``'s ``keys`` read once by ``taking`` (``set``, say) and checked: every store refuses the same
    keys the same way (:func:`refused_keys`, :func:`checked_keys`).

    >>> sorted(taken_keys(["t-2", "t-1", "t-2"], set))
    ['t-1', 't-2']
    """
    if isinstance(keys, str):
        raise refused_keys(keys)
    try:
        wanted = taking(keys)
    except TypeError:  # no iterable, or a key that cannot be hashed: no text
        raise refused_keys(keys) from None
    checked_keys(wanted)
    return wanted


def checked_bounds(account: object, since: object, upto: object) -> None:
    """Refuse :meth:`LedgerReader.transactions`' ``account`` if it is no :class:`Account`, and a bound no int."""
    if account is not None:
        checked_account(account)
    for field, bound in (("since", since), ("upto", upto)):
        if bound is not None:
            checked_sequence(bound, field)
