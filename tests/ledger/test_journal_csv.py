"""The journal as CSV: every balance of the ledger is a sum of its rows, to the cent, and the metadata cell holds text
as it was given (an accent reads as typed, not as a ``\\u00fc`` escape).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import assume, given

from infomanager_core import InvalidInput, Money
from infomanager_core.adapters.journal_csv import JOURNAL_COLUMNS, effect_of, journal_csv
from infomanager_core.errors import InfomanagerError
from infomanager_core.ledger import Iban, Ledger, Operation
from tests import strategies as s

from .support import new_ledger
from .test_bulk import post_one

DAY = date(2026, 3, 2)


def rows_of(ledger: Ledger) -> list[dict[str, str]]:
    text = journal_csv(ledger.journal())
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0].split(",") == list(JOURNAL_COLUMNS)
    return rows


@given(operations=s.ledger_operations())
def test_every_balance_is_the_sum_of_its_rows(operations: list[Operation]) -> None:
    """Posted: the sum of ``posted`` rows; pending: the ``reserved`` rows of requests no row ``resolves`` yet."""
    ledger = new_ledger("memory", Path())
    for operation in operations:
        with contextlib.suppress(InfomanagerError):
            post_one(ledger, operation)
    rows = rows_of(ledger)
    assert len(rows) == 2 * len(ledger.journal())

    resolved = {int(row["resolves"]) for row in rows if row["resolves"]}
    posted: dict[str, Decimal] = defaultdict(Decimal)
    debits: dict[str, Decimal] = defaultdict(Decimal)
    credits: dict[str, Decimal] = defaultdict(Decimal)
    by_sequence: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        amount = Decimal(row["amount"])
        by_sequence[row["sequence"]] += amount
        if row["effect"] == "posted":
            posted[row["account"]] += amount
        elif row["effect"] == "reserved" and int(row["sequence"]) not in resolved:
            (debits if amount < 0 else credits)[row["account"]] += abs(amount)
    assert set(by_sequence.values()) <= {Decimal(0)}, "each transaction's rows sum to zero"

    with ledger.store.reading() as reader:
        stored = reader.balances()
    for account, balance in stored.items():
        code, name = account.currency, str(account)
        assert Money(posted[name], code) == Money.from_minor_units(balance.posted, code)
        assert Money(debits[name], code) == Money.from_minor_units(balance.pending_debits, code)
        assert Money(credits[name], code) == Money.from_minor_units(balance.pending_credits, code)


def test_a_payout_is_reserved_then_posted_or_released() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
    iban = Iban("CH9300762011623852957")
    paid = ledger.request_payout(organisation="acme", amount=Money("40", "CHF"), destination=iban, effective=DAY,
                                 key="p-1")  # fmt: skip
    failed = ledger.request_payout(organisation="acme", amount=Money("10", "CHF"), destination=iban, effective=DAY,
                                   key="p-2")  # fmt: skip
    ledger.complete_payout(request=paid.sequence, effective=DAY, key="c-1")
    ledger.fail_payout(request=failed.sequence, effective=DAY, key="f-2", reason="closed account")
    rows = [row for row in rows_of(ledger) if row["account"] == "prepaid:acme:CHF"]
    assert [(row["kind"], row["amount"], row["effect"], row["resolves"]) for row in rows] == [
        ("top_up", "100.00", "posted", ""),
        ("payout_request", "-40.00", "reserved", ""),
        ("payout_request", "-10.00", "reserved", ""),
        ("payout_completion", "-40.00", "posted", "2"),
        ("payout_failure", "-10.00", "released", "3"),
    ]
    assert sum(Decimal(row["amount"]) for row in rows if row["effect"] == "posted") == Decimal("60.00")
    assert ledger.balances("acme", "CHF").posted == Money("60", "CHF")


def test_a_reversal_names_what_it_reverses() -> None:
    ledger = Ledger()
    top_up = ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-1")
    ledger.reverse(sequence=top_up.sequence, effective=DAY, key="r-1", reason="sent twice")
    reversal = [row for row in rows_of(ledger) if row["kind"] == "reversal"]
    assert [(row["account"], row["amount"], row["reverses"]) for row in reversal] == [
        ("prepaid:acme:CHF", "-5.00", "1"),
        ("transfers_received:CHF", "5.00", "1"),
    ]


def test_amounts_keep_the_currencys_minor_unit() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("1200", "JPY"), effective=DAY, key="j")
    ledger.top_up(organisation="acme", amount=Money("1.5", "BHD"), effective=DAY, key="b")
    assert [row["amount"] for row in rows_of(ledger)] == ["1200", "-1200", "1.500", "-1.500"]


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_quoted() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="=HYPERLINK(1)", reference="@x")
    first = rows_of(ledger)[0]
    assert first["key"] == "'=HYPERLINK(1)"
    assert first["metadata"] == '[["reference", "@x"]]'  # JSON starts with "[": nothing to quote


@pytest.mark.parametrize("transactions", [None, 5, "journal", b"journal"], ids=["None", "int", "str", "bytes"])
def test_what_is_not_a_collection_of_transactions_is_refused_naming_it(transactions: object) -> None:
    # None was a bare TypeError ('NoneType' object is not iterable) (the invoicing-service review).
    with pytest.raises(InvalidInput) as raised:
        journal_csv(transactions)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("transactions", transactions)


def test_an_item_that_is_not_a_transaction_is_refused_naming_its_position() -> None:
    # A list of strings was a bare AttributeError ('pending').
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="t-1")
    with pytest.raises(InvalidInput) as raised:
        journal_csv([*ledger.journal(), "t-2"])  # type: ignore[list-item]
    assert (raised.value.field, raised.value.value) == ("transactions[1]", "t-2")


def metadata_cells(reference: str) -> list[str]:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("12.50", "CHF"), effective=DAY, key="t-1", reference=reference)
    return [row["metadata"] for row in csv.DictReader(io.StringIO(journal_csv(ledger.journal())))]


def test_a_reference_with_accents_reads_in_the_cell_as_it_was_typed() -> None:
    assert metadata_cells("Virement Müller — mars ✓") == ['[["reference", "Virement Müller — mars ✓"]]'] * 2


@given(reference=s.ledger_free_texts())
def test_the_metadata_cell_holds_the_reference_verbatim_and_parses_back_to_it(reference: str) -> None:
    assume('"' not in reference and "\\" not in reference)  # the two characters JSON must escape
    for cell in metadata_cells(reference):
        assert f'"{reference}"' in cell
        assert json.loads(cell) == [["reference", reference]]


def test_a_row_gives_the_business_date_as_effective_not_the_day_it_was_recorded() -> None:
    ledger = Ledger(clock=lambda: datetime(2026, 3, 9, 8, 0, tzinfo=UTC))
    ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="t-1")
    assert {(row["effective"], row["recorded_at"]) for row in rows_of(ledger)} == {
        ("2026-03-02", "2026-03-09T08:00:00+00:00")
    }


@pytest.mark.parametrize("transaction", [None, "t-1", 1], ids=repr)
def test_the_effect_of_what_is_not_a_transaction_is_refused_naming_it(transaction: object) -> None:
    # It was an AttributeError ('pending') had the check gone.
    with pytest.raises(InvalidInput) as raised:
        effect_of(transaction)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "transaction",
        transaction,
        "must be a Transaction",
    )
