"""Each row of the SPEC §3.4 table says which row it is: the reason code is part of the outcome's contract."""

from __future__ import annotations

import pytest

from infomanager_core.access import Grant, PaymentMeans, order_outcome

from .test_outcome import MANAGED, UNMANAGED, partnership

FULL_CLIENT = Grant.full(PaymentMeans.CLIENT)
FULL_PARTNER = Grant.full(PaymentMeans.PARTNER)
LIMITED = Grant.limited({MANAGED})


@pytest.mark.parametrize(
    ("grant", "placed_by", "product", "code"),
    [
        (FULL_CLIENT, "bakery", MANAGED, "full-client-means-by-client"),
        (FULL_CLIENT, "agency", MANAGED, "full-client-means-by-partner"),
        (FULL_PARTNER, "bakery", MANAGED, "full-partner-means-by-client"),
        (FULL_PARTNER, "agency", MANAGED, "full-partner-means-by-partner"),
        (LIMITED, "bakery", MANAGED, "limited-managed-by-client"),
        (LIMITED, "bakery", UNMANAGED, "limited-unmanaged-by-client"),
        (LIMITED, "bakery", None, "limited-unmanaged-by-client"),
        (LIMITED, "agency", MANAGED, "limited-by-partner"),
        (FULL_CLIENT, "stranger", MANAGED, "not-client-or-partner"),
        (LIMITED, "stranger", MANAGED, "not-client-or-partner"),
    ],
)
def test_each_row_names_its_reason(grant: Grant, placed_by: str, product: str | None, code: str) -> None:
    result = order_outcome(client="bakery", placed_by=placed_by, partnership=partnership(grant), product=product)
    assert result.reason.code == code


def test_a_product_id_the_text_rule_accepts_after_a_closer_look_is_not_refused() -> None:
    # An id with a no-break space is not "plain" but is printable, trimmed and NFC: the library accepts it elsewhere,
    # so the outcome must not refuse it (and, managed under limited access, it earns the partner cashback).
    product = "web\u00a01"
    limited = partnership(Grant.limited({product}))
    result = order_outcome(client="bakery", placed_by="bakery", partnership=limited, product=product)
    assert result.reason.code == "limited-managed-by-client"


def test_an_organisation_id_the_text_rule_accepts_after_a_closer_look_is_not_refused() -> None:
    client = "bakery\u00a0paris"
    result = order_outcome(client=client, placed_by=client, partnership=None)
    assert (result.payer, result.installed_in) == (client, client)
