"""The laws of the replay: the events a programme returned are its whole story.

Random command sequences — the event trail's steps (every command, every kind of event, moments now and then an hour
early) and the reference model's state machine (commands dated up to nine days back, where each thing keeps its own
clock) — are given to a programme that notes every command and event (``recording.Recording``). Then:

1. replaying every event rebuilds a programme equal in every public answer (``recording.answers``: the records,
   memberships, partnerships, invitations, products, ``check_invariants``, and every access decision and order
   outcome for every person × organisation × product);
2. a replayed programme answers every later command as the original does — the same events, or the same refusal —
   so replaying the events of a replayed programme gives the programme again (identity);
3. replaying up to a moment ``t`` equals the programme given exactly the commands dated ≤ t, in their order; where
   those commands, given alone, would not make the very events recorded (an invitation recorded after one dated
   later takes another number), the replay refuses with ``UnreplayableEvent`` rather than answer for another trail.

A refused command adds no event (``tests/test_event_trail.py``), so a trail never holds one for the replay to meet.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule

from infomanager_core.access import AccessEvent, Programme, UnreplayableEvent, examples, replay
from infomanager_core.errors import InfomanagerError
from tests.test_event_trail import STEPS, access_step

from . import world
from .recording import Call, Recording, outcome, recorded, same_answers
from .test_programme_model import ProgrammeMachine

#: Steps given after the replay, to see the replayed programme continue as the original.
LATER_STEPS = 6


def continues_alike(twin: Programme, calls: list[Call]) -> list[AccessEvent]:
    """Give ``twin`` the ``calls`` the original was given since it was replayed: each must come out the same."""
    made: list[AccessEvent] = []
    for call in calls:
        again = call.again(twin)
        assert outcome(again) == outcome(call.outcome), call
        if not isinstance(again, InfomanagerError):
            made += again
    return made


def as_of(original: Recording, until: datetime) -> None:
    """Law 3 at ``until``: the replay equals the programme given exactly the commands dated ≤ until — or, where those
    commands alone make another trail than the one recorded, refuses."""
    alone = Programme()
    made = [call.again(alone) for call in original.calls if call.at <= until and not call.refused]
    dated = [change for change in original.trail if change.at <= until]
    events = [change for result in made if not isinstance(result, InfomanagerError) for change in result]
    if events != dated or any(isinstance(result, InfomanagerError) for result in made):
        event("as of a moment: the commands alone make another trail, and the replay refuses")
        with pytest.raises(UnreplayableEvent):
            replay(original.trail, until=until)
        return
    event("as of a moment: rebuilt")
    same_answers(replay(original.trail, until=until), alone)


def moments_of(trail: list[AccessEvent]) -> list[datetime]:
    """Each moment of the trail, and a moment half an hour before each."""
    moments = {change.at for change in trail}
    return sorted(moments | {moment - timedelta(minutes=30) for moment in moments})


def run_steps(data: st.DataObject, programme: Recording, steps: range) -> None:
    """The event trail's random steps, each done or refused (``programme`` notes both)."""
    for n in steps:
        with contextlib.suppress(InfomanagerError):
            access_step(data, programme, n).run()


@given(st.data())
def test_a_random_trail_replays_into_the_programme_which_continues_as_the_original(data: st.DataObject) -> None:
    programme = recorded(examples.example_programme, examples)
    run_steps(data, programme, range(STEPS))
    trail = list(programme.trail)
    twin = replay(trail)
    same_answers(twin, programme)  # law 1
    replayed_at = len(programme.calls)
    run_steps(data, programme, range(STEPS, STEPS + LATER_STEPS))
    made = continues_alike(twin, programme.calls[replayed_at:])  # law 2
    assert trail + made == programme.trail
    same_answers(replay(trail + made), twin)
    moments = moments_of(programme.trail)
    for _ in range(3):  # law 3
        as_of(programme, data.draw(st.sampled_from(moments), label="until"))


class ReplayMachine(ProgrammeMachine):
    """The reference model's machine, its programme recorded; an auditor replays it at any step and any moment."""

    def __init__(self) -> None:
        super().__init__()
        self.programme = recorded(world.make_world, world)
        self.twin: Programme | None = None
        self.mirrored = 0

    def every_decision_agrees_with_the_model(self) -> None:
        """Not checked again here: the model's own machine does, and the laws of the replay cost their own time."""

    @rule()
    def an_auditor_rebuilds_the_programme(self) -> None:
        if self.twin is None:
            self.twin = replay(self.programme.trail)
            self.mirrored = len(self.programme.calls)

    @invariant()
    def the_rebuilt_programme_answers_every_later_command_alike(self) -> None:
        if self.twin is not None:
            continues_alike(self.twin, self.programme.calls[self.mirrored :])
            self.mirrored = len(self.programme.calls)

    @rule(pick=st.integers(0, 1000))
    def an_auditor_asks_as_of_a_moment(self, pick: int) -> None:
        moments = moments_of(self.programme.trail)
        as_of(self.programme, moments[pick % len(moments)])

    def teardown(self) -> None:
        replayed = replay(self.programme.trail)
        same_answers(replayed, self.programme)
        if self.twin is not None:
            same_answers(self.twin, replayed)


TestReplayAgainstTheModel = ReplayMachine.TestCase
