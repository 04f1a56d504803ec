"""The in-memory store: reading one account's transactions (what an organisation's statement and pending payouts are
made of) with other organisations in the journal, a bulk load grouped in ``store.batch()``, a unit of work handing
the store over to the next thread when it ends, and keys recorded with their fingerprints.
"""

from __future__ import annotations

import threading
from datetime import date

import pytest

from infomanager_core import Money
from infomanager_core.ledger import AccountBalance, Ledger, MemoryLedgerStore, PaypalAddress, prepaid

MONDAY = date(2026, 3, 2)
TUESDAY = date(2026, 3, 3)


def chf(amount: str) -> Money:
    return Money(amount, "CHF")


def two_organisations() -> Ledger:
    """acme and globex each top up and ask for a payout, interleaved in one journal."""
    ledger = Ledger(store=MemoryLedgerStore())
    for organisation in ("acme", "globex"):
        ledger.top_up(organisation=organisation, amount=chf("100"), effective=MONDAY, key=f"t-{organisation}")
    for organisation, amount in (("globex", "40"), ("acme", "25")):
        ledger.request_payout(
            organisation=organisation,
            amount=chf(amount),
            destination=PaypalAddress(f"billing@{organisation}.ch"),
            effective=TUESDAY,
            key=f"payout-{organisation}",
        )
    return ledger


def test_an_accounts_transactions_are_the_ones_that_touch_it_and_no_others() -> None:
    ledger = two_organisations()
    with ledger.store.reading() as reader:
        acme = list(reader.transactions(account=prepaid("acme", "CHF")))
        since_third = list(reader.transactions(account=prepaid("acme", "CHF"), since=3))
    assert [transaction.key for transaction in acme] == ["t-acme", "payout-acme"]
    assert [transaction.key for transaction in since_third] == ["payout-acme"]
    assert [request.key for request in ledger.pending_payouts("acme", "CHF")] == ["payout-acme"]
    assert [request.key for request in ledger.pending_payouts("globex", "CHF")] == ["payout-globex"]
    statement = ledger.statement("acme", "CHF")
    assert [str(line.balance) for line in statement.lines] == ["100.00 CHF"]  # the request is pending, not posted


def test_operations_grouped_in_a_batch_are_posted_as_one_by_one() -> None:
    store = MemoryLedgerStore()
    ledger = Ledger(store=store)
    with store.batch():
        for day in range(2, 6):
            ledger.top_up(organisation="acme", amount=chf("10"), effective=date(2026, 3, day), key=f"t-{day}")
    assert ledger.balances("acme", "CHF").posted == chf("40")
    assert [transaction.sequence for transaction in ledger.journal()] == [1, 2, 3, 4]


def top_up_in_another_thread(ledger: Ledger) -> None:
    """acme's top-up of 5 CHF keyed ``t-worker``, posted by another thread, which must finish."""
    worker = threading.Thread(
        target=ledger.top_up,
        kwargs={"organisation": "acme", "amount": chf("5"), "effective": MONDAY, "key": "t-worker"},
        daemon=True,  # a store that kept its lock would block it for good: do not keep the test run waiting on it
    )
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive()


def test_a_finished_unit_of_work_lets_another_thread_write() -> None:
    ledger = Ledger(store=MemoryLedgerStore())
    ledger.top_up(organisation="acme", amount=chf("10"), effective=MONDAY, key="t-main")
    top_up_in_another_thread(ledger)
    assert ledger.balances("acme", "CHF").posted == chf("15")


def test_a_finished_reading_lets_another_thread_write() -> None:
    """A reading holds the store's lock for its block only: one that kept it hung the suite rather than failed it."""
    store = MemoryLedgerStore()
    ledger = Ledger(store=store)
    ledger.top_up(organisation="acme", amount=chf("10"), effective=MONDAY, key="t-main")
    with store.reading() as reader:
        assert reader.recorded("t-main") is not None
    top_up_in_another_thread(ledger)
    assert ledger.balances("acme", "CHF").posted == chf("15")


def test_only_a_sequence_of_the_journal_names_a_transaction() -> None:
    ledger = two_organisations()
    with ledger.store.reading() as reader:
        assert [reader.transaction(sequence).key for sequence in (1, 4)] == ["t-acme", "payout-acme"]  # type: ignore[union-attr]
        assert [reader.transaction(sequence) for sequence in (0, -1, 5)] == [None, None, None]


def test_a_memory_store_starts_empty_and_takes_no_state_but_through_its_units_of_work() -> None:
    forged = {
        "entries": [],
        "balances": {},
        "keys": {},
        "fingerprints": [],
        "resolutions": {},
        "reversals": {},
        "lock": threading.RLock(),
        "unit": None,
    }
    for name, value in forged.items():
        with pytest.raises(TypeError):
            MemoryLedgerStore(**{name: value})  # type: ignore[arg-type]
    with MemoryLedgerStore().reading() as reader:
        assert (reader.head(), reader.balances()) == (None, {})


def test_reading_up_to_before_the_first_transaction_reads_nothing() -> None:
    ledger = two_organisations()
    with ledger.store.reading() as reader:
        assert [list(reader.transactions(upto=upto)) for upto in (0, -1)] == [[], []]
        assert [t.key for t in reader.transactions(account=prepaid("acme", "CHF"), upto=0)] == []
    sunday = date(2026, 3, 1)
    assert ledger.balance_at("acme", "CHF", on=sunday).posted == chf("0")  # acme's first money came on Monday
    assert ledger.pending_payouts("acme", "CHF", on=sunday) == ()


def test_a_key_is_recorded_with_its_own_fingerprint_read_one_at_a_time_or_many() -> None:
    ledger = two_organisations()
    keys = [transaction.key for transaction in ledger.journal()]
    with ledger.store.reading() as reader:
        one_by_one = {key: reader.recorded(key) for key in keys}
        assert one_by_one == reader.recorded_many(keys)
        assert [one_by_one[key][1] for key in keys] == [1, 2, 3, 4]  # type: ignore[index]
        assert len({one_by_one[key][0] for key in keys}) == 4  # type: ignore[index]  # four contents, four prints
        assert reader.recorded("never-used") is None


def test_an_undo_record_lives_only_while_a_unit_of_work_is_open() -> None:
    """What a rollback would give back is kept while a unit of work is open, dropped when the outermost one commits,
    and never kept for an append made outside one (the store is its own session): nothing grows with the journal."""
    store = MemoryLedgerStore()
    ledger = Ledger(store)
    with store.batch():
        ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
        assert len(store._replaced) == 1
    assert (store._replaced, store._savepoints) == ([], [])
    entry = (2, "t-2", "top_up", date(2026, 3, 2), ledger.clock(), "prepaid:acme:CHF", "transfers_received:CHF", 100,
             False, None, None, ())  # fmt: skip
    store.append([entry], [("top_up", 100, "CHF", "acme", None)], {prepaid("acme", "CHF"): prepaid_change(100)})
    assert store._replaced == []


def prepaid_change(units: int) -> AccountBalance:
    return AccountBalance(posted=units)


class GaveUp(Exception):
    """The caller's own error, ending a unit of work it opened."""


def test_a_unit_of_work_that_fails_drops_its_undo_record_with_what_it_took_back() -> None:
    """The undo log holds only what an open unit of work could still take back: a failed one's record goes when its
    appends do, alone or inside a batch, so that a run of failures does not grow it."""
    store = MemoryLedgerStore()
    ledger = Ledger(store)

    def top_up_and_give_up(key: str) -> None:
        with store.writing():
            ledger.top_up(organisation="acme", amount=chf("10"), effective=MONDAY, key=key)
            raise GaveUp

    for attempt in range(3):
        with pytest.raises(GaveUp):
            top_up_and_give_up(f"gone-{attempt}")
        assert (store._replaced, store._savepoints) == ([], [])
    with store.batch():
        ledger.top_up(organisation="acme", amount=chf("10"), effective=MONDAY, key="kept")
        with pytest.raises(GaveUp):
            top_up_and_give_up("gone")
        assert len(store._replaced) == 1  # the kept top-up's: the batch could still take it back
    assert (store._replaced, store._savepoints, store.head()) == ([], [], (1, MONDAY))


def test_a_rollback_cut_short_still_lets_another_thread_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """An interrupt (Ctrl-C, a signal handler's error) may arrive while a failed unit of work is being taken back:
    the lock is released all the same, or every other thread would wait for good on a store nobody holds."""
    ledger = Ledger(store=MemoryLedgerStore())

    def interrupted(store: MemoryLedgerStore, length: int, logged: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(MemoryLedgerStore, "_roll_back_to", interrupted)

    def give_up() -> None:
        with ledger.store.writing():
            raise GaveUp

    with pytest.raises(KeyboardInterrupt):
        give_up()
    top_up_in_another_thread(ledger)
    assert ledger.balances("acme", "CHF").posted == chf("5")


def test_each_organisations_accounts_are_indexed_once_and_an_abandoned_unit_of_work_leaves_no_name_behind() -> None:
    """The index of each organisation's prepaid accounts holds an account once, in the order it first appeared,
    however many postings touch it, and a unit of work given up leaves no entry for an organisation it alone named:
    nothing grows with the journal."""
    store = MemoryLedgerStore()
    ledger = Ledger(store)
    for number, code in enumerate(("EUR", "CHF", "EUR", "CHF", "EUR")):
        ledger.top_up(organisation="acme", amount=Money("10", code), effective=MONDAY, key=f"t-{number}")
    ledger.pay_order(organisation="acme", order_id="O-1", amount=chf("4"), effective=MONDAY, key="pay-O-1")

    def top_up_and_give_up() -> None:
        with store.writing():
            ledger.top_up(organisation="globex", amount=chf("10"), effective=MONDAY, key="gone")
            raise GaveUp

    with pytest.raises(GaveUp):
        top_up_and_give_up()
    assert store._prepaid == {"acme": (prepaid("acme", "EUR"), prepaid("acme", "CHF"))}
