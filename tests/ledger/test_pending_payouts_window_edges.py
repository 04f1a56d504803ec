"""pending_payouts asked for now, at the edges of the windows it reads back in: 64 sequences, then 128, 256…

The windows end at 64, 192 and 448 sequences back from the newest. A request open exactly at an edge, or one whose
completion sits on the other side of an edge, is where a window that skipped or read one sequence twice would show;
the law in ``test_pending_payouts_now.py`` puts a request there only by chance (a window that skipped the sequence
before each edge passed it in some default runs). A completion the bank returned (reversed) posts the money back but
reopens no request: nothing is reserved again.
"""

from __future__ import annotations

from datetime import date

import pytest

from infomanager_core.ledger import Ledger, PaypalAddress, TopUp, Transaction
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
