"""The managed-products cell lists the granted ids one a line, in sorted order (a stable export, whatever the set's
order), and stays a cell no spreadsheet runs when the first id starts like a formula."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from .test_clients_csv import _managed_products_cell

product_ids = st.lists(st.from_regex(r"[a-z0-9]{1,5}", fullmatch=True), min_size=1, max_size=8, unique=True).map(
    lambda ids: [f"p-{suffix}" for suffix in ids]
)


@given(product_ids)
def test_the_cell_lists_the_granted_products_one_a_line_in_sorted_order(products: list[str]) -> None:
    assert _managed_products_cell(products).split("\n") == sorted(products)


def test_the_same_grant_gives_the_same_cell_whatever_order_the_products_were_given_in() -> None:
    products = [f"p-{n}" for n in (7, 3, 9, 1, 5, 2, 8)]
    assert _managed_products_cell(products) == _managed_products_cell(sorted(products))
    assert _managed_products_cell(products).split("\n") == sorted(products)


def test_a_cell_whose_first_product_starts_like_a_formula_is_not_run_by_a_spreadsheet() -> None:
    cell = _managed_products_cell(["=1+1", "web-9"])
    assert cell == "'=1+1\nweb-9"
