"""CSV export of statements: one row per line between the opening and closing balances, the opening row dated by the
period's start (or the first movement) and the closing row by its end (or the last movement).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from infomanager_core import InvalidInput, Money
from infomanager_core.adapters.statement_csv import COLUMNS, statement_csv
from infomanager_core.ledger import Ledger


def test_the_csv_has_one_row_per_line_between_opening_and_closing_balances() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
    ledger.pay_order(
        organisation="acme", order_id="A-2", amount=Money("40", "CHF"), effective=date(2026, 3, 9), key="p"
    )
    rows = list(csv.DictReader(io.StringIO(statement_csv(ledger.statement("acme", "CHF", start=date(2026, 3, 5))))))
    assert tuple(rows[0]) == COLUMNS
    assert [row["kind"] for row in rows] == ["opening", "order_payment", "closing"]
    assert rows[0]["balance"] == "100.00"
    assert (rows[1]["amount"], rows[1]["balance"], rows[1]["reference"]) == ("-40.00", "60.00", "A-2")
    opening, closing = Decimal(rows[0]["balance"]), Decimal(rows[-1]["balance"])
    assert opening + sum(Decimal(row["amount"]) for row in rows[1:-1]) == closing


def test_every_row_names_its_account_so_joined_statements_come_apart_again() -> None:
    # Without it, the statements of several organisations pasted into one sheet could not be told apart.
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
    ledger.top_up(organisation="globex", amount=Money("30", "CHF"), effective=date(2026, 3, 2), key="t-2")
    ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=date(2026, 3, 3), key="t-3")
    joined = [
        row
        for organisation in ("acme", "globex")
        for row in csv.DictReader(io.StringIO(statement_csv(ledger.statement(organisation, "CHF"))))
    ]
    for organisation, closing in (("acme", "105.00"), ("globex", "30.00")):
        mine = [row for row in joined if row["account"] == f"prepaid:{organisation}:CHF"]
        assert (mine[0]["kind"], mine[-1]["kind"]) == ("opening", "closing")
        assert sum(Decimal(row["amount"]) for row in mine[1:-1]) == Decimal(closing) == Decimal(mine[-1]["balance"])
    assert len(joined) == 4 + 3


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_quoted() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=date(2026, 3, 2), key="=HYPERLINK(1)")
    rows = list(csv.DictReader(io.StringIO(statement_csv(ledger.statement("acme", "CHF")))))
    assert rows[1]["reference"] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("statement", [None, "statement", []], ids=["None", "str", "list"])
def test_what_is_not_a_statement_is_refused_naming_it(statement: object) -> None:
    # None failed with a bare AttributeError ('account') from inside the writer (the invoicing-service review).
    with pytest.raises(InvalidInput) as raised:
        statement_csv(statement)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("statement", statement)


def opening_and_closing(ledger: Ledger, **period: date) -> list[tuple[str, str, str]]:
    rows = list(csv.DictReader(io.StringIO(statement_csv(ledger.statement("acme", "CHF", **period)))))
    return [(row["kind"], row["effective"], row["balance"]) for row in (rows[0], rows[-1])]


def three_days_of_movements() -> Ledger:
    ledger = Ledger()
    for day, key in ((2, "t-1"), (5, "t-2"), (9, "t-3")):
        ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, day), key=key)
    return ledger


def test_without_a_period_the_opening_row_is_dated_by_the_first_movement_and_the_closing_row_by_the_last() -> None:
    assert opening_and_closing(three_days_of_movements()) == [
        ("opening", "2026-03-02", "0.00"),
        ("closing", "2026-03-09", "30.00"),
    ]


def test_with_a_period_the_opening_and_closing_rows_are_dated_by_its_ends() -> None:
    ledger = three_days_of_movements()
    assert opening_and_closing(ledger, start=date(2026, 3, 3), end=date(2026, 3, 31)) == [
        ("opening", "2026-03-03", "10.00"),
        ("closing", "2026-03-31", "30.00"),
    ]
    assert opening_and_closing(ledger, start=date(2026, 3, 3)) == [
        ("opening", "2026-03-03", "10.00"),
        ("closing", "2026-03-09", "30.00"),
    ]
    assert opening_and_closing(ledger, end=date(2026, 3, 6)) == [
        ("opening", "2026-03-02", "0.00"),
        ("closing", "2026-03-06", "20.00"),
    ]


def test_a_period_without_movements_is_dated_by_the_ends_it_names_and_an_open_start_is_left_blank() -> None:
    ledger = three_days_of_movements()
    assert opening_and_closing(ledger, end=date(2026, 3, 1)) == [
        ("opening", "", "0.00"),
        ("closing", "2026-03-01", "0.00"),
    ]
    assert opening_and_closing(ledger, start=date(2026, 3, 10), end=date(2026, 3, 12)) == [
        ("opening", "2026-03-10", "30.00"),
        ("closing", "2026-03-12", "30.00"),
    ]
