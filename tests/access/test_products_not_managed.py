"""Removing products a limited grant does not name is refused as ProductsNotManaged, naming the products and the rule."""

from __future__ import annotations

import copy

import pytest

from infomanager_core.access import InvalidGrant, ProductsNotManaged
from infomanager_core.access.examples import MONDAY, example_programme


def test_products_the_grant_does_not_name_are_refused_by_name_and_nothing_changes() -> None:
    programme = example_programme()
    programme.add_managed_products("partnership-1", ["web-2"], by="carl", at=MONDAY)
    before = copy.deepcopy(programme)
    with pytest.raises(ProductsNotManaged) as raised:
        programme.remove_managed_products("partnership-1", ["web-1", "web-3", "mail-9"], by="carl", at=MONDAY)
    assert isinstance(raised.value, InvalidGrant)
    assert (raised.value.field, raised.value.value, raised.value.partnership) == (
        "products",
        ["mail-9", "web-3"],
        "partnership-1",
    )
    assert str(raised.value) == (
        "products: ['mail-9', 'web-3'] must be among the products partnership 'partnership-1' manages,"
        " to be removed from it"
    )
    assert programme == before
