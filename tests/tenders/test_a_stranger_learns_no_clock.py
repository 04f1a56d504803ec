"""A command naming someone who may not act for the organisation is refused for that, before its moment is compared
with the programme's clock of the organisation: a stranger, or a name nobody holds, learns nothing of when the
organisation last acted (``NotAMember`` or ``UnknownPerson``, never ``BackdatedCommand``)."""

from __future__ import annotations

import pytest

from infomanager_core.access import NotAMember, UnknownPerson
from tests.tenders.support import START, assert_refused_and_unchanged, contact
from tests.tenders.test_who_acts_in_time import COMMANDS, NAMES, TUESDAY

#: Someone of the other side: a member of the programme, but not of the organisation acting.
STRANGER = {"bakery": "paula", "agency": "carl"}


@pytest.mark.parametrize(("who", "refusal"), [("stranger", NotAMember), ("ghost", UnknownPerson)])
@pytest.mark.parametrize("name", NAMES)
def test_a_command_dated_before_the_organisation_s_clock_by_someone_who_may_not_act_is_refused_as_such(
    name: str, who: str, refusal: type[Exception]
) -> None:
    make, command, _, organisation = COMMANDS[name]
    tenders = make()
    tenders.access.advance_to(TUESDAY, organisations=[organisation])
    by = STRANGER[organisation] if who == "stranger" else "ghost"
    if name == "cancel":  # the call is submitted in the command: here before it, so that only the cancel is refused
        token = tenders.submit("bakery", title="Shop", description="Bread.", contact=contact(), at=START).token
        assert_refused_and_unchanged(tenders, lambda: tenders.cancel(token, by=by, at=START), refusal)
        return
    assert_refused_and_unchanged(tenders, lambda: command(tenders, by, START), refusal)
