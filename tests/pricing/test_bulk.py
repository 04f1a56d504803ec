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
