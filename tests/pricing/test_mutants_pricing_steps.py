"""``pricing_steps`` after the bad-input sweep, where mutation testing found that its refusal of a product that is no
:class:`Product` could lose its rule and its hint (what to pass instead) without a test noticing: the sweep's tests
read only the field.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from infomanager_core.pricing import pricing_steps
from infomanager_core.pricing.errors import InvalidQuoteRequest
from tests.error_support import what_it_says


@pytest.mark.parametrize("product", ["web-hosting", None, {"code": "web-hosting"}])
def test_a_product_that_is_no_product_is_refused_with_its_rule_and_what_to_pass_instead(product: object) -> None:
    with pytest.raises(InvalidQuoteRequest) as raised:
        pricing_steps(product, partner=True, tier_rate=Decimal("0.25"))  # type: ignore[arg-type]
    assert what_it_says(raised.value) == (
        "product",
        product,
        "must be a Product",
        "e.g. price_list.product(code)",
    )
