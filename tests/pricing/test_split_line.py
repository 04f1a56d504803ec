"""Laws of split_line: a line quote split across items, every share a breakdown that adds up on its own."""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.errors import InvalidAmount
from infomanager_core.money import allocate
from infomanager_core.pricing import (
    PARTNER_DISCOUNT,
    InvalidQuoteRequest,
    LineQuote,
    LineShare,
    OrderLine,
    PriceList,
    Step,
    price_order_line,
    quote_line,
    split_line,
)
from infomanager_core.pricing.split import monotone_parts
from tests import strategies as s

CURRENCIES = st.sampled_from(s.PRICING_CURRENCIES)
RATIOS = st.lists(st.integers(0, 10_000), min_size=1, max_size=8).filter(any)
WEIGHTS = RATIOS.map(lambda ratios: [Fraction(ratio) for ratio in ratios])


@st.composite
def line_quotes(draw: st.DrawFn) -> LineQuote:
    prices: PriceList = draw(s.price_lists())
    line: OrderLine = draw(s.order_lines())
    return price_order_line(prices, line, currency=draw(CURRENCIES), partner=draw(st.booleans()))


def figures(share: LineShare | LineQuote) -> list[Money]:
    """Every figure of a breakdown, in the order it is read: public, each step's reduction and after, final."""
    steps = [figure for step in share.steps for figure in (step.reduction, step.after)]
    return [share.public, *steps, share.final]


@given(st.integers(0, 10**9), st.integers(0, 10**9), WEIGHTS)
@example(3, 4, [Fraction(1), Fraction(3), Fraction(3)])  # largest remainder: [1, 1, 1] then [0, 2, 2]
def test_more_units_never_give_a_part_less(first: int, second: int, weights: list[Fraction]) -> None:
    """The property the split relies on: the split of a larger amount is at least as large in every part."""
    low, high = sorted((first, second))
    smaller, larger = monotone_parts(low, weights), monotone_parts(high, weights)
    assert sum(smaller) == low
    assert sum(larger) == high
    assert all(0 <= a <= b for a, b in zip(smaller, larger, strict=True))


@given(st.integers(0, 10**9), WEIGHTS)
def test_each_part_is_its_seats_in_one_priority_order(units: int, weights: list[Fraction]) -> None:
    """Sainte-Laguë read from its definition: no seat left out outranks a seat taken (priority, then earliest)."""
    parts = monotone_parts(units, weights)
    taken = [(weights[i] / (parts[i] - Fraction(1, 2)), -i) for i in range(len(parts)) if parts[i]]
    left = [(weights[i] / (parts[i] + Fraction(1, 2)), -i) for i in range(len(parts))]
    if taken:
        assert min(taken) > max(left)


def seat_by_seat(units: int, weights: list[Fraction]) -> list[int]:
    """Sainte-Laguë as its definition reads: each unit in turn to the largest ``weight / (seats so far + ½)``, ties
    to the earliest weight. Slow (a pass over the weights per unit), so only for small splits."""
    parts = [0] * len(weights)
    for _ in range(units):
        best = max(range(len(weights)), key=lambda i: (weights[i] / (parts[i] + Fraction(1, 2)), -i))
        parts[best] += 1
    return parts


@given(st.integers(0, 300), st.lists(st.integers(0, 12), min_size=1, max_size=8).filter(any))
@example(4, [5, 3])  # exactly 2½ and 1½ units: both rounded up is one too many; the later share gives its unit back
@example(3, [1] * 6)  # ½ unit each: all six rounded up, three given back, latest first, none below zero
@example(6, [23, 2, 2, 2, 2])  # 4.45 and 0.39 each rounded down: both units left go to 23 (23 / 5.5 > 2 / 0.5)
def test_each_part_is_what_the_seat_by_seat_definition_gives(units: int, ratios: list[int]) -> None:
    """Small splits, where exact halves and ties between weights are common, against the definition unit by unit."""
    weights = [Fraction(ratio) for ratio in ratios]
    assert monotone_parts(units, weights) == seat_by_seat(units, weights)


@given(line_quotes(), RATIOS)
def test_each_share_adds_up_and_the_shares_add_up_to_the_line(line: LineQuote, ratios: list[int]) -> None:
    shares = split_line(line, ratios)
    assert len(shares) == len(ratios)
    for share in shares:
        assert share.public - Money.total((step.reduction for step in share.steps), line.currency) == share.final
        before = share.public
        for share_step, line_step in zip(share.steps, line.steps, strict=True):
            assert (share_step.name, share_step.rate, share_step.before) == (line_step.name, line_step.rate, before)
            before = share_step.after
        assert before == share.final
    for column, whole in zip(zip(*map(figures, shares), strict=True), figures(line), strict=True):
        assert Money.total(column, line.currency) == whole


@given(line_quotes(), RATIOS)
def test_no_figure_of_a_share_is_negative_or_above_its_public_amount(line: LineQuote, ratios: list[int]) -> None:
    for share in split_line(line, ratios):
        for figure in figures(share):
            assert Money.zero(line.currency) <= figure <= share.public


@given(line_quotes(), st.integers(1, 10_000))
def test_a_split_by_one_ratio_is_the_line_itself(line: LineQuote, ratio: int) -> None:
    (share,) = split_line(line, [ratio])
    assert figures(share) == figures(line)
    assert share.steps == line.steps


@given(line_quotes(), st.integers(1, 12))
def test_equal_ratios_give_shares_a_minor_unit_apart_at_most(line: LineQuote, count: int) -> None:
    shares = split_line(line, [7] * count)
    for column in zip(*map(figures, shares), strict=True):
        units = [figure.minor_units() for figure in column]
        assert max(units) - min(units) <= 1


@given(line_quotes(), RATIOS, st.integers(1, 1000))
def test_the_split_is_deterministic_and_free_of_the_ratios_scale(line: LineQuote, ratios: list[int], k: int) -> None:
    scaled = [Decimal(ratio * k) / 1000 for ratio in ratios]
    assert [figures(share) for share in split_line(line, scaled)] == [
        figures(share) for share in split_line(line, ratios)
    ]
    assert split_line(line, ratios) == split_line(line, ratios)


def test_a_share_of_a_line_where_largest_remainder_would_go_negative() -> None:
    """Largest remainder splits 0.04 by 1:3:3 as 0.00/0.02/0.02 and 0.03 as 0.01/0.01/0.01 (the Alabama paradox):
    the first share would pay 0.01 after a discount on a public amount of 0.00, a reduction of −0.01."""
    public, after = Money("0.04", "CHF"), Money("0.03", "CHF")
    step = Step(name=PARTNER_DISCOUNT, rate=Decimal("0.25"), before=public, after=after)
    line = LineQuote(
        product="web-hosting",
        quantity=1,
        periods=1,
        period="month",
        currency="CHF",
        tier_count=1,
        public=public,
        steps=(step,),
        final=after,
    )
    assert [figures(share) for share in split_line(line, [1, 3, 3])] == [
        [Money(text, "CHF") for text in column]
        for column in (
            ("0.01", "0.00", "0.01", "0.01"),
            ("0.02", "0.01", "0.01", "0.01"),
            ("0.01", "0.00", "0.01", "0.01"),
        )
    ]


def test_the_35_hostings_split_20_10_5_and_the_example_allocation_did_not_add_up() -> None:
    line = quote_line(example_price_list(), "web-hosting", 35, currency="CHF", partner=True)
    shares = split_line(line, [1, 1, 1])
    assert [share.final for share in shares] == [Money("69.44", "CHF")] * 3
    # review80's example: allocating each figure on its own gives finals that are not public − reductions
    public = allocate(line.public, [1, 1, 1])
    reductions = [allocate(step.reduction, [1, 1, 1]) for step in line.steps]
    derived = [public[i] - reductions[0][i] - reductions[1][i] for i in range(3)]
    assert [str(figure.amount) for figure in derived] == ["69.44", "69.43", "69.45"]
    assert [figures(share) for share in split_line(line, [20, 10, 5])] == [
        [Money(text, "CHF") for text in column]
        for column in (
            ("198.40", "39.68", "158.72", "39.68", "119.04", "119.04"),
            ("99.20", "19.84", "79.36", "19.84", "59.52", "59.52"),
            ("49.60", "9.92", "39.68", "9.92", "29.76", "29.76"),
        )
    ]


def test_a_share_is_a_value() -> None:
    line = quote_line(example_price_list(), "web-hosting", 35, currency="CHF", partner=True)
    shares = split_line(line, ["0.5", "0.25", "0.25"])
    assert pickle.loads(pickle.dumps(shares)) == shares
    assert shares[0].ratio == Decimal("0.5")
    assert shares[0].reduction == shares[0].public - shares[0].final


@pytest.mark.parametrize(
    ("ratios", "rule"),
    [
        ([], "must name at least one share"),
        ([1, -1], "must all be zero or more"),
        ([0, 0], "must not all be zero"),
        ([0.5, 0.5], "never a float"),
        ("12", "must be a sequence of numbers"),
        ([True], "not a bool"),
    ],
)
def test_bad_ratios_are_refused_by_name(ratios: object, rule: str) -> None:
    line = quote_line(example_price_list(), "web-hosting", 35, currency="CHF", partner=True)
    with pytest.raises(InvalidAmount, match="ratios") as raised:
        split_line(line, ratios)  # type: ignore[arg-type]
    assert rule in str(raised.value)


def test_a_line_of_another_type_is_refused_by_name() -> None:
    with pytest.raises(InvalidQuoteRequest, match=r"line: .* must be a LineQuote"):
        split_line(OrderLine(product="web-hosting", quantity=35), [1])  # type: ignore[arg-type]
