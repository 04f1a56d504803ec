"""Locale-aware money text: :func:`format_money` for people, :func:`parse_money` to read it back.

This is edge code: the money type knows no locale, and only this module (and adapters) import babel. Babel supplies
the CLDR *data* — the locale's currency pattern, its number symbols, the currency's symbol — and this module does the
assembly, because babel's own assembly gets Swiss amounts wrong (see ``docs/formatting.md``):

* the Swiss locales' group separator in babel's data is the ASCII apostrophe, and babel strips every *pair* of
  apostrophes from its finished output as if they quoted pattern text, so ``1'234'567.50`` comes out ``1234567.50``
  and ``1'234'567'890.00`` comes out ``1234567'890.00``;
* babel ignores CLDR's ``currencyDecimal`` (fr_CH writes money with a point), ``currencySpacing`` (a code such as
  ``CHF`` next to a digit gets a no-break space) and ``minimumGroupingDigits`` (Spanish and Italian do not group
  four digits).

The amount is first rounded by the library's one rule (half away from zero, :meth:`Money.rounded`), never by babel,
and always shows all its minor digits.

>>> format_money(Money("1234567.5", "CHF"), "de_CH")
"CHF\\xa01'234'567.50"
>>> parse_money("CHF\\xa01'234'567.50", "CHF", "de_CH")
Money('1234567.50', 'CHF')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Literal

import attrs
from babel import Locale, UnknownLocaleError, localedata
from babel.numbers import get_currency_symbol

from .errors import InvalidAmount, InvalidInput
from .money import Money, currency, known_currency_codes

__all__ = [
    "CurrencyDisplay",
    "UnknownCurrencyDisplay",
    "UnknownLocale",
    "UnparsableMoney",
    "format_money",
    "parse_money",
]

#: How the currency is shown: the locale's CLDR symbol (``€``, ``CHF``, ``JP¥``) or the ISO 4217 code.
CurrencyDisplay = Literal["symbol", "code"]

#: CLDR 47 ``minimumGroupingDigits`` where it is not 1 (babel does not ship this value), keyed by exact locale: other
#: territories of these languages (es_MX, it_CH…) keep 1. With 2, a four-digit integer part is not grouped:
#: ``1234,50 €`` but ``12.345,50 €``. it_CH is deliberately absent: Swiss amounts group from 1'000 in every language.
_MINIMUM_GROUPING_DIGITS: dict[str, int] = {
    "es": 2,
    "es_ES": 2,
    "it": 2,
    "it_IT": 2,
    "pl": 2,
    "pl_PL": 2,
    "pt_PT": 2,
}

#: CLDR ``currencySpacing`` (root, inherited by every locale listed in the SPEC): a no-break space goes between a
#: currency that does not end (or start) with a symbol or a space and an adjacent digit.
_CURRENCY_SPACE = "\xa0"

# How many spellings of a locale (``de_CH``, ``de-CH``, ``DE_ch``…) keep their resolved layout, the most recent
# first. A service writes in a few dozen locales; the text of a locale is the caller's, and each letter may be
# given in either case, so the spellings are not few (2,048 of ``en_US_POSIX``).
_LAYOUTS_REMEMBERED = 256

# babel remembers, without end, whether each locale name it was asked about exists — refused names too. That memory
# is emptied when it holds more names than this, so that a caller naming new locales cannot grow it for ever.
_BABEL_NAMES_REMEMBERED = 4096

#: Characters a reader may type for the locale's spaces; parsing treats them alike.
_SPACES = " \xa0\u202f\u2009"

#: The hyphen-minus a keyboard types and CLDR's minus sign (U+2212: Swedish, Finnish, Swiss German…); parsing treats
#: them alike. No currency symbol contains either, so no two amounts' texts differ by them alone.
_MINUS_SIGNS = "-\u2212"

#: Apostrophe-like characters; parsing treats them alike when the locale groups with one (CLDR has U+2019).
_APOSTROPHES = "'\u2019"


class UnknownLocale(InvalidInput):
    """A locale identifier that is malformed or that CLDR does not know."""


class UnknownCurrencyDisplay(InvalidInput):
    """A ``currency_display`` other than ``"symbol"`` or ``"code"``."""


class UnparsableMoney(InvalidInput):
    """Text that is not an amount as :func:`format_money` writes it for that currency and locale."""


@attrs.frozen(slots=True, kw_only=True)
class _Layout:
    """What CLDR says about writing money in one locale, resolved once."""

    locale: Locale
    affixes: tuple[tuple[str, str], tuple[str, str]]  # (prefix, suffix) for positive, then negative; ¤ marks currency
    group: str
    decimal: str
    primary: int
    secondary: int
    minimum_grouping: int


def format_money(money: Money, locale: str, *, currency_display: CurrencyDisplay = "symbol") -> str:
    """Write ``money`` for a reader of ``locale``, rounded half-up to its minor unit, every minor digit shown.

    >>> format_money(Money("208.3", "CHF"), "fr_CH")
    '208.30\\xa0CHF'
    >>> format_money(Money("-1234.5", "EUR"), "de_DE")
    '-1.234,50\\xa0€'
    >>> format_money(Money("1234.5", "EUR"), "de_CH", currency_display="code")
    "EUR\\xa01'234.50"
    """
    if not isinstance(money, Money):
        raise InvalidAmount("money", money, "must be Money", hint="e.g. Money('1234.50', 'CHF')")
    layout = _layout(locale)
    rounded = money.rounded()
    negative = rounded.amount < 0
    prefix, suffix = layout.affixes[negative]
    unit = _currency_text(money.currency, layout.locale, currency_display)
    number = _number_text(rounded.amount.copy_abs(), layout)  # abs() would round in the caller's decimal context
    return _affix_text(prefix, unit, before_number=True) + number + _affix_text(suffix, unit, before_number=False)


def parse_money(text: str, currency_code: str, locale: str) -> Money:
    """Read an amount written as :func:`format_money` writes it (symbol or code); the exact inverse of it.

    Any of the usual spaces may stand for the locale's spaces, ``-`` or ``−`` (U+2212) for the locale's minus, and
    ``’`` for a Swiss ``'``; the invisible bidi marks of an Arabic, Hebrew or Persian amount (U+200E, U+200F) may be
    left out. Anything else that :func:`format_money` would not have written is refused with
    :class:`UnparsableMoney`: spaces around the text, digits of another script (``١٢٣``, full-width ``１``) or
    underscores — the library's one rule for amounts as text (:data:`~infomanager_core.money.rounding.DECIMAL_TEXT`),
    in the locale's separators — and an amount past the money bound.

    >>> parse_money("-1.234,50 €", "EUR", "de_DE")
    Money('-1234.50', 'EUR')
    >>> parse_money("CHF 1’234.50", "CHF", "de_CH")
    Money('1234.50', 'CHF')
    """
    if not isinstance(text, str):
        raise UnparsableMoney("text", text, "must be a string")
    layout = _layout(locale)
    currency(currency_code)
    wanted = _canonical(text, layout)
    group = _canonical(layout.group, layout)
    number = re.compile(rf"[0-9]+(?:{re.escape(group)}[0-9]+)*(?:{re.escape(layout.decimal)}[0-9]+)?")
    displays: tuple[CurrencyDisplay, ...] = ("symbol", "code")
    for display in displays:
        unit = _currency_text(currency_code, layout.locale, display)
        for negative in (True, False):
            prefix, suffix = layout.affixes[negative]
            before = _canonical(_affix_text(prefix, unit, before_number=True), layout)
            after = _canonical(_affix_text(suffix, unit, before_number=False), layout)
            middle = wanted.removeprefix(before).removesuffix(after) if wanted.startswith(before) else ""
            if not (wanted.endswith(after) and number.fullmatch(middle)):
                continue
            plain = ("-" if negative else "") + middle.replace(group, "").replace(layout.decimal, ".")
            try:
                money = Money(plain, currency_code)  # in DECIMAL_TEXT notation now: the one rule reads it
            except InvalidAmount as outside:  # past the money bound, which format_money never writes
                raise UnparsableMoney("text", text, outside.rule) from None
            # Accept only what format_money itself writes: this refuses misplaced groups and missing minor digits.
            if _canonical(format_money(money, locale, currency_display=display), layout) == wanted:
                return money
    example = format_money(Money("-1234567.5", currency_code), locale)
    raise UnparsableMoney(
        "text",
        text,
        f"is not an amount of {currency_code} as written in {locale}",
        hint=f"write it like {example!r}",
    )


# -- locale data ----------------------------------------------------------------------------------------------------


def _layout(locale: str) -> _Layout:
    """The locale's layout, resolved once per locale; a non-string (even unhashable) locale is :class:`UnknownLocale`."""
    if not isinstance(locale, str):
        _locale(locale)
    return _cached_layout(locale)


@lru_cache(maxsize=_LAYOUTS_REMEMBERED)
def _cached_layout(locale: str) -> _Layout:
    parsed = _locale(locale)
    pattern = parsed.currency_formats["standard"]
    symbols = parsed.number_symbols["latn"]
    positive = (_tokens_text(pattern.prefix[0], symbols), _tokens_text(pattern.suffix[0], symbols))
    negative = (_tokens_text(pattern.prefix[1], symbols), _tokens_text(pattern.suffix[1], symbols))
    key = f"{parsed.language}_{parsed.territory}" if parsed.territory else parsed.language
    return _Layout(
        locale=parsed,
        affixes=(positive, negative),
        group=symbols.get("currencyGroup", symbols["group"]),
        decimal=symbols.get("currencyDecimal", symbols["decimal"]),
        primary=pattern.grouping[0],
        secondary=pattern.grouping[1],
        minimum_grouping=_MINIMUM_GROUPING_DIGITS.get(key, 1),
    )


def _locale(identifier: str) -> Locale:
    """The babel Locale for ``identifier`` (``de_CH`` or ``de-CH``); :class:`UnknownLocale` otherwise."""
    if not isinstance(identifier, str):
        raise UnknownLocale("locale", identifier, "must be a locale identifier given as a string", hint="e.g. 'de_CH'")
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*", identifier):
        raise UnknownLocale("locale", identifier, "is not a locale identifier", hint="e.g. 'de_CH' or 'fr_CH'")
    if identifier[:3].lower() == "und":  # the language (at most three letters, as above) is und: babel would guess one
        raise UnknownLocale(
            "locale", identifier, "names no language ('und' is undetermined)", hint="e.g. 'de_CH' or 'fr_CH'"
        )
    try:
        return Locale.parse(identifier.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise UnknownLocale(
            "locale", identifier, "is not a locale CLDR knows", hint="e.g. 'de_CH' or 'fr_CH'"
        ) from None
    finally:
        _bound_babel_names()


def _bound_babel_names() -> None:
    """Empty babel's memory of locale names (``localedata.exists``, a cache without bound in the babel versions that
    keep one) once it holds more than ``_BABEL_NAMES_REMEMBERED`` names."""
    names = localedata.exists
    remembered = getattr(names, "cache_info", None)
    if remembered is not None and remembered().currsize > _BABEL_NAMES_REMEMBERED:
        names.cache_clear()


def _tokens_text(affix: str, symbols: Mapping[str, str]) -> str:
    """Resolve a CLDR pattern affix: quoted text is literal, ``-`` and ``+`` become the locale's signs, ``¤`` stays."""
    out: list[str] = []
    for quoted, plain in re.findall(r"'([^']*)'|([^'])", affix):
        if plain == "-":
            out.append(symbols.get("minusSign", "-"))
        elif plain == "+":
            out.append(symbols.get("plusSign", "+"))
        elif plain:
            out.append(plain)
        else:
            out.append(quoted or "'")
    return "".join(out)


# -- assembly -------------------------------------------------------------------------------------------------------


def _currency_text(code: str, locale: Locale, display: CurrencyDisplay) -> str:
    if isinstance(display, str) and display == "code":  # a foreign value is not compared: its == may raise
        return code
    if isinstance(display, str) and display == "symbol":
        return _visible_symbol(code, locale)
    raise UnknownCurrencyDisplay("currency_display", display, "must be 'symbol' or 'code'")


@lru_cache(maxsize=4096)  # a few currencies in a few locales, looked up for every amount written
def _visible_symbol(code: str, locale: Locale) -> str:
    """The currency's symbol in ``locale``, or its code where CLDR's symbol cannot be seen or names another currency.

    CLDR gives the Cape Verdean escudo (pt_CV, kea) and the Portuguese one (pt_PT) an invisible symbol, U+200B: their
    cifrão is the decimal separator (1 234$50), a per-currency separator babel does not ship. And it gives a few
    currencies the code of another as their symbol: Albanian writes the Caribbean guilder (XCG) ``ANG``, the code of
    the guilder it replaced, and Simplified Chinese the old Israeli shekel (ILR) ``ILS``. The code is written instead,
    so that no amount is printed without a currency a reader can see and tell from every other.
    """
    symbol = get_currency_symbol(code, locale)
    if not any(unicodedata.category(char)[0] not in "CZ" for char in symbol):
        return code
    return code if symbol != code and symbol in known_currency_codes() else symbol


def _number_text(magnitude: Decimal, layout: _Layout) -> str:
    """Digits of a rounded, non-negative amount with the locale's grouping and decimal separator."""
    whole, _, fraction = f"{magnitude:f}".partition(".")
    grouped = _grouped(whole, layout)
    return f"{grouped}{layout.decimal}{fraction}" if fraction else grouped


def _grouped(whole: str, layout: _Layout) -> str:
    if len(whole) < layout.primary + layout.minimum_grouping:
        return whole
    groups = [whole[-layout.primary :]]
    rest = whole[: -layout.primary]
    while len(rest) > layout.secondary:
        groups.append(rest[-layout.secondary :])
        rest = rest[: -layout.secondary]
    groups.append(rest)
    return layout.group.join(reversed(groups))


def _affix_text(affix: str, unit: str, *, before_number: bool) -> str:
    """Put the currency into a prefix or suffix, with CLDR's currency spacing where the currency touches the number.

    ``¤`` (or ``¤¤``, ``¤¤¤``) stands for the currency. A currency whose edge next to the digits is neither a symbol
    nor a space (``CHF``, ``EUR``; not ``€`` or ``JP¥``) gets a no-break space before the digits.
    """
    if "¤" not in affix:
        return affix
    text = re.sub("¤+", lambda _: unit, affix, count=1)
    touches_number = affix.endswith("¤") if before_number else affix.startswith("¤")
    edge = unit[-1] if before_number else unit[0]
    if touches_number and unicodedata.category(edge)[0] not in "SZ":
        return text + _CURRENCY_SPACE if before_number else _CURRENCY_SPACE + text
    return text


def _canonical(text: str, layout: _Layout) -> str:
    """Fold the spaces, the two minus signs (and, where the locale groups with an apostrophe, the apostrophes) a reader
    may type, and drop the invisible marks (the bidi marks of Arabic or Hebrew amounts) a reader cannot type."""
    folded = "".join(
        " " if char in _SPACES else "-" if char in _MINUS_SIGNS else char
        for char in text
        if unicodedata.category(char) != "Cf"
    )
    if layout.group in _APOSTROPHES:
        folded = "".join("'" if char in _APOSTROPHES else char for char in folded)
    return folded
