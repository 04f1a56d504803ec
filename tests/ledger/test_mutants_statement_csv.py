"""The dates of a statement CSV's opening and closing rows, found by mutation testing (review19): dating the opening
row by the last movement (or the closing row by the first) survived every test."""

from __future__ import annotations

import csv
import io
from datetime import date

from infomanager_core import Money
from infomanager_core.adapters.statement_csv import statement_csv
from infomanager_core.ledger import Ledger


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
