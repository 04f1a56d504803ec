"""One organisation's prepaid balances are read alone (``LedgerReader.prepaid_balances_of``), and are exactly those the
ledger used to keep from every account's balance (``reader.balances()``), on every store.

``Ledger.prepaid_balances`` read every balance of the store to keep the organisation's: on a file of 20,000
organisations each call decoded every account (``benchmarks/bench_ledger_reads.py``). The law here holds the new read
to the old one on random ledgers whose organisations' names differ by a case, a prefix or a colon (what a query by
pattern, or a range of the wrong key, would mix up), with batches abandoned halfway (the memory store's and the
journal store's index of accounts by organisation is rolled back with the balances). A reader written before the port
had the method is still read, the old way.
"""

from __future__ import annotations

import copy
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.errors import InvalidInput
from infomanager_core.ledger import (
    Account,
    AccountBalance,
    Balances,
    Iban,
    InsufficientFunds,
    Ledger,
    LedgerReader,
    MemoryLedgerStore,
    TopUp,
    UnknownAccount,
    prepaid,
)
from infomanager_core.ledger.store import prepaid_balances_of

from .support import STORES, new_ledger
from .test_sqlite_migration import version_1_file

DAY = date(2026, 3, 2)
#: Organisations whose names a pattern, a prefix or a case-blind comparison would confuse with one another.
NAMES = ("acme", "Acme", "acm", "acme2", "acme:x", "ac_e", "acme%")
CURRENCIES = ("CHF", "EUR", "JPY")


def kept_from_every_balance(reader: LedgerReader, organisation: str) -> dict[Account, AccountBalance]:
    """The old way: every balance of the store read, the organisation's prepaid ones kept."""
    return {
        account: balance
        for account, balance in reader.balances().items()
        if account.is_prepaid and account.owner == organisation
    }


def agrees_with_the_old_way(ledger: Ledger, organisation: str) -> None:
    with ledger.store.reading() as reader:
        kept = kept_from_every_balance(reader, organisation)
        assert reader.prepaid_balances_of(organisation) == kept
    by_currency = sorted(kept.items(), key=lambda item: item[0].currency)
    assert ledger.prepaid_balances(organisation) == tuple(
        Balances.of(account, balance) for account, balance in by_currency
    )


class GaveUp(Exception):
    """The caller's own error, ending a batch halfway."""


def abandoned(ledger: Ledger, *top_ups: tuple[str, Money, str]) -> None:
    """Top-ups (organisation, amount, key) in a batch that the caller's own error then abandons."""

    def give_up_halfway() -> None:
        with ledger.store.batch():
            for organisation, amount, key in top_ups:
                ledger.top_up(organisation=organisation, amount=amount, effective=DAY, key=key)
            raise GaveUp

    with pytest.raises(GaveUp):
        give_up_halfway()


STEPS = st.lists(
    st.tuples(
        st.sampled_from(["top up", "pay", "request", "abandoned batch"]),
        st.sampled_from(NAMES),
        st.sampled_from(CURRENCIES),
        st.integers(1, 500),
    ),
    max_size=12,
)


def run(ledger: Ledger, steps: list[tuple[str, str, str, int]]) -> None:
    """Top-ups, payments and payout requests, each refused when the balance is short; a batch abandoned halfway
    (a top-up of a new account inside it included) leaves nothing."""
    for number, (step, organisation, code, units) in enumerate(steps):
        amount, key = Money(units, code), f"{step}-{number}"
        try:
            if step == "top up":
                ledger.top_up(organisation=organisation, amount=amount, effective=DAY, key=key)
            elif step == "pay":
                ledger.pay_order(organisation=organisation, order_id=key, amount=amount, effective=DAY, key=key)
            elif step == "request":
                ledger.request_payout(organisation=organisation, amount=amount, effective=DAY, key=key,
                                      destination=Iban("CH9300762011623852957"))  # fmt: skip
            else:
                abandoned(ledger, (organisation, amount, key), (f"{organisation}-new", amount, f"{key}-new"))
        except (InsufficientFunds, UnknownAccount):
            pass  # the balance is short, or the account was never credited: nothing posted


@pytest.mark.parametrize("kind", STORES)
@given(steps=STEPS)
def test_an_organisations_balances_read_alone_are_those_kept_from_every_balance(
    kind: str, steps: list[tuple[str, str, str, int]]
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger(kind, Path(directory))
        try:
            run(ledger, steps)
            for organisation in (*NAMES, *(f"{name}-new" for name in NAMES), "nobody"):
                agrees_with_the_old_way(ledger, organisation)
        finally:
            ledger.store.close()


def test_prepaid_balances_reads_no_other_organisations_balance(ledger: Ledger, monkeypatch: pytest.MonkeyPatch) -> None:
    """The ledger asks the store for the organisation's accounts, never for every balance of the store."""
    for organisation in ("acme", "globex"):
        ledger.top_up(organisation=organisation, amount=Money("5", "CHF"), effective=DAY, key=f"t-{organisation}")
    ledger.top_up(organisation="acme", amount=Money("7", "EUR"), effective=DAY, key="t-acme-eur")
    with ledger.store.reading() as reader:
        reader_type = type(reader)

    def every_balance(_reader: object) -> dict[Account, AccountBalance]:
        raise AssertionError("every balance of the store was read")

    monkeypatch.setattr(reader_type, "balances", every_balance)
    assert [(b.account.owner, b.posted) for b in ledger.prepaid_balances("acme")] == [
        ("acme", Money("5", "CHF")),
        ("acme", Money("7", "EUR")),
    ]


def test_an_account_made_in_an_abandoned_batch_is_no_organisations_and_comes_back_once_when_made_again(
    ledger: Ledger,
) -> None:
    ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-1")
    abandoned(ledger, ("acme", Money("9", "EUR"), "t-2"), ("globex", Money("9", "EUR"), "t-3"))
    with ledger.store.reading() as reader:
        assert list(reader.prepaid_balances_of("acme")) == [prepaid("acme", "CHF")]
        assert reader.prepaid_balances_of("globex") == {}
    ledger.top_up(organisation="acme", amount=Money("3", "EUR"), effective=DAY, key="t-2")
    with ledger.store.reading() as reader:
        assert reader.prepaid_balances_of("acme") == {
            prepaid("acme", "CHF"): AccountBalance(posted=500),
            prepaid("acme", "EUR"): AccountBalance(posted=300),
        }


def test_the_balances_read_are_the_callers_own_and_no_system_account_is_an_organisations(ledger: Ledger) -> None:
    ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-1")
    with ledger.store.reading() as reader:
        mine = reader.prepaid_balances_of("acme")
        mine.clear()
        assert reader.prepaid_balances_of("acme") == {prepaid("acme", "CHF"): AccountBalance(posted=500)}
        assert reader.prepaid_balances_of("") == {}  # the owner of every system account


@pytest.mark.parametrize("organisation", [["acme"], 1234, None, b"acme"], ids=repr)
def test_a_reader_refuses_an_organisation_that_is_no_text_naming_it(ledger: Ledger, organisation: object) -> None:
    ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-1")
    with ledger.store.reading() as reader, pytest.raises(InvalidInput) as refused:
        reader.prepaid_balances_of(organisation)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.value) == ("organisation", organisation)


class OldPortStore:
    """A store written against the port before ``prepaid_balances_of``: its readers have every other read."""

    READS = ("balance", "balances", "transaction", "transactions", "head", "recorded", "recorded_many",
             "resolution_of", "reversal_of", "order_payment", "paid_orders")  # fmt: skip

    def __init__(self) -> None:
        self.inner = MemoryLedgerStore()

    @contextmanager
    def reading(self) -> Iterator[Any]:
        with self.inner.reading() as reader:
            yield OldReader(reader)

    def writing(self) -> AbstractContextManager[Any]:
        return self.inner.writing()

    def batch(self) -> AbstractContextManager[None]:
        return self.inner.batch()

    def close(self) -> None:
        self.inner.close()


class OldReader:
    def __init__(self, reader: Any) -> None:
        for read in OldPortStore.READS:
            setattr(self, read, getattr(reader, read))


def test_a_store_written_before_the_port_read_one_organisation_alone_still_answers() -> None:
    old = Ledger(OldPortStore())  # type: ignore[arg-type]
    new = Ledger()
    for ledger in (old, new):
        ledger.post_many(
            TopUp(organisation=organisation, amount=Money("4", code), effective=DAY, key=f"t-{organisation}-{code}")
            for organisation in ("acme", "acme2", "globex")
            for code in ("EUR", "CHF")
        )
    with old.store.reading() as reader:
        assert not hasattr(reader, "prepaid_balances_of")
    for organisation in ("acme", "acme2", "nobody"):
        assert old.prepaid_balances(organisation) == new.prepaid_balances(organisation)


def test_a_snapshot_of_a_memory_store_keeps_the_organisations_accounts_it_had() -> None:
    """A copy shares no index with its original: an account made on either side after it is not the other's."""
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-1")
    copied = Ledger(copy.copy(ledger.store))
    ledger.top_up(organisation="acme", amount=Money("6", "EUR"), effective=DAY, key="t-2")
    copied.top_up(organisation="acme", amount=Money("7", "JPY"), effective=DAY, key="t-3")
    assert [b.account.currency for b in ledger.prepaid_balances("acme")] == ["CHF", "EUR"]
    assert [b.account.currency for b in copied.prepaid_balances("acme")] == ["CHF", "JPY"]


def test_a_file_of_schema_version_1_answers_as_every_balance_read_did(tmp_path: Path) -> None:
    """The read is a range of ``ledger_balances``' primary key, which version 1 had: no migration is needed."""
    path = version_1_file(tmp_path)
    with SqliteLedgerStore(path, read_only=True) as store:
        ledger = Ledger(store)
        assert [b.account.currency for b in ledger.prepaid_balances("acme")] == ["CHF", "EUR"]
        for organisation in ("acme", "globex", "nobody"):
            agrees_with_the_old_way(ledger, organisation)


def steps_of_one_read(store: SqliteLedgerStore, organisation: str) -> int:
    """How many steps SQLite's virtual machine takes to read ``organisation``'s balances."""
    steps = 0

    def counted() -> int:
        nonlocal steps
        steps += 1
        return 0

    with store.reading() as reader:
        connection: sqlite3.Connection = store._connection()
        connection.set_progress_handler(counted, 1)
        try:
            found = reader.prepaid_balances_of(organisation)
        finally:
            connection.set_progress_handler(None, 1)
    assert len(found) == 2
    return steps


def test_on_a_file_one_organisations_balances_cost_the_same_among_many_organisations_as_alone(tmp_path: Path) -> None:
    """The read is a range of the balances' primary key (kind, owner, currency): 500 other organisations add no
    step to it, where a scan of the table would take a step per account at least."""
    with SqliteLedgerStore(tmp_path / "ledger.sqlite", durable=False) as store:
        ledger = Ledger(store)
        ledger.post_many(
            TopUp(organisation="acme", amount=Money("4", code), effective=DAY, key=f"t-acme-{code}")
            for code in ("CHF", "EUR")
        )
        alone = steps_of_one_read(store, "acme")
        ledger.post_many(
            TopUp(organisation=f"org-{n}", amount=Money("4", "CHF"), effective=DAY, key=f"t-{n}") for n in range(500)
        )
        assert steps_of_one_read(store, "acme") == alone


def test_a_reader_without_the_method_is_read_as_one_with_it_for_names_a_case_or_a_prefix_tells_apart() -> None:
    """The fallback keeps the organisation's prepaid accounts exactly, and a store's own read finds them by the
    very name: not those of a name equal but for its case, a prefix or a space, nor the programme's own accounts,
    whose owner is the empty name."""
    old, new = OldPortStore(), MemoryLedgerStore()
    for store in (old, new):
        Ledger(store).post_many(  # type: ignore[arg-type]
            TopUp(organisation=organisation, amount=Money("4", code), effective=DAY, key=f"t-{number}-{code}")
            for number, organisation in enumerate(NAMES)
            for code in CURRENCIES[: 1 + number % 3]
        )
    with old.reading() as old_reader, new.reading() as new_reader:
        for organisation in (*NAMES, "ACME", " acme", "acme ", "", "nobody"):
            assert prepaid_balances_of(old_reader, organisation) == new_reader.prepaid_balances_of(organisation)
