"""Every figure the library prints for an invoice shows its currency's number of decimals: none for JPY, three for KWD.

An order's ``explain()``, the ``infomanager quote`` table and JSON, the ledger's statement (CSV, and the
``infomanager ledger`` table) and its journal CSV, each run in a currency of every number of minor digits CLDR gives
(JPY 0, CHF 2, KWD 3, CLF 4). A figure written with a fixed two decimals (``33033.00 JPY``, ``65.63 KWD``) fails.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from decimal import ROUND_FLOOR, Decimal, localcontext
from pathlib import Path

import pytest

from infomanager_core.access import Grant
from infomanager_core.adapters.journal_csv import journal_csv
from infomanager_core.adapters.price_list_toml import parse_price_list
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.adapters.statement_csv import statement_csv
from infomanager_core.cli import main
from infomanager_core.ledger import Iban, Ledger
from infomanager_core.money import Money, currency
from infomanager_core.orders import Order, quote_order
from tests.orders.world import world
from tests.strategies import ONE_CURRENCY_PER_MINOR_DIGITS

DAY = date(2026, 3, 2)

#: Unit prices of a Web hosting per month, in whole minor units of each currency; none ends in a zero, so every
#: reduction and total below carries all its minor digits.
MONTHLY = {"JPY": "1573", "CHF": "9.91", "KWD": "3.127", "CLF": "0.0347"}


def prices_toml(code: str) -> str:
    """A price list file with one product, priced in ``code``, the 25% tier from 35 hostings."""
    return f"""
name = "{code} prices"
[tiers]
web-hosting = [{{ min_count = 35, rate = "0.25" }}]
[products.web-hosting]
family = "web-hosting"
name = "Web hosting"
partner_discount = "0.20"
degressive = true
prices.{code} = {{ month = "{MONTHLY[code]}" }}
"""


def decimals(number: str, decimal_point: str = ".") -> int:
    return len(number.partition(decimal_point)[2])


def figures(text: str, pattern: str) -> list[str]:
    found = re.findall(pattern, text)
    assert found, f"no figure matching {pattern!r} in {text!r}"
    return found


@pytest.fixture(params=ONE_CURRENCY_PER_MINOR_DIGITS)
def code(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_an_orders_explanation_writes_every_amount_with_the_currencys_decimals(code: str) -> None:
    order = Order(id="O-1", client="bakery", placed_by="agency", by="uma", product="web-hosting", quantity=33)
    quote = quote_order(world(Grant.full()), parse_price_list(prices_toml(code)), order, currency_of=lambda _: code)
    explanation = quote.explain()
    amounts = figures(explanation, rf"([0-9][0-9.]*) {code}")
    assert len(amounts) >= 10  # public and partner breakdowns, what is due, the cashback
    assert {decimals(amount) for amount in amounts} == {currency(code).minor_digits}, explanation


def test_the_quote_table_and_json_write_every_amount_with_the_currencys_decimals(
    code: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    prices = tmp_path / "prices.toml"
    prices.write_text(prices_toml(code), encoding="utf-8")
    arguments = ["quote", "web-hosting", "35", "--partner", "--currency", code, "--price-list", str(prices), "--cash"]
    assert main([*arguments, "--locale", "fr_CH"]) == 0
    table = capsys.readouterr().out
    amounts = figures(table, rf"([0-9][0-9'.]*)\xa0{code}")
    assert len(amounts) >= 9  # unit price, public, two reductions and amounts, final, cash rounding, payable
    assert {decimals(amount) for amount in amounts} == {currency(code).minor_digits}, table
    assert main([*arguments, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    steps = [value for step in data["steps"] for key, value in step.items() if key in ("reduction", "after")]
    cash = data["cash_rounding"].values()
    written = [data["unit_price"], data["public"], data["final"], *steps, *cash]
    assert {decimals(amount) for amount in written} == {currency(code).minor_digits}, data


@pytest.fixture
def ledger_file(code: str, tmp_path: Path) -> Path:
    """A ledger file where acme tops up, earns cashback and asks for a payout in ``code``, each in odd minor units."""
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        ledger.top_up(organisation="acme", amount=Money.from_minor_units(1234567, code), effective=DAY, key="t-1")
        ledger.credit_cashback(partner="acme", order_id="A-1", amount=Money.from_minor_units(5209, code), effective=DAY)
        ledger.request_payout(
            organisation="acme",
            amount=Money.from_minor_units(30001, code),
            destination=Iban("CH9300762011623852957"),
            effective=DAY,
            key="p-1",
        )
    return path


def test_the_statement_and_the_journal_write_every_amount_with_the_currencys_decimals(
    code: str, ledger_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    digits = currency(code).minor_digits
    with SqliteLedgerStore(ledger_file, read_only=True) as store:
        ledger = Ledger(store)
        rows = list(csv.DictReader(io.StringIO(statement_csv(ledger.statement("acme", code)))))
        journal = list(csv.DictReader(io.StringIO(journal_csv(ledger.journal()))))
    amounts = [row["amount"] for row in rows if row["amount"]] + [row["balance"] for row in rows]
    assert len(amounts) == 2 + 2 * 2  # opening and closing balances; the top-up and the cashback, with balances
    assert {decimals(amount) for amount in amounts} == {digits}, rows
    assert {decimals(row["amount"]) for row in journal} == {digits}, journal
    assert Decimal(rows[-1]["balance"]) == Money.from_minor_units(1234567 + 5209, code).amount
    command = ["ledger", "--db", str(ledger_file), "--locale", "fr_CH"]
    assert main([*command, "statement", "acme", "--currency", code]) == 0
    table = capsys.readouterr().out
    shown = figures(table, rf"(-?[0-9][0-9'.]*)\xa0{code}")
    assert len(shown) == len(amounts) + 2  # and, under the closing balance, the payout pending then and the available
    assert {decimals(amount) for amount in shown} == {digits}, table
    for action in ("balances", "payouts"):
        assert main([*command, action, "acme"]) == 0
        table = capsys.readouterr().out
        assert {decimals(amount) for amount in figures(table, rf"([0-9][0-9'.]*)\xa0{code}")} == {digits}, table


def test_the_callers_decimal_context_changes_no_printed_figure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A program embedding the library may keep a decimal context of few digits for its own sums; an explanation and
    the quote table print the same figures under it, a rate of four places (12.34%) included."""
    prices = tmp_path / "prices.toml"
    prices.write_text(prices_toml("KWD").replace('"0.20"', '"0.1234"'), encoding="utf-8")
    order = Order(id="O-1", client="bakery", placed_by="agency", by="uma", product="web-hosting", quantity=3333)

    def printed() -> tuple[str, str]:
        quote = quote_order(
            world(Grant.full()), parse_price_list(prices.read_text()), order, currency_of=lambda _: "KWD"
        )
        main(["quote", "web-hosting", "3333", "--partner", "--currency", "KWD", "--price-list", str(prices)])
        return quote.explain(), capsys.readouterr().out

    expected = printed()
    assert "12.34%" in expected[0]
    assert "12.34%" in expected[1]
    with localcontext(prec=3, rounding=ROUND_FLOOR):
        assert printed() == expected
