"""What the SQLite file holds after a session, where mutation testing found behaviour no test pinned: a batch is
committed when its block ends (not only seen by the connection that wrote it), and a reopened file holds exactly
what the memory store holds after the same operations — the law an auditor checks a year later.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Iban, Ledger, PaypalAddress, check_invariants

from .support import new_ledger, snapshot, ticking_clock

MONDAY = date(2026, 3, 2)
TUESDAY = date(2026, 3, 3)


def chf(amount: str) -> Money:
    return Money(amount, "CHF")


def a_week_of_business(ledger: Ledger) -> None:
    """Two organisations, two currencies, every kind of transaction, a payout of each outcome and a reversal."""
    for organisation in ("acme", "globex"):
        ledger.top_up(organisation=organisation, amount=chf("100"), effective=MONDAY, key=f"t-{organisation}")
    ledger.pay_order(organisation="acme", order_id="A-1", amount=chf("12.35"), effective=MONDAY, key="pay-A-1")
    ledger.pay_order(
        organisation="globex", order_id="G-1", amount=chf("250"), effective=MONDAY, key="pay-G-1", partial=True
    )
    ledger.credit_cashback(partner="acme", order_id="A-1", amount=Money("7.25", "EUR"), effective=MONDAY)
    ledger.deposit_cancelled_transfer(
        payer="globex", order_id="G-2", amount=Money("40", "EUR"), effective=TUESDAY, key="dep-G-2"
    )
    requests = [
        ledger.request_payout(
            organisation="acme", amount=chf(amount), destination=destination, effective=TUESDAY, key=f"out-{amount}"
        ).sequence
        for amount, destination in (
            ("10", Iban("CH9300762011623852957")),
            ("20", PaypalAddress("billing@acme.ch")),
            ("30", Iban("CH9300762011623852957")),
            ("5", PaypalAddress("billing@acme.ch")),
        )
    ]
    ledger.complete_payout(request=requests[0], effective=TUESDAY, key="out-10-done")
    ledger.fail_payout(request=requests[1], effective=TUESDAY, key="out-20-failed", reason="account closed")
    ledger.cancel_payout(request=requests[2], effective=TUESDAY, key="out-30-cancelled")
    ledger.top_up(organisation="acme", amount=chf("1"), effective=TUESDAY, key="payout_request")  # a key is any text
    top_up = ledger.top_up(organisation="globex", amount=chf("3"), effective=TUESDAY, key="t-twice")
    ledger.reverse(sequence=top_up.sequence, effective=TUESDAY, key="undo-t-twice", reason="sent twice")


def test_a_batch_is_committed_when_its_block_ends(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    ledger = Ledger(SqliteLedgerStore(path, durable=False))
    with ledger.store.batch():
        ledger.top_up(organisation="acme", amount=chf("10"), effective=MONDAY, key="t-1")
        ledger.top_up(organisation="acme", amount=chf("5"), effective=MONDAY, key="t-2")
    with SqliteLedgerStore(path, durable=False, read_only=True) as other:  # another connection, as an auditor's
        assert Ledger(other).balances("acme", "CHF").posted == chf("15")
        assert [transaction.key for transaction in Ledger(other).journal()] == ["t-1", "t-2"]
    ledger.store.close()
    with SqliteLedgerStore(path, durable=False) as reopened:
        assert Ledger(reopened).balances("acme", "CHF").posted == chf("15")


def test_a_reopened_file_holds_what_the_memory_store_holds_after_the_same_operations(tmp_path: Path) -> None:
    memory = new_ledger("memory", tmp_path)
    written = new_ledger("sqlite", tmp_path)
    for ledger in (memory, written):
        a_week_of_business(ledger)
    written.store.close()
    reopened = Ledger(SqliteLedgerStore(tmp_path / "ledger.sqlite", read_only=True), clock=ticking_clock())
    assert snapshot(reopened) == snapshot(memory)
    for organisation in ("acme", "globex"):
        assert reopened.prepaid_balances(organisation) == memory.prepaid_balances(organisation)
        assert reopened.statement(organisation, "CHF") == memory.statement(organisation, "CHF")
        assert reopened.pending_payouts(organisation, "CHF") == memory.pending_payouts(organisation, "CHF")
    assert reopened.journal(start=TUESDAY) == memory.journal(start=TUESDAY)
    with reopened.store.reading() as file, memory.store.reading() as kept:
        assert file.head() == kept.head()
        balances = kept.balances()
        assert any(balance.pending_credits for balance in balances.values())  # a payout request is still pending
        for account, balance in balances.items():  # each read alone too, as a payment's overdraft check reads one
            assert file.balance(account) == balance
        for transaction in kept.transactions():
            assert file.transaction(transaction.sequence) == transaction
            assert file.recorded_many([transaction.key, "never-used"]) == kept.recorded_many(
                [transaction.key, "never-used"]
            )
    check_invariants(reopened.store)
    reopened.store.close()


def test_a_read_only_store_on_a_live_file_sees_what_is_written_after_it_opened(tmp_path: Path) -> None:
    """Only a file on a read-only file system is read as immutable: an auditor's view of a live file follows it."""
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        Ledger(store).top_up(organisation="acme", amount=chf("20"), effective=MONDAY, key="t-1")
    with SqliteLedgerStore(path, read_only=True) as auditor:
        assert Ledger(auditor).balances("acme", "CHF").posted == chf("20")
        with SqliteLedgerStore(path, durable=False) as store:
            Ledger(store).top_up(organisation="acme", amount=chf("5"), effective=TUESDAY, key="t-2")
            assert Ledger(auditor).balances("acme", "CHF").posted == chf("25")
            assert [transaction.key for transaction in Ledger(auditor).journal()] == ["t-1", "t-2"]
