"""Time never goes backwards for a thing: a command dated before the latest moment of what it concerns is refused."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from infomanager_core.access import (
    BackdatedCommand,
    Grant,
    HeldProduct,
    InvalidMoment,
    InvitationExpired,
    Organisation,
    Person,
    Programme,
    Role,
    UnknownOrganisation,
)
from infomanager_core.tags import Tagging

from .world import START, make_world

DAY = timedelta(days=1)
LATER = START + 3 * DAY


def invited(programme: Programme, at: object = LATER) -> str:
    [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=at)
    return sent.subject


def managed(programme: Programme) -> str:
    _, started = programme.accept(invited(programme), by="carl", at=LATER)
    return started.subject


BACKDATED: dict[str, Callable[[Programme], object]] = {
    "accepting before the invitation was sent": lambda p: p.accept(invited(p), by="carl", at=LATER - DAY),
    "refusing before it was sent": lambda p: p.refuse(invited(p), by="carl", at=LATER - DAY),
    "cancelling before it was sent": lambda p: p.cancel(invited(p), by="paula", at=LATER - DAY),
    "ending before the partnership began": lambda p: p.end(managed(p), by="carl", at=LATER - DAY),
    "changing the grant before it began": lambda p: p.change_access(
        managed(p), Grant.limited({"b-web-1"}), by="carl", at=LATER - DAY
    ),
    "changing payment means before it began": lambda p: p.change_payment_means(
        managed(p), Grant.full().payment_means, by="carl", at=LATER - DAY
    ),
    "assigning a client before its partnership began": lambda p: (
        managed(p),
        p.assign_client(partner="agency", client="bakery", person="uma", by="paula", at=LATER - DAY),
    ),
    "inviting before the client's latest change": lambda p: (
        p.add_member("bakery", "fred", Role.USER, by="carl", at=LATER),
        invited(p, at=LATER - DAY),
    ),
    "adding a product before the organisation was registered": lambda p: p.add_product(
        "cafe", HeldProduct(id="c-new", code="web", family="web-hosting"), at=START - DAY
    ),
    "changing a role before the organisation's latest change": lambda p: (
        p.add_member("agency", "fred", Role.USER, by="paula", at=LATER),
        p.change_role("agency", "fred", Role.ADMINISTRATOR, by="paula", at=LATER - DAY),
    ),
    "changing the grant before the partner's latest change": lambda p: (
        managed(p),
        p.add_member("agency", "fred", Role.USER, by="paula", at=LATER + DAY),
        p.change_access("partnership-1", Grant.limited({"b-web-1"}), by="carl", at=LATER),
    ),
    "adding a member before the person was registered": lambda p: (
        p.register_person(Person("zoe"), at=LATER),
        p.add_member("bakery", "zoe", Role.USER, by="carl", at=LATER - DAY),
    ),
}


@pytest.mark.parametrize("case", list(BACKDATED))
def test_a_backdated_command_is_refused_and_changes_nothing(case: str) -> None:
    programme = make_world()
    command = BACKDATED[case]
    with pytest.raises(BackdatedCommand) as raised:
        # Everything up to the backdated step succeeds; we compare the state just before the refused step.
        _run_capturing_state_before_refusal(programme, command)
    assert isinstance(raised.value, InvalidMoment)
    assert raised.value.field == "at"
    assert raised.value.latest > raised.value.value


def _run_capturing_state_before_refusal(programme: Programme, command: Callable[[Programme], object]) -> None:
    """Run ``command``; when it is refused, check the programme equals a copy taken just before the refused call."""
    snapshots: list[Programme] = []
    proxy = _Recorder(programme, snapshots)
    try:
        command(proxy)  # type: ignore[arg-type]
    except BackdatedCommand:
        assert programme == snapshots[-1], "a refused command changed state"
        raise


class _Recorder:
    """Forwards to the programme, keeping a deep copy of it before every call."""

    def __init__(self, programme: Programme, snapshots: list[Programme]) -> None:
        self._programme = programme
        self._snapshots = snapshots

    def __getattr__(self, name: str) -> object:
        method = getattr(self._programme, name)

        def call(*args: object, **kwargs: object) -> object:
            self._snapshots.append(copy.deepcopy(self._programme))
            return method(*args, **kwargs)

        return call


def test_the_same_moment_and_later_ones_are_accepted() -> None:
    programme = make_world()
    partnership = managed(programme)
    programme.change_access(partnership, Grant.limited({"b-web-1"}), by="carl", at=LATER)
    programme.end(partnership, by="paula", at=LATER + DAY)
    programme.check_invariants()


def test_unrelated_things_keep_their_own_time() -> None:
    programme = make_world()
    managed(programme)
    [sent] = programme.invite(partner="studio", client="cafe", grant=Grant.full(), by="sam", at=START + DAY)
    programme.accept(sent.subject, by="fred", at=START + DAY)


def test_a_tag_command_before_the_tags_latest_change_is_refused() -> None:
    programme = make_world()
    tagging = Tagging(programme)
    [created] = tagging.create("bakery", "Shop", colour=1, by="carl", at=LATER)
    before = copy.deepcopy(tagging)
    for command in (
        lambda: tagging.rename(created.tag, "Store", by="carl", at=LATER - DAY),
        lambda: tagging.recolour(created.tag, 2, by="carl", at=LATER - DAY),
        lambda: tagging.attach(created.tag, "b-web-1", by="carl", at=LATER - DAY),
        lambda: tagging.delete(created.tag, by="carl", at=LATER - DAY),
    ):
        with pytest.raises(BackdatedCommand):
            command()
        assert tagging == before
    tagging.attach(created.tag, "b-web-1", by="carl", at=LATER + DAY)
    with pytest.raises(BackdatedCommand):
        tagging.detach(created.tag, "b-web-1", by="carl", at=LATER)


def test_advancing_an_organisations_clock_refuses_what_is_dated_before_and_changes_nothing_else() -> None:
    programme = make_world()
    programme.advance_to(LATER, organisations=["bakery"])
    programme.check_in_order(LATER, organisations=["bakery", "cafe"])
    programme.check_in_order(START, organisations=["cafe"])
    with pytest.raises(BackdatedCommand):
        programme.check_in_order(LATER - DAY, organisations=["bakery"])
    with pytest.raises(BackdatedCommand):
        programme.add_member("bakery", "fred", Role.USER, by="carl", at=LATER - DAY)
    assert programme.memberships("fred") == {"cafe": Role.LEGAL_REPRESENTATIVE}
    programme.check_invariants()


@pytest.mark.parametrize(
    ("at", "organisations", "error"),
    [
        (START, ["nowhere"], UnknownOrganisation),
        (START, iter(["bakery", "nowhere"]), UnknownOrganisation),  # an iterator is read once, checked whole
        (datetime(2026, 1, 9), ["bakery"], InvalidMoment),
        (START - DAY, ["cafe", "bakery"], BackdatedCommand),
    ],
)
def test_a_refused_advance_leaves_the_programme_as_it_was(
    at: datetime, organisations: Iterable[str], error: type[Exception]
) -> None:
    programme = make_world()
    before = copy.deepcopy(programme)
    with pytest.raises(error):
        programme.advance_to(at, organisations=organisations)
    assert programme == before


# --- an hour lived twice (Europe/Zurich, 25 October 2026: 02:00-03:00 comes twice) --------------------------------

ZURICH = ZoneInfo("Europe/Zurich")
#: 02:45 on the first pass (00:45 UTC), then 02:15 on the second (01:15 UTC): the second is half an hour later.
FIRST_PASS, SECOND_PASS = (
    datetime(2026, 10, 25, 2, 45, tzinfo=ZURICH),
    datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=ZURICH),
)


def test_a_command_on_the_second_pass_of_a_repeated_hour_is_later_than_one_on_the_first() -> None:
    programme = make_world()
    invited(programme, at=FIRST_PASS)
    programme.check_in_order(SECOND_PASS, organisations=["agency", "bakery"])  # later, though its clock reads earlier
    other = make_world()  # and the other way round: the first pass after the second is backdated
    other.advance_to(SECOND_PASS, organisations=["agency"])
    with pytest.raises(BackdatedCommand):
        other.check_in_order(FIRST_PASS, organisations=["agency"])


def test_an_invitation_expires_at_the_instant_it_was_given_not_at_a_wall_clock_reading() -> None:
    """Sent at 02:30 on 10 October, it expires 15 days later at 02:30 on the first pass (00:30 UTC); 02:15 on the
    second pass (01:15 UTC) is after that, though its clock reads earlier."""
    programme = make_world()
    sent = invited(programme, at=datetime(2026, 10, 10, 2, 30, tzinfo=ZURICH))
    assert programme.invitation(sent).expires_at == datetime(2026, 10, 25, 2, 30, tzinfo=ZURICH)
    before = copy.deepcopy(programme)
    with pytest.raises(InvitationExpired):
        programme.accept(sent, by="carl", at=SECOND_PASS)
    assert programme == before
    assert programme.invitation(sent).is_open_at(FIRST_PASS - timedelta(minutes=20))


def test_a_backdated_command_names_what_it_concerns_with_its_id_whole() -> None:
    """The refusal names the thing and its latest moment; an id may itself hold a colon, which is kept."""
    programme = Programme()
    programme.register_person(Person("paula"), at=LATER)
    registered = Organisation(
        id="ch:web-agency", name="Web Agency", country="CH", members={"paula": Role.LEGAL_REPRESENTATIVE}
    )
    programme.register_organisation(registered, at=LATER)
    with pytest.raises(BackdatedCommand) as refused:
        programme.check_in_order(LATER - DAY, organisations=["ch:web-agency"])
    assert (refused.value.subject, refused.value.latest) == ("organisation 'ch:web-agency'", LATER)


@pytest.mark.parametrize(
    "answer",
    [
        lambda p, invitation: p.accept(invitation, by="carl", at=LATER - DAY),
        lambda p, invitation: p.refuse(invitation, by="carl", at=LATER - DAY),
        lambda p, invitation: p.cancel(invitation, by="paula", at=LATER - DAY),
    ],
    ids=["accepting", "refusing", "cancelling"],
)
def test_an_answer_dated_before_the_invitation_was_sent_names_the_invitation(
    answer: Callable[[Programme, str], object],
) -> None:
    """Of the three things an answer concerns, the invitation is the one it cannot precede: the refusal names it, not
    one of the organisations that were sent it the same moment."""
    programme = make_world()
    invitation = invited(programme)
    with pytest.raises(BackdatedCommand) as refused:
        answer(programme, invitation)
    assert (refused.value.subject, refused.value.latest) == (f"invitation {invitation!r}", LATER)
