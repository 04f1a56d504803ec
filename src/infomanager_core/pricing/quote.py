"""Quotes: the price of order lines as a breakdown a person can check (SPEC §2.2–2.3).

A :class:`LineQuote` starts from the public amount ``unit price × quantity × periods`` and lists each
:class:`Step` (its rate, the reduction and the amount after it), each rounded to the minor unit on the line, never
per unit. Invariants of every line quote:

* ``public − Σ step.reduction == final``, to the cent;
* each step starts from the rounded amount after the previous one, and ``final`` is the amount after the last step;
* a public quote (``partner=False``) has **no** partner-discount step; a non-degressive product has no degressive
  step; a degressive product below its first tier has a degressive step at rate 0.

The order of the steps comes from :func:`~infomanager_core.pricing.steps.pricing_steps`, its only home.

>>> from infomanager_core.adapters.price_list_toml import example_price_list
>>> line = quote_line(example_price_list(), "web-hosting", 35, currency="CHF", partner=True)
>>> line.public, line.final
(Money('347.20', 'CHF'), Money('208.32', 'CHF'))
>>> [(step.name, step.rate, step.reduction, step.after) for step in line.steps]  # doctest: +NORMALIZE_WHITESPACE
[('partner discount', Decimal('0.20'), Money('69.44', 'CHF'), Money('277.76', 'CHF')),
 ('degressive tariff', Decimal('0.25'), Money('69.44', 'CHF'), Money('208.32', 'CHF'))]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import reduce

import attrs

from .._frozen import FrozenMapping
from .._trusted import trusted_constructor
from ..errors import InvalidAmount
from ..money import CashRounding, Money, cash_round
from ..money import currency as currency_info
from ..money.money import trusted_minor_units
from ..money.rounding import EXACT
from .errors import InvalidQuantity, InvalidQuoteRequest
from .price_list import (
    MAX_PERIODS,
    MAX_QUANTITY,
    MAX_TIER_COUNT,
    NO_TIER_RATE,
    PERIODS,
    PriceList,
    check_count,
    check_identifier,
    check_partner,
    check_period,
    check_price_list,
)
from .steps import PARTNER_DISCOUNT, after_step, steps_of

__all__ = [
    "LineQuote",
    "OrderLine",
    "Quote",
    "Step",
    "percent",
    "periods_text",
    "price_order_line",
    "quote",
    "quote_line",
]


def _to_quantity(value: object) -> int:
    return check_count(value, "quantity", MAX_QUANTITY)


def _to_periods(value: object) -> int:
    return check_count(value, "periods", MAX_PERIODS)


def _to_tier_count(value: object) -> int | None:
    return None if value is None else check_count(value, "tier_count", MAX_TIER_COUNT)


def _checked_tier_count(tier_count: object, quantity: int) -> int:
    if tier_count is None:
        return quantity
    count = check_count(tier_count, "tier_count", MAX_TIER_COUNT)
    if count < quantity:
        raise InvalidQuantity(
            "tier_count",
            count,
            f"is below the quantity {quantity}",
            hint="the tier count includes the hostings being ordered",
        )
    return count


@attrs.frozen(slots=True, kw_only=True)
class OrderLine:
    """What is being priced: ``quantity`` units of ``product`` for ``periods`` billing periods of ``period``.

    ``tier_count`` is the number of hostings of the product's family that the paying organisation holds, counting the
    ones being ordered; it chooses the degressive tier and defaults to ``quantity``.

    >>> OrderLine(product="web-hosting", quantity=5, tier_count=40).count
    40
    """

    product: str = attrs.field(validator=check_identifier)
    quantity: int = attrs.field(converter=_to_quantity)
    tier_count: int | None = attrs.field(default=None, converter=_to_tier_count)
    periods: int = attrs.field(default=1, converter=_to_periods)
    period: str = attrs.field(default="month", converter=check_period)

    @tier_count.validator
    def _check_tier_count(self, _attribute: object, value: int | None) -> None:
        _checked_tier_count(value, self.quantity)

    @property
    def count(self) -> int:
        """The count that chooses the degressive tier."""
        return self.quantity if self.tier_count is None else self.tier_count


@attrs.frozen(slots=True, kw_only=True)
class Step:
    """One reduction of a breakdown: ``rate`` applied to the amount ``before`` leaves ``after`` (rounded half-up).

    The reduction is derived, never stored, so ``before − reduction == after`` holds by construction. In a share of a
    split line (:func:`~infomanager_core.pricing.split_line`) a step keeps the line's name and rate while its amounts
    are the share's part of the line's: there the rate holds for the line, and for the share only to within the minor
    units the split hands out.
    """

    name: str
    rate: Decimal
    before: Money
    after: Money

    @property
    def reduction(self) -> Money:
        """What the step takes off: ``before − after``."""
        return self.before - self.after


@attrs.frozen(slots=True, kw_only=True)
class LineQuote:
    """The breakdown of one order line: the public amount, each step, and the final amount."""

    product: str
    quantity: int
    periods: int
    period: str
    currency: str
    tier_count: int
    public: Money
    steps: tuple[Step, ...]
    final: Money

    @property
    def partner(self) -> bool:
        """True for a partner quote (it has a partner-discount step)."""
        return any(step.name == PARTNER_DISCOUNT for step in self.steps)

    @property
    def reduction(self) -> Money:
        """Everything taken off the public amount: ``public − final``."""
        return self.public - self.final


@attrs.frozen(slots=True)
class Quote:
    """Several line quotes and their totals, one per currency (a quote is made in one currency)."""

    lines: tuple[LineQuote, ...]
    totals: Mapping[str, Money]

    def cash_rounding(self) -> CashRounding:
        """The total rounded to its currency's cash step (CHF 0.05), with the adjustment as its own amount.

        Only the total is cash-rounded, and only when this is asked (SPEC §1); the lines keep their amounts.

        >>> from infomanager_core.adapters.price_list_toml import example_price_list
        >>> order = [OrderLine(product="web-hosting", quantity=35)]
        >>> rounding = quote(example_price_list(), order, currency="CHF", partner=True).cash_rounding()
        >>> rounding.adjustment, rounding.payable
        (Money('-0.02', 'CHF'), Money('208.30', 'CHF'))
        """
        (total,) = self.totals.values()
        return cash_round(total)


# Every part of a line quote is computed or checked by _line_quote itself: build it without re-checking.
_trusted_step = trusted_constructor(Step)
_trusted_line_quote = trusted_constructor(LineQuote)


def percent(rate: Decimal) -> str:
    """A rate as a person reads it in a breakdown, a percentage without trailing zeros, computed in
    :data:`~infomanager_core.money.rounding.EXACT`: the caller's decimal context (three digits, say) would round it.

    >>> percent(Decimal("0.20")), percent(Decimal("0.125")), percent(Decimal("0.1234"))
    ('20%', '12.5%', '12.34%')
    """
    return f"{rate.scaleb(2, EXACT).normalize(EXACT):f}%"


def periods_text(periods: int, period: str) -> str:
    """How long a line runs, as a breakdown says it.

    >>> periods_text(1, "month"), periods_text(12, "month"), periods_text(2, "year")
    ('1 month', '12 months', '2 years')
    """
    return f"{periods} {period}" + ("" if periods == 1 else "s")


def price_order_line(price_list: PriceList, line: OrderLine, *, currency: str, partner: bool) -> LineQuote:
    """Quote an already-built :class:`OrderLine`; see :func:`quote_line`.

    >>> from infomanager_core.adapters.price_list_toml import example_price_list
    >>> line = OrderLine(product="web-hosting", quantity=1, tier_count=35, periods=12)
    >>> price_order_line(example_price_list(), line, currency="CHF", partner=True).final
    Money('71.42', 'CHF')
    """
    check_price_list(price_list)
    if not isinstance(line, OrderLine):
        raise InvalidQuoteRequest("line", line, "must be an OrderLine")
    return _line_quote(
        price_list, line.product, line.quantity, line.count, line.periods, line.period, currency, partner
    )


def quote_line(
    price_list: PriceList,
    product_code: str,
    quantity: int,
    *,
    currency: str,
    partner: bool,
    tier_count: int | None = None,
    periods: int = 1,
    period: str = "month",
) -> LineQuote:
    """Quote ``quantity`` units of a product for ``periods`` periods, for a partner or for the public.

    ``tier_count`` (default ``quantity``) is the number of hostings of the family held, which chooses the tier.

    >>> from infomanager_core.adapters.price_list_toml import example_price_list
    >>> quote_line(example_price_list(), "web-hosting", 35, currency="EUR", partner=True).final
    Money('120.75', 'EUR')
    >>> quote_line(example_price_list(), "web-hosting", 35, currency="CHF", partner=False).final
    Money('260.40', 'CHF')
    """
    if not isinstance(price_list, PriceList):
        check_price_list(price_list)
    if type(quantity) is not int or not 1 <= quantity <= MAX_QUANTITY:  # one test in the common case
        quantity = check_count(quantity, "quantity", MAX_QUANTITY)
    count = quantity if tier_count is None else _checked_tier_count(tier_count, quantity)
    if type(periods) is not int or not 1 <= periods <= MAX_PERIODS:
        periods = check_count(periods, "periods", MAX_PERIODS)
    if type(period) is not str or period not in PERIODS:  # a foreign value is not compared: its == may raise
        check_period(period)
    return _line_quote(price_list, product_code, quantity, count, periods, period, currency, partner)


def _line_quote(
    price_list: PriceList,
    code: str,
    quantity: int,
    count: int,
    periods: int,
    period: str,
    currency: str,
    partner: bool,
) -> LineQuote:
    """The breakdown of one validated line: public amount, then each step of :func:`pricing_steps` in order."""
    if partner is not True and partner is not False:
        check_partner(partner)
    product = price_list.product(code)
    unit = product.price_units(currency, period)
    rate = price_list.tier_rate(product.family, count) if product.degressive else NO_TIER_RATE

    units = unit * quantity * periods
    try:
        public = final = Money.from_minor_units(units, currency)  # the line amount is checked against the money bound
    except InvalidAmount:  # Money names its minor units; the caller asked for a line
        raise line_beyond_the_bound(code, units, currency) from None
    steps = []
    for name, step_rate in steps_of(product, partner, rate):
        units = after_step(units, step_rate)  # from 0 to the amount before: within the bound, as public is
        before, final = final, trusted_minor_units(units, currency)
        steps.append(_trusted_step(name, step_rate, before, final))
    return _trusted_line_quote(code, quantity, periods, period, currency, count, public, tuple(steps), final)


def line_beyond_the_bound(product: str, units: int, currency: str) -> InvalidAmount:
    """The refusal of a line whose public amount, ``units`` minor units of ``currency``, reaches the money bound:
    named as the line's public amount, in major units, whichever path priced it.

    >>> print(line_beyond_the_bound("dear", 10**16, "CHF"))
    public: Decimal('100000000000000.00') is out of range: a line's public amount (product 'dear') must lie below 10**14 CHF (MAX_AMOUNT), as any amount must (order fewer units or periods on one line)
    """
    amount = Decimal(units).scaleb(-currency_info(currency).minor_digits)
    rule = (
        f"is out of range: a line's public amount (product {product!r}) must lie below 10**14 {currency} (MAX_AMOUNT),"
        " as any amount must"
    )
    return InvalidAmount("public", amount, rule, hint="order fewer units or periods on one line")


def quote(price_list: PriceList, lines: Iterable[OrderLine], *, currency: str, partner: bool) -> Quote:
    """Quote several order lines in one currency; the total is the sum of the lines' final amounts.

    The lines are one order, so each product family has one tier count: a ``tier_count`` given on any of its lines
    (the same on every line that gives one, and at least every unit of the family ordered: SPEC §2.2, the count
    includes the hostings being ordered), else every unit of the family ordered in the quote (20 monthly and 20
    yearly Web hostings reach the tier of 40).

    >>> from infomanager_core.adapters.price_list_toml import example_price_list
    >>> order = [OrderLine(product="web-hosting", quantity=35), OrderLine(product="domain", quantity=2, period="year")]
    >>> quote(example_price_list(), order, currency="CHF", partner=True).totals["CHF"]
    Money('231.72', 'CHF')
    >>> halves = [OrderLine(product="web-hosting", quantity=20), OrderLine(product="web-hosting", quantity=15)]
    >>> [line.tier_count for line in quote(example_price_list(), halves, currency="CHF", partner=True).lines]
    [35, 35]
    """
    check_price_list(price_list)
    check_partner(partner)
    if lines is None or isinstance(lines, OrderLine | str | bytes) or not isinstance(lines, Iterable):
        raise InvalidQuoteRequest("lines", lines, "must be an iterable of OrderLine")
    order = tuple(lines)
    if not order:
        raise InvalidQuoteRequest("lines", [], "must contain at least one line")
    counts = _order_tier_counts(price_list, order)
    quoted = tuple(
        _line_quote(price_list, line.product, line.quantity, count, line.periods, line.period, currency, partner)
        for line, count in zip(order, counts, strict=True)
    )
    try:
        total = Money.total((line.final for line in quoted), currency)
    except InvalidAmount:  # Money's own refusal names its operation ("sum"), not the figure the caller asked for
        beyond = reduce(EXACT.add, (line.final.amount for line in quoted), Decimal(0))
        rule = f"is out of range: a quote's total must lie below 10**14 {currency} (MAX_AMOUNT), as any amount must"
        raise InvalidAmount("total", beyond, rule, hint="quote the lines as several orders") from None
    return Quote(quoted, FrozenMapping({currency: total}))


def _order_tier_counts(price_list: PriceList, order: tuple[OrderLine, ...]) -> list[int]:
    """Each line's tier count: its explicit one, checked against the order, or every unit of its family ordered."""
    families = []
    for index, line in enumerate(order):
        if not isinstance(line, OrderLine):
            raise InvalidQuoteRequest(f"lines[{index}]", line, "must be an OrderLine")
        families.append(price_list.product(line.product).family)
    ordered: dict[str, int] = {}
    explicit: dict[str, tuple[int, int]] = {}  # family -> (its tier count, the first line that gave it)
    for index, (family, line) in enumerate(zip(families, order, strict=True)):
        ordered[family] = ordered.get(family, 0) + line.quantity
        if ordered[family] > MAX_TIER_COUNT:  # the line quotes would carry a tier count no OrderLine may have
            raise InvalidQuantity(
                f"lines[{index}].quantity",
                line.quantity,
                f"brings the units of family {family!r} ordered in this quote to {ordered[family]}, above the largest "
                f"tier count {MAX_TIER_COUNT} (MAX_TIER_COUNT)",
                hint="quote the lines as several orders",
            )
        if line.tier_count is None:
            continue
        given = explicit.setdefault(family, (line.tier_count, index))
        if given[0] != line.tier_count:  # one paying organisation holds one number of hostings of a family
            raise InvalidQuantity(
                f"lines[{index}].tier_count",
                line.tier_count,
                f"differs from the tier count {given[0]} of lines[{given[1]}], of the same family {family!r}",
                hint="the lines of a quote are one order: its hostings of a family have one count",
            )
    for family, (count, index) in explicit.items():
        if count < ordered[family]:
            raise InvalidQuantity(
                f"lines[{index}].tier_count",
                count,
                f"is below the {ordered[family]} units of family {family!r} ordered in this quote",
                hint="the tier count includes every hosting of the family being ordered",
            )
    # a line without a tier count takes its family's: the explicit one of another line, else every unit ordered
    return [explicit[family][0] if family in explicit else ordered[family] for family in families]
