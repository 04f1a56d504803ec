"""Every law of the audit fires: a sound journal, damaged in one place on purpose, is reported with the law it breaks.

An audit that cannot fail is worse than none, so each law gets at least one damage that only it catches, and each
boundary the audit draws (a balance of exactly zero, two dates on the same day, exactly two postings, a completion
reversed) is shown to be sound. The damage is done on :class:`Doctored`, a store that holds exactly what a test puts
in it — the journal, the running balances, the keys and the links — copied from a ledger that really posted them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from typing import Any

import attrs
import pytest

from infomanager_core import InvalidInput, Money
from infomanager_core.ledger import (
    Account,
    AccountBalance,
    AccountKind,
    Iban,
    InvariantViolation,
    Ledger,
    Posting,
    Transaction,
    TransactionKind,
    check_invariants,
    prepaid,
    system,
)
from infomanager_core.ledger.transaction import trusted_posting, trusted_transaction

MARCH_2, MARCH_3, MARCH_4 = date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)
ACME, BETA = prepaid("acme", "CHF"), prepaid("beta", "CHF")
IN_TRANSIT = system(AccountKind.PAYOUTS_IN_TRANSIT, "CHF")
RECEIVED = system(AccountKind.TRANSFERS_RECEIVED, "CHF")


def chf(amount: str) -> Money:
    return Money(amount, "CHF")


def posted_history() -> Ledger:
    """Nine transactions touching every law, with acme's available balance at exactly zero after #5.

    #1 top-up acme 100 · #2 acme pays 30 (70 left) · #3 acme asks a payout of 20 (50 available) · #4 it completes
    (posted 50) · #5 acme asks a payout of 50 (0 available) · #6 it fails (50 available) · #7 #2 is reversed (80) ·
    #8 beta tops up 10 · #9 beta pays 10 (posted exactly 0), then #10 reverses completion #4 (acme back to 100).
    """
    ledger = Ledger()
    iban = Iban("CH9300762011623852957")
    ledger.top_up(organisation="acme", amount=chf("100"), effective=MARCH_2, key="t-1")
    ledger.pay_order(organisation="acme", order_id="A-1", amount=chf("30"), effective=MARCH_2, key="pay-1")
    ledger.request_payout(organisation="acme", amount=chf("20"), destination=iban, effective=MARCH_2, key="p-1")
    ledger.complete_payout(request=3, effective=MARCH_3, key="p-1-done")
    ledger.request_payout(organisation="acme", amount=chf("50"), destination=iban, effective=MARCH_3, key="p-2")
    ledger.fail_payout(request=5, effective=MARCH_3, key="p-2-failed", reason="closed account")
    ledger.reverse(sequence=2, effective=MARCH_4, key="undo-pay-1")
    ledger.top_up(organisation="beta", amount=chf("10"), effective=MARCH_4, key="t-2")
    ledger.pay_order(organisation="beta", order_id="B-1", amount=chf("10"), effective=MARCH_4, key="pay-2")
    ledger.reverse(sequence=4, effective=MARCH_4, key="undo-p-1")
    return ledger


@attrs.define
class Doctored:
    """A store holding exactly the journal, balances, keys and links a test gives it (a reader and nothing more).

    ``broken_at``: reading the journal fails there as a damaged row does (the row no longer passes validation).
    """

    journal: list[Transaction]
    balances_held: dict[Account, AccountBalance]
    keys: dict[str, tuple[str, int]]
    resolutions: dict[int, int]
    reversals: dict[int, int]
    index: dict[tuple[str, str], int]
    broken_at: int | None = None

    @classmethod
    def of(cls, ledger: Ledger) -> Doctored:
        with ledger.store.reading() as reader:
            journal = list(reader.transactions())
            keys = {t.key: record for t in journal if (record := reader.recorded(t.key)) is not None}
            resolutions = {t.sequence: r for t in journal if (r := reader.resolution_of(t.sequence)) is not None}
            reversals = {t.sequence: r for t in journal if (r := reader.reversal_of(t.sequence)) is not None}
            orders = {
                (p.account.owner, order): paid
                for t in journal
                if t.kind is TransactionKind.ORDER_PAYMENT and (order := t.meta("order")) is not None
                for p in t.postings
                if p.account.is_prepaid and (paid := reader.order_payment(p.account.owner, order)) is not None
            }
            return cls(journal, reader.balances(), keys, resolutions, reversals, orders)

    @contextmanager
    def reading(self) -> Iterator[Doctored]:
        yield self

    writing = reading

    def batch(self) -> nullcontext[None]:
        return nullcontext()

    def transactions(self) -> Iterator[Transaction]:
        for position, transaction in enumerate(self.journal):
            if position == self.broken_at:
                raise InvalidInput("postings", "?", "must sum to zero in every currency (double entry)")
            yield transaction

    def transaction(self, sequence: int) -> Transaction | None:
        return next((t for t in self.journal if t.sequence == sequence), None)

    def balances(self) -> dict[Account, AccountBalance]:
        return dict(self.balances_held)

    def recorded_many(self, keys: Any) -> dict[str, tuple[str, int]]:
        return {key: self.keys[key] for key in keys if key in self.keys}

    def resolution_of(self, request: int) -> int | None:
        return self.resolutions.get(request)

    def reversal_of(self, sequence: int) -> int | None:
        return self.reversals.get(sequence)

    def order_payment(self, organisation: str, order_id: str) -> int | None:
        return self.index.get((organisation, order_id))

    def paid_orders(self) -> dict[tuple[str, str], int]:
        return dict(self.index)

    # -- damage -------------------------------------------------------------------------------------------------

    def edit(self, number: int, **changes: Any) -> None:
        """Replace transaction ``number`` by a copy with ``changes``, unchecked (as a damaged row would read)."""
        self.edit_position(next(i for i, t in enumerate(self.journal) if t.sequence == number), **changes)

    def drop(self, sequence: int) -> None:
        self.journal = [t for t in self.journal if t.sequence != sequence]

    def append_copy(self, sequence: int, **changes: Any) -> None:
        """Append a copy of transaction ``sequence`` as the next one, dated the last day, under a new key."""
        self.journal.append(self.journal[sequence - 1])
        last = len(self.journal)
        self.edit_position(last - 1, sequence=last, key=f"copy-{last}", effective=self.journal[-2].effective, **changes)
        self.keys[f"copy-{last}"] = ("copied", last)

    def edit_position(self, position: int, **changes: Any) -> None:
        fields = {field.name: getattr(self.journal[position], field.name) for field in attrs.fields(Transaction)}
        fields.update(changes)
        self.journal[position] = trusted_transaction(**fields)

    def postings_of(self, sequence: int) -> tuple[Posting, ...]:
        return self.journal[sequence - 1].postings


def postings(*pairs: tuple[Account, int]) -> tuple[Posting, ...]:
    return tuple(trusted_posting(account, units) for account, units in pairs)


def audit(store: Doctored) -> str | None:
    """The law the audit reports broken, or ``None`` for a sound store."""
    try:
        check_invariants(store)  # type: ignore[arg-type]  # a reader is all the audit uses
    except InvariantViolation as violation:
        return violation.law
    return None


@pytest.fixture
def store() -> Doctored:
    return Doctored.of(posted_history())


def test_the_undamaged_copy_of_a_posted_history_is_sound(store: Doctored) -> None:
    # the boundaries of the history: acme at exactly 0 available after #5, beta at exactly 0 posted after #9, many
    # transactions on one day, a completion reversed, system accounts far below zero
    assert [t.kind for t in store.journal][-1] is TransactionKind.REVERSAL
    assert store.balances_held[BETA] == AccountBalance()
    assert store.balances_held[ACME] == AccountBalance(posted=10000)
    assert audit(store) is None


def _cross_currency(store: Doctored) -> None:
    store.edit(1, postings=postings((ACME, 10000), (system(AccountKind.TRANSFERS_RECEIVED, "EUR"), -10000)))


def _three_postings(store: Doctored) -> None:
    store.edit(1, postings=postings((ACME, 10000), (RECEIVED, -4000), (RECEIVED, -6000)))


DAMAGE: dict[str, tuple[Callable[[Doctored], object], str]] = {
    # law 0: a row that no longer reads back as a valid transaction
    "an unreadable row": (lambda s: setattr(s, "broken_at", 3), "every stored transaction is well-formed"),
    # law 1
    "the first transaction missing": (lambda s: s.drop(1), "sequences increase by one"),
    "a transaction missing in the middle": (lambda s: s.drop(8), "sequences increase by one"),
    "a sequence repeated": (lambda s: s.edit(8, sequence=7), "sequences increase by one"),
    "a date one day before its predecessor's": (
        lambda s: s.edit(4, effective=MARCH_2 - (MARCH_3 - MARCH_2)),
        "effective dates never go backwards",
    ),
    # law 2
    "a transaction with one posting": (
        lambda s: s.edit(8, postings=s.postings_of(8)[:1]),
        "every transaction has at least two postings",
    ),
    "postings in two currencies": (_cross_currency, "postings sum to zero per currency"),
    # a top-up balanced over three postings: the engine writes one amount between its kind's two accounts, and the
    # audit holds every kind to that shape (docs/decisions.md, "A kind's shape is a law")
    "a top-up split over three postings": (_three_postings, "each kind moves money between its own accounts"),
    # a transfer deposit is held to its kind's accounts as a top-up is: the deposit credits the payer from the
    # transfers received, never from another system account
    "a transfer deposit paid from the cashback expense": (
        lambda s: s.edit(
            8,
            kind=TransactionKind.TRANSFER_DEPOSIT,
            postings=postings((BETA, 1000), (system(AccountKind.CASHBACK_EXPENSE, "CHF"), -1000)),
        ),
        "each kind moves money between its own accounts",
    ),
    "a payout request reserving for the transfers received instead of the payouts in transit": (
        lambda s: s.edit(5, postings=postings((ACME, -5000), (RECEIVED, 5000))),
        "each kind moves money between its own accounts",
    ),
    "postings off by one cent": (
        lambda s: s.edit(1, postings=postings((ACME, 10000), (RECEIVED, -9999))),
        "postings sum to zero per currency",
    ),
    # law 3
    "a payment larger than the balance": (
        lambda s: s.edit(9, postings=postings((s.postings_of(9)[0].account, 1001), (BETA, -1001))),
        "no prepaid balance below zero",
    ),
    "a payout request larger than what is available": (
        lambda s: s.edit(5, postings=postings((ACME, -5001), (IN_TRANSIT, 5001))),
        "no prepaid balance below zero",
    ),
    # law 4
    "a payout request not pending": (lambda s: s.edit(3, pending=False), "only payout requests are pending"),
    "a top-up pending": (lambda s: s.edit(8, pending=True), "only payout requests are pending"),
    "a completion that names no request": (
        lambda s: s.edit(4, resolves=None),
        "exactly the resolutions name a payout request",
    ),
    "a top-up that names a request": (
        lambda s: s.edit(8, resolves=5),
        "exactly the resolutions name a payout request",
    ),
    "a completion of a top-up": (lambda s: s.edit(4, resolves=1), "a resolution names an earlier payout request"),
    "a completion of a later request": (
        lambda s: s.edit(4, resolves=5),
        "a resolution names an earlier payout request",
    ),
    "a completion repeating other postings": (
        lambda s: s.edit(4, postings=postings((ACME, -2001), (IN_TRANSIT, 2001))),
        "a resolution repeats its request's postings",
    ),
    "a request resolved twice": (lambda s: s.append_copy(6), "a payout request is resolved at most once"),
    "the store naming another resolution": (
        lambda s: s.resolutions.update({3: 6}),
        "the store's resolutions match the journal",
    ),
    "the store resolving a request the journal never resolves": (
        lambda s: s.resolutions.update({1: 2}),
        "the store's resolutions match the journal",
    ),
    # law 5
    "a reversal that names no transaction": (
        lambda s: s.edit(7, reverses=None),
        "exactly the reversals name a reversed transaction",
    ),
    "a top-up that names a reversed transaction": (
        lambda s: s.edit(8, reverses=1),
        "exactly the reversals name a reversed transaction",
    ),
    "a reversal of itself": (lambda s: s.edit(7, reverses=7), "a reversal names an earlier posted transaction"),
    "a reversal of a later transaction": (
        lambda s: s.edit(7, reverses=8),
        "a reversal names an earlier posted transaction",
    ),
    "a reversal of a payout request": (
        lambda s: s.edit(7, reverses=5),
        "a reversal names an earlier posted transaction",
    ),
    "a reversal of a failure": (lambda s: s.edit(7, reverses=6), "a reversal names an earlier posted transaction"),
    "a reversal that gives back one cent less": (
        lambda s: s.edit(7, postings=postings((s.postings_of(2)[0].account, -2999), (ACME, 2999))),
        "a reversal negates its original exactly",
    ),
    "a reversal that repeats its original": (
        lambda s: s.edit(7, postings=s.postings_of(2)),
        "a reversal negates its original exactly",
    ),
    "a transaction reversed twice": (lambda s: s.append_copy(7), "a transaction is reversed at most once"),
    "the store naming another reversal": (
        lambda s: s.reversals.update({2: 10}),
        "the store's reversals match the journal",
    ),
    "the store reversing what the journal never reverses": (
        lambda s: s.reversals.update({1: 3}),
        "the store's reversals match the journal",
    ),
    # law 6
    "a key recorded under another transaction": (
        lambda s: s.keys.update({"t-2": ("x", 1)}),
        "every key names its own transaction",
    ),
    "a key not recorded at all": (lambda s: s.keys.pop("t-2"), "every key names its own transaction"),
    "two transactions under one key": (lambda s: s.edit(8, key="t-1"), "idempotency keys are unique"),
    # law 7
    "a running balance one cent off": (
        lambda s: s.balances_held.update({ACME: AccountBalance(posted=10001)}),
        "running balances equal the replayed journal",
    ),
    "a reservation the journal does not hold": (
        lambda s: s.balances_held.update({ACME: AccountBalance(posted=10000, pending_debits=1)}),
        "running balances equal the replayed journal",
    ),
    "a running balance missing": (
        lambda s: s.balances_held.pop(ACME),
        "running balances equal the replayed journal",
    ),
    "a balance on an account no transaction touched": (
        lambda s: s.balances_held.update({prepaid("ghost", "CHF"): AccountBalance(posted=1)}),
        "running balances equal the replayed journal",
    ),
    "every running balance one cent off": (
        lambda s: s.balances_held.update(
            {account: AccountBalance(posted=held.posted + 1) for account, held in s.balances_held.items()}
        ),
        "running balances equal the replayed journal",
    ),
    "two touched accounts at zero with no running balance": (
        lambda s: (s.balances_held.pop(BETA), s.balances_held.pop(IN_TRANSIT)),
        "every touched account has a running balance",
    ),
    "a touched account at zero with no running balance": (
        lambda s: s.balances_held.pop(BETA),
        "every touched account has a running balance",
    ),
    # law 8: the index that refuses a second payment of an order
    "an order's standing payment missing from the index": (
        lambda s: s.index.pop(("beta", "B-1")),
        "the store's order payments match the journal",
    ),
    "a reversed payment still standing in the index": (
        lambda s: s.index.update({("acme", "A-1"): 2}),
        "the store's order payments match the journal",
    ),
    "the index naming another transaction as the payment": (
        lambda s: s.index.update({("beta", "B-1"): 8}),
        "the store's order payments match the journal",
    ),
    "the index holding an order the journal never paid": (
        lambda s: s.index.update({("acme", "A-9"): 9}),
        "the store's order payments match the journal",
    ),
}


#: What each violation names, for an operator to repair from: the transaction that breaks the law (the later of two
#: dates, the resolution or reversal that names the wrong transaction), or the one a law counts (the request resolved
#: twice, the transaction reversed twice), the key, and every account or order concerned in order.
DETAILS: dict[str, object] = {
    "the first transaction missing": (1, 2),
    "a sequence repeated": (8, 7),
    "a date one day before its predecessor's": 4,
    "a transaction with one posting": 8,
    "postings in two currencies": 1,
    "a top-up split over three postings": (
        1,
        "top_up",
        ("prepaid:acme:CHF", "transfers_received:CHF", "transfers_received:CHF"),
    ),
    "a payment larger than the balance": (9, "prepaid:beta:CHF"),
    "a payout request not pending": 3,
    "a top-up that names a request": 8,
    "a completion of a top-up": 4,
    "a completion repeating other postings": 4,
    "a request resolved twice": 5,
    # the request, the resolution the journal holds, and the one the store names instead
    "the store naming another resolution": (3, 4, 6),
    "the store resolving a request the journal never resolves": [(1, 2)],
    "a top-up that names a reversed transaction": 8,
    "a reversal of a later transaction": 7,
    "a reversal that gives back one cent less": 7,
    "a transaction reversed twice": 2,
    "the store naming another reversal": (2, 7, 10),
    "the store reversing what the journal never reverses": [(1, 3)],
    "a key recorded under another transaction": "t-2",
    "two transactions under one key": "t-1",
    "every running balance one cent off": [  # all five accounts, in order (a set's order would change a run to the next)
        "order_settlement:CHF",
        "payouts_in_transit:CHF",
        "prepaid:acme:CHF",
        "prepaid:beta:CHF",
        "transfers_received:CHF",
    ],
    "two touched accounts at zero with no running balance": ["payouts_in_transit:CHF", "prepaid:beta:CHF"],
    "a reversed payment still standing in the index": (("acme", "A-1"), "#2", "#None"),
    "an order's standing payment missing from the index": (("beta", "B-1"), "#None", "#9"),
}


@pytest.mark.parametrize("damage", list(DETAILS))
def test_each_violation_names_what_broke_so_an_operator_can_repair_it(store: Doctored, damage: str) -> None:
    damage_store, law = DAMAGE[damage]
    damage_store(store)
    with pytest.raises(InvariantViolation) as raised:
        check_invariants(store)  # type: ignore[arg-type]
    assert (raised.value.law, raised.value.detail) == (law, DETAILS[damage])


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_each_damage_is_reported_with_the_law_it_breaks(store: Doctored, damage: str) -> None:
    damage_store, law = DAMAGE[damage]
    damage_store(store)
    assert audit(store) == law


SOUND_VARIATIONS: dict[str, Callable[[Doctored], object]] = {
    "a zero running balance kept for an account never touched": lambda s: s.balances_held.update(
        {prepaid("ghost", "CHF"): AccountBalance()}
    ),
}


@pytest.mark.parametrize("variation", list(SOUND_VARIATIONS))
def test_what_the_laws_allow_is_not_reported(store: Doctored, variation: str) -> None:
    SOUND_VARIATIONS[variation](store)
    assert audit(store) is None


def test_a_damaged_key_is_found_past_the_first_chunk_of_the_audit() -> None:
    ledger = Ledger()
    for n in range(1, 502):
        ledger.top_up(organisation="acme", amount=chf("1"), effective=MARCH_2, key=f"t-{n}")
    store = Doctored.of(ledger)
    assert audit(store) is None
    store.keys["t-501"] = ("x", 500)
    assert audit(store) == "every key names its own transaction"


def test_a_reversal_of_the_very_first_transaction_is_sound() -> None:
    # sequence 1 is the lowest a reversal can name: the audit must read it back, not take it for "no transaction"
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=chf("100"), effective=MARCH_2, key="t-1")
    ledger.reverse(sequence=1, effective=MARCH_2, key="undo-t-1")
    assert audit(Doctored.of(ledger)) is None


def test_the_violation_carries_what_broke_as_data(store: Doctored) -> None:
    # an operator repairs from the detail: the accounts whose running balance is wrong, the sequence expected and found
    store.balances_held[ACME] = AccountBalance(posted=10001)
    with pytest.raises(InvariantViolation) as raised:
        check_invariants(store)  # type: ignore[arg-type]
    assert raised.value.detail == ["prepaid:acme:CHF"]
    store.drop(8)
    with pytest.raises(InvariantViolation) as raised:
        check_invariants(store)  # type: ignore[arg-type]
    assert raised.value.detail == (8, 9)


def test_of_several_orders_the_index_gets_wrong_the_first_is_named_with_both_payments(store: Doctored) -> None:
    # the operator repairs in order: the first (organisation, order) that differs, the index's payment, the journal's
    store.index.update({("zeta", "Z-1"): 9, ("acme", "A-9"): 9})
    with pytest.raises(InvariantViolation) as raised:
        check_invariants(store)  # type: ignore[arg-type]
    assert raised.value.law == "the store's order payments match the journal"
    assert raised.value.detail == (("acme", "A-9"), "#9", "#None")
