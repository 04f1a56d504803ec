"""A tag's clock at the calendar's edges: a tag command is in order exactly when its instant is not earlier than the
tag's latest, whatever zones write the two moments (Zurich's repeated hour included)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access import BackdatedCommand, Grant
from infomanager_core.tags import Tagging
from tests import strategies as s
from tests.access.world import managed_world


@given(data=st.data(), moment=s.edge_instants(), shift=st.integers(-2, 2).map(lambda n: n * timedelta(seconds=1)))
def test_a_tag_command_is_in_order_exactly_when_its_instant_is_not_earlier_than_the_tag_s_latest(
    data: st.DataObject, moment: datetime, shift: timedelta
) -> None:
    tagging = Tagging(managed_world({"bakery": Grant.full()}))
    at = data.draw(s.written_in_any_zone(moment), label="created at")
    [created] = tagging.create("bakery", "Shop", colour=1, by="carl", at=at)
    renamed_at = data.draw(s.written_in_any_zone(moment + shift), label="renamed at")
    if shift < timedelta(0):
        with pytest.raises(BackdatedCommand):
            tagging.rename(created.tag, "Boutique", by="carl", at=renamed_at)
    else:
        tagging.rename(created.tag, "Boutique", by="carl", at=renamed_at)
        assert tagging.tag(created.tag).name == "Boutique"
