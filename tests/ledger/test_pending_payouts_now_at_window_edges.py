"""pending_payouts asked for now reads back in windows of 64, 128, 256… sequences; a request standing at a window's
edge is read once, in one window, whatever else is open behind it.

Two requests stay open while top-ups pile up after them, so that the newer one passes every place up to the edges of
the first three windows (sequences 64, 192 and 448 back from the newest): each time, both are pending, once each.
The reading back ends at the first transaction, even where the stored pending balance says more than the requests
reserve (a damaged file).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from infomanager_core.ledger import (
    Account,
    AccountBalance,
    Ledger,
    MemoryLedgerStore,
    PayoutRequest,
    PaypalAddress,
    TopUp,
    Transaction,
)
from infomanager_core.ledger.balances import account_balance
from infomanager_core.money import Money

DAY = date(2026, 3, 2)


def _request(key: str, cents: int) -> PayoutRequest:
    amount = Money.from_minor_units(cents, "CHF")
    return PayoutRequest(
        organisation="acme", amount=amount, destination=PaypalAddress("billing@acme.ch"), effective=DAY, key=key
    )


def test_two_open_requests_are_each_pending_once_wherever_the_windows_edges_fall() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("1000", "CHF"), effective=DAY, key="t-0")
    older, newer = ledger.post_many([_request("r-1", 300), _request("r-2", 500)])
    for filler in range(460):
        assert ledger.pending_payouts("acme", "CHF") == (older, newer), f"{filler} transactions after the newer"
        ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key=f"f-{filler}")


def test_a_request_open_behind_many_windows_is_found_however_far_back() -> None:
    """Behind 5,000 top-ups the request is in the seventh window (of 4,096 sequences, the first six holding 4,032)."""
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("1000", "CHF"), effective=DAY, key="t-0")
    [request] = ledger.post_many([_request("r-1", 300)])
    ledger.post_many(
        TopUp(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key=f"f-{n}") for n in range(5_000)
    )
    assert ledger.pending_payouts("acme", "CHF") == (request,)


class Overstated(MemoryLedgerStore):
    """A store whose balances say 1 CHF more is pending than the requests reserve; it refuses a 100th reading."""

    readings = 0

    def balance(self, account: Account) -> AccountBalance | None:
        found = super().balance(account)
        return None if found is None else account_balance(found.posted, found.pending_debits + 100)

    def transactions(self, **bounds: object) -> Iterator[Transaction]:  # type: ignore[override]
        self.readings += 1
        assert self.readings < 100, "still reading back past the first transaction"
        return super().transactions(**bounds)  # type: ignore[arg-type]


def test_reading_back_ends_at_the_first_transaction_when_the_requests_found_never_reserve_enough() -> None:
    store = Overstated()
    ledger = Ledger(store)
    ledger.top_up(organisation="acme", amount=Money("1000", "CHF"), effective=DAY, key="t-0")
    [request] = ledger.post_many([_request("r-1", 300)])
    store.readings = 0
    assert ledger.pending_payouts("acme", "CHF") == (request,)
    assert store.readings == 1  # one window holds the two transactions of the file
