"""The tender board driven at random against a plain reference model.

The laws checked after every step: a partner receives a client's contact details only by opening a call that is open
(valid, not cancelled, not its own) while it is opted in; a cancelled or expired call never appears among the excerpts;
a token cancels exactly its own call, and no forged token cancels anything; proposals are made only on open calls and
decided once by the call's client; a refused command changes nothing; no event carries contact details."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from infomanager_core import InfomanagerError, Money
from infomanager_core.access import BackdatedCommand, NotAPartner
from infomanager_core.tenders import (
    CallExcerpt,
    CallNotOpen,
    Contact,
    InvalidCancellationToken,
    NotOptedIn,
    NotYourCall,
    OwnCall,
    ProposalAlreadyDecided,
    ProposalStatus,
    TenderBoard,
    TenderEvent,
    TenderRules,
    UnknownCall,
    UnknownProposal,
)
from tests.access.world import make_world
from tests.tenders.support import ORGANISATIONS, PARTNERS, START, titles

VALIDITY = timedelta(days=10)
STEPS = (timedelta(0), timedelta(hours=1), timedelta(hours=1), timedelta(days=1), timedelta(days=4), VALIDITY)
#: mostly partners, now and then an organisation without partner status
ACTORS = st.sampled_from(PARTNERS) | st.sampled_from(ORGANISATIONS)


@dataclass
class ModelCall:
    client: str
    contact: Contact
    token: str
    submitted: datetime
    cancelled: datetime | None = None

    def open_at(self, at: datetime) -> bool:
        return self.cancelled is None and at < self.submitted + VALIDITY


@dataclass
class ModelProposal:
    call: str
    partner: str
    status: ProposalStatus = ProposalStatus.PENDING


@dataclass
class Model:
    now: datetime = START
    opted_in: set[str] = field(default_factory=set)
    calls: dict[str, ModelCall] = field(default_factory=dict)
    proposals: dict[str, ModelProposal] = field(default_factory=dict)
    #: (partner, call, moment) for every opening: the only way contact details go out
    openings: list[tuple[str, str, datetime]] = field(default_factory=list)

    def refusal_to_partner(self, partner: str, call: str) -> type[InfomanagerError] | None:
        """What the board must refuse with when ``partner`` opens or answers ``call`` now, in the board's order."""
        if partner not in PARTNERS:
            return NotAPartner
        if partner not in self.opted_in:
            return NotOptedIn
        if call not in self.calls:
            return UnknownCall
        if self.calls[call].client == partner:
            return OwnCall
        if not self.calls[call].open_at(self.now):
            return CallNotOpen
        return None


class TenderBoardMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.board = TenderBoard(make_world(), rules=TenderRules(validity=VALIDITY))
        self.model = Model()
        self.submitted = 0

    # -- helpers --------------------------------------------------------------------------------------------------

    def refused(self, command: object, error: type[InfomanagerError]) -> None:
        before = copy.deepcopy(self.board)
        try:
            command()  # type: ignore[operator]
        except error:
            pass
        else:
            raise AssertionError(f"expected {error.__name__}")
        assert self.board == before, "a refused command changed the board"

    def told(self, events: tuple[TenderEvent, ...]) -> None:
        """No event ever carries contact details."""
        told = repr(events)
        assert not any(call.contact.email in told for call in self.model.calls.values())
        assert all(event.excerpt is None or type(event.excerpt) is CallExcerpt for event in events)

    def call_id(self, index: int) -> str:
        """Mostly a call that exists; for the highest indexes, one that does not."""
        known = len(self.model.calls)
        return f"call-{index % known + 1}" if known and index < 18 else f"call-{known + 1 + index % 2}"

    @initialize(partners=st.sets(st.sampled_from(PARTNERS)), title=titles)
    def some_partners_opt_in_and_a_client_submits(self, partners: set[str], title: str) -> None:
        for partner in sorted(partners):
            self.board.opt_in(partner, at=START)
        self.model.opted_in |= partners
        self.submit("bakery", title)

    # -- rules ----------------------------------------------------------------------------------------------------

    @rule(step=st.sampled_from(STEPS))
    def time_passes(self, step: timedelta) -> None:
        self.model.now += step

    @rule(organisation=ACTORS, opt_in=st.booleans() | st.just(True))
    def opt_in_or_out(self, organisation: str, opt_in: bool) -> None:
        command = self.board.opt_in if opt_in else self.board.opt_out
        if organisation not in PARTNERS:
            self.refused(lambda: command(organisation, at=self.model.now), NotAPartner)
            return
        changes = (organisation in self.model.opted_in) != opt_in
        events = command(organisation, at=self.model.now)
        assert len(events) == changes
        self.told(events)
        (self.model.opted_in.add if opt_in else self.model.opted_in.discard)(organisation)

    @rule(client=st.sampled_from(ORGANISATIONS), title=titles)
    def submit(self, client: str, title: str) -> None:
        self.submitted += 1
        contact = Contact(name=f"Contact {self.submitted}", email=f"person{self.submitted}@{client}.example")
        confirmation = self.board.submit(
            client, title=title, description=f"Need {self.submitted}", contact=contact, at=self.model.now
        )
        call = confirmation.call
        assert call.id == f"call-{len(self.model.calls) + 1}"
        recipients = [event.recipient for event in confirmation.events[1:]]
        assert sorted(recipients) == sorted(self.model.opted_in - {client})  # type: ignore[type-var]
        self.model.calls[call.id] = ModelCall(client, contact, confirmation.token, self.model.now)
        self.told(confirmation.events)

    @rule(index=st.integers(0, 20), partner=ACTORS)
    def open_a_call(self, index: int, partner: str) -> None:
        call = self.call_id(index)
        refusal = self.model.refusal_to_partner(partner, call)
        if refusal is not None:
            self.refused(lambda: self.board.open(call, partner=partner, at=self.model.now), refusal)
            return
        opened = self.board.open(call, partner=partner, at=self.model.now)
        event("a partner opened a call")
        assert opened.call.contact == self.model.calls[call].contact
        self.told(opened.events)
        self.model.openings.append((partner, call, self.model.now))

    @rule(index=st.integers(0, 20), partner=ACTORS, priced=st.booleans())
    def answer_a_call(self, index: int, partner: str, priced: bool) -> None:
        call = self.call_id(index)
        price = Money("950.00", "CHF") if priced else None
        refusal = self.model.refusal_to_partner(partner, call)
        answer = lambda: self.board.answer(call, partner=partner, text="Our offer", price=price, at=self.model.now)  # noqa: E731
        if refusal is not None:
            self.refused(answer, refusal)
            return
        [answered] = answer()
        event("a partner answered a call")
        assert answered.recipient == self.model.calls[call].client
        self.told((answered,))
        self.model.proposals[f"proposal-{len(self.model.proposals) + 1}"] = ModelProposal(call, partner)

    @precondition(lambda self: self.model.calls)
    @rule(index=st.integers(0, 20))
    def cancel_with_the_calls_own_token(self, index: int) -> None:
        call = f"call-{index % len(self.model.calls) + 1}"
        model = self.model.calls[call]
        events = self.board.cancel(model.token, at=self.model.now)
        assert [event.call for event in events] == ([call] if model.cancelled is None else [])
        self.told(events)
        if model.cancelled is None:
            event("a client cancelled a call")
            model.cancelled = self.model.now

    @precondition(lambda self: self.model.calls)
    @rule(index=st.integers(0, 20), other=st.integers(0, 20), forgery=st.integers(0, 3))
    def cancel_with_a_forged_token(self, index: int, other: int, forgery: int) -> None:
        call = f"call-{index % len(self.model.calls) + 1}"
        own = self.model.calls[call].token
        borrowed = self.model.calls[f"call-{other % len(self.model.calls) + 1}"].token
        forged = (
            borrowed.replace(borrowed.partition(".")[0], call, 1),
            own[:-1] + ("x" if own[-1] != "x" else "y"),
            f"call-{len(self.model.calls) + 1}." + own.partition(".")[2],
            own.partition(".")[2],
        )[forgery]
        if forged == own:
            return
        self.refused(lambda: self.board.cancel(forged, at=self.model.now), InvalidCancellationToken)

    @rule(index=st.integers(0, 20), client=st.sampled_from(ORGANISATIONS), accept=st.booleans())
    def decide_a_proposal(self, index: int, client: str, accept: bool) -> None:
        made = len(self.model.proposals)
        proposal = f"proposal-{index % made + 1}" if made and index < 18 else f"proposal-{made + 1}"
        command = self.board.accept if accept else self.board.decline
        decide = lambda: command(proposal, client=client, at=self.model.now)  # noqa: E731
        model = self.model.proposals.get(proposal)
        if model is None:
            self.refused(decide, UnknownProposal)
        elif self.model.calls[model.call].client != client:
            self.refused(decide, NotYourCall)
        elif model.status is not ProposalStatus.PENDING:
            self.refused(decide, ProposalAlreadyDecided)
        else:
            [decided] = decide()
            event("a client decided on a proposal")
            assert decided.recipient == model.partner
            model.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.DECLINED

    @precondition(lambda self: self.board.latest is not None)
    @rule(partner=st.sampled_from(PARTNERS))
    def a_backdated_command_is_refused(self, partner: str) -> None:
        earlier = self.board.latest - timedelta(seconds=1)  # type: ignore[operator]
        self.refused(lambda: self.board.opt_in(partner, at=earlier), BackdatedCommand)

    # -- invariants -----------------------------------------------------------------------------------------------

    @invariant()
    def partners_see_the_excerpts_of_exactly_the_open_calls_not_their_own(self) -> None:
        now = self.model.now
        for partner in PARTNERS:
            if partner not in self.model.opted_in:
                continue
            excerpts = self.board.excerpts_for(partner, at=now)
            expected = [c for c, m in self.model.calls.items() if m.client != partner and m.open_at(now)]
            assert [excerpt.call for excerpt in excerpts] == expected
            assert all(type(excerpt) is CallExcerpt for excerpt in excerpts)

    @invariant()
    def contact_details_went_out_only_through_the_openings_the_model_allowed(self) -> None:
        assert [(o.partner, o.call, o.at) for o in self.board.openings] == self.model.openings

    @invariant()
    def exactly_the_calls_whose_token_was_used_are_cancelled(self) -> None:
        for client in ORGANISATIONS:
            for call in self.board.calls_of(client):
                assert call.cancelled == self.model.calls[call.id].cancelled
                assert call.client == client

    @invariant()
    def proposals_are_where_the_model_has_them(self) -> None:
        for partner in PARTNERS:
            made = {p.id: (p.call, p.partner, p.status) for p in self.board.proposals_by(partner)}
            expected = {
                i: (m.call, m.partner, m.status) for i, m in self.model.proposals.items() if m.partner == partner
            }
            assert made == expected

    @invariant()
    def the_board_keeps_its_own_invariants(self) -> None:
        self.board.check_invariants()


TestTenderBoard = TenderBoardMachine.TestCase
