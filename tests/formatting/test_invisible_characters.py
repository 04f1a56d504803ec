"""Invisible characters in amounts: a CLDR symbol holding one is still written, and parsing reads past every one.

A symbol is replaced by the ISO code only when nothing of it is visible (the escudo's U+200B); one that holds a bidi
mark or a no-break space beside visible letters (``ج.م.‏``, ``$ US``) is the symbol CLDR prescribes. Parsing ignores
every invisible format character (Unicode Cf), not only the two bidi marks CLDR writes: a reader pasting an amount
may bring an isolate, an Arabic letter mark or a byte order mark with it.
"""

from __future__ import annotations

import pytest

from infomanager_core import Money
from infomanager_core.formatting import format_money, parse_money

NBSP = "\xa0"
RLM = "\u200f"


@pytest.mark.parametrize(
    ("locale", "money", "expected"),
    [
        ("ar_EG", Money("1234.5", "EGP"), f"{RLM}1,234.50{NBSP}ج.م.{RLM}"),
        ("fr_CA", Money("1234.5", "USD"), f"1{NBSP}234,50{NBSP}${NBSP}US"),
        ("fr_FR", Money("1234.5", "XOF"), "1\u202f235\xa0F\u202fCFA"),
    ],
    ids=["bidi-mark", "no-break-space", "narrow-no-break-space"],
)
def test_a_symbol_with_an_invisible_character_beside_visible_ones_is_written_as_cldr_has_it(
    locale: str, money: Money, expected: str
) -> None:
    assert format_money(money, locale) == expected


@pytest.mark.parametrize(
    "mark",
    ["\u061c", "\u2068", "\u2069", "\ufeff", "\u200b", "\u00ad"],
    ids=[
        "arabic-letter-mark",
        "first-strong-isolate",
        "pop-directional-isolate",
        "bom",
        "zero-width-space",
        "soft-hyphen",
    ],
)
def test_parsing_reads_past_any_invisible_format_character(mark: str) -> None:
    assert parse_money(f"{mark}-1,234.50{NBSP}ج.م.{mark}", "EGP", "ar_EG") == Money("-1234.50", "EGP")
    assert parse_money(f"CHF-1'2{mark}34.50", "CHF", "de_CH") == Money("-1234.50", "CHF")
