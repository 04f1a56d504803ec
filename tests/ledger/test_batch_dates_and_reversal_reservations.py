"""Two rules of the posting loop: business dates never go back within one batch (refused at the first backdated
operation, as posting them one by one would be), and a reversal never takes a prepaid account below what its pending
payouts reserve. A refused batch or reversal changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.ledger import (
    BackdatedTransaction,
    BatchRefused,
    Iban,
    InsufficientFunds,
    Ledger,
    Reversal,
    TopUp,
)

from .support import START, STORES, new_ledger, snapshot

MONDAY = date(2026, 3, 2)
IBAN = Iban("CH93 0076 2011 6238 5295 7")


def chf(amount: str) -> Money:
    return Money(amount, "CHF")


@pytest.fixture(params=STORES)
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Ledger:
    return new_ledger(request.param, tmp_path)


def top_up(day: date, key: str) -> TopUp:
    return TopUp(organisation="acme", amount=chf("10"), effective=day, key=key)


def test_a_batch_that_goes_back_in_time_is_refused_at_its_first_backdated_operation(ledger: Ledger) -> None:
    ledger.top_up(organisation="acme", amount=chf("1"), effective=MONDAY, key="t-0")
    before = snapshot(ledger)
    later, earlier = MONDAY + timedelta(days=3), MONDAY + timedelta(days=1)
    batch = [top_up(MONDAY, "t-1"), top_up(later, "t-2"), top_up(earlier, "t-3"), top_up(later, "t-4")]

    with pytest.raises(BatchRefused) as raised:
        ledger.post_many(batch)

    assert raised.value.index == 2
    assert isinstance(raised.value.error, BackdatedTransaction)
    assert raised.value.error.value == earlier
    assert snapshot(ledger) == before


def test_a_batch_refuses_a_backdated_operation_as_posting_them_one_by_one_does(ledger: Ledger) -> None:
    later, earlier = MONDAY + timedelta(days=3), MONDAY + timedelta(days=1)
    with pytest.raises(BatchRefused) as raised:
        ledger.post_many([top_up(later, "t-1"), top_up(earlier, "t-2")])

    ledger.top_up(organisation="acme", amount=chf("10"), effective=later, key="t-1")
    with pytest.raises(BackdatedTransaction) as alone:
        ledger.top_up(organisation="acme", amount=chf("10"), effective=earlier, key="t-2")

    assert str(raised.value.error) == str(alone.value)


@given(offsets=st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=6))
def test_a_batch_is_posted_exactly_when_its_dates_never_go_back(offsets: list[int]) -> None:
    ledger = Ledger(clock=lambda: START)
    batch = [top_up(MONDAY + timedelta(days=offset), f"t-{index}") for index, offset in enumerate(offsets)]
    first_descent = next((i for i in range(1, len(offsets)) if offsets[i] < offsets[i - 1]), None)

    if first_descent is None:
        assert len(ledger.post_many(batch)) == len(offsets)
        assert ledger.balances("acme", "CHF").posted == chf(str(10 * len(offsets)))
    else:
        with pytest.raises(BatchRefused) as raised:
            ledger.post_many(batch)
        assert raised.value.index == first_descent
        assert isinstance(raised.value.error, BackdatedTransaction)
        assert ledger.journal() == ()


def test_reversing_a_top_up_counts_what_pending_payouts_reserve(ledger: Ledger) -> None:
    top_up = ledger.top_up(organisation="acme", amount=chf("100"), effective=MONDAY, key="t-1")
    ledger.request_payout(organisation="acme", amount=chf("80"), destination=IBAN, effective=MONDAY, key="r-1")
    before = snapshot(ledger)

    with pytest.raises(InsufficientFunds) as raised:
        ledger.reverse(sequence=top_up.sequence, effective=MONDAY, key="v-1")

    assert (raised.value.account, raised.value.requested, raised.value.available) == ("prepaid:acme:CHF", 10000, 2000)
    assert snapshot(ledger) == before
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many([Reversal(sequence=top_up.sequence, effective=MONDAY, key="v-1")])
    assert isinstance(refused.value.error, InsufficientFunds)
    assert snapshot(ledger) == before


def test_reversing_a_top_up_is_allowed_once_its_units_are_available_beside_the_reservation(ledger: Ledger) -> None:
    first = ledger.top_up(organisation="acme", amount=chf("100"), effective=MONDAY, key="t-1")
    ledger.top_up(organisation="acme", amount=chf("80"), effective=MONDAY, key="t-2")
    ledger.request_payout(organisation="acme", amount=chf("80"), destination=IBAN, effective=MONDAY, key="r-1")

    ledger.reverse(sequence=first.sequence, effective=MONDAY, key="v-1")

    balances = ledger.balances("acme", "CHF")
    assert (balances.posted, balances.pending, balances.available) == (chf("80"), chf("80"), chf("0"))
