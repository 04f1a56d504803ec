"""Laws of the ledger's calendar and clock: business dates across month ends, 29 February and a year's end, periods
that partition time, and the clock's reading stored as the instant it is, whatever zone the clock writes it in."""

from __future__ import annotations

import tempfile
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from infomanager_core import InvalidInput, Money
from infomanager_core.access.checks import instant
from infomanager_core.adapters.journal_csv import journal_csv
from infomanager_core.ledger import FutureDatedTransaction, Ledger, PaypalAddress, Statement, TopUp
from tests import strategies as s

from .support import STORES, open_store, post_movements, snapshot

CLOCK = datetime(2029, 6, 30, 9, 0, tzinfo=UTC)  # after every business date the journals below hold
uses_tmp_path = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


def _fresh(tmp_path: Path) -> Path:
    """A new directory for one example's file (the fixture's ``tmp_path`` serves every example of a test)."""
    return Path(tempfile.mkdtemp(dir=tmp_path))


def _posted(kind: str, directory: Path, moves: list[tuple[date, int]]) -> Ledger:
    ledger = Ledger(open_store(kind, directory), clock=lambda: CLOCK)
    post_movements(ledger, moves)
    return ledger


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _lines(statement: Statement) -> list[tuple[int, date, Money]]:
    return [(line.sequence, line.effective, line.amount) for line in statement.lines]


@uses_tmp_path
@given(data=st.data(), moves=s.prepaid_movements())
def test_consecutive_statements_partition_the_journal_and_chain_their_balances(
    store: str, tmp_path: Path, data: st.DataObject, moves: list[tuple[date, int]]
) -> None:
    ledger = _posted(store, _fresh(tmp_path), moves)
    a, b, c = data.draw(s.period_cuts(moves), label="a ≤ b < c")
    first = ledger.statement("acme", "CHF", start=a, end=b)
    second = ledger.statement("acme", "CHF", start=b + timedelta(days=1), end=c)
    whole = ledger.statement("acme", "CHF", start=a, end=c)
    assert _lines(first) + _lines(second) == _lines(whole)
    assert (first.opening, first.closing, second.closing) == (whole.opening, second.opening, whole.closing)
    assert all(a <= line.effective <= b for line in first.lines)  # a day's end belongs to the period it ends
    assert [units for day, units in moves if a <= day <= b] == [line.amount.minor_units() for line in first.lines]
    before, after = ledger.statement("acme", "CHF", end=b), ledger.statement("acme", "CHF", start=b + timedelta(1))
    assert _lines(before) + _lines(after) == _lines(ledger.statement("acme", "CHF"))
    ledger.store.close()


@uses_tmp_path
@given(data=st.data(), moves=s.prepaid_movements())
def test_the_balance_at_the_end_of_a_day_is_every_movement_dated_up_to_it_and_the_statement_s_closing(
    store: str, tmp_path: Path, data: st.DataObject, moves: list[tuple[date, int]]
) -> None:
    ledger = _posted(store, _fresh(tmp_path), moves)
    _, on, _ = data.draw(s.period_cuts(moves), label="on")
    posted = ledger.balance_at("acme", "CHF", on=on).posted
    assert posted.minor_units() == sum(units for day, units in moves if day <= on)
    assert posted == ledger.statement("acme", "CHF", end=on).closing
    assert ledger.journal(end=on) == tuple(t for t in ledger.journal() if t.effective <= on)
    ledger.store.close()


@uses_tmp_path
@given(data=st.data(), reading=s.edge_instants())
def test_the_clock_s_reading_is_stored_and_read_back_as_the_same_instant_and_offset_in_any_zone(
    store: str, tmp_path: Path, data: st.DataObject, reading: datetime
) -> None:
    written = data.draw(s.written_in_any_zone(reading), label="the clock's reading")
    directory = _fresh(tmp_path)
    ledger = Ledger(open_store(store, directory), clock=lambda: written)
    posted = ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=written.date(), key="t-1")
    if store == "sqlite":
        ledger.store.close()
        ledger = Ledger(open_store(store, directory))
    [stored] = ledger.journal()
    for moment in (posted.recorded_at, stored.recorded_at):
        # as instants: Python never calls a moment of the hour lived twice equal to one written in another zone
        assert instant(moment) == instant(reading)
        assert moment.utcoffset() == written.utcoffset()
    assert f",{written.isoformat()}," in journal_csv(ledger.journal())
    ledger.store.close()


@given(
    data=st.data(),
    reading=s.edge_instants(within=timedelta(hours=26)),
    days_ahead=st.integers(0, 3),
    shift=st.integers(-1, 1),
)
def test_a_business_date_is_accepted_up_to_the_clock_s_own_date_plus_max_days_ahead(
    data: st.DataObject, reading: datetime, days_ahead: int, shift: int
) -> None:
    written = data.draw(s.written_in_any_zone(reading), label="the clock's reading")
    ledger = Ledger(clock=lambda: written, max_days_ahead=days_ahead)
    effective = written.date() + timedelta(days=days_ahead + shift)
    top_up = TopUp(organisation="acme", amount=Money("1", "CHF"), effective=effective, key="t-1")
    if shift <= 0:
        assert ledger.post_many([top_up])[0].effective == effective
    else:
        with pytest.raises(FutureDatedTransaction):
            ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=effective, key="t-1")
        assert ledger.journal() == ()


@given(reading=s.edge_instants(within=timedelta(hours=26)), zone=st.sampled_from(s.WRITING_ZONES))
def test_a_utc_clock_accepts_today_in_any_zone_less_than_a_day_from_utc_by_default(
    reading: datetime, zone: tzinfo
) -> None:
    ledger = Ledger(clock=lambda: reading)
    today_there = reading.astimezone(zone).date()
    posted = ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=today_there, key="t-1")
    assert (posted.effective, posted.recorded_at) == (today_there, reading)


def test_a_clock_whose_reading_has_no_utc_offset_is_refused_as_naive_and_nothing_is_written(
    store: str, tmp_path: Path
) -> None:
    reading = datetime(2026, 3, 2, 9, tzinfo=s.NoOffset())
    ledger = Ledger(open_store(store, tmp_path), clock=lambda: reading)
    before = snapshot(ledger)
    with pytest.raises(InvalidInput) as refused:
        ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=date(2026, 3, 2), key="t-1")
    assert (refused.value.field, refused.value.value) == ("recorded_at", reading)
    assert "timezone-aware" in str(refused.value)
    assert snapshot(ledger) == before
    ledger.store.close()


@uses_tmp_path
@given(
    data=st.data(),
    first=st.sampled_from(s.AROUND_EDGES),
    payouts=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 7), st.sampled_from(["complete", "cancel", "keep"]))),
)
def test_the_payouts_pending_at_the_end_of_a_day_make_up_that_day_s_pending_balance(
    store: str,
    tmp_path: Path,
    data: st.DataObject,
    first: date,
    payouts: list[tuple[int, int, str]],
) -> None:
    """Each payout is requested on a day and, ``later`` days on, completed or cancelled (or kept pending)."""
    ledger = Ledger(open_store(store, _fresh(tmp_path)), clock=lambda: CLOCK)
    ledger.top_up(organisation="acme", amount=Money("1000", "CHF"), effective=first, key="t")
    events = sorted(
        [(first + timedelta(days=day), 0, n, "request") for n, (day, _, _) in enumerate(payouts)]
        + [
            (first + timedelta(days=day + later), 1, n, end)
            for n, (day, later, end) in enumerate(payouts)
            if end != "keep"
        ]
    )
    requests: dict[int, int] = {}
    for day, _, n, what in events:
        if what == "request":
            destination = PaypalAddress("billing@acme.ch")
            requests[n] = ledger.request_payout(
                organisation="acme", amount=Money("1", "CHF"), destination=destination, effective=day, key=f"r-{n}"
            ).sequence
        elif what == "complete":
            ledger.complete_payout(request=requests[n], effective=day, key=f"c-{n}")
        else:
            ledger.cancel_payout(request=requests[n], effective=day, key=f"x-{n}")
    on = data.draw(st.dates(first, first + timedelta(days=15)), label="on")
    pending = ledger.pending_payouts("acme", "CHF", on=on)
    expected = [
        f"r-{n}"
        for n, (day, later, end) in enumerate(payouts)
        if first + timedelta(days=day) <= on and (end == "keep" or on < first + timedelta(days=day + later))
    ]
    assert sorted(request.key for request in pending) == sorted(expected)
    assert ledger.balance_at("acme", "CHF", on=on).pending.minor_units() == 100 * len(expected)
    ledger.store.close()
