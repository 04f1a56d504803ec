"""pending_payouts asked for now, at the edges of the windows it reads back in: 64 sequences, then 128, 256…

The windows end at 64, 192 and 448 sequences back from the newest. A request open exactly at an edge, or one whose
completion sits on the other side of an edge, is where a window that skipped or read one sequence twice would show;
the law in ``test_pending_payouts_now.py`` puts a request there only by chance (a window that skipped the sequence
before each edge passed it in some default runs). A completion the bank returned (reversed) posts the money back but
reopens no request: nothing is reserved again. Two requests kept open while top-ups pile up behind them are each
pending once wherever the edges fall; a request behind 5,000 top-ups is found in the seventh window; and the reading back
ends at the first transaction even where the stored pending balance says more than the requests reserve (a damaged
file).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

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
DESTINATION = PaypalAddress("billing@acme.ch")
#: How many transactions come after a request: on each side of the first three windows' edges.
EDGES = (0, 62, 63, 64, 65, 190, 191, 192, 193, 446, 447, 448, 449)


def _ledger() -> Ledger:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("1000", "CHF"), effective=DAY, key="t-0")
    ledger.top_up(organisation="globex", amount=Money("1000", "CHF"), effective=DAY, key="t-globex")
    return ledger


def _requested(ledger: Ledger, key: str, amount: str = "2") -> Transaction:
    return ledger.request_payout(
        organisation="acme", amount=Money(amount, "CHF"), destination=DESTINATION, effective=DAY, key=key
    )


def _fillers(ledger: Ledger, how_many: int, organisation: str, prefix: str) -> None:
    if how_many:
        cent = Money("0.01", "CHF")
        ledger.post_many(
            TopUp(organisation=organisation, amount=cent, effective=DAY, key=f"{prefix}-{n}") for n in range(how_many)
        )


@pytest.mark.parametrize("organisation", ["acme", "globex"], ids=["its own account", "another account"])
@pytest.mark.parametrize("behind", EDGES)
def test_a_request_open_exactly_at_a_window_s_edge_is_found(behind: int, organisation: str) -> None:
    """The request is the newest but ``behind`` sequences; the fillers are the account's own or another's (the
    windows count sequences, not the account's transactions)."""
    ledger = _ledger()
    resolved = _requested(ledger, "r-resolved", "1")
    _requested(ledger, "r-open")
    _fillers(ledger, behind, organisation, "f")
    ledger.complete_payout(request=resolved.sequence, effective=DAY, key="r-resolved-sent")
    assert [request.key for request in ledger.pending_payouts("acme", "CHF")] == ["r-open"]


@pytest.mark.parametrize("after", [0, 63, 191])
@pytest.mark.parametrize("between", [62, 63, 64, 65, 128, 129, 191, 192])
def test_a_completion_on_the_other_side_of_a_window_s_edge_from_its_request_closes_it_even_once_reversed(
    between: int, after: int
) -> None:
    ledger = _ledger()
    _requested(ledger, "r-kept", "3")
    request = _requested(ledger, "r-sent")
    _fillers(ledger, between, "acme", "between")
    sent = ledger.complete_payout(request=request.sequence, effective=DAY, key="r-sent-done")
    _fillers(ledger, after, "acme", "after")
    returned = ledger.reverse(sequence=sent.sequence, effective=DAY, key="r-sent-returned", reason="bank returned it")
    assert [r.key for r in ledger.pending_payouts("acme", "CHF")] == ["r-kept"]
    assert ledger.pending_payouts("acme", "CHF") == ledger.pending_payouts("acme", "CHF", on=returned.effective)
    assert ledger.balances("acme", "CHF").pending == Money("3", "CHF")  # the returned payout reserves nothing again


def test_requests_open_at_every_edge_at_once_are_each_found_once_down_to_the_oldest_cent() -> None:
    """A request at each window's oldest sequence, more open further back, and the oldest reserving one cent: each
    edge is read once (a window reading its newer neighbour's oldest sequence again would list that request twice),
    and reading goes on until the very last cent reserved is found."""
    ledger = _ledger()
    _requested(ledger, "r-cent", "0.01")
    _fillers(ledger, 500, "acme", "old")
    for edge, next_edge in ((448, 192), (192, 64), (64, 0)):  # each request then fillers up to the next edge
        _requested(ledger, f"r-{edge}")
        _fillers(ledger, edge - next_edge - 1, "acme", f"to-{edge}")
    newest = ledger.journal()[-1].sequence
    found = ledger.pending_payouts("acme", "CHF")
    assert [request.key for request in found] == ["r-cent", "r-448", "r-192", "r-64"]
    assert [newest - request.sequence + 1 for request in found[1:]] == [448, 192, 64]


def _request(key: str, cents: int) -> PayoutRequest:
    amount = Money.from_minor_units(cents, "CHF")
    return PayoutRequest(organisation="acme", amount=amount, destination=DESTINATION, effective=DAY, key=key)


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
