"""The unit of work: plans applied one after the other against the journal, written to the store at the end.

Every posting — one operation from a :class:`~infomanager_core.ledger.Ledger` method or ten thousand from
:meth:`~infomanager_core.ledger.Ledger.post_many` — goes through a :class:`Batch` opened inside the store's exclusive
unit of work. For each :mod:`plan <infomanager_core.ledger.plans>` it checks, in this order:

1. the idempotency key: already recorded with the same fingerprint, the plan returns the original entry; with another
   fingerprint, :class:`IdempotencyConflict`;
2. the business date: not later than today plus ``max_days_ahead`` (:class:`FutureDatedTransaction`), not before the
   latest entry's (:class:`BackdatedTransaction`);
3. the plan's rule against the balances and entries so far: the account exists, the order is not already paid from
   prepaid by a payment that stands (:class:`OrderAlreadyPaid`, whatever the key), the money is available (counting
   pending payouts), the payout request is pending and unresolved, the transaction is reversible and not reversed,
   and no balance it moves goes beyond what Money holds in its currency (:class:`AmountOutOfRange`);

and then appends one entry and moves the running balances. All of this happens in Python, on plain ints and tuples:
the balances an entry touches are read from the store once per batch, the batch's keys in one query, and the store is
written once, by :meth:`Batch.flush` — so each later plan sees the earlier ones, and a refusal anywhere leaves the
store exactly as it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from ..errors import InvalidInput
from ..money import Money, currency
from ..money.rounding import MAX_AMOUNT
from .accounts import Account, account_named
from .balances import AccountBalance, account_balance
from .entries import FIRST, KEY, KIND, METADATA, PENDING, REVERSES, SECOND, SEQUENCE, UNITS, Entry, entry_of
from .errors import (
    AlreadyReversed,
    AmountOutOfRange,
    BackdatedTransaction,
    FutureDatedTransaction,
    IdempotencyConflict,
    InsufficientFunds,
    NotAPayoutRequest,
    NotReversible,
    OrderAlreadyPaid,
    PayoutAlreadyResolved,
    UnknownAccount,
    UnknownTransaction,
)
from .plans import CREDIT, PAY_WHAT_IT_CAN, RELEASE, RESERVE, SETTLE, Fingerprint, Plan, fingerprint_text
from .store import LedgerSession, never_credited
from .transaction import VOIDS, TransactionKind

_ORDER_PAYMENT = TransactionKind.ORDER_PAYMENT.value
_REVERSAL = TransactionKind.REVERSAL.value
#: A balance of fewer minor units than this, either way, is one Money holds in any currency (yen's bound: it has no
#: minor digits); only a balance that reaches it is compared with its own currency's bound (:meth:`Batch._refuse_beyond`).
_SURELY_WITHIN = MAX_AMOUNT
_CELLS = ("posted", "pending debits", "pending credits")

__all__ = ["Batch"]


class Batch:
    """Plans applied in order inside ``session``; ``keys`` are every key the batch will use (read in one go).

    A key missing from ``keys`` would be taken for a new one here; the store's own uniqueness check would then refuse
    the whole batch if it was in fact recorded.

    ``now`` stamps every entry's ``recorded_at``; ``latest`` is the last business date it accepts, and
    ``days_ahead`` how that date was set (for the refusal's message).
    """

    def __init__(
        self, session: LedgerSession, *, now: datetime, latest: date, days_ahead: int, keys: Iterable[str]
    ) -> None:
        self._session = session
        self._now = now
        self._naive = now.utcoffset() is None  # naive as Python defines it: no zone, or a zone without an offset
        self._latest = latest
        self._days_ahead = days_ahead
        #: what the store recorded under the batch's keys: ``(fingerprint text, sequence)``
        self._recorded = session.recorded_many(keys)
        head = session.head()
        self._base = 0 if head is None else head[0]
        self._sequence = self._base
        self._date = date.min if head is None else head[1]
        self.entries: list[Entry] = []
        self.fingerprints: list[Fingerprint] = []
        #: what each plan posted gave, in order: its new entry, or the original of a key recorded before
        self.posted: list[Entry] = []
        self._keys: dict[str, int] = {}  # each new key and its entry's sequence
        self._resolutions: dict[int, int] = {}
        self._reversals: dict[int, int] = {}
        #: each account read so far, by name: its running balance ``[posted, pending_debits, pending_credits]``
        #: through the batch, what the store held before (``None``: never credited), and the account
        self._balances: dict[str, list[int]] = {}
        self._stored: dict[str, AccountBalance | None] = {}
        self._accounts: dict[str, Account] = {}
        #: each order read so far, ``(organisation, order id)``: its standing payment through the batch (``None``: none
        #: stands), and what the store held
        self._paid: dict[tuple[str, str], int | None] = {}
        self._paid_stored: dict[tuple[str, str], int | None] = {}

    def post(self, plans: Iterable[Plan]) -> None:
        """Apply ``plans`` in order, each giving :attr:`posted` the entry it appends, or the original one if its key
        was recorded with the same content. A refusal stops at its plan: ``len(batch.posted)`` is its index."""
        # One loop for every plan, its state in locals: on every posting, an attribute or a call costs as much as a
        # check. The batch is abandoned on a refusal, so its state is written back only at the end.
        keys, entries, fingerprints, posted, balances = (
            self._keys,
            self.entries,
            self.fingerprints,
            self.posted,
            self._balances,
        )
        latest, now, sequence, latest_date = self._latest, self._now, self._sequence, self._date
        recorded_keys, naive = self._recorded, self._naive
        accounts, paid, paid_stored = self._accounts, self._paid, self._paid_stored
        stored_payment = self._session.order_payment
        above, below = _SURELY_WITHIN, -_SURELY_WITHIN  # locals: one load each a posting, no negation
        for key, kind, effective, fingerprint, rule, first, second, units, link, meta in plans:
            earlier = keys.get(key)
            if earlier is not None:
                posted.append(self._original(key, fingerprint, fingerprints[earlier - self._base - 1], earlier))
                continue
            if recorded_keys:  # most batches use only new keys: no look-up then
                recorded = recorded_keys.get(key)
                if recorded is not None:
                    posted.append(self._original(key, fingerprint, *recorded))
                    continue
            if effective > latest:
                raise FutureDatedTransaction(
                    "effective",
                    effective,
                    f"is later than {latest.isoformat()} (today plus max_days_ahead={self._days_ahead})",
                    hint="a future date would block every posting dated before it",
                )
            if effective < latest_date:
                raise BackdatedTransaction(
                    "effective",
                    effective,
                    f"is before the latest transaction's date {latest_date.isoformat()}",
                    hint=f"dates never go backwards along the journal: date it {latest_date.isoformat()} or later",
                )
            if naive:  # a clock without a time zone: refused once it would stamp an entry
                raise InvalidInput("recorded_at", now, "must be timezone-aware")
            sequence += 1
            pending = False
            reverses = resolves = None
            # an account already read is one look-up away; the first read goes to the store
            if rule == CREDIT:
                gaining = balances.get(first) or self._opened(first)
                gaining[0] += units
                giving = balances.get(second) or self._opened(second)
                giving[0] -= units
                if gaining[0] >= above or giving[0] <= below:
                    self._refuse_beyond((first, second), "amount", units)
            elif rule <= RESERVE:  # DEBIT, PAY_WHAT_IT_CAN or RESERVE: ``second`` pays or reserves
                payer = balances.get(second) or self._balance(second)
                if payer is None:
                    raise self._never_credited(second)
                if rule != RESERVE:  # an order payment (DEBIT or PAY_WHAT_IT_CAN): at most one stands per order
                    order = (accounts[second].owner, meta[0][1])  # the payer, read above; the plan's first metadata
                    if order in paid:
                        standing = paid[order]
                    else:  # read from the store on first use (inline: a call costs as much as the look-up)
                        standing = paid_stored[order] = stored_payment(*order)
                    if standing is not None:
                        raise self._already_paid(order, standing)
                    paid[order] = sequence
                available = payer[0] - payer[1]
                if available < units:
                    if rule != PAY_WHAT_IT_CAN or available <= 0:
                        raise InsufficientFunds(second, requested=units, available=available)
                    meta = (*meta, ("requested", str(units)))
                    units = available
                payee = balances.get(first) or self._opened(first)
                if rule == RESERVE:
                    payer[1] += units
                    payee[2] += units
                    pending = True
                else:
                    payer[0] -= units
                    payee[0] += units
                if payee[0] >= above or payee[2] >= above:  # the payer only falls, to zero at most
                    self._refuse_beyond((first,), "amount", int(dict(meta).get("requested", units)))
            else:
                first, second, units, resolves, reverses = self._journal_rule(rule, link, sequence)
            entry = (sequence, key, kind, effective, now, first, second, units, pending, reverses, resolves, meta)
            keys[key] = sequence
            entries.append(entry)
            fingerprints.append(fingerprint)
            posted.append(entry)
            latest_date = effective
        self._sequence, self._date = sequence, latest_date

    def flush(self) -> None:
        """Write the batch to the store's unit of work (nothing if it appended nothing): entries, balance changes and
        the orders whose standing payment changed."""
        if not self.entries:
            return
        changes: dict[Account, AccountBalance] = {}
        for name, (posted, debits, credits) in self._balances.items():
            account, stored = self._accounts[name], self._stored[name]
            if stored is None:
                changes[account] = account_balance(posted, debits, credits)
            elif (posted, debits, credits) != (stored.posted, stored.pending_debits, stored.pending_credits):
                changes[account] = account_balance(
                    posted - stored.posted, debits - stored.pending_debits, credits - stored.pending_credits
                )
        if not self._paid:  # no order payment nor reversal of one
            self._session.append(self.entries, self.fingerprints, changes)
            return
        held = self._paid_stored
        orders = {order: (held[order], after) for order, after in self._paid.items() if after != held[order]}
        self._session.append(self.entries, self.fingerprints, changes, orders)

    # -- the rules that read the journal ------------------------------------------------------------------------

    def _journal_rule(self, rule: int, link: int | None, sequence: int) -> tuple[str, str, int, int | None, int | None]:
        """SETTLE or RELEASE a payout request, or REVERSE a transaction: accounts, units, resolves, reverses."""
        assert link is not None
        if rule in (SETTLE, RELEASE):
            request = self._entry(link)
            if request is None:
                raise UnknownTransaction("request", link, "names no transaction")
            if not request[PENDING]:
                raise NotAPayoutRequest("request", link, f"is a {request[KIND]}, not a payout request")
            resolution = self._resolutions.get(link)
            if resolution is None and link <= self._base:
                resolution = self._session.resolution_of(link)
            if resolution is not None:
                raise PayoutAlreadyResolved(link, resolution=resolution)
            first, second, units = request[FIRST], request[SECOND], request[UNITS]
            if units < 0:  # postings read back in the other order: the payer is the account that gives
                first, second, units = second, first, -units
            payee, payer = self._opened(first), self._opened(second)
            payer[1] -= units  # the reservation is released…
            payee[2] -= units
            if rule == SETTLE:  # … and, for a completion, posted
                payer[0] -= units
                payee[0] += units
                if payee[0] >= _SURELY_WITHIN:
                    self._refuse_beyond((first,), "request", link)
            self._resolutions[link] = sequence
            return first, second, units, link, None
        original = self._entry(link)
        if original is None:
            raise UnknownTransaction("sequence", link, "names no transaction")
        if original[PENDING] or original[KIND] in VOIDS:
            raise NotReversible(link, kind=original[KIND])
        reversal = self._reversals.get(link)
        if reversal is None and link <= self._base:
            reversal = self._session.reversal_of(link)
        if reversal is not None:
            raise AlreadyReversed(link, reversal=reversal)
        if original[KIND] == _ORDER_PAYMENT or original[KIND] == _REVERSAL:
            self._reverse_order_payment(original, sequence)
        first, second, units = original[FIRST], original[SECOND], -original[UNITS]
        gaining, losing = (first, second) if units > 0 else (second, first)
        loser = self._opened(losing)
        if account_named(losing).is_prepaid and loser[0] - loser[1] < abs(units):
            raise InsufficientFunds(losing, requested=abs(units), available=loser[0] - loser[1])
        loser[0] -= abs(units)
        gainer = self._opened(gaining)
        gainer[0] += abs(units)
        if gainer[0] >= _SURELY_WITHIN or loser[0] <= -_SURELY_WITHIN:
            self._refuse_beyond((gaining, losing), "sequence", link)
        self._reversals[link] = sequence
        return first, second, units, None, link

    def _refuse_beyond(self, names: tuple[str, ...], field: str, value: int) -> None:
        """Refuse the plan just applied if it took a balance of the accounts ``names`` beyond what Money holds in their
        currency: the ledger could no longer report it. ``field`` and ``value`` are what the caller gave: the amount's
        minor units, or the sequence its rule read."""
        code = self._accounts[names[0]].currency
        bound = MAX_AMOUNT * 10 ** currency(code).minor_digits
        for name in names:
            for cell, units in zip(_CELLS, self._balances[name], strict=True):
                if not -bound < units < bound:
                    raise AmountOutOfRange(
                        field,
                        Money.from_minor_units(value, code) if field == "amount" else value,
                        f"would take the balance of {name} to {units} minor units ({cell}): a balance is reported as"
                        f" Money, which holds less than 10**14 {code} (MAX_AMOUNT), {bound} minor units",
                    )

    # -- an order is paid from prepaid at most once while that payment stands ---------------------------------------

    def _reverse_order_payment(self, original: Entry, sequence: int) -> None:
        """Reversal ``sequence`` of ``original``: it ends the order's payment if ``original`` is one that stands, and
        pays the order again if ``original`` reversed one (a reversal's reversal) — refused as a payment would be if
        another payment of the order stands meanwhile."""
        root, pays = original, True
        while root[KIND] == _REVERSAL:  # a chain of reversals, each of the one before: rare, and short
            reversed_entry = self._entry(root[REVERSES] or 0)
            if reversed_entry is None:
                return
            root, pays = reversed_entry, not pays
        if root[KIND] != _ORDER_PAYMENT:
            return
        first, second = root[FIRST], root[SECOND]
        payer = account_named(second if account_named(second).is_prepaid else first)
        order_id = next((value for name, value in root[METADATA] if name == "order"), None)
        if order_id is None:  # pragma: no cover - every order payment the ledger writes names its order
            return
        order = (payer.owner, order_id)
        standing = self._standing(order)
        if pays:  # ``original`` paid the order: its reversal ends that payment
            if standing == original[SEQUENCE]:
                self._paid[order] = None
        elif standing is not None:
            raise self._already_paid(order, standing)
        else:
            self._paid[order] = sequence

    def _standing(self, order: tuple[str, str]) -> int | None:
        """The order's standing payment through the batch, read from the store on first use."""
        return self._paid[order] if order in self._paid else self._stored_payment(order)

    def _stored_payment(self, order: tuple[str, str]) -> int | None:
        """The order's standing payment as the store holds it, kept for the batch and for :meth:`flush`."""
        standing = self._paid[order] = self._paid_stored[order] = self._session.order_payment(*order)
        return standing

    def _already_paid(self, order: tuple[str, str], standing: int) -> OrderAlreadyPaid:
        """The refusal of a second payment of ``order``, naming its standing payment ``standing``."""
        entry = self._entry(standing)
        if entry is None:  # a store that lost a standing payment is corrupt, as one that lost a keyed transaction
            raise UnknownTransaction(
                "sequence", standing, "is recorded as an order's payment but missing from the journal"
            )
        return OrderAlreadyPaid(*order, key=entry[KEY], sequence=standing)

    # -- what the batch reads -----------------------------------------------------------------------------------

    def _balance(self, name: str) -> list[int] | None:
        """The running balance of the account named ``name``, read from the store on first use; ``None`` if it was
        never credited."""
        balance = self._balances.get(name)
        if balance is None and name not in self._stored:
            account = self._accounts[name] = account_named(name)
            stored = self._stored[name] = self._session.balance(account)
            if stored is not None:
                balance = self._balances[name] = [stored.posted, stored.pending_debits, stored.pending_credits]
        return balance

    def _never_credited(self, name: str) -> UnknownAccount:
        """The refusal of a payment from the account named ``name``, never credited, as the single call would raise it
        after the batch's operations before it: the currencies held count the accounts the batch opened."""
        account = self._accounts[name]
        opened = (
            other.currency
            for other_name, other in self._accounts.items()
            if other_name in self._balances and other.is_prepaid and other.owner == account.owner
        )
        return never_credited(self._session, account, paying=True, also=opened)

    def _opened(self, name: str) -> list[int]:
        """The running balance of the account named ``name``, opened at zero if it was never credited."""
        balance = self._balance(name)
        if balance is None:
            balance = self._balances[name] = [0, 0, 0]
        return balance

    def _entry(self, sequence: int) -> Entry | None:
        if sequence > self._base:
            position = sequence - self._base - 1
            return self.entries[position] if position < len(self.entries) else None
        transaction = self._session.transaction(sequence)
        return None if transaction is None else entry_of(transaction)

    def _original(self, key: str, fingerprint: Fingerprint, recorded: Fingerprint, sequence: int) -> Entry:
        recorded_text, submitted_text = fingerprint_text(recorded), fingerprint_text(fingerprint)
        if recorded_text != submitted_text:
            raise IdempotencyConflict(key, recorded=recorded_text, submitted=submitted_text, sequence=sequence)
        original = self._entry(sequence)
        if original is None:  # a store that lost a keyed transaction is corrupt (tested: test_posting_boundaries)
            raise UnknownTransaction("sequence", sequence, "is recorded under a key but missing from the journal")
        return original
