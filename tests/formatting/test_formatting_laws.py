"""Two more laws of format_money, in every locale babel ships and for every currency the library accepts.

* **One text, one amount**: within a locale and a currency, amounts that differ once rounded are written so that a
  reader sees two texts — even with the invisible marks left out and every kind of space, of minus and of apostrophe
  read as one, as ``parse_money`` reads them. The amounts nearest to an amount are the ones a slip would confuse: one minor unit more
  or less, ten times as much (a separator misplaced), its opposite.
* **Sign and size as they are**: a negative amount shows exactly one minus more than its opposite (``-`` or CLDR's
  ``−``, wherever the locale puts it), a positive one or zero none more, and ``parse_money`` reads back an amount of
  the same sign and size.
"""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.formatting import CurrencyDisplay, format_money, parse_money
from infomanager_core.money import currency
from infomanager_core.money.rounding import MAX_AMOUNT
from tests import strategies as s

DISPLAYS: tuple[CurrencyDisplay, ...] = ("symbol", "code")


#: What parse_money reads alike: every kind of space, both minus signs, both apostrophes (where the locale groups
#: with one: elsewhere an apostrophe is refused anyway).
FOLDED = str.maketrans({"\xa0": " ", "\u202f": " ", "\u2009": " ", "\u2212": "-", "\u2019": "'"})


def seen(text: str) -> str:
    """The text as a reader sees it and ``parse_money`` reads it: no invisible marks, the characters above folded."""
    return "".join(char for char in text if unicodedata.category(char) != "Cf").translate(FOLDED)


def nearest(money: Money) -> list[Money]:
    """The amounts a slip would confuse with ``money`` (in whole minor units): a minor unit either side, ten times as
    much, the opposite — those within the money bound."""
    units, code = money.minor_units(), money.currency
    bound = MAX_AMOUNT * 10 ** currency(code).minor_digits
    near = {units + 1, units - 1, units * 10, -units} - {units}
    return [Money.from_minor_units(other, code) for other in sorted(near) if -bound < other < bound]


@given(st.sampled_from(s.ALL_LOCALES), s.payable_amounts(), st.sampled_from(DISPLAYS))
def test_amounts_that_differ_are_written_so_that_a_reader_sees_two_texts(
    locale: str, money: Money, display: CurrencyDisplay
) -> None:
    text = seen(format_money(money, locale, currency_display=display))
    for other in nearest(money):
        assert seen(format_money(other, locale, currency_display=display)) != text, (money, other, locale, text)


@given(st.sampled_from(s.ALL_LOCALES), s.unrounded_amounts(), st.sampled_from(DISPLAYS))
def test_an_amount_is_written_and_read_with_its_own_sign_and_size(
    locale: str, money: Money, display: CurrencyDisplay
) -> None:
    rounded = money.rounded()
    text, opposite = (format_money(m, locale, currency_display=display) for m in (rounded, -rounded))
    minuses, opposite_minuses = seen(text).count("-"), seen(opposite).count("-")
    assert minuses - opposite_minuses == (rounded.amount < 0) - (rounded.amount > 0), (text, opposite, locale)
    read = parse_money(text, money.currency, locale)
    assert (read.amount.is_signed(), abs(read.amount)) == (rounded.amount < 0, abs(rounded.amount)), (text, read)
