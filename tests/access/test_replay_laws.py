"""The laws of the replay: the events a programme returned are its whole story.

Random command sequences — the event trail's steps (every command, every kind of event, moments now and then an hour
early) and the reference model's state machine (commands dated up to nine days back, where each thing keeps its own
clock) — are given to a programme that notes every command and event (``recording.Recording``). Then:

1. replaying every event rebuilds a programme equal in every public answer (``recording.answers``: the records,
   memberships, partnerships, invitations, products, ``check_invariants``, and every access decision and order
   outcome for every person × organisation × product);
2. a replayed programme answers every later command as the original does — the same events, or the same refusal —
   so replaying the events of a replayed programme gives the programme again (identity);
3. replaying up to a moment ``t`` equals the programme given exactly the commands dated ≤ t, in their order, each
   invitation and partnership numbered as the original numbered it (one recorded after one dated later keeps its
   number): those commands make the very events of the trail dated ≤ t, the replay never refuses a true trail for
   its order, and it numbers what it issues next after every id of the whole trail, as the original does.

A refused command adds no event (``tests/test_event_trail.py``), so a trail never holds one for the replay to meet.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

from hypothesis import event, given
from hypothesis import strategies as st
from hypothesis.stateful import invariant, rule

from infomanager_core.access import AccessEvent, EventKind, Grant, Programme, examples, replay
from infomanager_core.access.checks import instant
from infomanager_core.errors import InfomanagerError
from tests.test_event_trail import STEPS, access_step

from . import world
from .recording import Call, Recording, outcome, recorded, same_answers
from .test_programme_model import AT_THE_LATEST, EARLY_THEN_NOW, ProgrammeMachine

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
    """Law 3 at ``until``: the replay equals the programme given exactly the commands dated ≤ until, with the ids the
    original gave (read from each command's own events, not from the trail), and numbers next as the original does."""
    alone = Programme()
    made: list[AccessEvent] = []
    kept = False
    for call in original.calls:
        if instant(call.at) <= instant(until) and not call.refused:
            kept |= numbered_as_given(alone, call)
            again = call.again(alone)
            assert not isinstance(again, InfomanagerError), (call, again)
            made += again
    assert made == [change for change in original.trail if instant(change.at) <= instant(until)]
    event(f"as of a moment: {'an id kept that the commands alone would number otherwise' if kept else 'rebuilt'}")
    then = replay(original.trail, until=until)
    same_answers(then, alone)
    assert then._numbered == original._numbered


def numbered_as_given(alone: Programme, call: Call) -> bool:
    """Make ``alone`` number the invitation or partnership ``call`` issues as the original did; whether that left room."""
    left = False
    for change in call.outcome if isinstance(call.outcome, tuple) else ():
        if change.what in (EventKind.INVITATION_SENT, EventKind.PARTNERSHIP_STARTED):
            kind, number = str(change.subject).rsplit("-", 1)
            left |= alone._numbered[kind] < int(number) - 1
            alone._leave_room(kind, int(number) - 1)
    return left


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


#: A legal representative of each organisation of the tests' world, who invites, answers and ends for it.
SIGNS_FOR = {"agency": "paula", "studio": "sam", **world.LEGAL_REPRESENTATIVES}


@given(st.data())
def test_as_of_any_moment_of_a_trail_whose_clocks_interleave_each_id_is_the_one_the_trail_gave(
    data: st.DataObject,
) -> None:
    """Stories of a partner and a client — an invitation, its acceptance, the partnership's end, each dated no earlier
    than the step before — recorded interleaved in any order: one story's late news after another's later news, so
    that an invitation or partnership is often numbered after one dated later (law 3 where it matters most). A step
    another story makes impossible (backdated for an organisation both concern, a client managed already) is refused
    and adds nothing."""
    programme = recorded(world.make_world, world)
    stories = []
    pairs = st.tuples(st.sampled_from(world.PARTNERS), st.sampled_from(world.CLIENTS))
    for partner, client in data.draw(st.lists(pairs, min_size=2, max_size=4, unique=True), label="stories"):
        days = sorted(data.draw(st.lists(st.integers(1, 9), min_size=1, max_size=3), label="days"))
        stories.append([(step, partner, client, world.START + timedelta(days=day)) for step, day in enumerate(days)])
    while stories:
        story = data.draw(st.sampled_from(stories), label="next story told")
        step, partner, client, at = story.pop(0)
        stories = [told for told in stories if told]
        with contextlib.suppress(InfomanagerError):
            if step == 0:
                programme.invite(partner=partner, client=client, grant=Grant.full(), by=SIGNS_FOR[partner], at=at)
            elif step == 1:
                sent = [i.id for i in programme.invitations if (i.partner, i.client) == (partner, client)]
                programme.accept(sent[-1] if sent else "invitation-0", by=SIGNS_FOR[client], at=at)
            elif active := programme.active_partnership(client):
                programme.end(active.id, by=SIGNS_FOR[client], at=at)
    for until in moments_of(programme.trail):  # every moment, each event's and half an hour before it
        if until > world.START:
            as_of(programme, until)


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

    @rule(pick=st.integers(0, 1000), data=st.data(), first=st.sampled_from(world.PARTNERS))
    def late_news_of_another_client_is_recorded_after_later_news(
        self, pick: int, data: st.DataObject, first: str
    ) -> None:
        """A day later one partner invites a client; the other partner's invitation of another client is recorded
        next, dated as early as their clocks allow (before that day), and an auditor asks as of that moment: the
        late invitation keeps its number, one after an invitation dated later (law 3's "an id kept"), which in three
        default runs no example of the random rules reached (a command dated days back only by chance). A client
        still managed is let go first by its legal representative, a minute early (refused), then now."""
        later, earlier = world.CLIENTS[pick % 3], world.CLIENTS[(pick + 1 + pick // 3 % 2) % 3]
        second = next(partner for partner in world.PARTNERS if partner != first)
        for client in (later, earlier):
            for ago in EARLY_THEN_NOW:
                if client in self.model.active:
                    self.end(client, None, False, ago)
        self.time_passes(1)
        self.send_invitation(first, later, data, None, False, 0)
        sent = len(self.programme.trail)
        self.send_invitation(second, earlier, data, None, False, AT_THE_LATEST)
        if len(self.programme.trail) > sent:
            as_of(self.programme, self.programme.trail[-1].at)

    def teardown(self) -> None:
        replayed = replay(self.programme.trail)
        same_answers(replayed, self.programme)
        if self.twin is not None:
            same_answers(self.twin, replayed)


TestReplayAgainstTheModel = ReplayMachine.TestCase
