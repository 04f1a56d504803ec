"""An auditor's reconciliation, as laws: consecutive periods chain to the cent, a movement dated on a boundary is
counted in exactly one period, and the CSV exports say what the API says — the statement's totals, and the posted
and pending balances summed from the journal's rows, at the end of any day."""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.adapters.journal_csv import journal_csv
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.adapters.statement_csv import statement_csv
from infomanager_core.errors import InfomanagerError
from infomanager_core.ledger import Ledger, MemoryLedgerStore, Operation, check_invariants
from infomanager_core.money import Money

from ..strategies import LEDGER_DAY, ledger_operations
from .support import ticking_clock


def posted(ledger: Ledger, operations: list[Operation]) -> Ledger:
    """The ledger after each operation was posted on its own; the refused ones leave nothing (as in production)."""
    for operation in operations:
        with contextlib.suppress(InfomanagerError):
            ledger.post_many([operation])
    check_invariants(ledger.store)
    return ledger


def assert_periods_reconcile(ledger: Ledger, first_end: date, second_end: date) -> None:
    """The laws for two consecutive periods: up to ``first_end`` (from the first movement), then to ``second_end``."""
    assert first_end < second_end
    accounts = sorted({(b.account.owner, b.account.currency) for org in ("acme", "globex")
                       for b in ledger.prepaid_balances(org)})  # fmt: skip
    for organisation, code in accounts:
        zero = Money("0", code)
        earlier = ledger.statement(organisation, code, end=first_end)
        later = ledger.statement(organisation, code, start=first_end + timedelta(days=1), end=second_end)
        whole = ledger.statement(organisation, code, end=second_end)
        at_boundary = ledger.balance_at(organisation, code, on=first_end)
        assert earlier.opening == zero
        assert earlier.closing == later.opening == at_boundary.posted
        assert later.closing == whole.closing == ledger.balance_at(organisation, code, on=second_end).posted
        assert earlier.lines + later.lines == whole.lines  # each movement in exactly one period
        for statement in (earlier, later):
            assert statement.opening + sum((line.amount for line in statement.lines), zero) == statement.closing
            rows = list(csv.DictReader(io.StringIO(statement_csv(statement))))
            assert [rows[0]["kind"], rows[-1]["kind"]] == ["opening", "closing"]
            assert Decimal(rows[0]["balance"]) == statement.opening.amount
            assert Decimal(rows[-1]["balance"]) == statement.closing.amount
            assert sum(Decimal(row["amount"]) for row in rows[1:-1]) == (statement.closing - statement.opening).amount
        # the journal's rows up to the boundary give the posted and the pending balance at its end
        rows = list(csv.DictReader(io.StringIO(journal_csv(ledger.journal(end=first_end)))))
        mine = [row for row in rows if row["account"] == f"prepaid:{organisation}:{code}"]
        resolved = {row["resolves"] for row in rows if row["resolves"]}
        assert sum(Decimal(row["amount"]) for row in mine if row["effect"] == "posted") == at_boundary.posted.amount
        pending = -sum(
            Decimal(row["amount"]) for row in mine if row["effect"] == "reserved" and row["sequence"] not in resolved
        )
        assert pending == at_boundary.pending.amount
    # the journal's periods partition it
    before = ledger.journal(end=first_end)
    after = ledger.journal(start=first_end + timedelta(days=1), end=second_end)
    assert before + after == ledger.journal(end=second_end)


boundaries = st.tuples(st.integers(-1, 20), st.integers(1, 20)).map(
    lambda pair: (LEDGER_DAY + timedelta(days=pair[0]), LEDGER_DAY + timedelta(days=pair[0] + pair[1]))
)


@given(operations=ledger_operations(), ends=boundaries)
def test_consecutive_periods_chain_and_the_exports_agree_in_memory(
    operations: list[Operation], ends: tuple[date, date]
) -> None:
    ledger = posted(Ledger(MemoryLedgerStore(), clock=ticking_clock()), operations)
    assert_periods_reconcile(ledger, *ends)


@given(operations=ledger_operations(), ends=boundaries)
def test_consecutive_periods_chain_and_the_exports_agree_on_a_file_reopened_read_only(
    operations: list[Operation], ends: tuple[date, date]
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "ledger.sqlite"
        with SqliteLedgerStore(path, durable=False) as store:
            posted(Ledger(store, clock=ticking_clock()), operations)
        with SqliteLedgerStore(path, read_only=True) as store:
            assert_periods_reconcile(Ledger(store), *ends)


def test_month_ends_of_a_year_chain_through_a_february_of_28_days(tmp_path: Path) -> None:
    """Month by month over 2026, on a file: 31 January and 28 February close their months, 1 March opens the next."""
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        ledger = Ledger(store, clock=ticking_clock())
        day, n = date(2026, 1, 1), 0
        while day.year == 2026:
            n += 1
            if day.day in (1, 15, 28, 30, 31) or n % 9 == 0:  # the days next to month ends are all there
                ledger.top_up(organisation="acme", amount=Money(str(n), "CHF"), effective=day, key=f"t-{n}")
            if day.day == 28:
                ledger.pay_order(organisation="acme", order_id=f"O-{n}", amount=Money("3", "CHF"), effective=day,
                                 key=f"p-{n}")  # fmt: skip
            day += timedelta(days=1)
    with SqliteLedgerStore(path, read_only=True) as store:
        ledger = Ledger(store)
        month_ends = [date(2026, month + 1, 1) - timedelta(days=1) for month in range(1, 12)] + [date(2026, 12, 31)]
        assert month_ends[1] == date(2026, 2, 28)
        for first_end, second_end in itertools.pairwise(month_ends):
            assert_periods_reconcile(ledger, first_end, second_end)
        assert ledger.balance_at("acme", "CHF", on=date(2026, 12, 31)) == ledger.balances("acme", "CHF")
