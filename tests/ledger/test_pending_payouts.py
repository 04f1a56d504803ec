"""pending_payouts: the payout requests still open at the end of a day, which make up the pending balance."""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import NoReturn

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.ledger import Ledger, MemoryLedgerStore, PaypalAddress, UnknownAccount, prepaid
from infomanager_core.money import Money

from .support import STORES, new_ledger

DESTINATION = PaypalAddress("billing@acme.ch")
ACME = prepaid("acme", "CHF")
FIRST_DAY = date(2026, 3, 2)

# each step: ("request", cents), or (resolution, which open request counting from the oldest)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("request"), st.integers(1, 5_000)),
        st.tuples(st.sampled_from(["complete", "fail", "cancel"]), st.integers(0, 5)),
        st.tuples(st.just("other account"), st.integers(1, 5_000)),
    ),
    max_size=25,
)


def _run(ledger: Ledger, drawn: list[tuple[str, int]]) -> list[date]:
    """Post ``drawn`` one day each after a top-up; the days used, in order."""
    ledger.top_up(organisation="acme", amount=Money("1000000", "CHF"), effective=FIRST_DAY, key="t-acme")
    ledger.top_up(organisation="bob", amount=Money("1000000", "CHF"), effective=FIRST_DAY, key="t-bob")
    days = [FIRST_DAY]
    open_requests: list[int] = []
    for number, (step, value) in enumerate(drawn, start=1):
        day = FIRST_DAY + timedelta(days=number)
        days.append(day)
        if step == "request":
            amount = Money.from_minor_units(value, "CHF")
            request = ledger.request_payout(
                organisation="acme", amount=amount, destination=DESTINATION, effective=day, key=f"r-{number}"
            )
            open_requests.append(request.sequence)
        elif step == "other account":  # another organisation's request: never acme's
            ledger.request_payout(
                organisation="bob",
                amount=Money.from_minor_units(value, "CHF"),
                destination=DESTINATION,
                effective=day,
                key=f"b-{number}",
            )
        elif open_requests:
            request = open_requests.pop(value % len(open_requests))
            resolve = {"complete": ledger.complete_payout, "fail": ledger.fail_payout, "cancel": ledger.cancel_payout}[
                step
            ]
            resolve(request=request, effective=day, key=f"{step}-{number}")
    return days


@pytest.mark.parametrize("kind", STORES)
@given(drawn=steps)
def test_the_pending_payouts_of_every_day_add_up_to_that_days_pending_balance(
    kind: str, drawn: list[tuple[str, int]]
) -> None:
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger(kind, Path(directory))
        try:
            days = _run(ledger, drawn)
            for day in [*days, None]:
                pending = ledger.pending_payouts("acme", "CHF", on=day)
                expected = ledger.balances("acme", "CHF") if day is None else ledger.balance_at("acme", "CHF", on=day)
                total = sum(-request.units_for(ACME) for request in pending)
                assert Money.from_minor_units(total, "CHF") == expected.pending
                assert all(request.kind.value == "payout_request" for request in pending)
                assert [request.sequence for request in pending] == sorted(request.sequence for request in pending)
                for request in pending:  # still open at the end of that day: no resolution up to it
                    resolution = next((t for t in ledger.journal(end=day) if t.resolves == request.sequence), None)
                    assert resolution is None
        finally:
            ledger.store.close()


def test_an_account_never_credited_has_no_payouts_to_list_and_says_so() -> None:
    with pytest.raises(UnknownAccount):
        Ledger().pending_payouts("acme", "CHF")


def test_with_nothing_reserved_now_no_transaction_is_read() -> None:
    """A payout job asks every few minutes: with no payout pending, the answer takes no walk through the history."""

    class Unreadable(MemoryLedgerStore):
        def transactions(self, **_: object) -> NoReturn:
            raise AssertionError("the account's history was read")

    ledger = Ledger(Unreadable())
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=FIRST_DAY, key="t-1")
    request = ledger.request_payout(
        organisation="acme", amount=Money("30", "CHF"), destination=DESTINATION, effective=FIRST_DAY, key="p-1"
    )
    ledger.complete_payout(request=request.sequence, effective=FIRST_DAY, key="p-1-sent")
    assert ledger.pending_payouts("acme", "CHF") == ()
