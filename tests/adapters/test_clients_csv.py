"""The managed-clients export refuses what is not the access programme by name (the invoicing-service review), and its
managed-products cell lists the granted ids one a line in sorted order (a stable export, whatever the set's order),
staying a cell no spreadsheet runs when the first id starts like a formula.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput
from infomanager_core.access.examples import example_programme
from infomanager_core.adapters.clients_csv import managed_clients_csv, write_managed_clients_csv


@pytest.mark.parametrize("programme", [None, {}, "programme"], ids=["None", "dict", "str"])
def test_the_export_refuses_what_is_not_a_programme_naming_it(programme: object) -> None:
    # None failed with a bare AttributeError ('person') from inside the export decision.
    with pytest.raises(InvalidInput) as raised:
        managed_clients_csv(programme, person="paula", partner="agency")  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("programme", programme)


def test_a_refused_export_writes_nothing() -> None:
    stream = io.StringIO()
    with pytest.raises(InvalidInput):
        write_managed_clients_csv(None, stream, person="paula", partner="agency")  # type: ignore[arg-type]
    assert stream.getvalue() == ""


def test_the_export_of_the_example_programme_still_works() -> None:
    assert managed_clients_csv(example_programme(), person="paula", partner="agency").startswith("client,name,")


def _managed_products_cell(products: list[str]) -> str:
    """The export's managed-products cell of the example client, its limited grant set to ``products``."""
    from infomanager_core.access import Grant, HeldProduct
    from infomanager_core.access.examples import MONDAY

    programme = example_programme()
    for product in products:
        programme.add_product("bakery", HeldProduct(id=product, code="web", family="web-hosting"), at=MONDAY)
    programme.change_access("partnership-1", Grant.limited(products), by="carl", at=MONDAY)
    [row] = list(csv.DictReader(io.StringIO(managed_clients_csv(programme, person="paula", partner="agency"))))
    return row["managed_products"]


def test_managed_products_are_one_a_line_in_their_cell_as_no_id_holds_a_line_break() -> None:
    """Separated by spaces, 'web 1' (one product: an id may hold an inner space) and 'web', '1' (two) gave the
    same cell."""
    one, two = _managed_products_cell(["web 1"]), _managed_products_cell(["web", "1"])
    assert one != two
    assert one.split("\n") == ["web 1"]
    assert two.split("\n") == ["1", "web"]  # sorted, as before


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
