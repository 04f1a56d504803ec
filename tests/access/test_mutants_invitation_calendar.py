"""An invitation sent so late that its validity would outlive the calendar, where mutation testing found that the
refusal's rule could be emptied without a test noticing (the sweep's test read only the field): it says why.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import Grant
from infomanager_core.access.examples import example_programme


def test_an_invitation_that_would_expire_past_the_calendar_is_refused_saying_why() -> None:
    last = datetime.max.replace(tzinfo=UTC)
    with pytest.raises(InvalidInput) as raised:
        example_programme().invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=last)
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "at",
        last,
        "leaves no room for the invitation's validity before the end of the calendar",
    )
