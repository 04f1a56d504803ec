"""Whatever a caller passes, a command either does what it says or raises the library's own error — naming the field,
the value and the rule — and leaves the board exactly as it was. A listing of an unknown organisation is refused
naming its parameter rather than answered with nothing (an empty tuple would tell a panel the client has no calls).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InfomanagerError, InvalidInput, Money
from infomanager_core.access import UnknownOrganisation
from infomanager_core.tenders import Contact, TenderBoard
from tests.tenders.support import ORGANISATIONS, START, board, contact, submit

from .support import assert_refused_and_unchanged

garbage = st.none() | st.integers() | st.text(max_size=12) | st.binary(max_size=4) | st.floats(allow_nan=False)
moments = (
    st.sampled_from((START, START + timedelta(hours=1), START - timedelta(hours=1), START + timedelta(days=31)))
    | st.datetimes()
    | garbage
)
organisations = st.sampled_from((*ORGANISATIONS, "nowhere")) | garbage
calls = st.sampled_from(("call-1", "call-2", "call-3")) | garbage
texts = st.text(max_size=30) | st.sampled_from(("Offer", " ", "x" * 6000)) | garbage
prices = st.none() | st.builds(Money, st.decimals(-10, 10**6, places=3), st.sampled_from(("CHF", "JPY"))) | garbage
contacts = st.just(contact()) | st.builds(Contact, name=st.just("Carl"), email=st.just("c@d.example")) | garbage


def board_with_calls() -> tuple[TenderBoard, str]:
    tenders = board()
    token = submit(tenders).token
    submit(tenders, "agency")
    return tenders, token


@st.composite
def commands(draw: st.DrawFn, tenders: TenderBoard, token: str) -> Callable[[], object]:
    at = draw(moments)
    kind = draw(st.integers(0, 9))
    if kind == 0:
        title, description, details = draw(texts), draw(texts), draw(contacts)
        client = draw(organisations)
        return lambda: tenders.submit(client, title=title, description=description, contact=details, at=at)
    if kind == 1:
        call, partner = draw(calls), draw(organisations)
        return lambda: tenders.open(call, partner=partner, at=at)
    if kind == 2:
        call, partner, text, price = draw(calls), draw(organisations), draw(texts), draw(prices)
        return lambda: tenders.answer(call, partner=partner, text=text, price=price, at=at)
    if kind == 3:
        forged = draw(
            garbage
            | st.just(token)
            | st.integers(0, len(token) - 1).map(lambda i: token[:i] + "x" + token[i + 1 :])
            | st.text(max_size=60).map(lambda tail: token.partition(".")[0] + "." + tail)
        )
        return lambda: tenders.cancel(forged, at=at)
    if kind == 4:
        partner = draw(organisations)
        return lambda: tenders.opt_in(partner, at=at)
    if kind == 5:
        partner = draw(organisations)
        return lambda: tenders.excerpts_for(partner, at=at)
    if kind == 8:
        partner = draw(organisations)
        return lambda: tenders.opt_out(partner, at=at)
    if kind == 9:
        call, organisation = draw(calls), draw(organisations)
        return lambda: (
            _quietly(lambda: tenders.call(call, client=organisation)),
            _quietly(lambda: tenders.calls_of(organisation)),
            _quietly(lambda: tenders.proposals_of(call, client=organisation)),
            _quietly(lambda: tenders.proposals_by(organisation)),
        )
    proposal, client = draw(st.sampled_from(("proposal-1", "proposal-2")) | garbage), draw(organisations)
    decide = tenders.accept if kind == 6 else tenders.decline
    return lambda: decide(proposal, client=client, at=at)


def _quietly(query: Callable[[], object]) -> object:
    """A query's answer, or the library's own error it raised (anything else fails the test)."""
    try:
        return query()
    except InfomanagerError as error:
        return error


@given(st.data())
def test_a_command_is_done_or_refused_with_a_named_rule_and_nothing_changed(data: st.DataObject) -> None:
    tenders, token = board_with_calls()
    tenders.answer("call-1", partner="agency", text="Offer", at=START)
    command = data.draw(commands(tenders, token))
    before = copy.deepcopy(tenders)
    refused: InfomanagerError | None = None
    try:
        command()
    except InfomanagerError as error:
        refused = error
    if refused is not None:
        assert tenders == before
        if isinstance(refused, InvalidInput):
            assert refused.field in str(refused)
            assert refused.rule in str(refused)
    tenders.check_invariants()


READERS: dict[str, tuple[str, Callable[[TenderBoard, str], object]]] = {
    "calls_of": ("client", lambda on, client: on.calls_of(client)),
    "proposals_by": ("partner", lambda on, partner: on.proposals_by(partner)),
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_listing_of_an_unknown_organisation_is_refused_naming_its_parameter(reader: str) -> None:
    field, read = READERS[reader]
    on = board()
    submit(on)
    refused = assert_refused_and_unchanged(on, lambda: read(on, "ghost"), UnknownOrganisation)
    assert refused.field == field  # type: ignore[attr-defined]
    assert str(refused) == f"{field}: 'ghost' is not a known organisation"


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_listing_of_a_known_organisation_with_nothing_in_it_is_empty(reader: str) -> None:
    _, read = READERS[reader]
    on = board()
    assert read(on, "cafe" if reader == "calls_of" else "studio") == ()
