"""An order's quantity given as a subclass of int is kept as the plain int it holds, as pricing's counts are.

An int subclass is an int to ``isinstance``: an order kept one, so whatever read the order's quantity or count (a
checkout's total, an invoice's line, a comparison with a stock) asked that class's own arithmetic and comparisons,
which may answer otherwise than the number the order was checked to hold.
"""

from __future__ import annotations

import enum

from infomanager_core.orders import Order


class Lying(int):
    """An int whose arithmetic and comparisons answer for themselves."""

    def __mul__(self, other: object) -> int:
        return 1

    def __lt__(self, other: object) -> bool:
        return True


class Hostings(enum.IntEnum):
    THIRTY_FIVE = 35


def _order(quantity: int) -> Order:
    return Order(id="ORD-7", client="bakery", placed_by="agency", by="paula", product="web-hosting", quantity=quantity)


def test_an_int_subclass_given_as_quantity_is_kept_as_the_plain_int_it_holds() -> None:
    for quantity in (Lying(35), Hostings.THIRTY_FIVE):
        order = _order(quantity)
        assert type(order.quantity) is int
        assert order.quantity == 35
        assert type(order.count) is int
        assert order.count * 2 == 70
        assert not order.count < 1


def test_an_order_of_plain_ints_equals_the_one_given_an_int_subclass() -> None:
    assert _order(Hostings.THIRTY_FIVE) == _order(35)
    assert repr(_order(Hostings.THIRTY_FIVE)) == repr(_order(35))
