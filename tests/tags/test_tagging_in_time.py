"""Tag commands are decided on the access programme as it stands, so they may not be dated before the programme's
latest moment of the organisations that decide them (the tag's organisation and, for partner staff, the partner); and
once recorded, they move those organisations' clocks, so no access change can be dated before them. An audit log of
tag events therefore never shows a tag action at a moment its author had no access."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core import InfomanagerError
from infomanager_core.access import AccessDenied, BackdatedCommand, Grant, Programme, Role
from infomanager_core.tags import (
    DuplicateTagName,
    EmptyTagName,
    TagEventKind,
    Tagging,
    TagNameTooLong,
    UnknownColour,
    can_create_tags,
    can_tag_product,
)
from tests.access.world import START, make_world, managed_world

HOUR = timedelta(hours=1)
EARLY, GRANTED, LATE = START + HOUR, START + 2 * HOUR, START + 3 * HOUR


def limited_to_web_1() -> tuple[Programme, Tagging, str]:
    """The agency manages the bakery's b-web-1 only; uma is assigned the bakery; carl made tag 'Shop' at START."""
    programme = managed_world({"bakery": Grant.limited({"b-web-1"})}, (("uma", "bakery"),))
    tagging = Tagging(programme)
    [created] = tagging.create("bakery", "Shop", colour=1, by="carl", at=START)
    return programme, tagging, created.tag


def assert_refused_and_unchanged(programme: Programme, tagging: Tagging, command: object) -> BackdatedCommand:
    programme_before, tagging_before = copy.deepcopy(programme), copy.deepcopy(tagging)
    with pytest.raises(BackdatedCommand) as raised:
        command()  # type: ignore[operator]
    assert programme == programme_before
    assert tagging == tagging_before
    return raised.value


def test_a_tag_put_on_a_product_before_the_person_gained_access_to_it_is_refused() -> None:
    programme, tagging, shop = limited_to_web_1()
    programme.add_managed_products("partnership-1", ["b-web-2"], by="carl", at=GRANTED)
    refused = assert_refused_and_unchanged(
        programme, tagging, lambda: tagging.attach(shop, "b-web-2", by="uma", at=EARLY)
    )
    assert (refused.subject, refused.latest, refused.value) == ("organisation 'bakery'", GRANTED, EARLY)
    [attached] = tagging.attach(shop, "b-web-2", by="uma", at=GRANTED)
    assert attached.at == GRANTED


def test_a_tag_created_before_the_partner_user_was_assigned_the_client_is_refused() -> None:
    programme, tagging, _ = limited_to_web_1()
    programme.assign_client(partner="agency", client="bakery", person="ulla", by="adam", at=GRANTED)
    assert_refused_and_unchanged(
        programme, tagging, lambda: tagging.create("bakery", "Ulla's", colour=0, by="ulla", at=EARLY)
    )


def test_after_access_is_revoked_a_tag_action_is_refused_whatever_moment_it_is_dated() -> None:
    """Who may act is read from the programme as it stands: once the partnership ended, uma is denied, and a detach
    dated before the end cannot be slipped in afterwards either (the programme has moved past that moment)."""
    programme, tagging, shop = limited_to_web_1()
    tagging.attach(shop, "b-web-1", by="uma", at=START)
    programme.end("partnership-1", by="carl", at=GRANTED)
    programme_before, tagging_before = copy.deepcopy(programme), copy.deepcopy(tagging)
    for at in (LATE, EARLY):
        with pytest.raises(AccessDenied):
            tagging.detach(shop, "b-web-1", by="uma", at=at)
    assert (programme, tagging) == (programme_before, tagging_before)
    assert_refused_and_unchanged(programme, tagging, lambda: tagging.detach(shop, "b-web-1", by="carl", at=EARLY))


def test_access_cannot_be_revoked_before_a_tag_event_it_allowed() -> None:
    programme, tagging, shop = limited_to_web_1()
    tagging.attach(shop, "b-web-1", by="uma", at=LATE)
    for revoke in (
        lambda: programme.end("partnership-1", by="carl", at=GRANTED),
        lambda: programme.unassign_client(partner="agency", client="bakery", person="uma", by="adam", at=GRANTED),
        lambda: programme.remove_member("agency", "uma", by="paula", at=GRANTED),
    ):
        refused = assert_refused_and_unchanged(programme, tagging, revoke)
        assert refused.latest == LATE
    programme.end("partnership-1", by="carl", at=LATE)


def test_every_kind_of_tag_command_is_held_to_the_programmes_moments() -> None:
    programme, tagging, shop = limited_to_web_1()
    programme.change_role("bakery", "cleo", Role.ADMINISTRATOR, by="carl", at=GRANTED)
    for command in (
        lambda: tagging.create("bakery", "Other", colour=0, by="carl", at=EARLY),
        lambda: tagging.rename(shop, "Store", by="carl", at=EARLY),
        lambda: tagging.recolour(shop, 2, by="carl", at=EARLY),
        lambda: tagging.attach(shop, "b-web-1", by="carl", at=EARLY),
        lambda: tagging.detach(shop, "b-web-1", by="carl", at=EARLY),
        lambda: tagging.delete(shop, by="carl", at=EARLY),
    ):
        assert_refused_and_unchanged(programme, tagging, command)


def test_the_programmes_latest_moment_itself_is_in_time() -> None:
    programme, tagging, shop = limited_to_web_1()
    programme.add_managed_products("partnership-1", ["b-web-2"], by="carl", at=GRANTED)
    tagging.attach(shop, "b-web-2", by="uma", at=GRANTED)
    tagging.check_invariants()


def test_a_member_is_not_held_back_by_the_partners_dealings_with_other_clients() -> None:
    programme, tagging, shop = limited_to_web_1()
    programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=GRANTED)
    tagging.attach(shop, "b-web-2", by="carl", at=EARLY)
    refused = assert_refused_and_unchanged(
        programme, tagging, lambda: tagging.attach(shop, "b-web-1", by="uma", at=EARLY)
    )
    assert refused.subject == "organisation 'agency'"


def test_another_organisations_later_news_does_not_hold_back_the_tags() -> None:
    programme, tagging, shop = limited_to_web_1()
    programme.add_member("cafe", "sue", Role.USER, by="fred", at=LATE)
    tagging.attach(shop, "b-web-1", by="uma", at=EARLY)


def test_a_tag_command_before_the_organisation_was_registered_is_refused() -> None:
    programme = make_world()
    tagging = Tagging(programme)
    with pytest.raises(BackdatedCommand, match="the latest moment of organisation 'bakery'"):
        tagging.create("bakery", "Shop", colour=0, by="carl", at=START - HOUR)


# -- the law, over random histories -------------------------------------------------------------------------------

GRANTS = (Grant.limited({"b-web-1"}), Grant.limited({"b-web-1", "b-web-2"}), Grant.full())

programme_steps = st.one_of(
    st.tuples(st.just("grant"), st.sampled_from(GRANTS)),
    st.tuples(st.sampled_from(["assign", "unassign", "end", "restart"]), st.just(None)),
)
tag_steps = st.tuples(
    st.sampled_from(["attach", "detach", "create"]),
    st.tuples(st.sampled_from(["uma", "ulla", "carl"]), st.sampled_from(["b-web-1", "b-web-2", "b-mail-1"])),
)


@given(st.lists(st.tuples(st.one_of(programme_steps, tag_steps), st.integers(0, 3)), max_size=12))
@example([(("grant", GRANTS[1]), 1), (("attach", ("uma", "b-web-2")), 0)])  # tagged before access was granted
@example([(("attach", ("uma", "b-web-1")), 0), (("unassign", None), 0)])  # access revoked before a tag it allowed
def test_no_tag_event_is_ever_recorded_at_a_moment_its_author_had_no_access(
    steps: list[tuple[tuple[str, object], int]],
) -> None:
    """Programme changes happen on even hours, tag commands on odd hours, in any order; replaying the programme's
    history, every recorded tag event was allowed by the programme as it stood at the event's moment."""
    programme, tagging, shop = limited_to_web_1()
    history: list[tuple[datetime, Programme]] = [(START, copy.deepcopy(programme))]
    events = []
    names = iter(range(100))
    for (kind, argument), hours in steps:
        try:
            if kind in ("attach", "detach", "create"):
                by, product = argument  # type: ignore[misc]
                at = START + (2 * hours + 1) * HOUR
                if kind == "create":
                    events += tagging.create("bakery", f"tag {next(names)}", colour=0, by=by, at=at)
                else:
                    events += getattr(tagging, kind)(shop, product, by=by, at=at)
            else:
                at = START + 2 * hours * HOUR
                if _change_programme(programme, kind, argument, at):
                    history.append((at, copy.deepcopy(programme)))
        except InfomanagerError:
            pass
    for event in events:
        standing = [state for moment, state in history if moment <= event.at][-1]
        if event.what is TagEventKind.CREATED:
            assert can_create_tags(standing, event.by, "bakery").allowed
        else:
            assert can_tag_product(standing, event.by, event.product).allowed


def _change_programme(programme: Programme, kind: str, grant: object, at: datetime) -> bool:
    """Apply one access change at ``at``; whether anything changed."""
    active = programme.active_partnership("bakery")
    if kind == "restart":
        [sent] = programme.invite(partner="agency", client="bakery", grant=GRANTS[0], by="paula", at=at)
        return bool(programme.accept(sent.subject, by="carl", at=at))
    if active is None:
        return False
    if kind == "grant":
        return bool(programme.change_access(active.id, grant, by="carl", at=at))  # type: ignore[arg-type]
    if kind == "end":
        return bool(programme.end(active.id, by="carl", at=at))
    command = programme.assign_client if kind == "assign" else programme.unassign_client
    return bool(command(partner="agency", client="bakery", person="uma", by="adam", at=at))


def test_a_tag_change_on_the_second_pass_of_a_repeated_hour_follows_one_on_the_first() -> None:
    """Europe/Zurich lives 02:00-03:00 twice on 25 October 2026: 02:15 on the second pass is half an hour after 02:45
    on the first, so the rename is in time and the recolour before it is not."""
    zurich = ZoneInfo("Europe/Zurich")
    first_pass = datetime(2026, 10, 25, 2, 45, tzinfo=zurich)
    second_pass = datetime(2026, 10, 25, 2, 15, fold=1, tzinfo=zurich)
    programme, tagging, shop = limited_to_web_1()
    tagging.recolour(shop, 2, by="carl", at=first_pass)
    [renamed] = tagging.rename(shop, "Online shop", by="carl", at=second_pass)
    assert renamed.at == second_pass
    assert_refused_and_unchanged(programme, tagging, lambda: tagging.recolour(shop, 3, by="carl", at=first_pass))


def uma_s_tag_on_web_1() -> tuple[Programme, Tagging, str]:
    """As :func:`limited_to_web_1`, plus a tag 'Mine' uma made and put on b-web-1 at START."""
    programme, tagging, _ = limited_to_web_1()
    [created] = tagging.create("bakery", "Mine", colour=1, by="uma", at=START)
    tagging.attach(created.tag, "b-web-1", by="uma", at=START)
    return programme, tagging, created.tag


#: each kind of tag command, done by partner staff (uma) on her own tag at ``at``
UMA_S_COMMANDS = {
    "create": lambda tagging, mine, at: tagging.create("bakery", "Other", colour=0, by="uma", at=at),
    "rename": lambda tagging, mine, at: tagging.rename(mine, "Renamed", by="uma", at=at),
    "recolour": lambda tagging, mine, at: tagging.recolour(mine, 5, by="uma", at=at),
    "attach": lambda tagging, mine, at: tagging.attach(mine, "b-web-1", by="uma", at=at),
    "detach": lambda tagging, mine, at: tagging.detach(mine, "b-web-1", by="uma", at=at),
    "delete": lambda tagging, mine, at: tagging.delete(mine, by="uma", at=at),
}


def uma_did(kind: str) -> tuple[Programme, Tagging, str]:
    """uma's tag on web-1, then her command of ``kind`` on it at ``LATE`` (an attach after the tag was detached)."""
    programme, tagging, mine = uma_s_tag_on_web_1()
    if kind == "attach":
        tagging.detach(mine, "b-web-1", by="uma", at=START)
    assert UMA_S_COMMANDS[kind](tagging, mine, LATE)
    return programme, tagging, mine


@pytest.mark.parametrize("kind", sorted(UMA_S_COMMANDS))
def test_each_kind_of_recorded_tag_command_moves_the_clocks_of_the_client_and_of_the_partner(kind: str) -> None:
    programme, tagging, _ = uma_did(kind)
    for revoke in (
        lambda: programme.end("partnership-1", by="carl", at=GRANTED),  # the client's clock
        lambda: programme.remove_member("agency", "uma", by="paula", at=GRANTED),  # the partner's clock
    ):
        refused = assert_refused_and_unchanged(programme, tagging, revoke)
        assert refused.latest == LATE


@pytest.mark.parametrize("kind", sorted(set(UMA_S_COMMANDS) - {"create", "delete"}))
def test_a_command_on_a_tag_dated_before_its_latest_change_is_refused_naming_the_tag(kind: str) -> None:
    programme, tagging, mine = uma_did(kind)
    refused = assert_refused_and_unchanged(programme, tagging, lambda: tagging.recolour(mine, 7, by="carl", at=GRANTED))
    assert (refused.subject, refused.latest, refused.value) == (f"tag {mine!r}", LATE, GRANTED)


#: each command on an existing tag, by the client's legal representative at ``at``
CARL_S_COMMANDS = {
    "rename": lambda tagging, tag, at: tagging.rename(tag, "Store", by="carl", at=at),
    "recolour": lambda tagging, tag, at: tagging.recolour(tag, 7, by="carl", at=at),
    "attach": lambda tagging, tag, at: tagging.attach(tag, "b-web-2", by="carl", at=at),
    "detach": lambda tagging, tag, at: tagging.detach(tag, "b-web-1", by="carl", at=at),
    "delete": lambda tagging, tag, at: tagging.delete(tag, by="carl", at=at),
}


@pytest.mark.parametrize("kind", sorted(CARL_S_COMMANDS))
def test_every_command_on_a_tag_is_held_to_the_tag_s_latest_change_and_says_so(kind: str) -> None:
    programme, tagging, mine = uma_s_tag_on_web_1()
    tagging.recolour(mine, 3, by="uma", at=LATE)
    refused = assert_refused_and_unchanged(programme, tagging, lambda: CARL_S_COMMANDS[kind](tagging, mine, GRANTED))
    assert (refused.subject, refused.latest, refused.value) == (f"tag {mine!r}", LATE, GRANTED)


@pytest.mark.parametrize(
    ("command", "error"),
    [
        (lambda tagging, mine: tagging.create("bakery", " ", colour=0, by="carl", at=GRANTED), EmptyTagName),
        (lambda tagging, mine: tagging.create("bakery", "Other", colour=10, by="carl", at=GRANTED), UnknownColour),
        (lambda tagging, mine: tagging.rename(mine, " ", by="carl", at=GRANTED), EmptyTagName),
        (lambda tagging, mine: tagging.rename(mine, "x" * 33, by="carl", at=GRANTED), TagNameTooLong),
        (lambda tagging, mine: tagging.recolour(mine, -1, by="carl", at=GRANTED), UnknownColour),
    ],
    ids=["create name", "create colour", "rename empty", "rename long", "recolour"],
)
def test_a_bad_name_or_colour_is_refused_as_such_even_when_the_command_is_also_backdated(
    command: Callable[[Tagging, str], object], error: type[InfomanagerError]
) -> None:
    """Arguments are checked before the moment is held to the clocks, in every command that takes one."""
    programme, tagging, mine = uma_s_tag_on_web_1()
    tagging.recolour(mine, 3, by="uma", at=LATE)
    programme_before, tagging_before = copy.deepcopy(programme), copy.deepcopy(tagging)
    with pytest.raises(error):
        command(tagging, mine)
    assert (programme, tagging) == (programme_before, tagging_before)


def test_a_backdated_command_to_a_name_already_taken_is_refused_as_backdated_whether_it_creates_or_renames() -> None:
    """The clocks come before what the tagging holds (a name taken), as in the ledger a date comes before a balance:
    a backdated create to a taken name was refused as a duplicate, the same rename as backdated (review103)."""
    programme, tagging, _ = uma_s_tag_on_web_1()  # uma's tag, named "Mine"
    [other] = tagging.create("bakery", "Other", colour=2, by="carl", at=LATE)
    create = assert_refused_and_unchanged(
        programme, tagging, lambda: tagging.create("bakery", "mine", colour=0, by="carl", at=GRANTED)
    )
    assert (create.value, create.latest) == (GRANTED, LATE)
    rename = assert_refused_and_unchanged(
        programme, tagging, lambda: tagging.rename(other.tag, "mine", by="carl", at=GRANTED)
    )
    assert (rename.subject, rename.value) == (f"tag {other.tag!r}", GRANTED)
    with pytest.raises(DuplicateTagName):  # dated in order, the name taken is what is wrong
        tagging.create("bakery", "mine", colour=0, by="carl", at=LATE)
