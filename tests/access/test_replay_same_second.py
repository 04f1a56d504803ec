"""``replay(events, until=…)`` keeps the events dated no later than ``until`` compared as instants: within one second,
and across the autumn hour that Zurich's clocks go through twice.

Found by running the laws of the replay (``test_replay_laws.py``) with every command in one wall-clock second, on
both passes of 02:xx on 25 October 2026: the replay was right, but law 3's oracle picked the commands "dated ≤ until"
by Python's comparison of datetimes, which for one time zone compares wall clocks and ignores ``fold`` — so it left
out a command of the first pass whose wall clock reads later than a moment of the second, an hour after it. The
oracle now compares instants as the replay does; these tests hold both to it.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access import Person, replay

from . import world
from .recording import Recording, recorded
from .test_replay_laws import as_of

ZURICH = ZoneInfo("Europe/Zurich")


def first_pass(microseconds: int) -> datetime:
    """02:15:00 and ``microseconds`` on 25 October 2026 in Zurich, summer time (+02:00): the first pass of 02:15."""
    return datetime(2026, 10, 25, 2, 15, 0, microseconds, tzinfo=ZURICH)


def second_pass(microseconds: int) -> datetime:
    """The same wall clock an hour later, in winter time (+01:00): the second pass (``fold=1``)."""
    return first_pass(microseconds).replace(fold=1)


def registered(*people: tuple[str, datetime]) -> Recording:
    """The tests' world, then each person registered at the moment given, in that order."""
    live = recorded(world.make_world, world)
    for name, at in people:
        live.register_person(Person(name, name.title()), at=at)
    return live


def known(live: Recording, until: datetime) -> list[str]:
    """Who of ann and bob the replay as of ``until`` knows."""
    return sorted(person.id for person in replay(live.trail, until=until).people if person.id in ("ann", "bob"))


def test_as_of_a_moment_between_two_commands_of_the_same_second_the_replay_holds_the_first_alone() -> None:
    live = registered(("ann", first_pass(250_000)), ("bob", first_pass(750_000)))
    assert known(live, first_pass(499_999)) == ["ann"]
    assert known(live, first_pass(750_000)) == ["ann", "bob"]
    assert known(live, first_pass(249_999)) == []


def test_as_of_a_moment_of_the_second_pass_a_command_of_the_first_is_kept_though_its_wall_clock_reads_later() -> None:
    """Ann is registered at 02:15:00.000010 summer time, Bob at 02:15:00.000005 winter time, an hour later."""
    live = registered(("ann", first_pass(10)), ("bob", second_pass(5)))
    assert known(live, second_pass(7)) == ["ann", "bob"]
    assert known(live, second_pass(4)) == ["ann"]
    assert known(live, first_pass(20)) == ["ann"]
    assert known(live, first_pass(5)) == []


@given(st.data())
def test_as_of_any_moment_around_the_repeated_hour_the_replay_is_the_commands_dated_no_later(
    data: st.DataObject,
) -> None:
    """Law 3 of the replay (``as_of``) for people registered on either pass of the repeated hour, a few microseconds
    apart, and moments drawn on either pass: its oracle picks the commands as instants, as the replay does."""
    passes = st.sampled_from((first_pass, second_pass))
    people = data.draw(st.lists(st.tuples(passes, st.integers(0, 20)), min_size=1, max_size=4), label="registered")
    moments = sorted((when(microseconds) for when, microseconds in people), key=lambda at: at.timestamp())
    live = registered(*((f"person-{n}", at) for n, at in enumerate(moments)))
    when, microseconds = data.draw(st.tuples(passes, st.integers(0, 21)), label="until")
    as_of(live, when(microseconds))
