"""Edges of the posting engine found by review: odd but valid inputs, a store that reads postings back in another
order, and a clock without a time zone."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime

import attrs
import pytest

from infomanager_core.errors import InvalidInput
from infomanager_core.ledger import (
    BatchRefused,
    Iban,
    Ledger,
    MemoryLedgerStore,
    TopUp,
    Transaction,
)
from infomanager_core.money import Money

DAY = date(2026, 3, 2)
IBAN = Iban("CH9300762011623852957")


class Cents(enum.IntEnum):
    BASIC = 500


def test_an_amount_built_from_an_int_subclass_posts_and_replays_as_the_plain_int() -> None:
    ledger = Ledger()
    first = ledger.top_up(
        organisation="acme", amount=Money.from_minor_units(Cents.BASIC, "CHF"), effective=DAY, key="k"
    )
    assert type(first.postings[0].units) is int
    assert ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="k") == first


class ReversedPostingsStore(MemoryLedgerStore):
    """A store that reads each transaction's postings back in the other order (as an unordered SQL query might)."""

    def transaction(self, sequence: int) -> Transaction | None:
        found = super().transaction(sequence)
        return None if found is None else attrs.evolve(found, postings=tuple(reversed(found.postings)))


@pytest.mark.parametrize("resolve", ["cancel_payout", "fail_payout", "complete_payout"])
def test_a_payout_resolved_later_releases_its_reservation_whatever_order_its_postings_come_back_in(
    resolve: str,
) -> None:
    ledger = Ledger(ReversedPostingsStore())
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t")
    request = ledger.request_payout(
        organisation="acme", amount=Money("60", "CHF"), destination=IBAN, effective=DAY, key="p"
    )
    getattr(ledger, resolve)(request=request.sequence, effective=DAY, key="r")
    balances = ledger.balances("acme", "CHF")
    assert balances.pending == Money("0", "CHF")
    expected = Money("40", "CHF") if resolve == "complete_payout" else Money("100", "CHF")
    assert (balances.posted, balances.available) == (expected, expected)


def naive_clock() -> datetime:
    return datetime(2026, 3, 2, 9, 0)


def test_a_clock_without_a_time_zone_is_refused_by_the_first_new_entry_as_part_of_its_batch() -> None:
    ledger = Ledger(clock=naive_clock)
    assert len(ledger.post_many([])) == 0
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many([TopUp(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="k")])
    assert refused.value.index == 0
    assert isinstance(refused.value.error, InvalidInput)
    assert refused.value.error.field == "recorded_at"
    assert ledger.journal() == ()


def test_a_retry_returns_its_original_even_under_a_clock_without_a_time_zone() -> None:
    moments = iter([datetime(2026, 3, 2, 9, 0, tzinfo=UTC), naive_clock()])
    ledger = Ledger(clock=lambda: next(moments))
    first = ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="k")
    assert ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="k") == first
