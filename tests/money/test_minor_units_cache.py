"""Money remembers its minor units once known; nothing a user can see depends on whether it has yet."""

from __future__ import annotations

import copy
import copyreg
import io
import pickle
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money, NotInMinorUnits
from infomanager_core.money import currency
from tests import strategies as s

codes = st.sampled_from(s.CURRENCIES)


def decimal_minor_units(amount: Money) -> int:
    """The minor units of a whole amount, computed with Decimal alone (the law the cache must keep)."""
    scaled = amount.amount.scaleb(currency(amount.currency).minor_digits)
    assert scaled == scaled.to_integral_value()
    return int(scaled)


@st.composite
def written_out(draw: st.DrawFn) -> tuple[str, int, str]:
    """A whole number of minor units written as a decimal string, sometimes with trailing zeros: text, units, code."""
    code = draw(codes)
    units = draw(s.minor_units(10**12))
    zeros = draw(st.integers(0, 3))
    text = str(Decimal(units * 10**zeros).scaleb(-(currency(code).minor_digits + zeros)))
    return text, units, code


@given(written_out())
def test_minor_units_of_an_amount_from_a_decimal_string_are_the_decimal_computation(
    case: tuple[str, int, str],
) -> None:
    text, units, code = case
    amount = Money(text, code)
    assert amount.minor_units() == decimal_minor_units(amount) == units
    assert amount.minor_units() == units  # asked again: the same


@given(s.minor_units(10**12), codes)
def test_minor_units_of_an_amount_from_minor_units_are_those_units(units: int, code: str) -> None:
    amount = Money.from_minor_units(units, code)
    assert amount.minor_units() == units == decimal_minor_units(amount)


@given(written_out())
def test_equality_hash_and_repr_do_not_depend_on_the_remembered_units(case: tuple[str, int, str]) -> None:
    text, units, code = case
    from_text, from_units = Money(text, code), Money.from_minor_units(units, code)
    before = (from_text == from_units, hash(from_text) == hash(from_units), hash(from_text), str(from_text))
    assert before[:2] == (True, True)
    from_text.minor_units()
    from_units.minor_units()
    assert (from_text == from_units, hash(from_text) == hash(from_units), hash(from_text), str(from_text)) == before
    assert repr(from_text) == repr(Money(text, code))


def test_one_franc_ten_is_one_hundred_and_ten_rappen_before_and_after_asking() -> None:
    text, units = Money("1.10", "CHF"), Money.from_minor_units(110, "CHF")
    assert text == units
    assert hash(text) == hash(units)
    assert text.minor_units() == 110
    assert text == units
    assert hash(text) == hash(units)
    assert {text: "found"}[Money.from_minor_units(110, "CHF")] == "found"
    assert repr(text) == "Money('1.10', 'CHF')"


@given(s.minor_units(10**9), s.minor_units(10**9), codes, st.integers(-1000, 1000), st.booleans())
def test_arithmetic_is_the_same_whether_the_operands_remember_their_units(
    a: int, b: int, code: str, factor: int, ask_first: bool
) -> None:
    remembering = Money.from_minor_units(a, code), Money.from_minor_units(b, code)
    digits = currency(code).minor_digits
    fresh = Money(Decimal(a).scaleb(-digits), code), Money(Decimal(b).scaleb(-digits), code)
    if ask_first:
        fresh[0].minor_units()
    results = [
        (x + y, x - y, -x, abs(x), x * factor, (x * Decimal("0.3")).rounded(), x < y, x == y)
        for x, y in (remembering, fresh)
    ]
    assert results[0] == results[1]
    total, difference, negated, absolute, product, rounded, _, _ = results[0]
    assert total.minor_units() == a + b
    assert difference.minor_units() == a - b
    assert negated.minor_units() == -a
    assert absolute.minor_units() == abs(a)
    assert product.minor_units() == a * factor
    assert rounded.minor_units() == decimal_minor_units(rounded)


@given(s.minor_units(10**9), codes)
def test_a_result_never_inherits_its_operands_units(units: int, code: str) -> None:
    amount = Money.from_minor_units(units, code)
    assert amount.minor_units() == units
    one = Money.from_minor_units(1, code)
    assert (amount + one).minor_units() == units + 1
    assert (amount * 2).minor_units() == units * 2
    changed = attrs.evolve(amount, amount=amount.amount + 1)
    assert changed.minor_units() == units + 10 ** currency(code).minor_digits


@pytest.mark.parametrize("ask_first", [False, True])
@pytest.mark.parametrize("build", ["text", "units"])
def test_copies_and_pickles_equal_the_original_and_know_its_units(build: str, ask_first: bool) -> None:
    amount = Money("208.32", "CHF") if build == "text" else Money.from_minor_units(20832, "CHF")
    if ask_first:
        amount.minor_units()
    for duplicate in (copy.copy(amount), copy.deepcopy(amount), pickle.loads(pickle.dumps(amount))):
        assert duplicate == amount
        assert hash(duplicate) == hash(amount)
        assert repr(duplicate) == repr(amount)
        assert duplicate.minor_units() == 20832


class _EarlierPickler(pickle.Pickler):
    """Pickles a Money exactly as before it remembered its units: its amount and currency, nothing else."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is Money:
            return copyreg.__newobj__, (Money,), {"amount": obj.amount, "currency": obj.currency}  # type: ignore[attr-defined]
        return NotImplemented


def pickled_by_an_earlier_version(amount: Money) -> bytes:
    stream = io.BytesIO()
    _EarlierPickler(stream).dump(amount)
    return stream.getvalue()


def test_a_money_pickled_by_an_earlier_version_still_gives_its_minor_units() -> None:
    earlier = pickle.loads(pickled_by_an_earlier_version(Money("208.32", "CHF")))
    assert earlier == Money("208.32", "CHF")
    assert earlier.minor_units() == 20832
    assert copy.copy(earlier) == earlier
    assert pickle.loads(pickle.dumps(earlier)).minor_units() == 20832


@pytest.mark.parametrize(
    ("text", "code"), [("0.001", "CHF"), ("1.005", "EUR"), ("0.5", "JPY"), ("-2.0001", "BHD"), ("99.999", "CHF")]
)
def test_a_sub_minor_amount_is_refused_every_time_it_is_asked(text: str, code: str) -> None:
    amount = Money(text, code)
    for _ in range(2):
        with pytest.raises(NotInMinorUnits, match="round it first"):
            amount.minor_units()
    assert amount == Money(text, code)
    assert hash(amount) == hash(Money(text, code))
    assert amount.rounded().minor_units() == decimal_minor_units(amount.rounded())


@given(s.exact_amounts("CHF"))
def test_minor_units_are_given_exactly_when_the_amount_is_rounded(amount: Money) -> None:
    for _ in range(2):
        if amount.is_rounded():
            assert amount.minor_units() == decimal_minor_units(amount)
        else:
            with pytest.raises(NotInMinorUnits):
                amount.minor_units()
