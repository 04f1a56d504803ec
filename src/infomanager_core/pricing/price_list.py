"""Price lists: products with their public prices, partner discount and degressive tiers (SPEC §2.1).

Invariants, checked when a value is built so that a quote never meets a broken price list:

* a :class:`Product` has a public price per ``(currency, period)``; each price is non-negative, in whole minor units of
  its currency, and keyed by that currency; ``period`` is ``"month"`` or ``"year"``;
* rates (the partner discount, every tier rate) are exact decimals in [0, 1);
* only a product of a :data:`DEGRESSIVE_FAMILIES` family (Web or Mail hosting) may be degressive (SPEC §2.2);
* a family's :class:`Tier` schedule is sorted by its inclusive lower bound, bounds are distinct and at least 1, and a
  rate never falls as the count grows (so a higher tier never raises the unit price);
* product codes are unique within a :class:`PriceList`;
* the families that have tiers are exactly the families of the degressive products, and each has at least one tier:
  a schedule no degressive product uses, or a degressive product without a schedule, is a typo or an omission that
  would otherwise price silently without the degressive tariff;
* codes, families and names follow the library's text rule (:mod:`infomanager_core.text`): no control, format,
  surrogate or line-breaking character; names are trimmed and put in NFC.

Price lists are data: the TOML loader lives at the edge, in :mod:`infomanager_core.adapters.price_list_toml`.

>>> from infomanager_core.adapters.price_list_toml import example_price_list
>>> prices = example_price_list()
>>> prices.product("web-hosting").price("CHF", "month")
Money('9.92', 'CHF')
>>> prices.tier_rate("web-hosting", 34), prices.tier_rate("web-hosting", 35)
(Decimal('0'), Decimal('0.25'))
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping
from decimal import Decimal
from itertools import pairwise
from typing import Final

import attrs

from .._frozen import FrozenMapping
from ..errors import InvalidAmount, InvalidInput
from ..money import Money
from ..money import currency as currency_info
from ..money.rounding import exact_decimal
from ..text import is_plain_identifier, printable_identifier, printable_text, trimmed
from .errors import (
    DegressiveOutsideHosting,
    DegressiveWithoutTiers,
    DuplicateProduct,
    InvalidPeriod,
    InvalidPrice,
    InvalidProductField,
    InvalidQuantity,
    InvalidQuoteRequest,
    InvalidRate,
    InvalidTiers,
    NoPriceForCurrency,
    NoPriceForPeriod,
    TiersWithoutDegressiveProduct,
    UnknownFamily,
    UnknownProduct,
    UnprintableProductText,
)

__all__ = [
    "DEGRESSIVE_FAMILIES",
    "MAX_PERIODS",
    "MAX_QUANTITY",
    "MAX_TIER_COUNT",
    "PERIODS",
    "PriceList",
    "Product",
    "Tier",
    "check_count",
    "check_identifier",
    "check_partner",
    "check_period",
    "check_price_list",
    "check_rate",
]

#: The most units one line may order: far beyond any real order, low enough that no line amount leaves the money range
#: by the count alone.
MAX_QUANTITY: Final = 1_000_000
#: The most billing periods one line may cover (a century of months).
MAX_PERIODS: Final = 1_200
#: The largest tier count and tier bound: hostings of one family held by one organisation.
MAX_TIER_COUNT: Final = 1_000_000_000

#: The families the degressive tariff applies to: "Web and Mail hosting only" (SPEC §2.2, from the seed).
DEGRESSIVE_FAMILIES: Final = ("mail-hosting", "web-hosting")

#: The billing periods a price can be given for.
PERIODS: Final = ("month", "year")

#: The degressive rate below a family's first tier, and of a product without the tariff: nothing off.
NO_TIER_RATE: Final = Decimal(0)


def check_rate(value: object, field: str) -> Decimal:
    """Return ``value`` as an exact Decimal rate in [0, 1), or raise :class:`InvalidRate` naming ``field``.

    >>> check_rate("0.20", "partner_discount")
    Decimal('0.20')
    >>> check_rate(1, "partner_discount")
    Traceback (most recent call last):
    ...
    infomanager_core.pricing.errors.InvalidRate: partner_discount: 1 must be at least 0 and below 1 (0.20 means 20%)
    """
    try:
        rate = exact_decimal(value, field)
    except InvalidAmount as error:
        raise InvalidRate(field, value, error.rule, hint=error.hint) from None
    if not 0 <= rate < 1:
        raise InvalidRate(field, value, "must be at least 0 and below 1", hint="0.20 means 20%")
    return rate


def check_price_list(value: object) -> PriceList:
    """Return ``value`` if it is a :class:`PriceList`; else raise :class:`InvalidQuoteRequest` (a quote needs one)."""
    if not isinstance(value, PriceList):
        raise InvalidQuoteRequest("price_list", value, "must be a PriceList", hint="e.g. load_price_list(path)")
    return value


def check_partner(partner: object) -> bool:
    """Return ``partner`` if it is a bool; else raise :class:`InvalidQuoteRequest`."""
    if not isinstance(partner, bool):
        raise InvalidQuoteRequest("partner", partner, "must be True (partner quote) or False (public quote)")
    return partner


def check_period(value: object) -> str:
    """Return ``value`` if it is a billing period (``"month"`` or ``"year"``), else raise :class:`InvalidPeriod`."""
    if not isinstance(value, str) or value not in PERIODS:  # a foreign value is not compared: its == may raise
        raise InvalidPeriod("period", value, "is not a billing period", hint="use 'month' or 'year'")
    return str(value)


def check_count(value: object, field: str, maximum: int) -> int:
    """Return ``value`` if it is a whole number (an ``int``, not a bool) from 1 to ``maximum``; else
    :class:`InvalidQuantity`. A subclass of int (an ``IntEnum``) is checked and returned as the plain int it holds: its
    own arithmetic and comparisons, which may answer otherwise, are never asked.

    >>> check_count(35, "quantity", MAX_QUANTITY)
    35
    >>> check_count(0, "quantity", MAX_QUANTITY)
    Traceback (most recent call last):
    ...
    infomanager_core.pricing.errors.InvalidQuantity: quantity: 0 must be at least 1
    """
    if isinstance(value, bool) or not isinstance(value, int):
        hint = "hostings and periods are counted in whole numbers" if isinstance(value, float | Decimal | str) else None
        raise InvalidQuantity(field, value, "must be a whole number (an int)", hint=hint)
    count = int.__int__(value)  # int's own conversion: the value an int subclass holds
    if count < 1:
        raise InvalidQuantity(field, value, "must be at least 1")
    if count > maximum:
        raise InvalidQuantity(field, value, f"must be at most {maximum}")
    return count


def _to_partner_discount(value: object) -> Decimal:
    return check_rate(value, "partner_discount")


def _to_min_count(value: object) -> int:
    return check_count(value, "min_count", MAX_TIER_COUNT)


def _to_tier_rate(value: object) -> Decimal:
    return check_rate(value, "rate")


def check_identifier(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """A code or a family: an id by the library's text rule, kept exactly as given (it is matched)."""
    if not is_plain_identifier(value):  # the usual code is decided in C
        printable_identifier(value, field=attribute.name, error=UnprintableProductText, invalid=InvalidProductField)


def _to_name(value: object) -> str:
    """A name people read: trimmed and in NFC, non-blank, without unprintable characters."""
    if not isinstance(value, str) or not trimmed(value):
        raise InvalidProductField("name", value, "must be a non-empty string")
    return printable_text(value, field="name", error=UnprintableProductText)


def _to_prices(value: Mapping[tuple[str, str], Money]) -> Mapping[tuple[str, str], Money]:
    if not isinstance(value, Mapping):
        raise InvalidPrice("prices", value, "must map (currency, period) to Money")
    if not value:
        raise InvalidPrice("prices", {}, "must give at least one price")
    normalised: dict[tuple[str, str], Money] = {}
    for key, price in value.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise InvalidPrice("prices", key, "keys must be (currency, period) pairs")
        code, period = key
        check_period(period)
        if not isinstance(price, Money):
            raise InvalidPrice("prices", price, f"the {code} {period} price must be Money")
        if price.currency != code:
            raise InvalidPrice("prices", price, f"is keyed by {code!r} but priced in {price.currency}")
        if price.is_negative():
            raise InvalidPrice("prices", price, "must not be negative")
        # NotInMinorUnits for a price finer than the currency's minor unit; kept in minor units otherwise, so that
        # 10, 1e1 (a TOML number keeps its exponent) and 10.0 are all shown as 10.00 wherever the price is printed
        normalised[key] = Money.from_minor_units(price.minor_units(), code)
    return FrozenMapping(normalised)


@attrs.frozen(slots=True, kw_only=True)
class Product:
    """A product of the price list: its family, public prices, partner discount and degressive eligibility.

    ``prices`` maps ``(currency, period)`` to the public price of one unit for one period, excluding VAT.

    >>> Product(code="web-hosting", family="web-hosting", name="Web hosting",
    ...     prices={("CHF", "month"): Money("9.92", "CHF")}, partner_discount="0.20", degressive=True).partner_discount
    Decimal('0.20')
    """

    code: str = attrs.field(validator=check_identifier)
    family: str = attrs.field(validator=check_identifier)
    name: str = attrs.field(converter=_to_name)
    prices: Mapping[tuple[str, str], Money] = attrs.field(converter=_to_prices)
    partner_discount: Decimal = attrs.field(converter=_to_partner_discount)
    degressive: bool = attrs.field()
    _units: Mapping[tuple[str, str], int] = attrs.field(init=False, eq=False, repr=False)

    @_units.default
    def _prices_in_minor_units(self) -> Mapping[tuple[str, str], int]:
        return {key: price.minor_units() for key, price in self.prices.items()}

    @degressive.validator
    def _check_degressive(self, _attribute: object, value: object) -> None:
        if not isinstance(value, bool):
            raise InvalidProductField("degressive", value, "must be True or False")
        if value and self.family not in DEGRESSIVE_FAMILIES:
            raise DegressiveOutsideHosting(self.code, self.family, DEGRESSIVE_FAMILIES)

    def price(self, currency: str, period: str = "month") -> Money:
        """The public unit price for one ``period`` in ``currency``; a typed error says what is missing.

        >>> from infomanager_core.adapters.price_list_toml import example_price_list
        >>> example_price_list().product("domain").price("CHF", "month")
        Traceback (most recent call last):
        ...
        infomanager_core.pricing.errors.NoPriceForPeriod: period: 'month' has no CHF price for product 'domain' (priced per: year)
        """
        try:
            return self.prices[(currency, period)]
        except Exception:  # no such key, or no key at all: unhashable, or its hash or == raises
            raise self._no_price(currency, period) from None

    def price_units(self, currency: str, period: str = "month") -> int:
        """:meth:`price` in minor units (9.92 CHF is 992), as the integer arithmetic of a quote needs it."""
        try:
            return self._units[(currency, period)]
        except Exception:  # no such key, or no key at all: unhashable, or its hash or == raises
            raise self._no_price(currency, period) from None

    def _no_price(self, currency: str, period: str) -> InvalidInput:
        currency_info(currency)  # an unknown code is UnknownCurrency, not a missing price
        check_period(period)
        available = {code for code, _ in self.prices}
        if currency not in available:
            return NoPriceForCurrency(self.code, currency, available)
        return NoPriceForPeriod(self.code, currency, period, (p for code, p in self.prices if code == currency))


@attrs.frozen(slots=True)
class Tier:
    """A degressive tier: from ``min_count`` hostings of the family held (inclusive), ``rate`` applies to all units.

    >>> Tier(3, "0.10")
    Tier(min_count=3, rate=Decimal('0.10'))
    """

    min_count: int = attrs.field(converter=_to_min_count)
    rate: Decimal = attrs.field(converter=_to_tier_rate)


def _to_products(value: Iterable[Product] | Mapping[str, Product]) -> Mapping[str, Product]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidProductField("products", value, "must be Product values, or a mapping of code to Product")
    products = value.values() if isinstance(value, Mapping) else value
    by_code: dict[str, Product] = {}
    for product in products:
        if not isinstance(product, Product):
            raise InvalidProductField("products", product, "must be Product values")
        if product.code in by_code:
            raise DuplicateProduct("products", product.code, "appears twice in the price list")
        by_code[product.code] = product
    if not by_code:
        raise InvalidProductField("products", value, "must contain at least one product")
    if isinstance(value, Mapping):
        for key, product in value.items():
            if key != product.code:
                raise InvalidProductField("products", key, f"is the key of product {product.code!r}; they must match")
    return FrozenMapping(by_code)


def _to_tiers(value: Mapping[str, Iterable[Tier]]) -> Mapping[str, tuple[Tier, ...]]:
    if not isinstance(value, Mapping):
        raise InvalidTiers("tiers", value, "must map a family to its tiers")
    schedules: dict[str, tuple[Tier, ...]] = {}
    for family, tiers in value.items():
        if not isinstance(family, str) or not trimmed(family):
            raise InvalidTiers("tiers", family, "must be keyed by product family, a non-empty string")
        printable_identifier(family, field="tiers", error=UnprintableProductText, invalid=InvalidTiers)
        if isinstance(tiers, str | bytes | Mapping) or not isinstance(tiers, Iterable):
            raise InvalidTiers(f"tiers.{family}", tiers, "must be a list of Tier values")
        tiers = tuple(tiers)
        for tier in tiers:
            if not isinstance(tier, Tier):
                raise InvalidTiers(
                    f"tiers.{family}", tier, "must be Tier values", hint="e.g. Tier(35, Decimal('0.25'))"
                )
        schedule = tuple(sorted(tiers, key=lambda tier: tier.min_count))
        for lower, higher in pairwise(schedule):
            if lower.min_count == higher.min_count:
                raise InvalidTiers(f"tiers.{family}", higher.min_count, "is the lower bound of two tiers")
            if higher.rate < lower.rate:
                raise InvalidTiers(
                    f"tiers.{family}",
                    higher.rate,
                    f"is lower than the rate {lower.rate} of a smaller tier; a higher tier must never raise the price",
                )
        schedules[family] = schedule
    return FrozenMapping(schedules)


@attrs.frozen(slots=True, kw_only=True)
class PriceList:
    """A named price list: products by code and degressive tiers by family. ``example`` marks example data.

    >>> domain = Product(code="dns", family="domain", name="Domain", prices={("CHF", "year"): Money("13.00", "CHF")},
    ...     partner_discount="0.20", degressive=False)
    >>> prices = PriceList(name="Domains", products=[domain])
    >>> list(prices.products), prices.products["dns"].name
    (['dns'], 'Domain')
    """

    name: str = attrs.field(converter=_to_name)
    products: Mapping[str, Product] = attrs.field(converter=_to_products)
    tiers: Mapping[str, tuple[Tier, ...]] = attrs.field(factory=dict, converter=_to_tiers)
    example: bool = attrs.field(default=False)
    _bounds: Mapping[str, tuple[int, ...]] = attrs.field(init=False, eq=False, repr=False)
    _families: frozenset[str] = attrs.field(init=False, eq=False, repr=False)

    @_bounds.default
    def _index_bounds(self) -> Mapping[str, tuple[int, ...]]:
        return {family: tuple(tier.min_count for tier in tiers) for family, tiers in self.tiers.items()}

    @_families.default
    def _index_families(self) -> frozenset[str]:
        return frozenset(product.family for product in self.products.values())

    @tiers.validator
    def _check_tier_families(self, _attribute: object, tiers: Mapping[str, tuple[Tier, ...]]) -> None:
        """The families with tiers are exactly the degressive products' families (see the module's invariants)."""
        degressive = {product.family: product.code for product in self.products.values() if product.degressive}
        for family in tiers:
            if family not in degressive:
                raise TiersWithoutDegressiveProduct(family, degressive)
        for family, code in degressive.items():
            if not tiers.get(family):
                raise DegressiveWithoutTiers(code, family, (name for name, schedule in tiers.items() if schedule))

    @example.validator
    def _check_example(self, _attribute: object, value: object) -> None:
        if not isinstance(value, bool):
            raise InvalidProductField("example", value, "must be True (example data) or False")

    def product(self, code: str) -> Product:
        """The product with ``code``; raise :class:`UnknownProduct` (listing the known codes) otherwise."""
        try:
            return self.products[code]
        except Exception:  # no such key, or no key at all: unhashable, or its hash or == raises
            raise UnknownProduct(code, self.products) from None

    def tier_rate(self, family: str, count: int) -> Decimal:
        """The degressive rate of the tier that ``count`` hostings of ``family`` reach (0 below the first tier, and for
        a family without tariff); a family that no product has is :class:`UnknownFamily`, not a silent 0.

        >>> from infomanager_core.adapters.price_list_toml import example_price_list
        >>> example_price_list().tier_rate("mail-hosting", 12), example_price_list().tier_rate("domain", 12)
        (Decimal('0.10'), Decimal('0'))
        """
        if type(count) is not int or not 1 <= count <= MAX_TIER_COUNT:
            count = check_count(count, "tier_count", MAX_TIER_COUNT)
        try:
            bounds = self._bounds.get(family, ())
        except Exception:  # an unhashable family, or one whose hash raises
            raise InvalidProductField("family", family, "must be a product family given as a string") from None
        if not bounds and family not in self._families:
            raise UnknownFamily(family, self._families)
        reached = bisect_right(bounds, count)
        return self.tiers[family][reached - 1].rate if reached else NO_TIER_RATE
