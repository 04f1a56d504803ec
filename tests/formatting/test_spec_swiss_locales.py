"""SPEC §1: formatting "must be right for every amount, including millions and negative amounts, in every Swiss locale".

The other formatting tests hold the four Swiss locales of the programme (fr_CH, de_CH, it_CH, en_CH) to hand-written
CLDR output. CLDR knows four more Swiss locales — Swiss German (gsw_CH), Romansh (rm_CH), Portuguese (pt_CH) and
Walser (wae_CH) — whose own symbols differ: each must group a million and a billion in threes with its own group
separator, write its own minus sign, and read back what it wrote.

The expected strings are written from each locale's CLDR data as babel ships it (currency pattern, group and decimal
symbols, minus sign), with CLDR's currency spacing (a no-break space between a currency code and a digit):

* gsw_CH ``#,##0.00 ¤``, group ``'``, decimal ``.``, minus U+2212;
* rm_CH ``¤#,##0.00``, group U+202F (narrow no-break space), decimal ``,``;
* pt_CH ``#,##0.00 ¤``, group U+00A0, decimal ``,``;
* wae_CH ``¤ #,##0.00``, group ``,``, decimal ``.``.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from babel import Locale, localedata
from hypothesis import given

from infomanager_core.formatting import format_money, parse_money
from infomanager_core.money import Money
from tests.strategies import amounts_to_format

NBSP, NNBSP, MINUS = "\xa0", "\u202f", "\u2212"

#: Every Swiss locale CLDR knows, not only the programme's four.
EVERY_SWISS_LOCALE = tuple(sorted(code for code in localedata.locale_identifiers() if code.endswith("_CH")))


def test_cldr_knows_eight_swiss_locales() -> None:
    assert EVERY_SWISS_LOCALE == ("de_CH", "en_CH", "fr_CH", "gsw_CH", "it_CH", "pt_CH", "rm_CH", "wae_CH")


@pytest.mark.parametrize(
    ("locale", "amount", "expected"),
    [
        ("gsw_CH", "1234567.5", f"1'234'567.50{NBSP}CHF"),
        ("gsw_CH", "-1234567890", f"{MINUS}1'234'567'890.00{NBSP}CHF"),
        ("rm_CH", "1234567.5", f"CHF{NBSP}1{NNBSP}234{NNBSP}567,50"),
        ("rm_CH", "-1234567890", f"-CHF{NBSP}1{NNBSP}234{NNBSP}567{NNBSP}890,00"),
        ("pt_CH", "1234567.5", f"1{NBSP}234{NBSP}567,50{NBSP}CHF"),
        ("pt_CH", "-1234567890", f"-1{NBSP}234{NBSP}567{NBSP}890,00{NBSP}CHF"),
        ("wae_CH", "1234567.5", f"CHF{NBSP}1,234,567.50"),
        ("wae_CH", "-1234567890", f"-CHF{NBSP}1,234,567,890.00"),
    ],
)
def test_the_other_swiss_locales_write_millions_and_debts_as_cldr_prescribes(
    locale: str, amount: str, expected: str
) -> None:
    assert format_money(Money(amount, "CHF"), locale) == expected


@pytest.mark.parametrize("locale", EVERY_SWISS_LOCALE)
@given(money=amounts_to_format("CHF", max_major=10**12))
def test_every_swiss_locale_groups_signs_and_reads_back_every_amount(locale: str, money: Money) -> None:
    symbols = Locale.parse(locale).number_symbols["latn"]
    group, minus = re.escape(symbols["group"]), symbols["minusSign"]
    text = format_money(money, locale)
    rounded = money.rounded()
    number = re.search(rf"[0-9](?:[0-9]|{group}(?=[0-9]{{3}}))*", text)
    assert number is not None
    assert re.fullmatch(rf"[0-9]{{1,3}}(?:{group}[0-9]{{3}})*", number.group()), text
    whole = Decimal(re.sub("[^0-9]", "", number.group()))
    assert whole == abs(rounded.amount).to_integral_value(rounding="ROUND_DOWN"), text
    assert (minus in text) == rounded.is_negative(), text
    assert parse_money(text, "CHF", locale) == rounded
