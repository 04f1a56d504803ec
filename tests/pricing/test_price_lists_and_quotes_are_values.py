"""A price list, its products and a quote are values: they pickle, copy and hash like any other frozen value.

Services hand a quote to a worker through a job queue that pickles it and keep price lists in caches; their mappings
(a product's prices, a price list's products and tiers, a quote's totals) were ``mappingproxy`` objects, which neither
pickle nor hash, so every one of these failed with Python's bare ``TypeError``.
"""

from __future__ import annotations

import copy
import pickle

from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.pricing import OrderLine, PriceList, quote
from tests.strategies import CURRENCIES, orders, price_lists


def _travels(value: object) -> None:
    """``value`` comes back equal, and hashing alike, from every pickle protocol, a copy and a deep copy."""
    back = [pickle.loads(pickle.dumps(value, protocol)) for protocol in range(pickle.HIGHEST_PROTOCOL + 1)]
    for other in [*back, copy.copy(value), copy.deepcopy(value)]:
        assert type(other) is type(value)
        assert other == value
        assert hash(other) == hash(value)


@given(price_lists(), orders(), st.sampled_from(CURRENCIES), st.booleans())
def test_a_price_list_its_products_and_a_quote_pickle_copy_and_hash_as_values(
    prices: PriceList, lines: list[OrderLine], currency: str, partner: bool
) -> None:
    quoted = quote(prices, lines, currency=currency, partner=partner)
    for value in (prices, *prices.products.values(), quoted, *quoted.lines):
        _travels(value)


@given(price_lists(), orders(), st.sampled_from(CURRENCIES))
def test_a_quote_unpickled_in_another_place_prices_and_rounds_exactly_as_the_original(
    prices: PriceList, lines: list[OrderLine], currency: str
) -> None:
    kept = pickle.loads(pickle.dumps(prices))
    assert quote(kept, lines, currency=currency, partner=True) == quote(prices, lines, currency=currency, partner=True)
    quoted = quote(prices, lines, currency=currency, partner=True)
    assert pickle.loads(pickle.dumps(quoted)).cash_rounding() == quoted.cash_rounding()
