"""A worker that times out retries: a call for tender or a proposal sent again under the caller's key is answered, once.

``submit`` and ``answer`` make a new call or proposal each time they are called; with ``key``, the id of the request
the caller keeps, the same request again (at the same moment or any later one) answers with what it made first: no
second call, no second excerpt to the partners, no second proposal. A call's retry hands over a new cancellation
token, since the board keeps none to show again, and the first token no longer cancels it. Other content under a used
key is refused (``KeyReused``) and changes nothing.
"""

from __future__ import annotations

import copy
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput, InvariantViolation, KeyReused, Money
from infomanager_core.access import BackdatedCommand, InvalidMoment
from infomanager_core.tenders import InvalidCancellationToken, NotOptedIn, TenderBoard
from tests.tenders.support import START, assert_refused_and_unchanged, board, contact

LATER = START + timedelta(days=45)  # the call submitted at START has expired by then


def _submit(on: TenderBoard, *, key: str | None = "req-1", at: object = START, title: str = "New website"):  # type: ignore[no-untyped-def]
    return on.submit(
        "bakery",
        title=title,
        description="We sell bread.",
        contact=contact(),
        by="carl",
        at=at,
        key=key,  # type: ignore[arg-type]
    )


def _answer(on: TenderBoard, *, key: str | None = "msg-1", at: object = START, text: str = "A shop in a week."):  # type: ignore[no-untyped-def]
    return on.answer(
        "call-1",
        partner="agency",
        text=text,
        price=Money("900.00", "EUR"),
        by="adam",
        at=at,
        key=key,  # type: ignore[arg-type]
    )


def _without_tokens(on: TenderBoard) -> TenderBoard:
    """The board as a retry must leave it: a call's retry changes its token's digest, and nothing else."""
    kept = copy.deepcopy(on)
    kept._digests.clear()
    return kept


def test_a_submission_retried_under_its_key_makes_no_second_call_and_sends_no_second_excerpt() -> None:
    tenders = board()
    first = _submit(tenders)
    once = _without_tokens(tenders)
    again = _submit(tenders)
    assert again.call == first.call
    assert again.events == first.events
    assert [call.id for call in tenders.calls_of("bakery")] == ["call-1"]
    assert _without_tokens(tenders) == once


def test_the_retry_hands_over_a_token_that_cancels_the_call_and_the_first_no_longer_does() -> None:
    tenders = board()
    first = _submit(tenders)
    again = _submit(tenders)
    assert again.token != first.token
    assert_refused_and_unchanged(tenders, lambda: tenders.cancel(first.token, at=START), InvalidCancellationToken)
    [cancelled] = tenders.cancel(again.token, at=START)
    assert cancelled.call == "call-1"


def test_a_retry_on_a_later_day_is_answered_though_the_call_has_expired_and_moves_no_clock() -> None:
    tenders = board()
    first = _submit(tenders)
    tenders.opt_out("agency", by="paula", at=START + timedelta(days=40))
    latest, programme = tenders.latest, copy.deepcopy(tenders.access)
    assert _submit(tenders, at=LATER).events == first.events
    assert _submit(tenders, at=START).events == first.events  # the worker's own moment, now behind the board's
    assert tenders.latest == latest
    assert tenders.access == programme


def test_a_proposal_retried_under_its_key_is_the_first_one_and_no_second() -> None:
    tenders = board()
    _submit(tenders)
    first = _answer(tenders)
    once = copy.deepcopy(tenders)
    assert _answer(tenders) == first
    assert _answer(tenders, at=LATER) == first
    assert [proposal.id for proposal in tenders.proposals_by("agency")] == ["proposal-1"]
    assert tenders == once


def test_without_a_key_each_submission_is_a_call_and_each_answer_a_proposal() -> None:
    tenders = board()
    _submit(tenders, key=None)
    _submit(tenders, key=None)
    _answer(tenders, key=None)
    _answer(tenders, key=None)
    assert [call.id for call in tenders.calls_of("bakery")] == ["call-1", "call-2"]
    assert [proposal.id for proposal in tenders.proposals_by("agency")] == ["proposal-1", "proposal-2"]


def test_a_key_used_for_another_call_is_refused_naming_what_it_made() -> None:
    tenders = board()
    _submit(tenders)
    refused = assert_refused_and_unchanged(tenders, lambda: _submit(tenders, title="A logo"), KeyReused)
    assert isinstance(refused, KeyReused)
    assert (refused.field, refused.value, refused.first) == ("key", "req-1", "call-1")


def test_keys_are_one_namespace_across_submissions_and_answers() -> None:
    tenders = board()
    _submit(tenders)
    refused = assert_refused_and_unchanged(tenders, lambda: _answer(tenders, key="req-1"), KeyReused)
    assert isinstance(refused, KeyReused)
    assert refused.first == "call-1"


def test_a_retry_with_content_written_otherwise_but_checked_alike_is_the_same_request() -> None:
    tenders = board()
    first = _submit(tenders)
    assert _submit(tenders, title="  New website ").call == first.call  # the title is stored trimmed


def test_the_auditor_finds_a_key_that_names_nothing_the_board_made() -> None:
    tenders = board()
    _submit(tenders)
    tenders._calls.clear()
    tenders._digests.clear()
    tenders._closed = 0
    with pytest.raises(InvariantViolation, match="a caller's key names a call or a proposal"):
        tenders.check_invariants()


def test_the_same_call_under_a_used_key_by_another_member_is_another_request() -> None:
    tenders = board()
    _submit(tenders)

    def by_cleo() -> object:
        return tenders.submit(
            "bakery", title="New website", description="We sell bread.", contact=contact(), by="cleo", at=START,
            key="req-1",
        )  # fmt: skip

    refused = assert_refused_and_unchanged(tenders, by_cleo, KeyReused)
    assert isinstance(refused, KeyReused)
    assert refused.first == "call-1"


def test_the_same_proposal_to_another_call_under_a_used_key_is_another_request() -> None:
    tenders = board()
    _submit(tenders, key=None)
    _submit(tenders, key=None)
    _answer(tenders)

    def to_call_2() -> object:
        return tenders.answer(
            "call-2", partner="agency", text="A shop in a week.", price=Money("900.00", "EUR"), by="adam", at=START,
            key="msg-1",
        )  # fmt: skip

    refused = assert_refused_and_unchanged(tenders, to_call_2, KeyReused)
    assert isinstance(refused, KeyReused)
    assert refused.first == "proposal-1"


@pytest.mark.parametrize("key", ["", " req-1", "req\u200b1", 5])
def test_a_key_that_is_no_id_is_refused_by_name_and_makes_nothing(key: object) -> None:
    tenders = board()
    refused = assert_refused_and_unchanged(tenders, lambda: _submit(tenders, key=key), InvalidInput)  # type: ignore[arg-type]
    assert (refused.field, refused.value) == ("key", key)  # type: ignore[attr-defined]


def test_a_retry_at_a_moment_without_a_time_zone_is_refused_as_any_command_is() -> None:
    tenders = board()
    _submit(tenders)
    naive = START.replace(tzinfo=None)
    refused = assert_refused_and_unchanged(tenders, lambda: _submit(tenders, at=naive), InvalidMoment)
    assert isinstance(refused, InvalidMoment)


# -- the law --------------------------------------------------------------------------------------------------------

retry_after = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=400))
titles = st.sampled_from(["New website", "A logo", " Shop "])
texts = st.sampled_from(["A shop in a week.", "A shop\nand a blog.", " Two weeks "])


@given(title=titles, after=retry_after)
def test_law_submitting_twice_under_one_key_leaves_what_submitting_once_leaves(title: str, after: timedelta) -> None:
    once, twice = board(), board()
    _submit(once, title=title)
    first = _submit(twice, title=title)
    again = _submit(twice, title=title, at=START + after)
    assert (again.call, again.events) == (first.call, first.events)
    assert _without_tokens(twice) == _without_tokens(once)
    twice.check_invariants()


@given(text=texts, priced=st.booleans(), after=retry_after)
def test_law_answering_twice_under_one_key_leaves_what_answering_once_leaves(
    text: str, priced: bool, after: timedelta
) -> None:
    once, twice = board(), board()
    for on in (once, twice):
        _submit(on, key=None)
    price = Money("900.00", "EUR") if priced else None

    def answer(on: TenderBoard, at: object) -> object:
        return on.answer("call-1", partner="agency", text=text, price=price, by="adam", at=at, key="msg-1")  # type: ignore[arg-type]

    answer(once, START)
    first = answer(twice, START)
    assert answer(twice, START + after) == first
    assert _without_tokens(twice) == _without_tokens(once)
    twice.check_invariants()


@pytest.mark.parametrize("key", [None, "msg-9"], ids=["without a key", "under a new key"])
def test_a_partner_not_opted_in_learns_nothing_of_which_calls_exist_with_a_key_or_without(key: str | None) -> None:
    """Under a new key the request's content was checked first, the call's existence with it: the studio, not opted
    in, was told 'call-9 is not a known call', and without a key that it is not opted in (review100)."""
    on = board()
    for call in ("call-1", "call-9"):  # one that exists, one that does not: the same answer
        refused = assert_refused_and_unchanged(
            on, lambda call=call: on.answer(call, partner="studio", text="Hello", at=START, key=key), NotOptedIn
        )
        assert (refused.field, refused.value) == ("partner", "studio")  # type: ignore[attr-defined]


@pytest.mark.parametrize("key", [None, "req-9"], ids=["without a key", "under a new key"])
def test_a_backdated_submission_is_refused_as_backdated_with_a_key_or_without(key: str | None) -> None:
    on = board()
    _submit(on, key=None, at=LATER)
    assert_refused_and_unchanged(on, lambda: _submit(on, key=key, at=START, title="x" * 1000), BackdatedCommand)


def test_a_retry_still_compares_its_content_first_and_is_answered_whatever_the_board_s_state() -> None:
    on = board()
    _submit(on, key=None)
    first = _answer(on, key="msg-1")
    on.opt_out("agency", at=LATER)
    assert _answer(on, key="msg-1", at=LATER) == first
    assert_refused_and_unchanged(on, lambda: _answer(on, key="msg-1", at=LATER, text="Another offer"), KeyReused)
