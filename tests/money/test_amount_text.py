"""An amount or a rate given as text is plain ASCII decimal notation, or it is refused: the library never guesses.

``Decimal`` also reads ``" 1 "``, ``"1_000"``, ``"1E+2"`` and other scripts' digits (``"١٢٣"`` is 123); a billing
library reading a CSV import must not. ``Decimal`` values keep working as they always did.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidAmount, Money, allocate
from infomanager_core.errors import NotPlainDecimal
from infomanager_core.money.rounding import DECIMAL_TEXT, DECIMAL_TEXT_RULE, EXACT, exact_decimal
from infomanager_core.pricing import InvalidRate, Tier
from infomanager_core.pricing.price_list import check_rate

#: Digits of other scripts that ``Decimal`` reads as numbers: Arabic-Indic, Devanagari, full-width, mathematical bold.
FOREIGN_DIGITS = "\u0661\u0662\u0663\u0966\u0967\uff11\uff12\U0001d7ce\U0001d7cf"
#: Whitespace ``str.strip()`` (and so the old rule) removed: space, tab, newlines, no-break, narrow, ideographic.
WHITESPACE = " \t\n\r\x0b\x0c\xa0\u2009\u202f\u3000"


@st.composite
def plain_decimals(draw: st.DrawFn) -> tuple[str, int, int]:
    """Text in plain decimal notation within the money range, with the integer it scales to and its decimal places."""
    sign = draw(st.sampled_from(["", "+", "-"]))
    whole = draw(st.integers(min_value=0, max_value=10**14 - 1))
    places = draw(st.integers(min_value=0, max_value=20))
    fraction = draw(st.integers(min_value=0, max_value=10**places - 1)) if places else 0
    text = f"{sign}{whole}" + (f".{fraction:0{places}d}" if places else "")
    scaled = whole * 10**places + fraction
    return text, -scaled if sign == "-" else scaled, places


class TestTheRule:
    @pytest.mark.parametrize(
        "text",
        [
            " 1 ",
            "1 ",
            "\t1",
            "1\n",
            "1_000",
            "1_000.50",
            "\u0661\u0662\u0663",  # Arabic-Indic 123
            "\uff11\uff12\uff13",  # full-width 123
            "1E+2",
            "1e2",
            "2E-1",
            "NaN",
            "Infinity",
            "-inf",
            ".5",
            "5.",
            "",
            "+",
            "-",
            "+-1",
            "1.2.3",
            "0x10",
            "12,50",
            "\u22121",  # U+2212 MINUS SIGN
            "1'000",
        ],
    )
    def test_text_that_is_not_plain_decimal_notation_is_refused_naming_field_value_and_rule(self, text: str) -> None:
        with pytest.raises(NotPlainDecimal) as caught:
            Money(text, "CHF")
        error = caught.value
        assert (error.field, error.value, error.rule) == ("amount", text, DECIMAL_TEXT_RULE)
        assert isinstance(error, InvalidAmount)
        assert repr(text) in str(error)

    @pytest.mark.parametrize(
        ("text", "amount"),
        [("0", "0"), ("-0", "-0"), ("+7", "7"), ("1234.50", "1234.50"), ("007.10", "7.10"), ("-0.000001", "-0.000001")],
    )
    def test_plain_decimal_notation_is_read_exactly(self, text: str, amount: str) -> None:
        assert Money(text, "CHF").amount.as_tuple() == Decimal(amount).as_tuple()

    def test_decimal_values_keep_working_exponent_included(self) -> None:
        assert Money(Decimal("1E+2"), "CHF").amount == 100
        assert Money(Decimal(" 1 "), "CHF").amount == 1  # Decimal itself read the text: the caller chose to

    @given(plain_decimals(), st.sampled_from(["CHF", "EUR", "JPY", "BHD"]))
    def test_every_accepted_text_is_its_digits_scaled_and_writes_back_as_it_was_read(
        self, case: tuple[str, int, int], code: str
    ) -> None:
        text, scaled, places = case
        amount = Money(text, code).amount
        assert amount == Decimal(scaled).scaleb(-places, EXACT)  # exact: no context rounds it
        assert amount.as_tuple().exponent == -places
        assert format(amount, "f") == text.removeprefix("+")

    @given(plain_decimals(), st.data())
    def test_a_foreign_digit_an_underscore_or_surrounding_whitespace_is_always_refused(
        self, case: tuple[str, int, int], data: st.DataObject
    ) -> None:
        text = case[0]
        digits = [index for index, character in enumerate(text) if character.isdigit()]
        index = data.draw(st.sampled_from(digits))
        foreign = data.draw(st.sampled_from(FOREIGN_DIGITS))
        space = data.draw(st.text(st.sampled_from(WHITESPACE), min_size=1, max_size=3))
        before, after = text[:index], text[index + 1 :]
        loose = data.draw(
            st.sampled_from(
                [
                    before + foreign + after,  # one digit of another script: Decimal reads it
                    before + text[index] + "_" + after if after[:1].isdigit() else text + "_",
                    space + text,
                    text + space,
                    space + text + space,
                ]
            )
        )
        assert DECIMAL_TEXT.fullmatch(loose) is None
        with pytest.raises(NotPlainDecimal) as caught:
            Money(loose, "CHF")
        assert caught.value.value == loose

    def test_every_foreign_digit_used_here_is_one_decimal_reads(self) -> None:
        """The property above is not vacuous: Decimal alone would have accepted these digits."""
        for character in FOREIGN_DIGITS:
            assert unicodedata.decimal(character) == int(Decimal(character))


class TestOneRuleEverywhere:
    @pytest.mark.parametrize("text", [" 0.20", "0.2_0", "2E-1", "\u0660.20"])
    def test_rates_follow_the_same_rule(self, text: str) -> None:
        with pytest.raises(InvalidRate) as caught:
            check_rate(text, "partner_discount")
        assert caught.value.rule == DECIMAL_TEXT_RULE
        with pytest.raises(InvalidRate):
            Tier(35, text)  # type: ignore[arg-type]

    def test_factors_and_ratios_follow_the_same_rule(self) -> None:
        with pytest.raises(NotPlainDecimal):
            Money("1", "CHF") * "1_0"  # type: ignore[operator]
        with pytest.raises(NotPlainDecimal):
            allocate(Money("1", "CHF"), ["1", " 1"])
        assert Money("1.00", "CHF") * "3" == Money("3.00", "CHF")  # type: ignore[operator]

    def test_the_rule_is_the_decimal_rule_of_the_library(self) -> None:
        with pytest.raises(NotPlainDecimal, match="plain decimal notation") as caught:
            exact_decimal("1 000", "price")
        assert caught.value.field == "price"
