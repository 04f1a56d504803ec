"""Bulk pricing: lazy, in integer minor units, and the same numbers as single quotes (see test_laws)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from infomanager_core import UnknownCurrency
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.pricing import InvalidQuoteRequest, OrderLine, UnknownProduct, price_lines

PRICES = example_price_list()


def _endless() -> Iterator[OrderLine]:
    for quantity in itertools.count(1):
        yield OrderLine(product="web-hosting", quantity=quantity)


def test_the_seed_example_in_minor_units() -> None:
    [priced] = price_lines(PRICES, [OrderLine(product="web-hosting", quantity=35)], currency="CHF", partner=True)
    assert (priced.public, priced.reductions, priced.final) == (34720, (6944, 6944), 20832)


def test_results_are_yielded_lazily_so_an_endless_stream_can_be_priced() -> None:
    first = list(itertools.islice(price_lines(PRICES, _endless(), currency="EUR", partner=False), 3))
    assert [priced.line.quantity for priced in first] == [1, 2, 3]
    assert [priced.final for priced in first] == [575, 1150, 1725]


def test_a_bad_line_raises_when_reached_after_the_lines_before_it() -> None:
    lines = [OrderLine(product="web-hosting", quantity=1), OrderLine(product="nope", quantity=1)]
    results = price_lines(PRICES, lines, currency="CHF", partner=True)
    assert next(results).final == 794
    with pytest.raises(UnknownProduct):
        next(results)


def test_currency_and_partner_are_checked_before_the_first_line() -> None:
    with pytest.raises(UnknownCurrency):
        price_lines(PRICES, _endless(), currency="XXX1", partner=True)
    with pytest.raises(InvalidQuoteRequest):
        price_lines(PRICES, _endless(), currency="CHF", partner=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("lines", ["web-hosting", b"web-hosting"], ids=["text", "bytes"])
def test_text_is_refused_as_the_lines_before_any_line_is_read(lines: object) -> None:
    with pytest.raises(InvalidQuoteRequest) as caught:
        price_lines(PRICES, lines, currency="CHF", partner=True)  # type: ignore[arg-type]
    assert caught.value.field == "lines"


def test_something_that_is_not_an_order_line_is_refused() -> None:
    with pytest.raises(InvalidQuoteRequest, match="OrderLine"):
        list(price_lines(PRICES, [("web-hosting", 1)], currency="CHF", partner=True))  # type: ignore[list-item]


def test_a_refused_line_says_which_line_of_the_stream_it_was() -> None:
    """price_lines' errors did not say which line failed (found by the invoicing-service review): the error keeps
    its type and message, and a note names the line's index; the lines before it were priced."""
    lines = [OrderLine(product="web-hosting", quantity=1), OrderLine(product="web-hosting", quantity=2)]
    priced = price_lines(example_price_list(), [*lines, OrderLine(product="web-hostin", quantity=3)], currency="CHF",
                         partner=False)  # fmt: skip
    assert [line.line.quantity for line in itertools.islice(priced, 2)] == [1, 2]
    with pytest.raises(UnknownProduct) as refused:
        next(priced)
    assert refused.value.field == "product"
    assert refused.value.__notes__ == ["line 2 of the lines priced (counting from 0)"]
    with pytest.raises(InvalidQuoteRequest) as not_a_line:
        list(price_lines(example_price_list(), [lines[0], "web-hosting"], currency="CHF", partner=False))  # type: ignore[list-item]
    assert not_a_line.value.__notes__ == ["line 1 of the lines priced (counting from 0)"]
