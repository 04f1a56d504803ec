"""The checkout: one call that says whether an order may be placed, who pays what and who earns what, to the cent.

:func:`quote_order` puts the library's rules together for one :class:`~infomanager_core.orders.Order`, in the order
an invoicing service needs them:

1. **access** — a member of the client orders for it; its partner's staff order for it when the partnership's grant
   allows it (:func:`~infomanager_core.access.can_order`: full access, and a partner user only for assigned clients);
   anyone else is refused (default deny);
2. **outcome** — who pays, where the invoice lives and who earns cashback (SPEC §3.4,
   :func:`~infomanager_core.access.order_outcome`); a renewal under limited access is split into one line for the
   managed products (cashback) and one for the others (nothing);
3. **currency** — the billing currency of the organisation invoiced;
4. **tier** — the hostings of the product's family the client holds, plus the ones a new order adds;
5. **prices** — the public and the partner breakdowns of each line
   (:func:`~infomanager_core.pricing.price_order_line`), and from them the amount due and the cashback
   (:func:`~infomanager_core.access.settle_order`).

The result, an :class:`OrderQuote`, keeps every intermediate figure and :meth:`OrderQuote.explain` writes them out.
Nothing changes anywhere: booking the quote on the ledger is :func:`~infomanager_core.orders.book_order`.

>>> from infomanager_core.access.examples import example_programme
>>> from infomanager_core.adapters.price_list_toml import example_price_list
>>> quote = quote_order(example_programme(), example_price_list(), Order(
...     id="REN-1", client="bakery", placed_by="bakery", by="carl", product="web-hosting",
...     renewing=["web-1", "web-2"]))
>>> quote.payer, quote.due, quote.credited_to, quote.credited
('bakery', Money('11.50', 'EUR'), 'agency', Money('1.15', 'EUR'))
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import attrs

from ..access import (
    Decision,
    OrderOutcome,
    Organisation,
    Outcome,
    Partnership,
    Programme,
    Reason,
    Settlement,
    UnknownOrganisation,
    UnknownPerson,
    UnknownProduct,
    billing_currency,
    can_order,
    hostings_of_family,
    order_outcome,
    settle_order,
)
from ..access.decisions import require_programme
from ..errors import InvalidInput
from ..money import Money
from ..pricing import Cashback, LineQuote, OrderLine, PriceList, price_order_line
from ..pricing.price_list import check_price_list
from ..pricing.quote import percent, periods_text
from .errors import NotTheClientsProduct, NotTheProductOrdered
from .order import Order

__all__ = ["OrderQuote", "QuotedLine", "quote_order"]

_T = TypeVar("_T")

CLIENT_MEMBER = Reason("client-member", "members of the client order for their own organisation")
NOT_A_MEMBER = Reason("not-a-member-of-client", "only the client's members order for it on their own side")
NOT_CLIENT_OR_PARTNER = Reason(
    "not-client-or-partner", "an order is placed by the client or by its active partner only"
)


@attrs.frozen(kw_only=True)
class QuotedLine:
    """One line of a quoted order: the products it renews (``()`` for new ones), its outcome and its amounts.

    ``public`` and ``preferential`` are the full breakdowns of the line's public price and of the partner's price;
    ``settlement`` says which of them is due, by whom, and what is credited to whom.
    """

    products: tuple[str, ...]
    quantity: int
    outcome: OrderOutcome
    public: LineQuote
    preferential: LineQuote
    settlement: Settlement


@attrs.frozen(kw_only=True)
class OrderQuote:
    """Whether ``order`` may be placed (``decision``) and, if so, its lines priced in ``currency`` at ``tier_count``.

    A refused quote has no lines, no currency and no amounts. The class is public, but a quote is
    :func:`quote_order`'s: one made by hand with lines is refused (``InvalidInput``) unless it has a currency and each
    line a payer and an amount due, as every figure of the quote reads them.
    """

    order: Order
    decision: Decision
    currency: str | None = None
    family: str | None = None
    held: int | None = None
    tier_count: int | None = None
    lines: tuple[QuotedLine, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.lines and self.currency is None:
            raise InvalidInput("currency", None, "must be given with the lines: a quote's lines are priced in it")
        unpaid = [line for line in self.lines if line.settlement.payer is None or line.settlement.due is None]
        if unpaid:
            raise InvalidInput(
                "lines", unpaid, "must each have a payer and an amount due: a refused line is no quote's"
            )

    @property
    def allowed(self) -> bool:
        """Whether the order may be placed (then it has at least one line, none refused)."""
        return self.decision.allowed and bool(self.lines)

    @property
    def payer(self) -> str | None:
        """The organisation that pays (and is invoiced); ``None`` when refused."""
        return self.lines[0].settlement.payer if self.allowed else None

    @property
    def due(self) -> Money | None:
        """What the payer owes for the whole order, the sum of its lines; ``None`` when refused."""
        if not self.allowed:
            return None
        return Money.total((_present(line.settlement.due) for line in self.lines), _present(self.currency))

    @property
    def credited_to(self) -> str | None:
        """The partner credited cashback, or ``None`` when no line earns any."""
        return next((line.settlement.credited_to for line in self.lines if line.settlement.credited_to), None)

    @property
    def credited(self) -> Money | None:
        """The cashback credited for the whole order (possibly 0.00), or ``None`` when no line earns any."""
        earned = [line.settlement.credited for line in self.lines if line.settlement.credited is not None]
        return Money.total(earned, _present(self.currency)) if earned else None

    def explain(self) -> str:
        """Every figure of the quote as lines a person can check to the cent.

        >>> from infomanager_core.access.examples import example_programme
        >>> from infomanager_core.adapters.price_list_toml import example_price_list
        >>> print(quote_order(example_programme(), example_price_list(), Order(
        ...     id="ORD-3", client="cafe", placed_by="cafe", by="fred", product="domain", quantity=1,
        ...     period="year")).explain())
        Order ORD-3: domain, 1 new, for 1 year; client cafe, placed by cafe (fred)
        Access: allowed (client-member): members of the client order for their own organisation
        Tier count: cafe holds 0 of family domain, plus the 1 ordered: 1
        Line 1: 1 unit: nothing: no active partnership: nobody earns anything, the orderer pays
          public price: 12.00 EUR
          cafe pays 12.00 EUR (the public price)
        Total: cafe pays 12.00 EUR, invoiced in cafe
        Installed in cafe.
        """
        return "\n".join(_explanation(self))


def quote_order(
    programme: Programme,
    price_list: PriceList,
    order: Order,
    *,
    currency_of: Callable[[Organisation], str] = billing_currency,
) -> OrderQuote:
    """Whether ``order`` may be placed in ``programme`` and what it costs whom under ``price_list``; changes nothing.

    ``currency_of`` gives an organisation's billing currency (by default
    :func:`~infomanager_core.access.billing_currency` with its default mapping; pass
    ``functools.partial(billing_currency, by_country=...)`` for another).

    >>> from infomanager_core.access.examples import example_programme
    >>> from infomanager_core.adapters.price_list_toml import example_price_list
    >>> print(quote_order(example_programme(), example_price_list(), Order(
    ...     id="ORD-2", client="bakery", placed_by="agency", by="uma", product="web-hosting", quantity=1)).decision)
    denied (limited-access-cannot-order): limited access does not allow ordering or renewing
    """
    if type(programme) is not Programme:
        require_programme(programme, "programme")
    check_price_list(price_list)
    if not isinstance(order, Order):
        raise InvalidInput("order", order, "must be an Order")
    if not callable(currency_of):
        raise InvalidInput("currency_of", currency_of, "must be a function giving an organisation's currency")
    try:
        programme.person(order.by)
    except UnknownPerson:
        raise UnknownPerson(order.by, field="by") from None
    client = _organisation(programme, order.client, "client")
    placer = client if order.placed_by == order.client else _organisation(programme, order.placed_by, "placed_by")
    partnership = programme.active_partnership(order.client)
    decision = _may_place(programme, order, client, partnership)
    if not decision.allowed:
        return OrderQuote(order=order, decision=decision)
    family = price_list.product(order.product).family
    renewed = _renewed_products(programme, order, client, family)
    groups = _by_outcome(order, partnership, renewed)
    outcomes = [outcome for outcome, _ in groups.values()]
    refused = next((outcome for outcome in outcomes if outcome.outcome is Outcome.REFUSED), None)
    if refused is not None:  # the access decision refuses first; kept so that the outcome table is the last word
        return OrderQuote(order=order, decision=Decision(allowed=False, reason=refused.reason, facts=decision.facts))
    invoiced = client if outcomes[0].invoice_in == client.id else placer  # the table invoices the client or the placer
    currency = currency_of(invoiced)
    if not isinstance(currency, str):
        raise InvalidInput("currency_of", currency, f"must give a currency code for {invoiced.id!r}")
    held = hostings_of_family(client, family)
    tier_count = held if order.is_renewal else held + order.count
    lines = tuple(
        _line(price_list, order, outcome, tuple(products), currency=currency, tier_count=tier_count)
        for outcome, products in groups.values()
    )
    return OrderQuote(
        order=order, decision=decision, currency=currency, family=family, held=held, tier_count=tier_count, lines=lines
    )


def _organisation(programme: Programme, organisation: str, field: str) -> Organisation:
    try:
        return programme.organisation(organisation)
    except UnknownOrganisation:
        raise UnknownOrganisation(organisation, field=field) from None


def _may_place(programme: Programme, order: Order, client: Organisation, partnership: Partnership | None) -> Decision:
    """The access decision: the client's members order for it; its active partner's staff when the grant allows."""
    facts = {"person": order.by, "client": order.client, "placed_by": order.placed_by}
    if order.placed_by == order.client:
        role = client.role_of(order.by)
        if role is None:
            return Decision(allowed=False, reason=NOT_A_MEMBER, facts=facts)
        return Decision(allowed=True, reason=CLIENT_MEMBER, facts={**facts, "role": role.value})
    if partnership is None or partnership.partner != order.placed_by:
        return Decision(allowed=False, reason=NOT_CLIENT_OR_PARTNER, facts=facts)
    return can_order(programme, order.by, order.client)


def _by_outcome(
    order: Order, partnership: Partnership | None, renewed: tuple[str, ...]
) -> dict[str, tuple[OrderOutcome, list[str]]]:
    """The order's outcome (:func:`~infomanager_core.access.order_outcome`) for each product it renews, grouped by
    reason: one line per row of the outcome table, with the products it covers (a new order is one group, no
    product)."""
    groups: dict[str, tuple[OrderOutcome, list[str]]] = {}
    for product in renewed or (None,):
        outcome = order_outcome(
            client=order.client, placed_by=order.placed_by, partnership=partnership, product=product
        )
        _, products = groups.setdefault(outcome.reason.code, (outcome, []))
        if product is not None:
            products.append(product)
    return groups


def _renewed_products(programme: Programme, order: Order, client: Organisation, family: str) -> tuple[str, ...]:
    """The held products a renewal names, once checked to be the client's, of the product ordered and its family."""
    if not order.renewing:
        return ()
    held = {product.id: product for product in client.products}
    for product in order.renewing:
        found = held.get(product)
        if found is None:
            try:
                owner: str | None = programme.owner_of(product)
            except UnknownProduct:
                owner = None
            raise NotTheClientsProduct(product, client=order.client, owner=owner)
        if found.code != order.product:
            raise NotTheProductOrdered(product, f"is a {found.code!r}, not the product renewed {order.product!r}")
        if found.family != family:
            raise NotTheProductOrdered(
                product, f"is recorded in family {found.family!r}, the price list puts {order.product!r} in {family!r}"
            )
    return order.renewing


def _line(
    price_list: PriceList,
    order: Order,
    outcome: OrderOutcome,
    products: tuple[str, ...],
    *,
    currency: str,
    tier_count: int,
) -> QuotedLine:
    quantity = len(products) or order.count
    line = OrderLine(
        product=order.product, quantity=quantity, tier_count=tier_count, periods=order.periods, period=order.period
    )
    public = price_order_line(price_list, line, currency=currency, partner=False)
    preferential = price_order_line(price_list, line, currency=currency, partner=True)
    return QuotedLine(
        products=products,
        quantity=quantity,
        outcome=outcome,
        public=public,
        preferential=preferential,
        settlement=settle_order(outcome, Cashback.between(public, preferential)),
    )


def _present(value: _T | None) -> _T:
    assert value is not None  # a quote with lines has a currency and each line a payer and an amount due (see above)
    return value


def _breakdown(label: str, line: LineQuote) -> str:
    steps = "".join(f"; {step.name} {percent(step.rate)} −{step.reduction} → {step.after}" for step in line.steps)
    return f"  {label}: {line.public}{steps}"


def _explanation(quote: OrderQuote) -> list[str]:
    order = quote.order
    what = f"renewal of {', '.join(order.renewing)}" if order.is_renewal else f"{order.quantity} new"
    periods = periods_text(order.periods, order.period)
    text = [
        f"Order {order.id}: {order.product}, {what}, for {periods}; client {order.client}, placed by {order.placed_by}"
        f" ({order.by})",
        f"Access: {quote.decision}",
    ]
    if not quote.allowed:
        return [*text, "Nothing is due and nothing is credited."]
    held = f"{order.client} holds {quote.held} of family {quote.family}"
    text.append(
        f"Tier count: {held}"
        + ("" if order.is_renewal else f", plus the {order.count} ordered")
        + f": {quote.tier_count}"
    )
    for number, line in enumerate(quote.lines, start=1):
        settled = line.settlement
        products = f" ({', '.join(line.products)})" if line.products else ""
        text.append(
            f"Line {number}: {line.quantity} unit{'s' if line.quantity > 1 else ''}{products}: "
            f"{line.outcome.outcome.value}: {line.outcome.reason.text}"
        )
        text.append(_breakdown("public price", line.public))
        if line.outcome.outcome is not Outcome.NOTHING:  # the partner's price matters to a cashback or a discount
            text.append(_breakdown("partner price", line.preferential))
        due = f"  {settled.payer} pays {settled.due}"
        due += " (the partner price)" if line.outcome.outcome is Outcome.DISCOUNT else " (the public price)"
        text.append(due)
        if settled.credited is not None:
            text.append(
                f"  cashback to {settled.credited_to}: {settled.public_price} − {settled.preferential_price} ="
                f" {settled.credited}"
            )
    total = f"Total: {quote.payer} pays {quote.due}, invoiced in {quote.lines[0].outcome.invoice_in}"
    if quote.credited is not None:
        total += f"; {quote.credited_to} is credited {quote.credited} on its prepaid account"
    return [*text, total, f"Installed in {order.client}."]
