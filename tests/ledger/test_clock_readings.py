"""One unit of work, one moment: the ledger reads its clock once per posting call, for recorded_at and the date rule."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from infomanager_core import InvalidInput, Money
from infomanager_core.ledger import (
    BatchRefused,
    FutureDatedTransaction,
    Iban,
    Ledger,
    Operation,
    OrderPayment,
    PayoutCompletion,
    PayoutRequest,
    Reversal,
    TopUp,
)

from .support import START, STORES, open_store, snapshot
from .test_bulk import post_one


class CountingClock:
    """A clock that jumps ten days on every reading after the first, and counts its readings.

    If the ledger read it twice for one posting, the two readings would disagree by days: a date rule or a
    ``recorded_at`` taken from another reading would show.
    """

    def __init__(self, first: datetime = START) -> None:
        self.first = first
        self.readings: list[datetime] = []

    def __call__(self) -> datetime:
        moment = self.first + timedelta(days=10 * len(self.readings))
        self.readings.append(moment)
        return moment


@pytest.fixture(params=STORES)
def clocked(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Ledger, CountingClock]]:
    clock = CountingClock()
    ledger = Ledger(open_store(request.param, tmp_path), clock=clock)
    yield ledger, clock
    ledger.store.close()


DAY = START.date()
BATCH: list[Operation] = [
    TopUp(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1"),
    OrderPayment(organisation="acme", order_id="A-1", amount=Money("30", "CHF"), effective=DAY, key="p-1"),
    PayoutRequest(
        organisation="acme", amount=Money("20", "CHF"), destination=Iban("CH9300762011623852957"), effective=DAY,
        key="r-1",
    ),
    PayoutCompletion(request=3, effective=DAY, key="c-1"),
    Reversal(sequence=2, effective=DAY, key="v-1"),
]  # fmt: skip


def test_every_transaction_of_one_batch_is_recorded_at_one_reading_of_the_clock(
    clocked: tuple[Ledger, CountingClock],
) -> None:
    ledger, clock = clocked
    posted = ledger.post_many(BATCH)
    assert len(clock.readings) == 1
    assert {transaction.recorded_at for transaction in posted} == {clock.readings[0]}
    assert {transaction.recorded_at for transaction in ledger.journal()} == {clock.readings[0]}


def test_each_single_call_reads_the_clock_once_and_records_that_reading(
    clocked: tuple[Ledger, CountingClock],
) -> None:
    ledger, clock = clocked
    results = [post_one(ledger, operation) for operation in BATCH]
    assert len(clock.readings) == len(BATCH)
    assert [transaction.recorded_at for transaction in results] == clock.readings
    assert [transaction.recorded_at for transaction in ledger.journal()] == clock.readings


def test_a_replayed_operation_keeps_its_first_recorded_at(clocked: tuple[Ledger, CountingClock]) -> None:
    ledger, clock = clocked
    original = post_one(ledger, BATCH[0])
    again = post_one(ledger, BATCH[0])
    assert len(clock.readings) == 2
    assert again.recorded_at == original.recorded_at == clock.readings[0]


def test_the_future_date_rule_uses_the_reading_that_stamps_the_transaction(
    clocked: tuple[Ledger, CountingClock],
) -> None:
    ledger, clock = clocked  # max_days_ahead=1: the first reading allows DAY + 1, a second would allow DAY + 11
    tomorrow = ledger.top_up(
        organisation="acme", amount=Money("1", "CHF"), effective=DAY + timedelta(days=1), key="t-1"
    )
    assert tomorrow.recorded_at == clock.readings[0]
    before = snapshot(ledger)
    # The second reading is ten days later: DAY + 12 is beyond it by one day, whatever the rule read.
    with pytest.raises(FutureDatedTransaction) as refused:
        ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY + timedelta(days=12), key="t-2")
    assert (clock.readings[1].date() + timedelta(days=1)).isoformat() in str(refused.value)
    assert len(clock.readings) == 2  # a refused call read the clock once too
    assert snapshot(ledger) == before


def test_a_batch_judges_every_date_against_its_one_reading(clocked: tuple[Ledger, CountingClock]) -> None:
    ledger, clock = clocked
    latest = DAY + timedelta(days=1)
    fine = TopUp(organisation="acme", amount=Money("1", "CHF"), effective=latest, key="t-1")
    # Were the clock read again for this operation, it would be ten days later and the date would pass.
    too_late = TopUp(organisation="acme", amount=Money("1", "CHF"), effective=latest + timedelta(days=1), key="t-2")
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many([fine, too_late])
    assert refused.value.index == 1
    assert isinstance(refused.value.error, FutureDatedTransaction)
    assert latest.isoformat() in str(refused.value.error)
    assert len(clock.readings) == 1
    assert ledger.journal() == ()


def test_a_date_a_day_ahead_of_the_reading_is_accepted_in_a_batch_even_just_before_midnight(tmp_path: Path) -> None:
    evening = datetime.combine(date(2027, 6, 30), datetime.max.time(), tzinfo=START.tzinfo)
    clock = CountingClock(evening)
    ledger = Ledger(open_store("memory", tmp_path), clock=clock)
    posted = ledger.post_many(
        [TopUp(organisation="acme", amount=Money("1", "CHF"), effective=date(2027, 7, 1), key=f"t-{n}") for n in (1, 2)]
    )
    assert [transaction.recorded_at for transaction in posted] == [evening, evening]
    assert len(clock.readings) == 1


@pytest.mark.parametrize("reading", ["2026-06-01", date(2026, 6, 1), 1780000000, None])
@pytest.mark.parametrize("store", STORES)
def test_a_clock_that_reads_no_datetime_is_refused_naming_the_clock_and_nothing_is_written(
    reading: object, store: str, tmp_path: Path
) -> None:
    """A clock wired by mistake (a date, a string, a timestamp) is the caller's error, said as such."""
    ledger = Ledger(open_store(store, tmp_path), clock=lambda: reading)  # type: ignore[arg-type,return-value]
    before = snapshot(ledger)
    for post in (
        lambda: ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=START.date(), key="t-1"),
        lambda: ledger.post_many(
            [TopUp(organisation="acme", amount=Money("5", "CHF"), effective=START.date(), key="t")]
        ),
    ):
        with pytest.raises(InvalidInput) as raised:
            post()
        assert (raised.value.field, raised.value.value) == ("clock", reading)
        assert "must return a timezone-aware datetime" in str(raised.value)
    assert snapshot(ledger) == before
    ledger.store.close()


def test_a_clock_at_the_calendar_s_end_accepts_dates_up_to_its_last_day() -> None:
    """today + max_days_ahead would pass the last day of the calendar (an OverflowError escaped): it stops there."""
    last = datetime.max.replace(tzinfo=START.tzinfo)
    ledger = Ledger(clock=lambda: last)
    posted = ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=date.max, key="t-1")
    assert (posted.effective, posted.recorded_at) == (date.max, last)
