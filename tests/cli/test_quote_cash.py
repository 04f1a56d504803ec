"""Cash rounding reaches quotes: only when asked, only to the total, as its own adjustment (SPEC §1)."""

from __future__ import annotations

import json

import pytest

from infomanager_core import Money
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.cli import main
from infomanager_core.money import CashRounding
from infomanager_core.pricing import OrderLine, quote

PRICES = example_price_list()


def test_a_quote_cash_rounds_its_total_and_leaves_its_lines_alone() -> None:
    result = quote(PRICES, [OrderLine(product="web-hosting", quantity=35)], currency="CHF", partner=True)
    rounding = result.cash_rounding()
    assert rounding == CashRounding(
        total=Money("208.32", "CHF"), adjustment=Money("-0.02", "CHF"), payable=Money("208.30", "CHF")
    )
    assert result.lines[0].final == Money("208.32", "CHF")


def test_a_currency_without_a_cash_step_has_a_zero_adjustment() -> None:
    result = quote(PRICES, [OrderLine(product="web-hosting", quantity=35)], currency="EUR", partner=True)
    assert result.cash_rounding().adjustment.is_zero()
    assert result.cash_rounding().payable == result.totals["EUR"]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_the_cash_option_adds_the_adjustment_and_the_payable_amount_to_the_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _run(capsys, "quote", "web-hosting", "35", "--partner", "--cash")
    assert (status, err) == (0, "")
    rows = [[cell.strip() for cell in row.split("  ") if cell.strip()] for row in out.splitlines()[-3:]]
    assert rows == [
        ["final price", "208.32\xa0CHF"],
        ["cash rounding", "-0.02\xa0CHF", "208.30\xa0CHF"],
        ["payable in cash", "208.30\xa0CHF"],
    ]


def test_without_the_cash_option_nothing_is_cash_rounded(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, "quote", "web-hosting", "35", "--partner")
    assert "cash" not in out
    _, out, _ = _run(capsys, "quote", "web-hosting", "35", "--partner", "--json")
    assert "cash_rounding" not in json.loads(out)


def test_the_cash_option_adds_the_adjustment_to_the_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "quote", "web-hosting", "35", "--partner", "--cash", "--json")
    assert status == 0
    data = json.loads(out)
    assert data["final"] == "208.32"
    assert data["cash_rounding"] == {"step": "0.05", "adjustment": "-0.02", "payable": "208.30"}
