"""The store contract: what every journal store (:class:`~infomanager_core.ledger.LedgerStore`) owes the ledger, one
obligation a test, run over every store in ``support.STORES`` — the memory store, the SQLite store and the tests'
journal store (``journal_store.py``, written from the port's documentation alone). A new store (PostgreSQL) is added to
``STORES`` and ``open_store`` in ``support.py``; then ``pytest tests/ledger/test_store_contract.py`` holds it to this
module, and the ledger's own tests run over it through the ``ledger`` fixture.

Obligations held elsewhere, over every store too:

* the refusals of ``append`` (a sequence that does not follow the head, a key, a resolution or a reversal already
  taken, before or in the same append, fingerprints that do not match the entries), each changing nothing and leaving
  the store able to take the next append — ``test_store_refusals.py``;
* the order index's backstop (an ``orders`` change whose ``before`` is not the standing payment is refused, changing
  nothing) — ``test_order_paid_once.py::test_a_store_refuses_an_append_that_would_pay_a_paid_order_again…``;
* an organisation's prepaid balances read alone are those kept from every balance, through abandoned batches —
  ``test_one_organisations_balances.py``;
* writers in threads never interleave a check with another's write — ``test_racing_workers.py``;
* any sequence of operations keeps the store in step with a reference model and :func:`check_invariants` —
  ``test_stateful.py``.
"""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from infomanager_core import Money
from infomanager_core.adapters.journal_csv import journal_csv
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.adapters.statement_csv import statement_csv
from infomanager_core.errors import InvalidInput
from infomanager_core.ledger import (
    AccountBalance,
    AccountKind,
    Iban,
    Ledger,
    LedgerStore,
    MemoryLedgerStore,
    PaypalAddress,
    TopUp,
    check_invariants,
    prepaid,
    replay,
    system,
)
from infomanager_core.ledger.balances import account_balance
from infomanager_core.ledger.plans import fingerprint_text

from .support import REFUSED_APPEND, STORES, open_store, snapshot, ticking_clock

DAY = date(2027, 6, 30)
ACME = prepaid("acme", "CHF")
RECEIVED = system(AccountKind.TRANSFERS_RECEIVED, "CHF")
SETTLEMENT = system(AccountKind.ORDER_SETTLEMENT, "CHF")
NOW = datetime(2027, 6, 30, 9, 0, tzinfo=UTC)


class GaveUp(Exception):
    """The caller's own failure inside a unit of work or a batch."""


class Opened:
    """A store of one kind, and the way to reopen it: a file store is closed and opened again on its file; a store
    that lives in memory is its own reopening."""

    def __init__(self, kind: str, directory: Path) -> None:
        self.kind, self.directory = kind, directory
        self.store: LedgerStore = open_store(kind, directory)
        self.ledger = Ledger(self.store, clock=ticking_clock())

    def reopen(self) -> Ledger:
        if isinstance(self.store, SqliteLedgerStore):
            self.store.close()
            self.store = open_store(self.kind, self.directory)
            self.ledger = Ledger(self.store, clock=ticking_clock())
        return self.ledger


@pytest.fixture(params=STORES)
def opened(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Opened]:
    opened = Opened(request.param, tmp_path)
    yield opened
    opened.store.close()


def top_up(sequence: int, key: str, units: int = 100) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """A top-up entry of ``units`` to acme's CHF account and its fingerprint, as its parts."""
    entry = (sequence, key, "top_up", DAY, NOW, ACME.name, RECEIVED.name, units, False, None, None, ())
    return entry, ("top_up", units, "CHF", "acme", None)


def payment(sequence: int, key: str, order: str, units: int) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    entry = (
        sequence, key, "order_payment", DAY, NOW, SETTLEMENT.name, ACME.name, units, False, None, None,
        (("order", order),),
    )  # fmt: skip
    return entry, ("order_payment", units, "CHF", order, "acme", False)


def chf(amount: str) -> Money:
    return Money(amount, "CHF")


def a_month(ledger: Ledger) -> None:
    """Every kind of transaction, a refusal, a retry and a bulk posting, read on a Zurich clock."""
    zurich = ZoneInfo("Europe/Zurich")
    ticks = iter(range(10_000))
    ledger.clock = lambda: datetime(2026, 3, 31, 9, 0, tzinfo=zurich) + timedelta(minutes=next(ticks))
    march = [date(2026, 3, day) for day in range(2, 32)]
    ledger.credit_cashback(partner="acme", order_id="ORD-1", amount=chf("52.08"), effective=march[0])
    ledger.top_up(organisation="acme", amount=chf("400"), effective=march[1], key="bank-1", reference="QRR 1")
    paid = ledger.pay_order(organisation="acme", order_id="ORD-2", amount=chf("300"), effective=march[2],
                            key="pay-2", partial=True)  # fmt: skip
    ledger.pay_order(organisation="acme", order_id="ORD-2", amount=chf("300"), effective=march[2], key="pay-2",
                     partial=True)  # fmt: skip  # a retry: the same transaction
    request = ledger.request_payout(organisation="acme", amount=chf("20"), effective=march[3],
                                    destination=Iban("CH9300762011623852957"), key="payout-1")  # fmt: skip
    ledger.complete_payout(request=request.sequence, effective=march[4], key="done-1")
    failed = ledger.request_payout(organisation="acme", amount=chf("5"), effective=march[4],
                                   destination=PaypalAddress("billing@acme.ch"), key="payout-2")  # fmt: skip
    ledger.fail_payout(request=failed.sequence, effective=march[5], key="failed-2", reason="account closed")
    ledger.reverse(sequence=paid.sequence, effective=march[6], key="undo-2", reason="paid by card")
    ledger.post_many(
        TopUp(organisation=organisation, amount=chf("10"), effective=march[7], key=f"import-{organisation}")
        for organisation in ("acme", "globex", "initech")
    )
    ledger.pay_order(organisation="globex", order_id="ORD-2", amount=chf("4"), effective=march[8], key="g-2")
    ledger.request_payout(organisation="acme", amount=chf("1"), effective=march[9],
                          destination=PaypalAddress("billing@acme.ch"), key="payout-3")  # fmt: skip


# -- reading what was appended ----------------------------------------------------------------------------------------


def test_an_empty_store_has_no_head_no_transaction_no_balance_no_key_and_no_paid_order(opened: Opened) -> None:
    with opened.store.reading() as reader:
        assert reader.head() is None
        assert reader.transaction(1) is None
        assert list(reader.transactions()) == []
        assert reader.balance(ACME) is None
        assert reader.balances() == {}
        assert reader.recorded("t-1") is None
        assert reader.recorded_many(["t-1"]) == {}
        assert (reader.resolution_of(1), reader.reversal_of(1)) == (None, None)
        assert (reader.order_payment("acme", "ORD-1"), reader.paid_orders()) == (None, {})


def test_transactions_are_read_back_as_posted_in_sequence_order_and_bounds_past_the_journal_read_nothing_more(
    opened: Opened,
) -> None:
    """Bounds are both included and either may be left open; an account's are those with a posting on it."""
    memory = Ledger(MemoryLedgerStore())
    for ledger in (opened.ledger, memory):
        a_month(ledger)
    posted = memory.journal()  # what was posted, as the memory store gives it back
    head = len(posted)
    with opened.store.reading() as reader:
        assert reader.head() == (head, posted[-1].effective)
        assert tuple(reader.transactions()) == posted
        assert [reader.transaction(n) for n in range(-1, head + 2)] == [None, None, *posted, None]
        for since, upto in [(-3, 2), (0, None), (4, 6), (None, 0), (head, None), (head + 1, None), (5, 4),
                            (None, head + 9), (None, None)]:  # fmt: skip
            assert list(reader.transactions(since=since, upto=upto)) == [
                t for t in posted if (since is None or t.sequence >= since) and (upto is None or t.sequence <= upto)
            ], (since, upto)
        for account in (ACME, prepaid("globex", "CHF"), prepaid("nobody", "CHF")):
            assert list(reader.transactions(account=account, since=3)) == [
                t for t in posted[2:] if account in {posting.account for posting in t.postings}
            ]


def test_a_key_is_recorded_with_the_text_of_its_fingerprint_even_when_given_its_parts(opened: Opened) -> None:
    entry, fingerprint = top_up(1, "t-1")
    with opened.store.writing() as session:
        session.append([entry], [fingerprint], {ACME: account_balance(100), RECEIVED: account_balance(-100)})
    with opened.store.reading() as reader:
        assert reader.recorded("t-1") == ("top_up|amount=(100, 'CHF')|organisation='acme'|reference=None", 1)


def test_recorded_many_gives_each_recorded_key_once_whatever_its_repeats_and_leaves_out_the_new_ones(
    opened: Opened,
) -> None:
    a_month(opened.ledger)
    keys = ["bank-1", "pay-2", "never", "import-globex", "bank-1", "cashback:ORD-1", "never", "pay-2"]
    with opened.store.reading() as reader:
        one_by_one = {key: reader.recorded(key) for key in keys if reader.recorded(key) is not None}
        assert reader.recorded_many(iter(keys)) == one_by_one  # given once, as an iterator
        assert set(one_by_one) == {"bank-1", "pay-2", "import-globex", "cashback:ORD-1"}


def test_the_balances_and_the_paid_orders_read_are_the_callers_own_to_change(opened: Opened) -> None:
    a_month(opened.ledger)
    with opened.store.reading() as reader:
        balances, paid = reader.balances(), reader.paid_orders()
        kept = (dict(balances), dict(paid))
        balances.clear()
        paid[("acme", "ORD-404")] = 1
        assert (reader.balances(), reader.paid_orders()) == kept


# -- what append applies ------------------------------------------------------------------------------------------------


def test_changes_are_added_to_the_stored_balance_and_an_account_new_to_the_store_gets_its_whole_balance_even_zero(
    opened: Opened,
) -> None:
    """``changes`` are deltas; an account the store has no balance for yet is given whole, and a zero balance is a
    balance: a payment and its reversal in one append touch ``order_settlement`` for the first time and leave it at 0."""
    first, first_fingerprint = top_up(1, "t-1", 500)
    with opened.store.writing() as session:
        session.append([first], [first_fingerprint], {ACME: account_balance(500), RECEIVED: account_balance(-500)})
    pay, pay_fingerprint = payment(2, "p-1", "ORD-1", 200)
    undo = (3, "u-1", "reversal", DAY, NOW, ACME.name, SETTLEMENT.name, 200, False, 2, None, ())
    with opened.store.writing() as session:
        session.append(
            [pay, undo], [pay_fingerprint, ("reversal", None, 2)], {SETTLEMENT: account_balance(0)}
        )  # acme's balance is unchanged: no change given
    with opened.store.writing() as session:
        session.append([top_up(4, "t-2", 30)[0]], [top_up(4, "t-2", 30)[1]],
                       {ACME: account_balance(30, 7, 0), RECEIVED: account_balance(-30)})  # fmt: skip
    with opened.store.reading() as reader:
        assert reader.balance(ACME) == AccountBalance(posted=530, pending_debits=7)
        assert reader.balance(SETTLEMENT) == AccountBalance()
        assert reader.balances() == {
            ACME: AccountBalance(posted=530, pending_debits=7),
            RECEIVED: AccountBalance(posted=-530),
            SETTLEMENT: AccountBalance(),
        }
        assert reader.reversal_of(2) == 3


def test_orders_set_an_orders_standing_payment_from_none_and_take_it_back_to_none(opened: Opened) -> None:
    funds, funds_fingerprint = top_up(1, "t-1", 500)
    pay, pay_fingerprint = payment(2, "p-1", "ORD-1", 200)
    with opened.store.writing() as session:
        session.append(
            [funds, pay], [funds_fingerprint, pay_fingerprint],
            {ACME: account_balance(300), RECEIVED: account_balance(-500), SETTLEMENT: account_balance(200)},
            {("acme", "ORD-1"): (None, 2)},
        )  # fmt: skip
    with opened.store.reading() as reader:
        assert (reader.order_payment("acme", "ORD-1"), reader.paid_orders()) == (2, {("acme", "ORD-1"): 2})
        assert reader.order_payment("globex", "ORD-1") is None
    undo = (3, "u-1", "reversal", DAY, NOW, ACME.name, SETTLEMENT.name, 200, False, 2, None, ())
    with opened.store.writing() as session:
        session.append(
            [undo], [("reversal", None, 2)], {ACME: account_balance(200), SETTLEMENT: account_balance(-200)},
            {("acme", "ORD-1"): (2, None)},
        )  # fmt: skip
    with opened.store.reading() as reader:
        assert (reader.order_payment("acme", "ORD-1"), reader.paid_orders()) == (None, {})


LOOKUPS_OF_THE_WRONG_TYPE = [
    ("balance", ("prepaid:acme:CHF",), {}, "account"),
    ("transaction", ("1",), {}, "sequence"),
    ("transaction", (True,), {}, "sequence"),
    ("transactions", (), {"account": "prepaid:acme:CHF"}, "account"),
    ("transactions", (), {"since": "1"}, "since"),
    ("transactions", (), {"upto": 1.0}, "upto"),
    ("recorded", (1,), {}, "key"),
    ("recorded_many", (["t-1", 1],), {}, "keys"),
    ("recorded_many", (["t-1", ["t-2"]],), {}, "keys"),  # a key that cannot even be hashed
    ("recorded_many", (7,), {}, "keys"),  # no keys at all
    ("recorded_many", ("bank-1",), {}, "keys"),  # one key as the keys: its characters were looked up, found nowhere
    ("resolution_of", ("1",), {}, "request"),
    ("reversal_of", ("1",), {}, "sequence"),
    ("order_payment", (["acme"], "ORD-1"), {}, "organisation"),
    ("prepaid_balances_of", (["acme"],), {}, "organisation"),
    ("order_payment", ("acme", 1234), {}, "order_id"),
]


@pytest.mark.parametrize(("method", "args", "kwargs", "field"), LOOKUPS_OF_THE_WRONG_TYPE, ids=repr)
def test_a_reader_refuses_a_look_up_by_a_value_of_another_type_naming_its_parameter(
    opened: Opened, method: str, args: tuple[object, ...], kwargs: dict[str, object], field: str
) -> None:
    """An order id ``1234`` for ``"1234"`` would find nothing and read as "not paid"; SQLite would compare a sequence
    given as text as a number, where the memory store finds nothing: every store refuses instead, by name."""
    a_month(opened.ledger)
    before = snapshot(opened.ledger)
    with opened.store.reading() as reader, pytest.raises(InvalidInput) as refused:
        getattr(reader, method)(*args, **kwargs)
    assert refused.value.field == field
    assert "must be" in str(refused.value)
    assert snapshot(opened.ledger) == before


@pytest.mark.parametrize("bad", [1, ["t-2"]], ids=["an int", "a list, which cannot be hashed"])
@pytest.mark.parametrize("keys", [list, tuple])
def test_a_reader_refuses_keys_in_bulk_naming_the_one_key_that_is_not_text_in_a_list_or_a_tuple(
    opened: Opened, keys: type, bad: object
) -> None:
    """The key at fault is named, not the keys around it, whether the store reads them into a set, a dict or a list:
    a tuple of keys holding a list named the whole tuple 'must be an iterable of str', which it is."""
    a_month(opened.ledger)
    with opened.store.reading() as reader, pytest.raises(InvalidInput) as refused:
        reader.recorded_many(keys(["t-1", bad, "t-3"]))
    assert (refused.value.field, refused.value.value) == ("keys", bad)
    assert "must be a str" in str(refused.value)


# -- units of work ------------------------------------------------------------------------------------------------------


def test_a_unit_of_work_that_fails_after_its_append_leaves_nothing_of_it(opened: Opened) -> None:
    a_month(opened.ledger)
    before = snapshot(opened.ledger)
    entry, fingerprint = top_up(before[0][-1].sequence + 1, "new")

    def fail_after_appending() -> None:
        with opened.store.writing() as session:
            session.append([entry], [fingerprint], {ACME: account_balance(100), RECEIVED: account_balance(-100)})
            raise GaveUp

    with pytest.raises(GaveUp):
        fail_after_appending()
    assert snapshot(opened.ledger) == before
    # … and the next unit of work finds neither its sequence, nor its key, nor its place among the fingerprints taken:
    # a retry of it is its own transaction, not a conflict with the one taken back.
    after = opened.ledger.top_up(organisation="acme", amount=chf("2"), effective=date(2026, 3, 31), key="new")
    retried = opened.ledger.top_up(organisation="acme", amount=chf("2"), effective=date(2026, 3, 31), key="new")
    assert (retried, after.sequence, len(opened.reopen().journal())) == (after, entry[0], entry[0])
    with opened.ledger.store.reading() as reader:
        assert reader.recorded("new") == (fingerprint_text(("top_up", 200, "CHF", "acme", None)), entry[0])


def test_an_append_refused_inside_a_batch_leaves_nothing_of_itself_and_the_batch_commits_the_rest(
    opened: Opened,
) -> None:
    ledger = opened.ledger
    with opened.store.batch():
        ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=DAY, key="t-1")
        entry, fingerprint = top_up(2, "t-1")  # a key already taken
        with pytest.raises(REFUSED_APPEND), opened.store.writing() as session:
            session.append([entry], [fingerprint], {ACME: account_balance(100), RECEIVED: account_balance(-100)})
        ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="t-2")
    ledger = opened.reopen()
    assert [(t.sequence, t.key) for t in ledger.journal()] == [(1, "t-1"), (2, "t-2")]
    assert ledger.balances("acme", "CHF").posted == Money("11", "CHF")


def test_an_error_escaping_a_batch_discards_every_unit_of_work_in_it(opened: Opened) -> None:
    ledger = opened.ledger
    ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=DAY, key="t-1")
    before = snapshot(ledger)

    def give_up_halfway() -> None:
        with opened.store.batch():
            ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=DAY, key="t-2")
            ledger.pay_order(organisation="acme", order_id="ORD-1", amount=Money("5", "CHF"), effective=DAY, key="p-1")
            raise GaveUp

    with pytest.raises(GaveUp):
        give_up_halfway()
    assert snapshot(ledger) == before
    ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="t-2")  # its key not taken
    assert snapshot(opened.reopen())[0][-1].sequence == 2


def test_an_error_escaping_a_batch_frees_every_key_resolution_reversal_and_order_its_units_took(opened: Opened) -> None:
    """What a rolled-back batch took is free again: a resolved payout can be resolved, a reversed payment reversed, a
    paid order paid under another key, and the balances and the index of paid orders are those before."""
    ledger = opened.ledger
    ledger.top_up(organisation="acme", amount=chf("100"), effective=DAY, key="t-1")
    paid = ledger.pay_order(organisation="acme", order_id="ORD-1", amount=chf("30"), effective=DAY, key="p-1")
    request = ledger.request_payout(organisation="acme", amount=chf("20"), effective=DAY,
                                    destination=PaypalAddress("billing@acme.ch"), key="out-1")  # fmt: skip
    before = snapshot(ledger)
    with opened.store.reading() as reader:
        index_before = reader.paid_orders()

    def give_up_after_everything() -> None:
        with opened.store.batch():
            ledger.complete_payout(request=request.sequence, effective=DAY, key="done-1")
            ledger.reverse(sequence=paid.sequence, effective=DAY, key="undo-1", reason="paid by card")
            ledger.pay_order(organisation="acme", order_id="ORD-1", amount=chf("5"), effective=DAY, key="p-2")
            ledger.pay_order(organisation="acme", order_id="ORD-2", amount=chf("5"), effective=DAY, key="p-3")
            raise GaveUp

    with pytest.raises(GaveUp):
        give_up_after_everything()
    assert snapshot(ledger) == before
    with opened.store.reading() as reader:
        assert reader.paid_orders() == index_before == {("acme", "ORD-1"): paid.sequence}
    assert ledger.cancel_payout(request=request.sequence, effective=DAY, key="cancel-1").resolves == request.sequence
    assert ledger.reverse(sequence=paid.sequence, effective=DAY, key="undo-2").reverses == paid.sequence
    again = ledger.pay_order(organisation="acme", order_id="ORD-1", amount=chf("5"), effective=DAY, key="p-4")
    reopened = opened.reopen()
    assert [t.key for t in reopened.journal()] == ["t-1", "p-1", "out-1", "cancel-1", "undo-2", "p-4"]
    assert reopened.balances("acme", "CHF").available == chf("95")
    with reopened.store.reading() as reader:
        assert reader.paid_orders() == {("acme", "ORD-1"): again.sequence}


def test_a_unit_of_work_that_fails_inside_a_batch_leaves_nothing_of_itself_and_the_batch_commits_the_rest(
    opened: Opened,
) -> None:
    """Each unit of work inside a batch is a savepoint: its own failure takes back its append, not the batch's."""
    ledger = opened.ledger
    with opened.store.batch():
        ledger.top_up(organisation="acme", amount=chf("10"), effective=DAY, key="t-1")
        entry, fingerprint = top_up(2, "t-2")

        def fail_after_appending() -> None:
            with opened.store.writing() as session:
                session.append([entry], [fingerprint], {ACME: account_balance(100), RECEIVED: account_balance(-100)})
                raise GaveUp

        with pytest.raises(GaveUp):
            fail_after_appending()
        ledger.pay_order(organisation="acme", order_id="ORD-1", amount=chf("4"), effective=DAY, key="p-1")
    reopened = opened.reopen()
    assert [(t.sequence, t.key) for t in reopened.journal()] == [(1, "t-1"), (2, "p-1")]
    assert reopened.balances("acme", "CHF").posted == chf("6")


def test_an_error_escaping_a_batch_takes_back_once_what_a_failed_unit_inside_it_had_taken_and_a_later_one_took_again(
    opened: Opened,
) -> None:
    """Inside a batch, a unit of work pays an order, from which the programme's settlement account is new, and fails;
    the next unit pays it again; then the batch is given up: the store is as before it, the order unpaid and the
    account unknown (a failed unit's undo record kept past its rollback took them back twice: a KeyError)."""
    ledger = opened.ledger
    ledger.top_up(organisation="acme", amount=chf("100"), effective=DAY, key="t-1")
    before = snapshot(ledger)

    def pay_and_give_up() -> None:
        with opened.store.writing():
            ledger.pay_order(organisation="acme", order_id="ORD-1", amount=chf("30"), effective=DAY, key="p-1")
            raise GaveUp

    def pay_again_and_give_up_the_batch() -> None:
        with opened.store.batch():
            with pytest.raises(GaveUp):
                pay_and_give_up()
            ledger.pay_order(organisation="acme", order_id="ORD-1", amount=chf("30"), effective=DAY, key="p-2")
            raise GaveUp

    with pytest.raises(GaveUp):
        pay_again_and_give_up_the_batch()
    assert snapshot(ledger) == before
    with opened.store.reading() as reader:
        assert (reader.paid_orders(), reader.balance(SETTLEMENT)) == ({}, None)


def test_a_unit_of_work_inside_a_unit_of_work_is_a_savepoint_of_it_and_commits_only_with_the_outermost(
    opened: Opened,
) -> None:
    """``book_order`` reads its keys in a unit of work and posts them in ``post_many``'s, inside it: the inner unit's
    failure takes back its own append and the outer goes on; an error escaping the outer takes back what an inner
    unit appended (the journal store had committed the inner unit when it ended, and kept it)."""
    ledger = opened.ledger

    def top_up_and_give_up(key: str) -> None:
        with opened.store.writing():
            ledger.top_up(organisation="acme", amount=chf("5"), effective=DAY, key=key)  # a unit inside this one
            raise GaveUp

    with opened.store.writing():
        ledger.top_up(organisation="acme", amount=chf("10"), effective=DAY, key="t-1")
        with pytest.raises(GaveUp):
            top_up_and_give_up("t-2")
    assert [t.key for t in ledger.journal()] == ["t-1"]
    with pytest.raises(GaveUp):
        top_up_and_give_up("t-3")
    reopened = opened.reopen()
    assert [t.key for t in reopened.journal()] == ["t-1"]
    assert reopened.balances("acme", "CHF").posted == chf("10")
    check_invariants(reopened.store)


def test_an_error_escaping_a_batch_inside_a_batch_takes_back_the_inner_one_and_the_outer_commits_the_rest(
    opened: Opened,
) -> None:
    """A batch inside a batch is part of the outer one, and a savepoint like any unit of work: an error that ends it
    takes back what was appended inside it (SQLite and the journal store kept it, and the outer batch committed it)."""
    ledger = opened.ledger
    with opened.store.batch():
        ledger.top_up(organisation="acme", amount=chf("10"), effective=DAY, key="t-1")

        def give_up_inside() -> None:
            with opened.store.batch():
                ledger.top_up(organisation="acme", amount=chf("5"), effective=DAY, key="t-2")
                ledger.pay_order(organisation="acme", order_id="ORD-1", amount=chf("12"), effective=DAY, key="p-1")
                raise GaveUp

        with pytest.raises(GaveUp):
            give_up_inside()
        ledger.top_up(organisation="acme", amount=chf("1"), effective=DAY, key="t-3")
    reopened = opened.reopen()
    assert [(t.sequence, t.key) for t in reopened.journal()] == [(1, "t-1"), (2, "t-3")]
    assert reopened.balances("acme", "CHF").posted == chf("11")
    with reopened.store.reading() as reader:
        assert (reader.recorded("t-2"), reader.paid_orders()) == (None, {})
    check_invariants(reopened.store)


def test_a_reader_on_the_thread_of_an_open_batch_sees_the_batchs_writes_so_far(opened: Opened) -> None:
    """What the ledger reads between the operations of a bulk load (a balance, the journal) includes the load so far."""
    ledger = opened.ledger
    with opened.store.batch():
        ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=DAY, key="t-1")
        assert ledger.balances("acme", "CHF").posted == Money("10", "CHF")
        assert [t.key for t in ledger.journal()] == ["t-1"]


def test_a_reader_in_another_thread_never_sees_an_append_before_its_unit_of_work_commits(opened: Opened) -> None:
    """It reads the journal as it was (SQLite, the journal store) or waits for the commit (the memory store's lock);
    a reader that finishes while the writer still holds its appended unit of work must not have seen it."""
    ledger = opened.ledger
    ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=DAY, key="t-1")
    seen: list[tuple[int, bool]] = []  # (head read, whether the writer had committed when the read ended)
    committed = threading.Event()

    def read() -> None:
        with opened.store.reading() as reader:
            head = reader.head()
        seen.append((head[0] if head else 0, committed.is_set()))

    reader = threading.Thread(target=read)
    with opened.store.writing() as session:
        entry, fingerprint = top_up(2, "t-2")
        session.append([entry], [fingerprint], {ACME: account_balance(100), RECEIVED: account_balance(-100)})
        reader.start()
        reader.join(timeout=0.5)  # a store that does not wait lets the reader finish now
        finished_inside = not reader.is_alive()
        # set as the unit's last step, not after it: the lock is released as the block ends, and a waiting reader
        # may finish before the writer's next statement runs — it read the commit, and must not be taken as early
        committed.set()
    reader.join(timeout=60)
    (head, after_commit) = seen[0]
    assert head == 1 or after_commit, f"a reader saw #{head} while its unit of work was open"
    assert finished_inside or after_commit


def test_a_reader_in_another_thread_never_sees_the_writes_of_a_batch_that_is_then_abandoned(opened: Opened) -> None:
    """Not timed: the memory store's reader waits on the lock, so it cannot have read before the batch ends; the other
    stores' reader reads while the batch is open (the writer waits for it) and sees the last commit. Either way it
    reads neither the batch's transactions, nor its keys, nor its balances, nor its paid orders."""
    ledger = opened.ledger
    ledger.top_up(organisation="acme", amount=chf("10"), effective=DAY, key="t-1")
    waits = opened.kind == "memory"  # whether a reader waits for an open unit of work rather than read the last commit
    appended, read = threading.Event(), threading.Event()
    seen: list[tuple[Any, ...]] = []

    def read_while_the_batch_is_open() -> None:
        appended.wait()
        with opened.store.reading() as reader:
            seen.append((reader.head(), reader.recorded("t-2"), reader.recorded("p-1"), reader.balance(ACME),
                         reader.paid_orders()))  # fmt: skip
        read.set()

    reader = threading.Thread(target=read_while_the_batch_is_open)
    reader.start()

    def give_up_after_the_read() -> None:
        with opened.store.batch():
            ledger.top_up(organisation="acme", amount=chf("5"), effective=DAY, key="t-2")
            ledger.pay_order(organisation="acme", order_id="ORD-1", amount=chf("12"), effective=DAY, key="p-1")
            appended.set()
            if waits:
                assert not read.is_set()  # the lock is held: the reader cannot have read
            else:
                assert read.wait(timeout=60)  # a bound only so that a store that blocked fails instead of hanging
            raise GaveUp

    with pytest.raises(GaveUp):
        give_up_after_the_read()
    reader.join(timeout=60)
    assert seen == [((1, DAY), None, None, account_balance(1000), {})]
    assert [t.key for t in ledger.journal()] == ["t-1"]


# -- what survives -----------------------------------------------------------------------------------------------------


def test_the_balances_read_back_after_reopening_are_the_journal_replayed(opened: Opened) -> None:
    a_month(opened.ledger)
    ledger = opened.reopen()
    with ledger.store.reading() as reader:
        assert reader.balances() == replay(reader.transactions())


def test_closing_a_store_twice_is_harmless(opened: Opened) -> None:
    opened.store.close()
    opened.store.close()


# -- what reads a store -------------------------------------------------------------------------------------------------


def test_the_audit_the_digest_the_statement_and_the_journal_csv_read_every_store_alike(opened: Opened) -> None:
    memory = Ledger(MemoryLedgerStore())
    for ledger in (opened.ledger, memory):
        a_month(ledger)
    check_invariants(opened.store)
    ledger = opened.reopen()
    check_invariants(ledger.store)
    assert ledger.journal_digest() == memory.journal_digest()
    assert ledger.journal_digest(through=5) == memory.journal_digest(through=5)
    ledger.verify_digest(str(memory.journal_digest()))  # raises DigestMismatch if the store reads otherwise
    statement = ledger.statement("acme", "CHF", start=date(2026, 3, 3), end=date(2026, 3, 20))
    assert statement_csv(statement) == statement_csv(
        memory.statement("acme", "CHF", start=date(2026, 3, 3), end=date(2026, 3, 20))
    )
    assert journal_csv(ledger.journal()) == journal_csv(memory.journal())
    rows = list(csv.DictReader(io.StringIO(journal_csv(ledger.journal(start=date(2026, 3, 5))))))
    assert {row["sequence"] for row in rows} == {str(t.sequence) for t in memory.journal(start=date(2026, 3, 5))}
    assert [(p.sequence, p.key) for p in ledger.pending_payouts("acme", "CHF")] == [(13, "payout-3")]
