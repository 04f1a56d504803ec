"""pending_payouts asked for now reads back in windows of 64, 128, 256… sequences; a request standing at a window's
edge is read once, in one window, whatever else is open behind it.

Two requests stay open while top-ups pile up after them, so that the newer one passes every place up to the edges of
the first three windows (sequences 64, 192 and 448 back from the newest): each time, both are pending, once each.
"""

from __future__ import annotations

from datetime import date

from infomanager_core.ledger import Ledger, PayoutRequest, PaypalAddress, TopUp
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
