"""Every order or renewal has exactly one outcome from the SPEC §3.4 table."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import Grant, Outcome, Partnership, PaymentMeans, order_outcome

SINCE = datetime(2026, 1, 5, tzinfo=UTC)
MANAGED, UNMANAGED = "web-1", "web-2"


def partnership(grant: Grant, *, ended: bool = False) -> Partnership:
    return Partnership(
        id="partnership-1",
        partner="agency",
        client="bakery",
        requested=grant,
        granted=grant,
        since=SINCE,
        invitation="invitation-1",
        ended_at=SINCE if ended else None,
    )


FULL_CLIENT = Grant.full(PaymentMeans.CLIENT)
FULL_PARTNER = Grant.full(PaymentMeans.PARTNER)
LIMITED = Grant.limited({MANAGED})

# access, placed by, product, expected: outcome, payer, invoice in, cashback to (one line per row of SPEC §3.4)
TABLE = [
    (FULL_CLIENT, "bakery", MANAGED, Outcome.CASHBACK, "bakery", "bakery", "agency"),
    (FULL_CLIENT, "agency", MANAGED, Outcome.CASHBACK, "bakery", "bakery", "agency"),
    (FULL_PARTNER, "bakery", MANAGED, Outcome.CASHBACK, "bakery", "bakery", "agency"),
    (FULL_PARTNER, "agency", MANAGED, Outcome.DISCOUNT, "agency", "agency", None),
    (LIMITED, "bakery", MANAGED, Outcome.CASHBACK, "bakery", "bakery", "agency"),
    (LIMITED, "bakery", UNMANAGED, Outcome.NOTHING, "bakery", "bakery", None),
    (LIMITED, "agency", MANAGED, Outcome.REFUSED, None, None, None),
]


@pytest.mark.parametrize(("grant", "placed_by", "product", "outcome", "payer", "invoice_in", "cashback_to"), TABLE)
def test_each_row_of_the_table(
    grant: Grant,
    placed_by: str,
    product: str,
    outcome: Outcome,
    payer: str | None,
    invoice_in: str | None,
    cashback_to: str | None,
) -> None:
    result = order_outcome(client="bakery", placed_by=placed_by, partnership=partnership(grant), product=product)
    assert (result.outcome, result.payer, result.invoice_in, result.cashback_to) == (
        outcome,
        payer,
        invoice_in,
        cashback_to,
    )
    assert result.installed_in == (None if outcome is Outcome.REFUSED else "bakery")
    assert result.payment_means_of == payer


@pytest.mark.parametrize("placed_by", ["bakery", "agency", "someone"])
@pytest.mark.parametrize("ended", [True, None])
def test_without_an_active_partnership_nobody_earns_and_the_orderer_pays(placed_by: str, ended: bool | None) -> None:
    current = None if ended is None else partnership(FULL_PARTNER, ended=True)
    result = order_outcome(client="bakery", placed_by=placed_by, partnership=current, product=MANAGED)
    assert result.outcome is Outcome.NOTHING
    assert (result.payer, result.invoice_in, result.installed_in) == (placed_by, placed_by, "bakery")
    assert result.reason.code == "no-active-partnership"


GRANTS = [FULL_CLIENT, FULL_PARTNER, LIMITED]
STATUSES = ["none", "active", "ended"]
ORDERERS = ["bakery", "agency", "stranger"]
PRODUCTS = [MANAGED, UNMANAGED, None]


@pytest.mark.parametrize(
    ("grant", "status", "placed_by", "product"), list(itertools.product(GRANTS, STATUSES, ORDERERS, PRODUCTS))
)
def test_the_table_is_total(grant: Grant, status: str, placed_by: str, product: str | None) -> None:
    """Access level × payment means × who orders × managed or not × partnership status: always one coherent row."""
    current = None if status == "none" else partnership(grant, ended=status == "ended")
    result = order_outcome(client="bakery", placed_by=placed_by, partnership=current, product=product)
    assert result.reason.code
    assert result.reason.text
    if result.outcome is Outcome.REFUSED:
        assert result.payer is None
        assert result.invoice_in is None
    else:
        assert result.installed_in == "bakery"
        assert result.payer == result.invoice_in == result.payment_means_of
    assert (result.cashback_to is not None) == (result.outcome is Outcome.CASHBACK)
    if result.outcome is Outcome.CASHBACK:
        assert result.payer == "bakery"
        assert result.cashback_to == "agency"
    if result.outcome is Outcome.DISCOUNT:
        assert result.payer == "agency"
        assert grant == FULL_PARTNER
    if status != "active":
        assert result.outcome is Outcome.NOTHING
    elif (placed_by == "agency" and not grant.is_full) or placed_by == "stranger":
        assert result.outcome is Outcome.REFUSED


def test_a_new_product_is_not_managed_under_limited_access() -> None:
    result = order_outcome(client="bakery", placed_by="bakery", partnership=partnership(LIMITED), product=None)
    assert result.outcome is Outcome.NOTHING


@pytest.mark.parametrize(
    "arguments",
    [
        {"client": "", "placed_by": "bakery", "partnership": None},
        {"client": "bakery", "placed_by": 3, "partnership": None},
        {"client": "bakery", "placed_by": "bakery", "partnership": "p-1"},
        {"client": "dental", "placed_by": "dental", "partnership": partnership(LIMITED)},
        {"client": "bakery", "placed_by": "bakery", "partnership": None, "product": ""},
    ],
)
def test_bad_input_is_refused_with_a_typed_error(arguments: dict[str, object]) -> None:
    with pytest.raises(InvalidInput):
        order_outcome(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value"),
    [("client", "  "), ("client", "bakery\n"), ("placed_by", "\u200bbakery"), ("product", " "), ("product", "web-1\t")],
)
def test_an_id_that_breaks_the_text_rule_is_refused_naming_its_field(field: str, value: str) -> None:
    # A blank or line-broken id was taken, and came back as the payer or the place of installation (the
    # invoicing-service review); every other id of the access area follows the library's text rule.
    arguments: dict[str, object] = {"client": "bakery", "placed_by": "bakery", "partnership": None, field: value}
    with pytest.raises(InvalidInput) as raised:
        order_outcome(**arguments)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == (field, value)
