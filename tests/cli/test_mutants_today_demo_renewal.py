"""``infomanager demo``'s renewal step renews *a month of one hosting*: the bakery pays one unit's price at the tier
of the hostings it holds, and the partner's cashback on the product it manages is one unit's public price less its
partner price (a renewal of two units, twice the money, survived every test)."""

from __future__ import annotations

import re

from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.cli.demo_access import renewal_earns_cashback
from infomanager_core.formatting import format_money
from infomanager_core.pricing import OrderLine, price_order_line


def test_the_renewal_of_a_month_of_hosting_is_priced_as_one_unit_at_the_tier_the_title_names() -> None:
    price_list = example_price_list()
    title, text = renewal_earns_cashback(price_list, "fr_CH")
    match = re.search(r"\((\d+) held\)", title)
    assert match is not None
    one_unit = OrderLine(product="web-hosting", quantity=1, tier_count=int(match.group(1)))
    public = price_order_line(price_list, one_unit, currency="CHF", partner=False).final
    partner = price_order_line(price_list, one_unit, currency="CHF", partner=True).final
    renewals = dict(re.findall(r"the bakery renews (\S+): pays ([^;]+);", text))
    assert renewals == {"web-1": format_money(public, "fr_CH"), "web-2": format_money(public, "fr_CH")}
    assert f"cashback: {format_money(public - partner, 'fr_CH')} to the partner" in text
