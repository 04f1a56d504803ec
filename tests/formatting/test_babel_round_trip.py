"""format_money's number part reads back through babel's own parser (issue 2: "round-trips through babel's parser
where it can").

Outside Switzerland babel's *strict* parser (which also checks that the groups sit where the locale puts them) gives
the rounded amount back. In the Swiss locales it cannot: strict parsing re-formats the number with babel's formatter to
check it, and that formatter drops apostrophe pairs from ``1'234'567.50`` (see docs/formatting.md), and for fr_CH it
expects the number's decimal comma, not the point CLDR's ``currencyDecimal`` puts in money. There babel's lenient
parser still gives the amount back, which is what the Swiss property checks.
"""

from __future__ import annotations

from babel.numbers import parse_decimal
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.formatting import format_money
from tests import strategies as s

BABEL_STRICT_LOCALES = tuple(locale for locale in s.LOCALES if locale not in s.SWISS_LOCALES)


def _number_part(money: Money, locale: str) -> tuple[bool, str]:
    """Whether the text shows a minus sign, and the digits with their separators, from ``format_money``'s output."""
    text = format_money(money, locale, currency_display="code").replace(money.currency, "")
    negative = "-" in text
    return negative, text.replace("-", "").strip(" \xa0\u202f")


@given(st.sampled_from(BABEL_STRICT_LOCALES), st.sampled_from(["CHF", "EUR", "JPY"]), st.data())
def test_babels_strict_parser_reads_the_rounded_amount_back(locale: str, code: str, data: st.DataObject) -> None:
    money = data.draw(s.amounts_to_format(code))
    negative, number = _number_part(money, locale)
    rounded = money.rounded().amount
    assert negative == (rounded < 0)
    assert parse_decimal(number, locale=locale, strict=True) == abs(rounded)


@given(st.sampled_from(s.SWISS_LOCALES), st.sampled_from(["CHF", "EUR", "JPY"]), st.data())
def test_babels_lenient_parser_reads_the_rounded_swiss_amount_back(locale: str, code: str, data: st.DataObject) -> None:
    money = data.draw(s.amounts_to_format(code))
    negative, number = _number_part(money, locale)
    rounded = money.rounded().amount
    assert negative == (rounded < 0)
    assert parse_decimal(number, locale=locale) == abs(rounded)
