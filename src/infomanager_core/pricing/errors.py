"""Pricing errors: one leaf per broken rule, each an :class:`~infomanager_core.errors.InvalidInput`.

Each error carries the offending data as attributes (``field``, ``value``, ``rule`` and, where it applies, the
product code, currency, period, file) so that a caller can react without parsing the message.

>>> from infomanager_core.adapters.price_list_toml import example_price_list
>>> try:
...     example_price_list().product("web-hostin")
... except UnknownProduct as error:
...     print(error.code, "|", error.hint)
web-hostin | known products: domain, mail-hosting, web-hosting
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..errors import InvalidInput, UnprintableText

__all__ = [
    "CashbackMismatch",
    "DegressiveOutsideHosting",
    "DegressiveWithoutTiers",
    "DuplicateProduct",
    "InvalidPeriod",
    "InvalidPrice",
    "InvalidProductField",
    "InvalidQuantity",
    "InvalidQuoteRequest",
    "InvalidRate",
    "InvalidTiers",
    "NoPriceForCurrency",
    "NoPriceForPeriod",
    "PriceListError",
    "TiersWithoutDegressiveProduct",
    "UnknownFamily",
    "UnknownProduct",
    "UnprintableProductText",
]


class UnknownProduct(InvalidInput):
    """A product code that the price list does not contain."""

    def __init__(self, code: object, known: Iterable[str]) -> None:
        self.code = code
        self.known = tuple(sorted(known))
        super().__init__("product", code, "is not in the price list", hint=f"known products: {', '.join(self.known)}")


class UnknownFamily(InvalidInput):
    """A product family that no product of the price list has: its tier rate would be a silent 0."""

    def __init__(self, family: object, known: Iterable[str]) -> None:
        self.family = family
        self.known = tuple(sorted(known))
        super().__init__(
            "family", family, "is the family of no product in the price list", hint=f"families: {', '.join(self.known)}"
        )


class InvalidQuantity(InvalidInput):
    """A quantity, number of periods or tier count that is not a whole number of at least 1 (or otherwise wrong)."""


class InvalidQuoteRequest(InvalidInput):
    """A quote request of the wrong shape: ``partner`` not a bool, lines that are not order lines, no line at all."""


class InvalidRate(InvalidInput):
    """A partner discount or degressive rate that is not an exact decimal in [0, 1)."""


class InvalidPeriod(InvalidInput):
    """A billing period other than ``"month"`` or ``"year"``."""


class NoPriceForCurrency(InvalidInput):
    """The product has no price at all in the requested currency."""

    def __init__(self, product: str, currency: str, available: Iterable[str]) -> None:
        self.product = product
        self.currency = currency
        self.available = tuple(sorted(available))
        super().__init__(
            "currency",
            currency,
            f"has no price for product {product!r}",
            hint=f"priced in: {', '.join(self.available) or 'nothing'}",
        )


class NoPriceForPeriod(InvalidInput):
    """The product is priced in the currency, but not for the requested billing period."""

    def __init__(self, product: str, currency: str, period: str, available: Iterable[str]) -> None:
        self.product = product
        self.currency = currency
        self.period = period
        self.available = tuple(sorted(available))
        super().__init__(
            "period",
            period,
            f"has no {currency} price for product {product!r}",
            hint=f"priced per: {', '.join(self.available)}",
        )


class InvalidPrice(InvalidInput):
    """A product price that is not Money in its key's currency, in whole minor units and not negative."""


class InvalidProductField(InvalidInput):
    """A product field (code, family, name, degressive flag) or a price list entry of the wrong kind."""


class UnprintableProductText(InvalidProductField, UnprintableText):
    """A product's code, family or name, or a price list's name, with a control, format, surrogate or line-breaking
    character (the library's text rule, :mod:`infomanager_core.text`)."""


class InvalidTiers(InvalidInput):
    """Degressive tiers that are not a valid schedule (duplicate bounds, a rate that falls as the count grows…)."""


class TiersWithoutDegressiveProduct(InvalidTiers):
    """A tier schedule whose family is the family of no degressive product: it would never apply (a misspelt family,
    say ``web_hosting`` for ``web-hosting``, would leave the real family without its tariff).

    ``family`` is the schedule's family; ``degressive_families`` the families of the degressive products.
    """

    def __init__(self, family: str, degressive_families: Iterable[str]) -> None:
        self.family = family
        self.degressive_families = tuple(sorted(degressive_families))
        super().__init__(
            f"tiers.{family}",
            family,
            "is the family of no degressive product, so its tiers would never apply",
            hint=f"families of degressive products: {', '.join(self.degressive_families) or 'none'}",
        )


class DegressiveWithoutTiers(InvalidTiers):
    """A degressive product whose family has no tier: the degressive tariff would silently never reduce its price.

    ``product`` is the product's code, ``family`` its family, ``tier_families`` the families that have tiers.
    """

    def __init__(self, product: str, family: str, tier_families: Iterable[str]) -> None:
        self.product = product
        self.family = family
        self.tier_families = tuple(sorted(tier_families))
        super().__init__(
            "degressive",
            True,
            f"is set on product {product!r}, but its family {family!r} has no tiers",
            hint=f"give family {family!r} tiers or make the product non-degressive; "
            f"families with tiers: {', '.join(self.tier_families) or 'none'}",
        )


class DegressiveOutsideHosting(InvalidProductField):
    """A degressive product of a family the degressive tariff does not apply to: it applies to Web and Mail hosting
    only (SPEC §2.2, from the seed), so a degressive domain would be sold below its price.

    ``product`` is the product's code, ``family`` its family, ``degressive_families`` the families the tariff applies
    to.
    """

    def __init__(self, product: str, family: str, degressive_families: Iterable[str]) -> None:
        self.product = product
        self.family = family
        self.degressive_families = tuple(sorted(degressive_families))
        super().__init__(
            "degressive",
            True,
            f"is set on product {product!r} of family {family!r}, but the degressive tariff applies to Web and Mail "
            "hosting only",
            hint=f"make the product non-degressive; families the tariff applies to: {', '.join(self.degressive_families)}",
        )


class CashbackMismatch(InvalidInput):
    """Figures that make no cashback: the quotes of two different lines, a partner quote in the public quote's place
    (or the other way round), or an amount that is not the public price minus the preferential price."""


class DuplicateProduct(InvalidInput):
    """Two products of one price list share a code."""


class PriceListError(InvalidInput):
    """A price list file that cannot be loaded; the message names the file, the product and the field.

    ``cause`` is the domain error behind it (an :class:`InvalidRate`, say) when there is one, else ``None``.
    """

    def __init__(
        self,
        path: str,
        product: str | None,
        field: str,
        value: Any,
        rule: str,
        *,
        hint: str | None = None,
        cause: InvalidInput | None = None,
    ) -> None:
        self.path = path
        self.product = product
        self.cause = cause
        super().__init__(field, value, rule, hint=hint)
        where = f"{path}: product {product!r}: " if product is not None else f"{path}: "
        self.args = (where + str(self.args[0]),)
