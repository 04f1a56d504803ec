"""A tag's clock at the calendar's edges: a tag command is in order exactly when its instant is not earlier than the
tag's latest, whatever zones write the two moments (Zurich's repeated hour included)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core.access import BackdatedCommand, Grant
from infomanager_core.tags import Tagging
from tests import strategies as s
from tests.access.world import managed_world

HALF_HOUR = timedelta(minutes=30)
FIRST_PASS = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)  # 02:45 in Zurich, a quarter of an hour before clocks go back


@given(moment=s.edge_instants(), shift=s.shifts(), zones=st.tuples(s.writing_zones(), s.writing_zones()))
@example(moment=FIRST_PASS, shift=HALF_HOUR, zones=(s.ZURICH, s.ZURICH))  # 02:45, then 02:15 on the second pass
@example(moment=FIRST_PASS + HALF_HOUR, shift=-HALF_HOUR, zones=(s.ZURICH, s.ZURICH))  # the other way round
def test_a_tag_command_is_in_order_exactly_when_its_instant_is_not_earlier_than_the_tag_s_latest(
    moment: datetime, shift: timedelta, zones: tuple[tzinfo, tzinfo]
) -> None:
    tagging = Tagging(managed_world({"bakery": Grant.full()}))
    [created] = tagging.create("bakery", "Shop", colour=1, by="carl", at=moment.astimezone(zones[0]))
    renamed_at = (moment + shift).astimezone(zones[1])
    if shift < timedelta(0):
        with pytest.raises(BackdatedCommand):
            tagging.rename(created.tag, "Boutique", by="carl", at=renamed_at)
    else:
        tagging.rename(created.tag, "Boutique", by="carl", at=renamed_at)
        assert tagging.tag(created.tag).name == "Boutique"
