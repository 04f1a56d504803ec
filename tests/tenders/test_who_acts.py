"""Every tender event says who acted: the member of the client or of the partner the command names as ``by``.

An embedding service keeps the board's events as its audit trail ("who withdrew that call for tender?"). A ``by`` the
programme does not know, or who is no member of the organisation acting, is refused and leaves the board as it was;
a command that names nobody records ``None``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infomanager_core.access import NotAMember, UnknownPerson
from infomanager_core.tenders import TenderBoard, TenderEvent
from tests.tenders.support import START, assert_refused_and_unchanged, board, contact

#: Each command, the side whose member acts (who may be named ``by``) and the other side (who may not).
Command = Callable[[TenderBoard, str | None], tuple[TenderEvent, ...]]


def _answered(tenders: TenderBoard) -> TenderBoard:
    tenders.answer("call-1", partner="agency", text="A shop in two weeks.", at=START)
    return tenders


def _submitted(tenders: TenderBoard) -> TenderBoard:
    tenders.submit("bakery", title="New website", description="Bread.", contact=contact(), at=START)
    return tenders


COMMANDS: dict[str, tuple[Callable[[], TenderBoard], Command, str, str]] = {
    "opt in": (
        lambda: board(opted_in=()),
        lambda on, by: on.opt_in("agency", by=by, at=START),
        "adam",
        "carl",
    ),
    "opt out": (board, lambda on, by: on.opt_out("agency", by=by, at=START), "uma", "carl"),
    "submit": (
        board,
        lambda on, by: (
            on.submit("bakery", title="New website", description="Bread.", contact=contact(), by=by, at=START).events
        ),
        "cleo",
        "paula",
    ),
    "open": (
        lambda: _submitted(board()),
        lambda on, by: on.open("call-1", partner="agency", by=by, at=START).events,
        "ulla",
        "carl",
    ),
    "answer": (
        lambda: _submitted(board()),
        lambda on, by: on.answer("call-1", partner="agency", text="A shop.", by=by, at=START),
        "adam",
        "cleo",
    ),
    "accept": (
        lambda: _answered(_submitted(board())),
        lambda on, by: on.accept("proposal-1", client="bakery", by=by, at=START),
        "carl",
        "paula",
    ),
    "decline": (
        lambda: _answered(_submitted(board())),
        lambda on, by: on.decline("proposal-1", client="bakery", by=by, at=START),
        "cleo",
        "adam",
    ),
}
NAMES = sorted(COMMANDS)


@pytest.mark.parametrize("name", NAMES)
def test_every_event_of_a_command_names_the_member_who_acted(name: str) -> None:
    make, command, member, _ = COMMANDS[name]
    events = command(make(), member)
    assert events
    assert [event.by for event in events] == [member] * len(events)
    assert [event.at for event in events] == [START] * len(events)


@pytest.mark.parametrize("name", NAMES)
def test_a_command_that_names_nobody_records_nobody(name: str) -> None:
    make, command, _, _ = COMMANDS[name]
    events = command(make(), None)
    assert events
    assert {event.by for event in events} == {None}


@pytest.mark.parametrize("name", NAMES)
def test_a_person_of_the_other_side_is_refused_and_nothing_changes(name: str) -> None:
    make, command, _, stranger = COMMANDS[name]
    tenders = make()
    refused = assert_refused_and_unchanged(tenders, lambda: command(tenders, stranger), NotAMember)
    assert isinstance(refused, NotAMember)
    assert refused.person == stranger


@pytest.mark.parametrize("name", NAMES)
def test_a_person_nobody_registered_is_refused_naming_by_and_nothing_changes(name: str) -> None:
    make, command, _, _ = COMMANDS[name]
    tenders = make()
    refused = assert_refused_and_unchanged(tenders, lambda: command(tenders, "ghost"), UnknownPerson)
    assert isinstance(refused, UnknownPerson)
    assert refused.field == "by"


def test_the_cancellation_names_who_used_the_token_and_only_a_member_of_the_client() -> None:
    tenders = board()
    token = tenders.submit("bakery", title="New website", description="Bread.", contact=contact(), at=START).token
    assert_refused_and_unchanged(tenders, lambda: tenders.cancel(token, by="paula", at=START), NotAMember)
    assert_refused_and_unchanged(tenders, lambda: tenders.cancel(token, by="ghost", at=START), UnknownPerson)
    [cancelled] = tenders.cancel(token, by="cleo", at=START)
    assert (cancelled.what.value, cancelled.by, cancelled.organisation) == ("call cancelled", "cleo", "bakery")


def test_a_cancellation_through_the_link_alone_names_nobody() -> None:
    tenders = board()
    token = tenders.submit("bakery", title="New website", description="Bread.", contact=contact(), at=START).token
    [cancelled] = tenders.cancel(token, at=START)
    assert cancelled.by is None


def test_the_opening_record_names_who_received_the_contact_details() -> None:
    tenders = _submitted(board())
    tenders.open("call-1", partner="agency", by="ulla", at=START)
    tenders.open("call-1", partner="agency", at=START)
    assert [(opening.partner, opening.by) for opening in tenders.openings] == [("agency", "ulla"), ("agency", None)]


def _opted_in_again() -> tuple[TenderBoard, Callable[[], object], str]:
    tenders = board()
    return tenders, lambda: tenders.opt_in("agency", by="carl", at=START), "carl"


def _opted_out_when_out() -> tuple[TenderBoard, Callable[[], object], str]:
    tenders = board(opted_in=())
    return tenders, lambda: tenders.opt_out("agency", by="carl", at=START), "carl"


def _cancelled_again() -> tuple[TenderBoard, Callable[[], object], str]:
    tenders = board()
    token = tenders.submit("bakery", title="New website", description="Bread.", contact=contact(), at=START).token
    tenders.cancel(token, at=START)
    return tenders, lambda: tenders.cancel(token, by="paula", at=START), "paula"


def _decided_accepted() -> tuple[TenderBoard, Callable[[], object], str]:
    tenders = _answered(_submitted(board()))
    tenders.accept("proposal-1", client="bakery", at=START)
    return tenders, lambda: tenders.accept("proposal-1", client="bakery", by="adam", at=START), "adam"


#: A board, a command on it that would change nothing or is refused for what it finds, and the other side's person.
UNCHANGED = {
    "opt in again": _opted_in_again,
    "opt out when out": _opted_out_when_out,
    "cancel again": _cancelled_again,
    "accept a decided proposal": _decided_accepted,
}


@pytest.mark.parametrize("name", sorted(UNCHANGED))
def test_a_person_of_the_other_side_is_refused_even_where_the_command_would_change_nothing(name: str) -> None:
    tenders, command, stranger = UNCHANGED[name]()
    refused = assert_refused_and_unchanged(tenders, command, NotAMember)
    assert isinstance(refused, NotAMember)
    assert refused.person == stranger


@pytest.mark.parametrize("token", ["call-1.not-its-token", "nonsense"])
def test_a_cancellation_by_a_person_nobody_registered_is_refused_naming_by_whatever_the_token(token: str) -> None:
    tenders = board()
    tenders.submit("bakery", title="New website", description="Bread.", contact=contact(), at=START)
    refused = assert_refused_and_unchanged(tenders, lambda: tenders.cancel(token, by="ghost", at=START), UnknownPerson)
    assert isinstance(refused, UnknownPerson)
    assert refused.field == "by"
