"""In every locale, the currency an amount is written in can be told from every other: no currency is shown by a
symbol or a code that another currency the library accepts is shown by in that locale.

CLDR gives a few currencies, in a few locales, the ISO code of another as their symbol: Albanian writes the Caribbean
guilder (XCG) as ``ANG``, the code of the Netherlands Antillean guilder it replaced; Simplified Chinese writes the old
Israeli shekel (ILR) as ``ILS``, the code of the new one. Printed as CLDR has it, ``5,00 ANG`` would be read as the
other currency, and ``parse_money`` would read the other currency's text as this one.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from infomanager_core import Money
from infomanager_core.formatting import CurrencyDisplay, UnparsableMoney, format_money, parse_money
from tests import strategies as s

DISPLAYS: tuple[CurrencyDisplay, ...] = ("symbol", "code")


def shown_unit(text: str) -> str:
    """What is left of a zero amount's text once its digits, its separator, its marks and the spaces at its ends are
    taken out, every kind of space read as one: the currency as a reader sees it (``CHF``, ``€``, ``F CFA``)."""
    rest = re.sub(r"0(?:\D0+)?", "", text, count=1)
    return "".join(" " if char.isspace() else char for char in rest if unicodedata.category(char) != "Cf").strip()


def test_no_two_currencies_are_shown_alike_in_any_locale() -> None:
    """The sweep: each locale babel ships, each currency the library accepts, by its symbol and by its code."""
    alike: list[tuple[str, str, str, str]] = []
    for locale in s.ALL_LOCALES:
        shown_by: dict[str, str] = {}
        for code in s.BILLING_CODES:
            for display in DISPLAYS:
                unit = shown_unit(format_money(Money.from_minor_units(0, code), locale, currency_display=display))
                other = shown_by.setdefault(unit, code)
                if other != code:
                    alike.append((locale, unit, other, code))
    assert alike == []


@pytest.mark.parametrize(
    ("locale", "code", "written", "other"),
    [
        ("sq", "XCG", "5,00\xa0XCG", "ANG"),  # CLDR's Albanian symbol for XCG is ANG
        ("zh", "ILR", "ILR\xa05.00", "ILS"),  # CLDR's Chinese symbol for ILR is ILS
    ],
)
def test_a_currency_whose_symbol_is_another_currencys_code_is_written_by_its_own_code(
    locale: str, code: str, written: str, other: str
) -> None:
    assert format_money(Money("5", code), locale) == written
    other_text = format_money(Money("5", other), locale, currency_display="code")
    with pytest.raises(UnparsableMoney):
        parse_money(other_text, code, locale)
