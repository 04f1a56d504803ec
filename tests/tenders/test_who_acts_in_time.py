"""Who acts, in time: the access log and the tender events never show a person acting for an organisation at a moment
they were not one of its members.

The board checks ``by``'s membership on the programme as it stands, which is the programme at the command's moment
only if nothing concerning the organisation came later. So a command naming a person is refused when dated before
the programme's latest moment of the organisation acting, and once recorded it moves that organisation's clock to its
moment: no change of membership can afterwards be dated before it. A command that names nobody reads no membership
and is held by the board's own clock only.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from infomanager_core import InfomanagerError
from infomanager_core.access import BackdatedCommand, Role
from infomanager_core.tenders import TenderBoard, TenderEvent
from tests.tenders.support import START, assert_refused_and_unchanged, board, contact

TUESDAY, WEDNESDAY, FRIDAY = (START + timedelta(days=days) for days in (1, 2, 4))

#: The board a command is given, the command (by whom, when) and the member who may act for the organisation acting.
Command = Callable[[TenderBoard, str | None, datetime], tuple[TenderEvent, ...]]


def _submitted(tenders: TenderBoard) -> TenderBoard:
    tenders.submit("bakery", title="New website", description="Bread.", contact=contact(), at=START)
    return tenders


def _answered(tenders: TenderBoard) -> TenderBoard:
    tenders.answer("call-1", partner="agency", text="A shop in two weeks.", at=START)
    return tenders


def _cancel(tenders: TenderBoard, by: str | None, at: datetime) -> tuple[TenderEvent, ...]:
    token = tenders.submit("bakery", title="Shop", description="Bread.", contact=contact(), at=START).token
    return tenders.cancel(token, by=by, at=at)


COMMANDS: dict[str, tuple[Callable[[], TenderBoard], Command, str, str]] = {
    "opt in": (lambda: board(opted_in=()), lambda on, by, at: on.opt_in("agency", by=by, at=at), "adam", "agency"),
    "opt out": (board, lambda on, by, at: on.opt_out("agency", by=by, at=at), "uma", "agency"),
    "submit": (
        board,
        lambda on, by, at: (
            on.submit("bakery", title="New website", description="Bread.", contact=contact(), by=by, at=at).events
        ),
        "cleo",
        "bakery",
    ),
    "open": (
        lambda: _submitted(board()),
        lambda on, by, at: on.open("call-1", partner="agency", by=by, at=at).events,
        "ulla",
        "agency",
    ),
    "answer": (
        lambda: _submitted(board()),
        lambda on, by, at: on.answer("call-1", partner="agency", text="A shop.", by=by, at=at),
        "adam",
        "agency",
    ),
    "accept": (
        lambda: _answered(_submitted(board())),
        lambda on, by, at: on.accept("proposal-1", client="bakery", by=by, at=at),
        "carl",
        "bakery",
    ),
    "decline": (
        lambda: _answered(_submitted(board())),
        lambda on, by, at: on.decline("proposal-1", client="bakery", by=by, at=at),
        "cleo",
        "bakery",
    ),
    "cancel": (board, _cancel, "carl", "bakery"),
}
NAMES = sorted(COMMANDS)


def test_a_person_who_joins_on_friday_cannot_submit_a_call_for_the_organisation_on_tuesday() -> None:
    tenders = board()
    tenders.access.add_member("bakery", "fred", Role.USER, by="carl", at=FRIDAY)
    refused = assert_refused_and_unchanged(
        tenders,
        lambda: tenders.submit("bakery", title="Shop", description="Bread.", contact=contact(), by="fred", at=TUESDAY),
        BackdatedCommand,
    )
    assert refused.field == "at"
    [submitted, _] = tenders.submit(
        "bakery", title="Shop", description="Bread.", contact=contact(), by="fred", at=FRIDAY
    ).events
    assert (submitted.by, submitted.at) == ("fred", FRIDAY)


def test_a_member_who_acted_on_wednesday_cannot_be_removed_as_of_tuesday() -> None:
    tenders = board()
    tenders.submit("bakery", title="Shop", description="Bread.", contact=contact(), by="cleo", at=WEDNESDAY)
    with pytest.raises(BackdatedCommand):
        tenders.access.remove_member("bakery", "cleo", by="carl", at=TUESDAY)
    tenders.access.remove_member("bakery", "cleo", by="carl", at=WEDNESDAY)


@pytest.mark.parametrize("name", NAMES)
def test_a_command_naming_a_member_is_refused_before_the_programme_s_latest_moment_of_its_organisation(
    name: str,
) -> None:
    make, command, member, organisation = COMMANDS[name]
    tenders = make()
    tenders.access.advance_to(TUESDAY, organisations=[organisation])
    if name == "cancel":  # the call is submitted in the command, before the moment refused
        token = tenders.submit("bakery", title="Shop", description="Bread.", contact=contact(), at=START).token
        assert_refused_and_unchanged(tenders, lambda: tenders.cancel(token, by=member, at=START), BackdatedCommand)
        return
    assert_refused_and_unchanged(tenders, lambda: command(tenders, member, START), BackdatedCommand)


@pytest.mark.parametrize("name", NAMES)
def test_a_command_naming_nobody_reads_no_membership_and_is_not_held_by_the_programme_s_clock(name: str) -> None:
    make, command, _, organisation = COMMANDS[name]
    tenders = make()
    tenders.access.advance_to(TUESDAY, organisations=[organisation])
    assert command(tenders, None, START)


@pytest.mark.parametrize("named", [True, False], ids=["naming a member", "naming nobody"])
@pytest.mark.parametrize("name", NAMES)
def test_a_recorded_command_moves_its_organisation_s_clock_to_its_moment_exactly_when_it_names_a_member(
    name: str, named: bool
) -> None:
    make, command, member, organisation = COMMANDS[name]
    tenders = make()
    assert command(tenders, member if named else None, WEDNESDAY)
    tenders.access.check_in_order(WEDNESDAY, organisations=[organisation])
    just_before = WEDNESDAY - timedelta(microseconds=1)
    if named:
        with pytest.raises(BackdatedCommand):
            tenders.access.check_in_order(just_before, organisations=[organisation])
    else:
        tenders.access.check_in_order(just_before, organisations=[organisation])


#: Who joins or leaves which organisation, and who acts on the board for it: people of both sides and strangers.
PEOPLE = st.sampled_from(("cleo", "fred", "sue", "uma"))
SIDES = st.sampled_from(("bakery", "agency"))
DAYS = st.integers(0, 6)
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("join"), PEOPLE, SIDES, DAYS),
        st.tuples(st.just("leave"), PEOPLE, SIDES, DAYS),
        st.tuples(st.just("act"), PEOPLE, SIDES, DAYS),
    ),
    max_size=14,
)
LEGAL_REPRESENTATIVE_OF = {"bakery": "carl", "agency": "paula"}


def _act(tenders: TenderBoard, person: str, side: str, at: datetime) -> tuple[TenderEvent, ...]:
    if side == "bakery":
        return tenders.submit("bakery", title="Shop", description="Bread.", contact=contact(), by=person, at=at).events
    if "agency" in tenders.opted_in:
        return tenders.opt_out("agency", by=person, at=at)
    return tenders.opt_in("agency", by=person, at=at)


@given(STEPS)
def test_read_in_the_order_of_their_moments_the_access_log_and_the_tender_events_agree_on_who_acted_for_whom(
    steps: list[tuple[str, str, str, int]],
) -> None:
    tenders = board()
    members = {side: set(tenders.access.organisation(side).members) for side in LEGAL_REPRESENTATIVE_OF}
    log: list[tuple[datetime, int, str, str, str]] = []  # moment, order done, what, person, organisation
    for what, person, side, day in steps:
        at = START + timedelta(days=day)
        try:
            if what == "join":
                tenders.access.add_member(side, person, Role.USER, by=LEGAL_REPRESENTATIVE_OF[side], at=at)
                log.append((at, len(log), "join", person, side))
            elif what == "leave":
                tenders.access.remove_member(side, person, by=LEGAL_REPRESENTATIVE_OF[side], at=at)
                log.append((at, len(log), "leave", person, side))
            else:
                log.extend((e.at, len(log), "act", str(e.by), e.organisation) for e in _act(tenders, person, side, at))
        except InfomanagerError as refused:
            event(f"{what}: {type(refused).__name__}")
        else:
            event(f"{what}: done")
    for _, _, what, person, side in sorted(log):
        if what == "join":
            members[side].add(person)
        elif what == "leave":
            members[side].discard(person)
        else:
            assert person in members[side], (person, side)
