"""``infomanager quote``: exit statuses, options and refusals that mutation testing of cli/quote.py found unpinned.

An empty ``--price-list`` (``--price-list "$PRICES"`` with the variable unset) quoted on the bundled example prices
instead of being refused: a customer could be quoted figures from the seed's example data as if they were the tariff.
"""

from __future__ import annotations

import pytest

from infomanager_core.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_an_empty_price_list_path_is_refused_not_replaced_by_the_example_prices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _run(capsys, "quote", "web-hosting", "3", "--price-list", "")
    assert (status, out) == (2, "")
    assert err.startswith("infomanager quote: error: ")
    assert err.count("\n") == 1
    assert "cannot be read" in err


@pytest.mark.parametrize(
    "argv", [["web-hosting", "35", "--partner", "--cash"], ["mail-hosting", "3", "--period", "year", "--locale", "en"]]
)
def test_the_table_columns_line_up_under_their_headings(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, out, _ = _run(capsys, "quote", *argv)
    assert status == 0
    heading, *rows = out.splitlines()[3:]
    assert rows
    assert {len(row) for row in rows} == {len(heading)}  # the amount column is right-aligned under "amount"
    for column in ("rate", "reduction"):
        edge = heading.index(column) + len(column)
        for row in rows:
            assert row[edge : edge + 2] == "  ", (column, row)  # right-aligned: nothing runs past the heading's edge
