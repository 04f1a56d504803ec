"""The command line's tables keep their columns in locales whose amounts carry bidi marks or wide characters.

An amount in Arabic, Hebrew or Persian carries right-to-left and left-to-right marks (U+200F, U+200E) that take no
column on a terminal, and Japanese writes the yen as the full-width ``￥``, which takes two. Padding by ``len()``
shifted such an amount by one column per mark (a negative one has a mark more) and the yen by one.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.cli import main
from infomanager_core.ledger import Ledger
from infomanager_core.money import Money
from tests.test_figures_in_every_minor_unit import prices_toml

#: Locales whose amounts carry bidi marks (ar_EG, he_IL, fa_IR), a full-width yen (ja), and one with neither.
LOCALES = ["ar_EG", "he_IL", "fa_IR", "ja", "de_CH"]
DAY = date(2026, 3, 2)


def columns(text: str) -> int:
    """The columns a terminal gives ``text``: none for a format or combining mark, two for a wide character."""
    widths = {"Cf": 0, "Mn": 0, "Me": 0}
    return sum(
        widths.get(unicodedata.category(char), 2 if unicodedata.east_asian_width(char) in "WF" else 1) for char in text
    )


def right_edges(table: str) -> set[int]:
    """Where the rows of a table whose last column is right-aligned end, in terminal columns."""
    return {columns(row) for row in table.splitlines() if row}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("code", ["JPY", "KWD"])
def test_the_quote_tables_amounts_end_in_one_column(
    locale: str, code: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prices = tmp_path / "prices.toml"
    prices.write_text(prices_toml(code), encoding="utf-8")
    arguments = ["web-hosting", "35", "--partner", "--currency", code, "--price-list", str(prices), "--cash"]
    assert main(["quote", *arguments, "--locale", locale]) == 0
    _header, _unit_price, _blank, *table = capsys.readouterr().out.splitlines()
    assert len(right_edges("\n".join(table))) == 1, table


@pytest.mark.parametrize("locale", LOCALES)
def test_the_ledger_tables_amounts_end_in_one_column(
    locale: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        ledger.top_up(organisation="acme", amount=Money("1234567", "JPY"), effective=DAY, key="t-1")
        ledger.top_up(organisation="acme", amount=Money("5", "JPY"), effective=DAY, key="t-2")
        ledger.top_up(organisation="acme", amount=Money("12.50", "CHF"), effective=DAY, key="t-3")
    command = ["ledger", "--db", str(path), "--locale", locale]
    for action in (["statement", "acme", "--currency", "JPY"], ["balances", "acme"]):
        assert main([*command, *action]) == 0
        _title, _blank, *table = capsys.readouterr().out.splitlines()
        assert len(right_edges("\n".join(table))) == 1, table
