"""Price lists from TOML files (edge code: reads files, builds domain values).

The format (see ``data/example_prices.toml``, which ships with the package)::

    name = "My price list"
    example = false                      # optional; true marks example data

    [tiers]                              # optional; degressive tiers per product family
    web-hosting = [{ min_count = 35, rate = "0.25" }]

    [products.web-hosting]               # the table name is the product code
    family = "web-hosting"
    name = "Web hosting"
    partner_discount = "0.20"            # a rate in [0, 1)
    degressive = true
    prices.CHF = { month = "9.92" }      # public unit price per currency and period ("month" or "year")

The file is UTF-8, and may begin with a byte order mark (as Windows editors write it). Amounts and rates may be strings
or TOML numbers; numbers are read as exact decimals, never as binary floats. A string amount or rate is in the library's
one notation (an optional sign, ASCII digits, optionally ``.`` and digits: ``"9.92"``); a TOML number follows TOML's own
grammar. Unknown keys are refused, and so are a ``[tiers]`` family that no degressive product has and a degressive
product whose family has no tiers (a typo must not silently drop a price or a tariff). Names, families and codes follow
the library's text rule (no control or invisible characters). Every problem raises
:class:`~infomanager_core.pricing.PriceListError` naming the file, the product and the field; ``cause`` holds the domain
error behind it, if any.

>>> prices = example_price_list()
>>> prices.example, sorted(prices.products)
(True, ['domain', 'mail-hosting', 'web-hosting'])
>>> parse_price_list('name = "x"\\n[products.a]\\nfamily = "a"', source="inline.toml")
Traceback (most recent call last):
...
infomanager_core.pricing.errors.PriceListError: inline.toml: product 'a': name: None is required (a non-empty string)
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache, partial
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from ..errors import InvalidInput
from ..money import Money
from ..pricing import DegressiveWithoutTiers, PriceList, PriceListError, Product, Tier
from ..pricing.price_list import PERIODS

__all__ = ["example_price_list", "load_price_list", "parse_price_list"]

_T = TypeVar("_T")

_TOP_KEYS = {"name", "example", "tiers", "products"}
_PRODUCT_KEYS = {"family", "name", "partner_discount", "degressive", "prices"}
_TIER_KEYS = {"min_count", "rate"}
_MISSING: Any = None


def load_price_list(path: str | os.PathLike[str]) -> PriceList:
    """Read and validate the price list in the TOML file at ``path``.

    >>> load_price_list("no/such/file.toml")
    Traceback (most recent call last):
    ...
    infomanager_core.pricing.errors.PriceListError: no/such/file.toml: file: 'no/such/file.toml' cannot be read (No such file or directory)
    """
    if not isinstance(path, str | os.PathLike):
        raise PriceListError(repr(path), None, "path", path, "must be the path of a TOML file (a str or a Path)")
    source = os.fspath(path)
    if source == "":  # Path("") is the current directory: an unset variable, not a file to read
        raise PriceListError("''", None, "file", source, "cannot be read (an empty path names no file)")
    try:
        text = Path(path).read_text(encoding="utf-8-sig")  # one leading BOM (Notepad's, PowerShell's) is no text
    except OSError as error:
        raise PriceListError(source, None, "file", source, f"cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise PriceListError(source, None, "file", source, "is not UTF-8 text") from None
    except ValueError:  # a NUL or a lone surrogate in the path: no file is named so (a bare ValueError escaped)
        raise PriceListError(
            repr(source), None, "file", source, "cannot be read (no file name holds a NUL or a lone surrogate)"
        ) from None
    return parse_price_list(text, source=source)


@cache
def example_price_list() -> PriceList:
    """The bundled example price list: the seed's figures, labelled as example data (``example`` is True).

    >>> example_price_list().product("web-hosting").price("EUR")
    Money('5.75', 'EUR')
    """
    resource = files("infomanager_core").joinpath("data", "example_prices.toml")
    return parse_price_list(resource.read_text(encoding="utf-8"), source="example_prices.toml")


def parse_price_list(text: str, *, source: str = "<string>") -> PriceList:
    """Validate the TOML ``text`` of a price list; ``source`` names it in error messages.

    >>> tariff = parse_price_list('''
    ... name = "Tariff"
    ... [products.dns]
    ... family = "domain"
    ... name = "DNS zone"
    ... partner_discount = "0.10"
    ... degressive = false
    ... prices.EUR = { year = "12.00" }
    ... ''', source="tariff.toml")
    >>> tariff.product("dns").price("EUR", "year")
    Money('12.00', 'EUR')
    """
    if not isinstance(text, str):
        raise PriceListError(source, None, "text", text, "must be the TOML text of a price list, as a string")
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as error:
        raise PriceListError(source, None, "toml", source, f"is not valid TOML ({error})") from None
    return _Reader(source).price_list(data)


class _Reader:
    """Turns the parsed TOML of one file into domain values, naming ``source`` in every error."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(
        self, product: str | None, field: str, value: object, rule: str, hint: str | None = None
    ) -> PriceListError:
        return PriceListError(self.source, product, field, value, rule, hint=hint)

    def build(self, product: str | None, make: Callable[[], _T], *, field: str | None = None, prefix: str = "") -> _T:
        """Run ``make``; re-raise a domain error as a :class:`PriceListError` about ``product``.

        The error names ``field`` if given, else the domain error's own field after ``prefix``.
        """
        try:
            return make()
        except InvalidInput as error:
            named = field or prefix + error.field
            if product is None and isinstance(error, DegressiveWithoutTiers):
                product = error.product  # the rule is about the whole list, the fix is in this product's table
            raise PriceListError(
                self.source, product, named, error.value, error.rule, hint=error.hint, cause=error
            ) from error

    def table(self, value: object, product: str | None, field: str, keys: set[str]) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(product, field, value, "must be a table")
        unknown = sorted(set(value) - keys)
        if unknown:
            raise self.fail(
                product, field, unknown[0], "is not a known key", hint=f"known keys: {', '.join(sorted(keys))}"
            )
        return value

    def text(self, table: Mapping[str, Any], key: str, product: str | None) -> str:
        value = table.get(key, _MISSING)
        if value is None:
            raise self.fail(product, key, None, "is required (a non-empty string)")
        if not isinstance(value, str) or not value.strip():
            raise self.fail(product, key, value, "must be a non-empty string")
        return value

    def flag(self, table: Mapping[str, Any], key: str, product: str | None, default: bool | None = None) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            rule = "is required (true or false)" if value is None else "must be true or false"
            raise self.fail(product, key, value, rule)
        return value

    def price_list(self, data: Mapping[str, Any]) -> PriceList:
        top = self.table(data, None, "price list", _TOP_KEYS)
        name = self.text(top, "name", None)
        example = self.flag(top, "example", None, default=False)
        tiers = self.tiers(top.get("tiers", {}))
        products_table = top.get("products")
        if products_table is None:
            raise self.fail(None, "products", None, "is required (at least one [products.CODE] table)")
        if not isinstance(products_table, Mapping) or not products_table:
            raise self.fail(None, "products", products_table, "must hold at least one [products.CODE] table")
        products = [self.product(code, table) for code, table in products_table.items()]
        return self.build(None, lambda: PriceList(name=name, products=products, tiers=tiers, example=example))

    def tiers(self, value: object) -> dict[str, list[Tier]]:
        if not isinstance(value, Mapping):
            raise self.fail(None, "tiers", value, "must be a table of family = [ {min_count, rate}, … ]")
        schedules: dict[str, list[Tier]] = {}
        for family, entries in value.items():
            if not isinstance(entries, list):
                raise self.fail(None, f"tiers.{family}", entries, "must be a list of { min_count, rate } tables")
            schedule = []
            for index, entry in enumerate(entries):
                field = f"tiers.{family}[{index}]"
                tier = self.table(entry, None, field, _TIER_KEYS)
                for key in sorted(_TIER_KEYS - set(tier)):
                    raise self.fail(None, f"{field}.{key}", None, "is required")
                schedule.append(self.build(None, partial(_tier, tier), prefix=f"{field}."))
            schedules[family] = schedule
        return schedules

    def product(self, code: str, value: object) -> Product:
        table = self.table(value, code, "product", _PRODUCT_KEYS)
        family = self.text(table, "family", code)
        name = self.text(table, "name", code)
        if "partner_discount" not in table:
            raise self.fail(code, "partner_discount", None, 'is required (a rate such as "0.20")')
        degressive = self.flag(table, "degressive", code)
        prices = self.prices(code, table.get("prices"))
        return self.build(
            code,
            lambda: Product(
                code=code,
                family=family,
                name=name,
                prices=prices,
                partner_discount=table["partner_discount"],
                degressive=degressive,
            ),
        )

    def prices(self, code: str, value: object) -> dict[tuple[str, str], Money]:
        if value is None:
            raise self.fail(code, "prices", None, 'is required (prices.CHF = { month = "9.92" })')
        if not isinstance(value, Mapping) or not value:
            raise self.fail(code, "prices", value, "must map a currency to { month = …, year = … }")
        prices: dict[tuple[str, str], Money] = {}
        for currency, per_period in value.items():
            table = self.table(per_period, code, f"prices.{currency}", set(PERIODS))
            if not table:
                raise self.fail(code, f"prices.{currency}", {}, "must give a month or a year price")
            for period, amount in table.items():
                field = f"prices.{currency}.{period}"
                money = self.build(code, partial(Money, amount, currency), field=field)
                self.build(code, money.minor_units, field=field)
                if money.is_negative():
                    raise self.fail(code, field, amount, "must not be negative")
                prices[(currency, period)] = money
        return prices


def _tier(table: Mapping[str, Any]) -> Tier:
    return Tier(table["min_count"], table["rate"])
