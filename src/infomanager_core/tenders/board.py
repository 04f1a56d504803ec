"""The tender board: calls for tender, the partners that receive them, openings and proposals (SPEC §7).

:class:`TenderBoard` holds every call, the digests of their cancellation tokens, the partners that opted in, who
opened what and when, and the proposals. It reads the access :class:`~infomanager_core.access.Programme` it is given
for three facts only — that an organisation exists, whether it has partner status, and whether ``by`` is one of its
members — and changes nothing in it but the clock of an organisation whose member acted (see *Time* below).

The rules it keeps:

* a known organisation submits a call, free of charge; the call is open (:func:`~.call.is_open`) from then for
  ``rules.validity`` (30 days by default), unless cancelled sooner;
* partners opt in and out; every opted-in partner sees the excerpt of every open call but its own — a
  :class:`~.call.CallExcerpt`, which has no contact field;
* an opted-in partner may open an open call whole, contact details included; each opening is recorded;
* the confirmation's token cancels its own call at once, and no other; a refused token says nothing about calls;
* an opted-in partner may answer an open call with a proposal; the client of the call accepts or declines it, once.

Who: every command takes ``by``, the person who acts for the organisation (a member of the client for a submission,
a cancellation and a decision; of the partner for opting in or out, an opening and an answer), and each event it
returns names them; ``None`` (the default) names nobody, for a cancellation through the link of the confirmation
e-mail, say, whose bearer the application does not know. A ``by`` the programme does not know, or who is no member of
the organisation acting, is refused (``UnknownPerson``, ``NotAMember``) before anything changes.

Time: every command and every query that depends on the moment takes a timezone-aware ``at``. The board keeps its
latest moment and refuses one dated before it (``BackdatedCommand``): a call's validity, a cancellation and an opening
must read in order. Queries do not move the clock. A command naming a person (``by``) is also refused when dated before
the programme's latest moment of the organisation they act for, and once recorded moves that organisation's clock to
its moment, as tag commands do: membership is read from the programme as it stands, so the access log and the tender
events never show a person acting for an organisation when they were not its member. Every command checks its moment
and every argument before it changes anything, so a refused command leaves the board as it was.

>>> from datetime import UTC, datetime
>>> from infomanager_core.access.examples import example_programme
>>> board = TenderBoard(example_programme())
>>> at = datetime(2026, 1, 5, 10, tzinfo=UTC)
>>> _ = board.opt_in("agency", at=at)
>>> confirmation = board.submit("bakery", title="New website", description="Our shop, online.",
...     contact=Contact(name="Carl", email="carl@bakery.example"), at=at)
>>> [excerpt.title for excerpt in board.excerpts_for("agency", at=at)]
['New website']
>>> board.open(confirmation.call.id, partner="agency", at=at).call.contact.email
'carl@bakery.example'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from functools import partial
from itertools import islice

import attrs

from .._copies import WholeCopy
from .._retries import Answered, first_answer
from ..access import NotAPartner, Programme
from ..access.checks import aware_moment, calendar_after, instant, looked_up, typed
from ..access.errors import BackdatedCommand, NotAMember
from ..access.programme import known_organisation, known_person
from ..errors import InvalidInput, InvariantViolation, id_or_hidden
from ..money import Money
from . import cancellation
from .call import CallExcerpt, CallForTender, TenderRules, excerpt_of, is_open
from .contact import Contact
from .errors import (
    CallNotOpen,
    InvalidCancellationToken,
    NotOptedIn,
    NotYourCall,
    OwnCall,
    ProposalAlreadyDecided,
    UnknownCall,
    UnknownProposal,
)
from .events import TenderEvent, TenderEventKind
from .proposal import Opening, Proposal, ProposalStatus, proposal_price
from .replies import Confirmation, OpenedCall
from .texts import one_line_text, several_lines_text

__all__ = ["TenderBoard"]

Events = tuple[TenderEvent, ...]


@attrs.define
class TenderBoard(WholeCopy):
    """Calls for tender of the organisations of ``access``, and the partners that receive them.

    >>> from infomanager_core.access.examples import MONDAY, example_programme
    >>> board = TenderBoard(example_programme())
    >>> [opted_in] = board.opt_in("agency", at=MONDAY)
    >>> opted_in.what.value, board.opted_in
    ('partner opted in', ('agency',))
    """

    access: Programme = attrs.field(
        validator=typed("access", Programme, "a Programme"), on_setattr=attrs.setters.frozen
    )
    rules: TenderRules = attrs.field(
        factory=TenderRules, validator=typed("rules", TenderRules, "a TenderRules"), on_setattr=attrs.setters.frozen
    )
    _calls: dict[str, CallForTender] = attrs.field(factory=dict, init=False)
    _digests: dict[str, bytes] = attrs.field(factory=dict, init=False, repr=False)  # what a token is checked against
    _opted_in: dict[str, None] = attrs.field(factory=dict, init=False)
    _openings: list[Opening] = attrs.field(factory=list, init=False)
    _proposals: dict[str, Proposal] = attrs.field(factory=dict, init=False)
    _answered: dict[str, Answered] = attrs.field(factory=dict, init=False)  # a caller's key → its first answer
    _latest: datetime | None = attrs.field(default=None, init=False)
    # how many calls, from the first submitted on, no moment from the latest on sees open: the excerpts skip them
    _closed: int = attrs.field(default=0, init=False, repr=False)

    # -- queries ----------------------------------------------------------------------------------------------------

    @property
    def latest(self) -> datetime | None:
        """The moment of the latest command (``None`` before the first): commands dated earlier are refused."""
        return self._latest

    @property
    def opted_in(self) -> tuple[str, ...]:
        """The partners that receive calls, in the order they opted in.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.access.examples import example_programme
        >>> board = TenderBoard(example_programme())
        >>> _ = board.opt_in("agency", at=datetime(2026, 1, 5, 10, tzinfo=UTC))
        >>> board.opted_in
        ('agency',)
        """
        return tuple(self._opted_in)

    @property
    def openings(self) -> tuple[Opening, ...]:
        """Every opening of a call by a partner, in order: who received which client's contact details, when."""
        return tuple(self._openings)

    def call(self, call: str, *, client: str) -> CallForTender:
        """The call ``call``, whole, for the client that submitted it (``NotYourCall`` for another organisation).

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.access.examples import example_programme
        >>> board = TenderBoard(example_programme())
        >>> confirmation = board.submit("bakery", title="New website", description="Our shop, online.",
        ...     contact=Contact(name="Carl", email="carl@bakery.example"), at=datetime(2026, 1, 5, 10, tzinfo=UTC))
        >>> board.call("call-1", client="bakery").valid_until
        datetime.datetime(2026, 2, 4, 10, 0, tzinfo=datetime.timezone.utc)
        """
        return self._own_call(call, client)

    def calls_of(self, client: str) -> tuple[CallForTender, ...]:
        """The calls ``client`` submitted, whole, cancelled and expired ones too, in the order submitted."""
        known_organisation(self.access, client, "client")
        return tuple(call for call in self._calls.values() if call.client == client)

    def excerpts_for(self, partner: str, *, at: datetime) -> tuple[CallExcerpt, ...]:
        """The excerpts an opted-in ``partner`` sees at ``at``: every call open then, but its own, in order submitted.

        >>> from datetime import UTC, datetime, timedelta
        >>> from infomanager_core.access.examples import example_programme
        >>> board = TenderBoard(example_programme())
        >>> at = datetime(2026, 1, 5, 10, tzinfo=UTC)
        >>> _ = board.opt_in("agency", at=at)
        >>> _ = board.submit("bakery", title="New website", description="Our shop, online.",
        ...     contact=Contact(name="Carl", email="carl@bakery.example"), at=at)
        >>> len(board.excerpts_for("agency", at=at)), len(board.excerpts_for("agency", at=at + timedelta(days=30)))
        (1, 0)
        """
        self._in_order(at)
        self._receiving(partner)
        return tuple(
            excerpt_of(call, self.rules)
            for call in islice(self._calls.values(), self._closed, None)
            if call.client != partner and is_open(call, at)
        )

    def proposals_of(self, call: str, *, client: str) -> tuple[Proposal, ...]:
        """The proposals made in answer to ``call``, for the client that submitted it, in the order made."""
        self._own_call(call, client)
        return tuple(proposal for proposal in self._proposals.values() if proposal.call == call)

    def proposals_by(self, partner: str) -> tuple[Proposal, ...]:
        """The proposals ``partner`` made, with the client's decision on each, in the order made."""
        known_organisation(self.access, partner, "partner")
        return tuple(proposal for proposal in self._proposals.values() if proposal.partner == partner)

    # -- commands ---------------------------------------------------------------------------------------------------

    def opt_in(self, partner: str, *, at: datetime, by: str | None = None) -> Events:
        """Start receiving calls for tender: a partner's choice (an organisation without partner status may not).

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.access.examples import example_programme
        >>> board = TenderBoard(example_programme())
        >>> [event] = board.opt_in("agency", by="paula", at=datetime(2026, 1, 5, 10, tzinfo=UTC))
        >>> event.what.value, event.by, board.opt_in("agency", at=datetime(2026, 1, 5, 10, tzinfo=UTC))
        ('partner opted in', 'paula', ())
        """
        self._in_order(at)
        self._partner(partner)
        by = self._acting(by, partner, at)
        if partner in self._opted_in:
            return ()
        self._opted_in[partner] = None
        return self._recorded(at, TenderEvent(what=TenderEventKind.OPTED_IN, by=by, at=at, organisation=partner))

    def opt_out(self, partner: str, *, at: datetime, by: str | None = None) -> Events:
        """Stop receiving calls: no more excerpts, openings or answers until the partner opts in again. Its proposals
        made so far stay with the clients.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.access.examples import example_programme
        >>> board = TenderBoard(example_programme())
        >>> at = datetime(2026, 1, 5, 10, tzinfo=UTC)
        >>> _ = board.opt_in("agency", at=at)
        >>> [event] = board.opt_out("agency", at=at)
        >>> event.what.value, board.opted_in
        ('partner opted out', ())
        """
        self._in_order(at)
        self._partner(partner)
        by = self._acting(by, partner, at)
        if partner not in self._opted_in:
            return ()
        del self._opted_in[partner]
        return self._recorded(at, TenderEvent(what=TenderEventKind.OPTED_OUT, by=by, at=at, organisation=partner))

    def submit(
        self,
        client: str,
        *,
        title: str,
        description: str,
        contact: Contact,
        at: datetime,
        by: str | None = None,
        key: str | None = None,
    ) -> Confirmation:
        """Submit a call for ``client`` (``by`` one of its members), free of charge, open from ``at`` for
        ``rules.validity``.

        The confirmation carries the cancellation token, once; the events are the submission and one excerpt sent to
        each partner opted in at ``at`` (but the client, if it is one), each naming ``by``.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.access.examples import example_programme
        >>> board = TenderBoard(example_programme())
        >>> at = datetime(2026, 1, 5, 10, tzinfo=UTC)
        >>> _ = board.opt_in("agency", at=at)
        >>> confirmation = board.submit("bakery", title=" New website ", description="Our shop, online.",
        ...     contact=Contact(name="Carl", email="carl@bakery.example"), by="carl", at=at)
        >>> [(event.what.value, event.by, event.recipient) for event in confirmation.events]
        [('call submitted', 'carl', None), ('excerpt sent', 'carl', 'agency')]

        ``key``, the caller's id of the request, makes a retry safe: the same key with the same call answers with the
        call it first made and the same events, makes no second call and sends no second excerpt — with a new token,
        since the board keeps none to show again, and the first token no longer cancels the call. Other content under
        the key is :class:`~infomanager_core.errors.KeyReused`. Without a key, each submission is a call.

        >>> again = board.submit("bakery", title="New website", description="Our shop, online.",
        ...     contact=Contact(name="Carl", email="carl@bakery.example"), by="carl", at=at, key="req-1")
        >>> retried = board.submit("bakery", title="New website", description="Our shop, online.",
        ...     contact=Contact(name="Carl", email="carl@bakery.example"), by="carl", at=at, key="req-1")
        >>> again.call.id, retried.call.id, retried.events == again.events, len(board.calls_of("bakery"))
        ('call-2', 'call-2', True, 2)
        """
        if key is not None:
            # the content is checked here only for a retry: a new key meets its refusals in the order a request without
            # one does (a partner not opted in learns nothing of which calls exist)
            request = partial(self._call_content, client, title, description, contact, by)
            first = first_answer(self._answered, key, request, at)
            if first is not None:
                token = cancellation.new_token(first.made)
                self._digests[first.made] = cancellation.digest(token)
                return Confirmation(call=self._calls[first.made], token=token, events=first.events)
        self._in_order(at)
        known_organisation(self.access, client, "client")
        by = self._acting(by, client, at)
        content = self._call_content(client, title, description, contact, by)
        _, _, title, description, contact, _ = content
        try:
            valid_until = calendar_after(at, self.rules.validity)
        except OverflowError:
            raise InvalidInput(
                "at", at, "leaves no room for the validity period before the end of the calendar"
            ) from None
        call = CallForTender(
            id=f"call-{len(self._calls) + 1}",
            client=client,
            title=title,
            description=description,
            contact=contact,
            submitted=at,
            valid_until=valid_until,
        )
        token = cancellation.new_token(call.id)
        self._calls[call.id] = call
        self._digests[call.id] = cancellation.digest(token)
        excerpt = excerpt_of(call, self.rules)
        submitted = TenderEvent(
            what=TenderEventKind.SUBMITTED, by=by, at=at, organisation=client, call=call.id, excerpt=excerpt
        )
        sent = (
            TenderEvent(
                what=TenderEventKind.EXCERPT_SENT,
                by=by,
                at=at,
                organisation=client,
                call=call.id,
                recipient=partner,
                excerpt=excerpt,
            )
            for partner in self._opted_in
            if partner != client
        )
        events = self._recorded(at, submitted, *sent)
        if key is not None:
            self._answered[key] = Answered(content=content, made=call.id, events=events)
        return Confirmation(call=call, token=token, events=events)

    def open(self, call: str, *, partner: str, at: datetime, by: str | None = None) -> OpenedCall:
        """An opted-in partner opens an open call whole, contact details included; the opening is recorded, with
        ``by``, the member of the partner the details went to.

        >>> from datetime import UTC, datetime, timedelta
        >>> from infomanager_core.access.examples import example_programme
        >>> board = TenderBoard(example_programme())
        >>> at = datetime(2026, 1, 5, 10, tzinfo=UTC)
        >>> _ = board.opt_in("agency", at=at)
        >>> _ = board.submit("bakery", title="New website", description="Our shop, online.",
        ...     contact=Contact(name="Carl", email="carl@bakery.example"), at=at)
        >>> board.open("call-1", partner="agency", at=at).call.contact.name
        'Carl'
        >>> board.open("call-1", partner="agency", at=at + timedelta(days=30))
        Traceback (most recent call last):
        ...
        infomanager_core.tenders.errors.CallNotOpen: call: 'call-1' is no longer open to partners (expired or cancelled)
        """
        found = self._answerable(call, partner, at)
        by = self._acting(by, partner, at)
        self._openings.append(Opening(call=call, partner=partner, at=at, by=by))
        opened = TenderEvent(what=TenderEventKind.OPENED, by=by, at=at, organisation=partner, call=call)
        return OpenedCall(call=found, events=self._recorded(at, opened))

    def cancel(self, token: str, *, at: datetime, by: str | None = None) -> Events:
        """Cancel the call ``token`` was issued for, at once: partners no longer see, open or answer it.

        A token used again changes nothing (no event). Any other string is refused with
        :class:`~.errors.InvalidCancellationToken`, the same for every one. The token is the authority: ``by``, when
        the application knows who used it, names that member of the call's client in the event.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.access.examples import example_programme
        >>> board = TenderBoard(example_programme())
        >>> at = datetime(2026, 1, 5, 10, tzinfo=UTC)
        >>> confirmation = board.submit("bakery", title="New website", description="Our shop, online.",
        ...     contact=Contact(name="Carl", email="carl@bakery.example"), at=at)
        >>> [event] = board.cancel(confirmation.token, by="carl", at=at)
        >>> event.what.value, event.call, event.by, board.cancel(confirmation.token, at=at)
        ('call cancelled', 'call-1', 'carl', ())
        >>> board.cancel("call-1.guess", at=at)
        Traceback (most recent call last):
        ...
        infomanager_core.tenders.errors.InvalidCancellationToken: token: '<hidden, 12 characters>' is not the cancellation token of a call
        """
        self._in_order(at)
        if by is not None:  # a malformed or unknown person is refused whatever the token
            known_person(self.access, by, "by")
        named = cancellation.call_of(token)
        stored = self._digests.get(named) if named is not None else None
        if not cancellation.matches(token, stored) or named is None:  # compared first, whatever the token
            raise InvalidCancellationToken(token)
        current = self._calls[named]
        by = self._acting(by, current.client, at)
        if current.cancelled is not None:
            return ()
        self._calls[named] = attrs.evolve(current, cancelled=at)
        cancelled = TenderEvent(what=TenderEventKind.CANCELLED, by=by, at=at, organisation=current.client, call=named)
        return self._recorded(at, cancelled)

    def answer(
        self,
        call: str,
        *,
        partner: str,
        text: str,
        price: Money | None = None,
        at: datetime,
        by: str | None = None,
        key: str | None = None,
    ) -> Events:
        """An opted-in partner (``by`` one of its members) answers an open call with a proposal (a text, maybe a
        price); the client is told.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.access.examples import example_programme
        >>> from infomanager_core.money import Money
        >>> board = TenderBoard(example_programme())
        >>> at = datetime(2026, 1, 5, 10, tzinfo=UTC)
        >>> _ = board.opt_in("agency", at=at)
        >>> _ = board.submit("bakery", title="New website", description="Our shop, online.",
        ...     contact=Contact(name="Carl", email="carl@bakery.example"), at=at)
        >>> [event] = board.answer("call-1", partner="agency", text="A shop in two weeks.",
        ...     price=Money("4800.00", "EUR"), by="adam", at=at)
        >>> event.what.value, event.proposal, event.by, event.recipient
        ('proposal made', 'proposal-1', 'adam', 'bakery')

        Each answer is a proposal, unless ``key`` names the request: the same key with the same proposal answers with
        the first one's events and makes no second (other content under the key is
        :class:`~infomanager_core.errors.KeyReused`).

        >>> first = board.answer("call-1", partner="agency", text="A shop in a week.", by="adam", at=at, key="m-9")
        >>> board.answer("call-1", partner="agency", text="A shop in a week.", by="adam", at=at, key="m-9") == first
        True
        >>> [proposal.id for proposal in board.proposals_by("agency")]
        ['proposal-1', 'proposal-2']
        """
        if key is not None:
            request = partial(self._proposal_content, call, partner, text, price, by)  # checked for a retry only
            first = first_answer(self._answered, key, request, at)
            if first is not None:
                return first.events
        found = self._answerable(call, partner, at)
        by = self._acting(by, partner, at)
        content = self._proposal_content(call, partner, text, price, by)
        _, _, _, text, checked_price, _ = content
        proposal = Proposal(
            id=f"proposal-{len(self._proposals) + 1}",
            call=call,
            partner=partner,
            text=text,
            price=checked_price,
            made=at,
        )
        self._proposals[proposal.id] = proposal
        answered = TenderEvent(
            what=TenderEventKind.ANSWERED,
            by=by,
            at=at,
            organisation=partner,
            call=call,
            proposal=proposal.id,
            recipient=found.client,
        )
        events = self._recorded(at, answered)
        if key is not None:
            self._answered[key] = Answered(content=content, made=proposal.id, events=events)
        return events

    def accept(self, proposal: str, *, client: str, at: datetime, by: str | None = None) -> Events:
        """The client of the call accepts a pending proposal; the partner is told. The call stays as it is: the
        client cancels it with its token if it wants no more proposals.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.access.examples import example_programme
        >>> board = TenderBoard(example_programme())
        >>> at = datetime(2026, 1, 5, 10, tzinfo=UTC)
        >>> _ = board.opt_in("agency", at=at)
        >>> _ = board.submit("bakery", title="New website", description="Our shop, online.",
        ...     contact=Contact(name="Carl", email="carl@bakery.example"), at=at)
        >>> _ = board.answer("call-1", partner="agency", text="A shop in two weeks.", at=at)
        >>> [event] = board.accept("proposal-1", client="bakery", by="carl", at=at)
        >>> event.recipient, event.by, board.proposals_by("agency")[0].status.value
        ('agency', 'carl', 'accepted')
        """
        return self._decide(proposal, ProposalStatus.ACCEPTED, client, at, by)

    def decline(self, proposal: str, *, client: str, at: datetime, by: str | None = None) -> Events:
        """The client of the call declines a pending proposal; the partner is told.

        >>> from datetime import UTC, datetime
        >>> from infomanager_core.access.examples import example_programme
        >>> board = TenderBoard(example_programme())
        >>> at = datetime(2026, 1, 5, 10, tzinfo=UTC)
        >>> _ = board.opt_in("agency", at=at)
        >>> _ = board.submit("bakery", title="New website", description="Our shop, online.",
        ...     contact=Contact(name="Carl", email="carl@bakery.example"), at=at)
        >>> _ = board.answer("call-1", partner="agency", text="A shop in two weeks.", at=at)
        >>> [event] = board.decline("proposal-1", client="bakery", at=at)
        >>> event.what.value
        'proposal declined'
        """
        return self._decide(proposal, ProposalStatus.DECLINED, client, at, by)

    # -- invariants -------------------------------------------------------------------------------------------------

    def check_invariants(self) -> None:
        """Every call has a digest of its own; calls and proposals are numbered in order; calls open for exactly the
        validity; openings and proposals only while the call was open and by partners other than its client, and a
        proposal decided once it is no longer pending; only partners opted in; every caller's key names a call or a
        proposal; the calls the excerpts skip closed; nothing dated after the board's latest moment.

        A broken law raises :class:`~infomanager_core.errors.InvariantViolation` stating it and naming the culprit,
        whatever flags Python runs with.

        >>> from infomanager_core.access.examples import example_programme
        >>> board = TenderBoard(example_programme())
        >>> board.check_invariants()  # silent when all holds
        >>> board._digests["call-1"] = "digest"  # damage done behind the board's back
        >>> board.check_invariants()
        Traceback (most recent call last):
        ...
        infomanager_core.errors.InvariantViolation: invariant broken: every call has a token digest, and every digest a call: ['call-1']
        """
        self._check_tokens()
        self._check_numbering()
        self._check_calls()
        self._check_openings()
        self._check_proposals()
        self._check_opted_in()
        self._check_requests()
        self._check_clock()

    # -- private helpers --------------------------------------------------------------------------------------------

    def _check_tokens(self) -> None:
        if set(self._digests) != set(self._calls):
            raise InvariantViolation(
                "every call has a token digest, and every digest a call", sorted(set(self._digests) ^ set(self._calls))
            )
        calls_of = Counter(self._digests.values())
        shared = [call for call, digest in self._digests.items() if calls_of[digest] > 1]
        if shared:
            raise InvariantViolation("no two calls share a token digest", shared)

    def _check_numbering(self) -> None:
        if list(self._calls) != [f"call-{n}" for n in range(1, len(self._calls) + 1)]:
            raise InvariantViolation("calls are numbered call-1, call-2, … in the order submitted", list(self._calls))
        if list(self._proposals) != [f"proposal-{n}" for n in range(1, len(self._proposals) + 1)]:
            raise InvariantViolation(
                "proposals are numbered proposal-1, proposal-2, … in the order made", list(self._proposals)
            )

    def _check_calls(self) -> None:
        for call in self._calls.values():
            if call.valid_until - call.submitted != self.rules.validity:
                raise InvariantViolation("a call is open for exactly the rules' validity", call.id)
            if call.cancelled is not None and instant(call.cancelled) < instant(call.submitted):
                raise InvariantViolation("a call is cancelled no earlier than it was submitted", call.id)

    def _check_openings(self) -> None:
        for opening in self._openings:
            if not self._was_open(opening.call, opening.partner, opening.at):
                raise InvariantViolation(
                    "a call is opened only while it is open, by a partner other than its client",
                    (opening.call, opening.partner, opening.at),
                )

    def _check_proposals(self) -> None:
        for proposal in self._proposals.values():
            if not self._was_open(proposal.call, proposal.partner, proposal.made):
                raise InvariantViolation(
                    "a proposal is made only while its call is open, by a partner other than its client", proposal.id
                )
            if (proposal.status is ProposalStatus.PENDING) != (proposal.decided is None):
                raise InvariantViolation("a proposal is decided exactly when it is no longer pending", proposal.id)
            if proposal.decided is not None and instant(proposal.decided) < instant(proposal.made):
                raise InvariantViolation("a proposal is decided no earlier than it was made", proposal.id)

    def _check_opted_in(self) -> None:
        for partner in self._opted_in:
            if not self.access.organisation(partner).partner:
                raise InvariantViolation("only a partner opts in", partner)

    def _check_requests(self) -> None:
        for key, request in self._answered.items():
            if request.made not in self._calls and request.made not in self._proposals:
                raise InvariantViolation("a caller's key names a call or a proposal of the board", key)

    def _check_clock(self) -> None:
        skipped = list(self._calls.values())[: self._closed] if 0 <= self._closed <= len(self._calls) else None
        if skipped is None or any(self._latest is None or is_open(call, self._latest) for call in skipped):
            raise InvariantViolation(
                "the calls the excerpts skip are the first submitted, closed from the latest moment on", self._closed
            )
        latest = max(self._moments(), key=instant, default=None)
        if latest is not None and (self._latest is None or instant(latest) > instant(self._latest)):
            raise InvariantViolation("nothing is dated after the board's latest moment", (latest, self._latest))

    def _moments(self) -> Iterator[datetime]:
        """Every moment the board records: submissions, cancellations, openings, proposals and decisions."""
        for call in self._calls.values():
            yield call.submitted
            if call.cancelled is not None:
                yield call.cancelled
        for opening in self._openings:
            yield opening.at
        for proposal in self._proposals.values():
            yield proposal.made
            if proposal.decided is not None:
                yield proposal.decided

    def _call_content(
        self, client: str, title: str, description: str, contact: Contact, by: str | None
    ) -> tuple[str, str, str, str, Contact, str | None]:
        """A submission as checked, to compare with the one its key first answered."""
        known_organisation(self.access, client, "client")
        if by is not None:
            known_person(self.access, by, "by")
        title = one_line_text(title, field="title", maximum=self.rules.title_length)
        description = several_lines_text(description, field="description", maximum=self.rules.description_length)
        if not isinstance(contact, Contact):
            raise InvalidInput("contact", contact, "must be a Contact")
        return ("submit", client, title, description, contact, by)

    def _proposal_content(
        self, call: str, partner: str, text: str, price: Money | None, by: str | None
    ) -> tuple[str, str, str, str, Money | None, str | None]:
        """An answer as checked, to compare with the one its key first answered."""
        known_organisation(self.access, partner, "partner")
        self._known(call)
        if by is not None:
            known_person(self.access, by, "by")
        text = several_lines_text(text, field="text", maximum=self.rules.proposal_length)
        return ("answer", call, partner, text, proposal_price(price), by)

    def _in_order(self, at: object) -> datetime:
        moment = aware_moment(at)
        if self._latest is not None and instant(moment) < instant(self._latest):
            raise BackdatedCommand("at", moment, "the tender board", self._latest)
        return moment

    def _recorded(self, at: datetime, *events: TenderEvent) -> Events:
        """The events of a command done: the board's clock moves to ``at``, and so does the programme's clock of the
        organisation whose member acted, so that no change of membership can be dated before what they did."""
        self._latest = at
        self._pass_closed(at)
        acting = {event.organisation for event in events if event.by is not None}
        if acting:
            self.access.advance_to(at, organisations=sorted(acting))
        return events

    def _pass_closed(self, at: datetime) -> None:
        """Count in the calls, in the order submitted, closed from ``at`` on (expired or cancelled) and before the first
        open one: a query is never dated before the latest command, so the excerpts need not read them, and a year of
        closed calls does not slow every query (``docs/tenders.md``)."""
        calls, moment = self._calls, instant(at)
        while self._closed < len(calls):
            call = calls[f"call-{self._closed + 1}"]
            if call.cancelled is None and moment < instant(call.valid_until):
                return
            self._closed += 1

    def _acting(self, by: str | None, organisation: str, at: datetime) -> str | None:
        """``by`` when it names a member of ``organisation`` (the side that acts), ``None`` when it names nobody.

        Membership is read from the programme as it stands, which is the programme at ``at`` only if nothing
        concerning the organisation came later: a command naming a person is refused when dated before the
        programme's latest moment of the organisation (after the membership check, so that a stranger learns nothing
        of its clock)."""
        if by is None:
            return None
        known_person(self.access, by, "by")
        if self.access.role_of(by, organisation) is None:
            raise NotAMember(by, organisation)
        self.access.check_in_order(at, organisations=(organisation,))
        return by

    def _partner(self, partner: str) -> None:
        if not known_organisation(self.access, partner, "partner").partner:
            raise NotAPartner(partner)

    def _receiving(self, partner: str) -> None:
        self._partner(partner)
        if partner not in self._opted_in:
            raise NotOptedIn(partner)

    def _known(self, call: str) -> CallForTender:
        found = looked_up(self._calls, call)
        if found is None:  # raised here, not in a handler: a KeyError chained to the error would repeat a token
            raise UnknownCall(id_or_hidden(call))
        return found

    def _own_call(self, call: str, client: str) -> CallForTender:
        known_organisation(self.access, client, "client")
        found = self._known(call)
        if found.client != client:
            raise NotYourCall(call, client)
        return found

    def _answerable(self, call: str, partner: str, at: datetime) -> CallForTender:
        """The call, if ``partner`` may open or answer it at ``at`` (checking nothing else changes state)."""
        self._in_order(at)
        self._receiving(partner)
        found = self._known(call)
        if found.client == partner:
            raise OwnCall(call, partner)
        if not is_open(found, at):
            raise CallNotOpen(call)
        return found

    def _was_open(self, call: str, partner: str, at: datetime) -> bool:
        found = self._calls[call]
        moment = instant(at)
        before_cancelled = found.cancelled is None or moment <= instant(found.cancelled)  # the same moment, before it
        return (
            found.client != partner
            and instant(found.submitted) <= moment < instant(found.valid_until)
            and before_cancelled
        )

    def _decide(self, proposal: str, status: ProposalStatus, client: str, at: datetime, by: str | None) -> Events:
        self._in_order(at)
        current = looked_up(self._proposals, proposal)
        if current is None:
            raise UnknownProposal(id_or_hidden(proposal))
        self._own_call(current.call, client)
        by = self._acting(by, client, at)
        if current.status is not ProposalStatus.PENDING:
            raise ProposalAlreadyDecided(proposal, current.status.value)
        self._proposals[proposal] = attrs.evolve(current, status=status, decided=at)
        what = TenderEventKind.ACCEPTED if status is ProposalStatus.ACCEPTED else TenderEventKind.DECLINED
        decided = TenderEvent(
            what=what,
            by=by,
            at=at,
            organisation=client,
            call=current.call,
            proposal=proposal,
            recipient=current.partner,
        )
        return self._recorded(at, decided)
