"""The tender board: a client's call reaches every opted-in partner as an excerpt; its contact details only through
opening it while it is open; the token cancels it at once; partners answer, and the client decides."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta, timezone

import attrs
import pytest

from infomanager_core import InvalidInput, InvariantViolation, Money
from infomanager_core.access import BackdatedCommand, InvalidMoment, NotAPartner, UnknownOrganisation
from infomanager_core.errors import hidden
from infomanager_core.tenders import (
    DEFAULT_VALIDITY,
    CallExcerpt,
    CallNotOpen,
    InvalidCancellationToken,
    NotOptedIn,
    NotYourCall,
    Opening,
    OwnCall,
    ProposalAlreadyDecided,
    ProposalStatus,
    TenderBoard,
    TenderEventKind,
    TenderRules,
    UnknownCall,
    UnknownProposal,
)
from infomanager_core.tenders.cancellation import TOKEN_BYTES
from tests.tenders.support import START, assert_refused_and_unchanged, board, contact, submit

HOUR = timedelta(hours=1)


class TestSubmission:
    def test_a_call_is_open_for_thirty_days_from_its_submission(self) -> None:
        confirmation = submit(board())
        assert timedelta(days=30) == DEFAULT_VALIDITY
        assert (confirmation.call.submitted, confirmation.call.valid_until) == (START, START + timedelta(days=30))
        assert confirmation.call.cancelled is None

    def test_the_validity_is_a_rule_of_the_board(self) -> None:
        confirmation = submit(board(TenderRules(validity=timedelta(days=7))))
        assert confirmation.call.valid_until == START + timedelta(days=7)

    def test_an_excerpt_is_sent_to_every_opted_in_partner_and_to_nobody_else(self) -> None:
        tenders = board(opted_in=("agency", "studio"))
        tenders.opt_out("studio", at=START)
        events = submit(tenders).events
        assert [(e.what, e.recipient) for e in events] == [
            (TenderEventKind.SUBMITTED, None),
            (TenderEventKind.EXCERPT_SENT, "agency"),
        ]
        assert all(e.excerpt == events[0].excerpt for e in events)

    def test_a_partner_submitting_a_call_does_not_receive_its_own_excerpt(self) -> None:
        tenders = board(opted_in=("agency", "studio"))
        events = submit(tenders, "agency").events
        assert [e.recipient for e in events if e.what is TenderEventKind.EXCERPT_SENT] == ["studio"]
        assert tenders.excerpts_for("agency", at=START) == ()
        assert_refused_and_unchanged(tenders, lambda: tenders.open("call-1", partner="agency", at=START), OwnCall)

    def test_the_client_reads_its_own_calls_whole(self) -> None:
        tenders = board()
        first, second = submit(tenders), submit(tenders, title="Mail migration")
        submit(tenders, "cafe")
        assert tenders.calls_of("bakery") == (first.call, second.call)
        assert tenders.call("call-2", client="bakery").contact == contact("bakery")
        assert_refused_and_unchanged(tenders, lambda: tenders.call("call-3", client="bakery"), NotYourCall)

    def test_the_texts_are_stored_tidy(self) -> None:
        tenders = board()
        call = tenders.submit(
            "bakery", title="  New website ", description="Line one  \r\nLine two\n\n", contact=contact(), at=START
        ).call
        assert (call.title, call.description) == ("New website", "Line one\nLine two")


class TestExcerpts:
    def test_an_excerpt_has_no_contact_details_and_does_not_name_the_client(self) -> None:
        fields = {field.name for field in attrs.fields(CallExcerpt)}
        assert fields == {"call", "title", "summary", "submitted", "valid_until"}
        tenders = board()
        submit(tenders)
        [excerpt] = tenders.excerpts_for("agency", at=START)
        assert "boss@bakery.example" not in repr(excerpt)
        assert "bakery" not in repr(excerpt)

    def test_no_event_carries_contact_details(self) -> None:
        tenders = board()
        events = submit(tenders).events
        events += tenders.open("call-1", partner="agency", at=START).events
        assert "@" not in repr(events)
        assert "555" not in repr(events)

    def test_the_summary_is_cut_to_the_rules_length(self) -> None:
        tenders = board(TenderRules(excerpt_length=12))
        submit(tenders)
        [excerpt] = tenders.excerpts_for("agency", at=START)
        assert excerpt.summary == "We sell…"

    def test_the_shortest_excerpt_the_rules_allow_is_one_character_and_an_ellipsis(self) -> None:
        tenders = board(TenderRules(excerpt_length=2))
        submit(tenders)
        [excerpt] = tenders.excerpts_for("agency", at=START)
        assert excerpt.summary == "W…"

    def test_an_expired_call_is_no_longer_in_the_excerpts(self) -> None:
        tenders = board()
        submit(tenders)
        valid_until = START + DEFAULT_VALIDITY
        assert len(tenders.excerpts_for("agency", at=valid_until - timedelta(microseconds=1))) == 1
        assert tenders.excerpts_for("agency", at=valid_until) == ()

    def test_a_partner_that_opts_in_later_sees_the_calls_still_open(self) -> None:
        tenders = board()
        submit(tenders)
        tenders.opt_in("studio", at=START + HOUR)
        assert [e.call for e in tenders.excerpts_for("studio", at=START + HOUR)] == ["call-1"]

    def test_only_an_opted_in_partner_sees_excerpts(self) -> None:
        tenders = board()
        submit(tenders)
        assert_refused_and_unchanged(tenders, lambda: tenders.excerpts_for("studio", at=START), NotOptedIn)
        assert_refused_and_unchanged(tenders, lambda: tenders.excerpts_for("bakery", at=START), NotAPartner)

    def test_a_partner_not_opted_in_opts_out_and_nothing_is_recorded(self) -> None:
        """studio never opted in, agency opts out twice: the second time, as studio's, changes nothing and is not an
        event."""
        tenders = board()
        assert tenders.opt_out("studio", at=START + HOUR) == ()
        [event] = tenders.opt_out("agency", at=START + HOUR)
        assert (event.what, event.organisation) == (TenderEventKind.OPTED_OUT, "agency")
        assert tenders.opt_out("agency", at=START + 2 * HOUR) == ()
        assert tenders.opted_in == ()

    def test_reading_excerpts_does_not_move_the_clock(self) -> None:
        tenders = board()
        submit(tenders)
        tenders.excerpts_for("agency", at=START + timedelta(days=40))
        assert tenders.latest == START
        assert tenders.open("call-1", partner="agency", at=START + HOUR).call.id == "call-1"


class TestOpening:
    def test_opening_gives_the_contact_details_and_is_recorded(self) -> None:
        tenders = board()
        submit(tenders)
        opened = tenders.open("call-1", partner="agency", at=START + HOUR)
        assert opened.call.contact == contact("bakery")
        assert tenders.openings == (Opening(call="call-1", partner="agency", at=START + HOUR),)
        assert [(e.what, e.organisation, e.call) for e in opened.events] == [
            (TenderEventKind.OPENED, "agency", "call-1")
        ]

    def test_each_opening_is_recorded(self) -> None:
        tenders = board()
        submit(tenders)
        tenders.open("call-1", partner="agency", at=START)
        tenders.open("call-1", partner="agency", at=START + HOUR)
        assert [o.at for o in tenders.openings] == [START, START + HOUR]

    def test_an_expired_call_cannot_be_opened(self) -> None:
        tenders = board()
        submit(tenders)
        late = START + DEFAULT_VALIDITY
        refused = assert_refused_and_unchanged(
            tenders, lambda: tenders.open("call-1", partner="agency", at=late), CallNotOpen
        )
        assert (refused.field, refused.value) == ("call", "call-1")

    def test_a_partner_that_did_not_opt_in_cannot_open_a_call(self) -> None:
        tenders = board()
        submit(tenders)
        assert_refused_and_unchanged(tenders, lambda: tenders.open("call-1", partner="studio", at=START), NotOptedIn)
        tenders.opt_in("studio", at=START)
        tenders.opt_out("studio", at=START)
        assert_refused_and_unchanged(tenders, lambda: tenders.open("call-1", partner="studio", at=START), NotOptedIn)

    def test_an_organisation_without_partner_status_cannot_opt_in_nor_open(self) -> None:
        tenders = board()
        submit(tenders)
        assert_refused_and_unchanged(tenders, lambda: tenders.opt_in("cafe", at=START), NotAPartner)
        assert_refused_and_unchanged(tenders, lambda: tenders.open("call-1", partner="cafe", at=START), NotAPartner)

    def test_an_unknown_call_is_named(self) -> None:
        tenders = board()
        refused = assert_refused_and_unchanged(
            tenders, lambda: tenders.open("call-9", partner="agency", at=START), UnknownCall
        )
        assert (refused.field, refused.value, refused.rule) == ("call", "call-9", "is not a known call for tender")


class TestCancellation:
    def test_the_token_is_unguessable_and_shown_once(self) -> None:
        tenders = board()
        confirmations = [submit(tenders) for _ in range(20)]
        secrets = [c.token.partition(".")[2] for c in confirmations]
        assert len(set(secrets)) == 20
        assert all(len(secret) >= 43 for secret in secrets)
        assert TOKEN_BYTES >= 32
        assert all(c.token.startswith(f"{c.call.id}.") for c in confirmations)
        assert confirmations[0].token not in repr(confirmations[0])

    def test_the_board_keeps_no_token_only_a_digest(self) -> None:
        tenders = board()
        token = submit(tenders).token
        secret = token.partition(".")[2]
        assert secret.encode() not in pickle.dumps(tenders)
        assert secret not in repr(tenders)

    def test_the_token_cancels_its_call_at_once(self) -> None:
        tenders = board()
        confirmation = submit(tenders)
        submit(tenders, "cafe")
        [cancelled] = tenders.cancel(confirmation.token, at=START + HOUR)
        assert (cancelled.what, cancelled.call, cancelled.organisation) == (
            TenderEventKind.CANCELLED,
            "call-1",
            "bakery",
        )
        assert tenders.call("call-1", client="bakery").cancelled == START + HOUR
        assert tenders.call("call-2", client="cafe").cancelled is None
        assert [e.call for e in tenders.excerpts_for("agency", at=START + HOUR)] == ["call-2"]
        assert_refused_and_unchanged(
            tenders, lambda: tenders.open("call-1", partner="agency", at=START + HOUR), CallNotOpen
        )
        assert_refused_and_unchanged(
            tenders, lambda: tenders.answer("call-1", partner="agency", text="Hello", at=START + HOUR), CallNotOpen
        )

    def test_a_token_used_again_changes_nothing(self) -> None:
        tenders = board()
        token = submit(tenders).token
        tenders.cancel(token, at=START)
        assert tenders.cancel(token, at=START + HOUR) == ()
        assert tenders.call("call-1", client="bakery").cancelled == START

    def test_an_expired_call_can_still_be_cancelled(self) -> None:
        tenders = board()
        token = submit(tenders).token
        [event] = tenders.cancel(token, at=START + timedelta(days=60))
        assert event.what is TenderEventKind.CANCELLED

    @pytest.mark.parametrize(
        "forge",
        [
            lambda own, other: other.replace("call-2", "call-1"),  # another call's secret under this call's id
            lambda own, other: own[:-1] + ("A" if own[-1] != "A" else "B"),  # one character off
            lambda own, other: own.replace("call-1", "call-9"),  # a call that does not exist
            lambda own, other: own.partition(".")[2],  # the secret alone
            lambda own, other: own + "é",  # not ASCII
            lambda own, other: "",
            lambda own, other: None,
            lambda own, other: own.encode(),
        ],
    )
    def test_any_other_token_is_refused_alike_and_cancels_nothing(self, forge: object) -> None:
        tenders = board()
        own, other = submit(tenders).token, submit(tenders, "cafe").token
        forged = forge(own, other)  # type: ignore[operator]
        refused = assert_refused_and_unchanged(
            tenders, lambda: tenders.cancel(forged, at=START), InvalidCancellationToken
        )
        assert str(refused) == f"token: {hidden(forged)!r} is not the cancellation token of a call"
        assert own not in str(refused)
        assert other.partition(".")[2] not in str(refused)


class TestProposals:
    def test_a_partner_answers_and_the_client_sees_the_proposal(self) -> None:
        tenders = board(opted_in=("agency", "studio"))
        submit(tenders)
        [answered] = tenders.answer(
            "call-1", partner="agency", text="A shop\nin two weeks", price=Money("4800.00", "EUR"), at=START + HOUR
        )
        tenders.answer("call-1", partner="studio", text="Let us talk", at=START + HOUR)
        assert (answered.what, answered.recipient, answered.proposal) == (
            TenderEventKind.ANSWERED,
            "bakery",
            "proposal-1",
        )
        [first, second] = tenders.proposals_of("call-1", client="bakery")
        assert (first.partner, first.text, first.price, first.made) == (
            "agency",
            "A shop\nin two weeks",
            Money("4800.00", "EUR"),
            START + HOUR,
        )
        assert (second.partner, second.price, second.status) == ("studio", None, ProposalStatus.PENDING)
        assert tenders.proposals_by("studio") == (second,)

    def test_the_client_reads_the_proposals_of_one_call_and_not_those_of_its_others(self) -> None:
        tenders = board()
        submit(tenders)
        submit(tenders, title="A logo")
        tenders.answer("call-1", partner="agency", text="A website", at=START)
        tenders.answer("call-2", partner="agency", text="A logo", at=START)
        assert [proposal.text for proposal in tenders.proposals_of("call-2", client="bakery")] == ["A logo"]

    def test_the_client_accepts_or_declines_a_proposal_once(self) -> None:
        tenders = board(opted_in=("agency", "studio"))
        submit(tenders)
        tenders.answer("call-1", partner="agency", text="Offer A", at=START)
        tenders.answer("call-1", partner="studio", text="Offer B", at=START)
        [accepted] = tenders.accept("proposal-1", client="bakery", at=START + HOUR)
        [declined] = tenders.decline("proposal-2", client="bakery", at=START + HOUR)
        assert (accepted.what, accepted.recipient) == (TenderEventKind.ACCEPTED, "agency")
        assert (declined.what, declined.recipient) == (TenderEventKind.DECLINED, "studio")
        statuses = [(p.status, p.decided) for p in tenders.proposals_of("call-1", client="bakery")]
        assert statuses == [(ProposalStatus.ACCEPTED, START + HOUR), (ProposalStatus.DECLINED, START + HOUR)]
        refused = assert_refused_and_unchanged(
            tenders, lambda: tenders.decline("proposal-1", client="bakery", at=START + HOUR), ProposalAlreadyDecided
        )
        assert refused.status == "accepted"

    def test_the_client_decides_after_cancelling_or_after_expiry_too(self) -> None:
        tenders = board()
        token = submit(tenders).token
        tenders.answer("call-1", partner="agency", text="Offer", at=START)
        tenders.cancel(token, at=START + HOUR)
        [accepted] = tenders.accept("proposal-1", client="bakery", at=START + timedelta(days=45))
        assert accepted.what is TenderEventKind.ACCEPTED

    def test_only_the_client_of_the_call_decides(self) -> None:
        tenders = board()
        submit(tenders)
        tenders.answer("call-1", partner="agency", text="Offer", at=START)
        for client, error in (("cafe", NotYourCall), ("agency", NotYourCall), ("nowhere", UnknownOrganisation)):
            assert_refused_and_unchanged(
                tenders, lambda c=client: tenders.accept("proposal-1", client=c, at=START), error
            )  # type: ignore[misc]
        assert_refused_and_unchanged(tenders, lambda: tenders.proposals_of("call-1", client="cafe"), NotYourCall)
        assert_refused_and_unchanged(
            tenders, lambda: tenders.accept("proposal-7", client="bakery", at=START), UnknownProposal
        )

    def test_proposals_only_on_an_open_call_from_an_opted_in_partner(self) -> None:
        tenders = board()
        submit(tenders)
        late = START + DEFAULT_VALIDITY
        assert_refused_and_unchanged(
            tenders, lambda: tenders.answer("call-1", partner="agency", text="Late", at=late), CallNotOpen
        )
        assert_refused_and_unchanged(
            tenders, lambda: tenders.answer("call-1", partner="studio", text="Hi", at=START), NotOptedIn
        )

    @pytest.mark.parametrize(
        ("fields", "field"),
        [
            ({"text": "  "}, "text"),
            ({"text": "x" * 5001}, "text"),
            ({"text": "Offer\x07"}, "text"),
            ({"price": Money("-1.00", "CHF")}, "price"),
            ({"price": Money("1.001", "CHF")}, "price"),
            ({"price": 100}, "price"),
        ],
    )
    def test_a_bad_proposal_is_refused_and_changes_nothing(self, fields: dict[str, object], field: str) -> None:
        tenders = board()
        submit(tenders)
        arguments: dict[str, object] = {"text": "Offer", **fields}
        refused = assert_refused_and_unchanged(
            tenders,
            lambda: tenders.answer("call-1", partner="agency", at=START, **arguments),  # type: ignore[arg-type]
            InvalidInput,
        )
        assert (refused.field, refused.value) == (field, fields[field])


class TestTimeAndBadInput:
    @pytest.mark.parametrize(
        "command",
        [
            lambda b, at: b.opt_in("studio", at=at),
            lambda b, at: b.opt_out("agency", at=at),
            lambda b, at: submit(b, at=at),
            lambda b, at: b.open("call-1", partner="agency", at=at),
            lambda b, at: b.answer("call-1", partner="agency", text="Offer", at=at),
            lambda b, at: b.accept("proposal-1", client="bakery", at=at),
            lambda b, at: b.excerpts_for("agency", at=at),
        ],
    )
    def test_every_command_refuses_a_naive_or_earlier_moment(self, command: object) -> None:
        tenders = board()
        submit(tenders, at=START + HOUR)
        tenders.answer("call-1", partner="agency", text="Offer", at=START + HOUR)
        for at, error in (
            (datetime(2026, 1, 5, 12), InvalidMoment),
            ("2026-01-05T12:00Z", InvalidMoment),
            (START, BackdatedCommand),
        ):
            assert_refused_and_unchanged(tenders, lambda at=at: command(tenders, at), error)  # type: ignore[misc,operator]

    def test_a_cancellation_dated_before_the_latest_command_is_refused(self) -> None:
        tenders = board()
        token = submit(tenders, at=START + HOUR).token
        refused = assert_refused_and_unchanged(tenders, lambda: tenders.cancel(token, at=START), BackdatedCommand)
        assert (refused.subject, refused.latest) == ("the tender board", START + HOUR)

    def test_moments_in_other_timezones_compare_as_instants(self) -> None:
        tenders = board()
        submit(tenders)
        one_hour_later_in_zurich = (START + HOUR).astimezone(timezone(timedelta(hours=1)))
        assert tenders.open("call-1", partner="agency", at=one_hour_later_in_zurich).call.id == "call-1"

    def test_a_submission_too_close_to_the_end_of_the_calendar_is_refused(self) -> None:
        tenders = board()
        end = datetime(9999, 12, 20, tzinfo=UTC)
        refused = assert_refused_and_unchanged(tenders, lambda: submit(tenders, at=end), InvalidInput)
        assert (refused.field, refused.value) == ("at", end)

    @pytest.mark.parametrize(
        ("client", "fields", "field"),
        [
            ("nowhere", {}, "client"),
            ("bakery", {"title": ""}, "title"),
            ("bakery", {"title": "x" * 121}, "title"),
            ("bakery", {"title": "New\u202esite"}, "title"),
            ("bakery", {"description": "\n \n"}, "description"),
            ("bakery", {"description": "x" * 5001}, "description"),
            ("bakery", {"description": b"bytes"}, "description"),
            ("bakery", {"contact": "boss@bakery.example"}, "contact"),
        ],
    )
    def test_a_bad_submission_is_refused_and_changes_nothing(
        self, client: str, fields: dict[str, object], field: str
    ) -> None:
        tenders = board()
        arguments: dict[str, object] = {"title": "Site", "description": "Text", "contact": contact(), **fields}
        refused = assert_refused_and_unchanged(
            tenders,
            lambda: tenders.submit(client, at=START, **arguments),  # type: ignore[arg-type]
            InvalidInput,
        )
        assert refused.field == field
        assert refused.value == (fields[field] if fields else client)

    @pytest.mark.parametrize("state", ["calls", "digests", "opted_in", "openings", "proposals", "latest"])
    def test_the_board_starts_empty_and_takes_no_state_but_through_its_commands(self, state: str) -> None:
        """Calls, token digests, partners, openings, proposals and the clock get in only through checked commands."""
        empty = TenderBoard(board().access)
        assert (empty.opted_in, empty.openings, empty.latest) == ((), (), None)
        with pytest.raises(TypeError):
            TenderBoard(board().access, **{state: None})  # type: ignore[arg-type]

    def test_the_board_takes_a_programme_and_rules(self) -> None:
        with pytest.raises(InvalidInput) as raised:
            TenderBoard("programme")  # type: ignore[arg-type]
        assert raised.value.field == "access"
        with pytest.raises(InvalidInput):
            TenderBoard(board().access, rules={"validity": 7})  # type: ignore[arg-type]


OPENED_WHILE_OPEN = "a call is opened only while it is open, by a partner other than its client"


class TestAuditor:
    """``check_invariants`` is the auditor the model-based tests lean on: a board whose records break a law of the
    area must not pass it. The records are corrupted behind the board's back, as a bug in a command would."""

    @staticmethod
    def audited() -> tuple[TenderBoard, str]:
        """call-1 of the bakery, submitted at START (open until START + 30 days), opened by agency an hour later; and
        its cancellation token."""
        tenders = board()
        token = submit(tenders).token
        tenders.open("call-1", partner="agency", at=START + HOUR)
        tenders.check_invariants()
        return tenders, token

    @staticmethod
    def assert_refused(tenders: TenderBoard, law: str) -> None:
        with pytest.raises(InvariantViolation) as caught:
            tenders.check_invariants()
        assert caught.value.law == law

    @staticmethod
    def record_opening(tenders: TenderBoard, partner: str, at: datetime) -> None:
        tenders._openings.append(Opening(call="call-1", partner=partner, at=at))
        tenders._latest = at

    def test_an_opening_at_the_moment_the_call_expired_is_caught(self) -> None:
        tenders, _ = self.audited()
        self.record_opening(tenders, "agency", START + DEFAULT_VALIDITY)
        self.assert_refused(tenders, OPENED_WHILE_OPEN)

    def test_an_opening_after_the_call_was_cancelled_is_caught_but_one_at_that_very_moment_is_not(self) -> None:
        tenders, token = self.audited()
        tenders.cancel(token, at=START + 2 * HOUR)
        self.record_opening(tenders, "agency", START + 2 * HOUR)  # ordered before the cancellation of that moment
        tenders.check_invariants()
        self.record_opening(tenders, "agency", START + 2 * HOUR + timedelta(microseconds=1))
        self.assert_refused(tenders, OPENED_WHILE_OPEN)

    def test_an_opening_of_a_call_by_its_own_client_is_caught(self) -> None:
        tenders, _ = self.audited()
        self.record_opening(tenders, "bakery", START + 2 * HOUR)
        self.assert_refused(tenders, OPENED_WHILE_OPEN)

    def test_a_record_dated_after_the_board_s_clock_is_caught(self) -> None:
        tenders, _ = self.audited()
        tenders._latest = START
        self.assert_refused(tenders, "nothing is dated after the board's latest moment")

    def test_a_proposal_decided_at_the_moment_it_was_made_passes_and_one_decided_before_it_is_caught(self) -> None:
        tenders, _ = self.audited()
        tenders.answer("call-1", partner="agency", text="A shop", at=START + HOUR)
        tenders.accept("proposal-1", client="bakery", at=START + HOUR)
        tenders.check_invariants()
        proposal = tenders._proposals["proposal-1"]
        tenders._proposals["proposal-1"] = attrs.evolve(proposal, decided=START + HOUR - timedelta(microseconds=1))
        self.assert_refused(tenders, "a proposal is decided no earlier than it was made")
