"""Events are facts (every area's ``events`` module): frozen, stated by keyword, with nothing optional made up.

An event stated by position would let a change of field order silently swap ``by`` and ``subject``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs
import pytest

from infomanager_core.access.events import AccessEvent, EventKind
from infomanager_core.notifications.events import PreferenceEvent, PreferenceEventKind
from infomanager_core.security.events import SecurityEvent, SecurityEventKind
from infomanager_core.tags.events import TagEvent, TagEventKind
from infomanager_core.tenders.events import TenderEvent, TenderEventKind

AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)

#: Each area's event class with the fields an event must state; every other field is optional.
REQUIRED: dict[type, dict[str, Any]] = {
    AccessEvent: {"what": EventKind.MEMBER_ADDED, "by": "paula", "at": AT, "subject": "agency"},
    PreferenceEvent: {"what": PreferenceEventKind.DUE_DATE_CHANGED, "by": "paula", "at": AT, "organisation": "agency"},
    SecurityEvent: {"what": SecurityEventKind.PROCEDURE_STARTED, "account": "carl", "at": AT, "by": "carl"},
    TagEvent: {"what": TagEventKind.DELETED, "by": "paula", "at": AT, "organisation": "agency", "tag": "vip"},
    TenderEvent: {"what": TenderEventKind.SUBMITTED, "at": AT, "organisation": "bakery"},
}
#: What an optional field holds when the command that made the event did not set it.
UNSET: dict[type, dict[str, Any]] = {
    AccessEvent: {"before": None, "after": None, "notify": frozenset(), "organisation": None, "cause": None},
    PreferenceEvent: {"product": None, "before": None, "after": None},
    SecurityEvent: {"subject": None, "detail": None, "before": None, "after": None},
    TagEvent: {"product": None, "before": None, "after": None},
    TenderEvent: {"by": None, "call": None, "proposal": None, "recipient": None, "excerpt": None},
}
EVENTS = pytest.mark.parametrize("event_class", list(REQUIRED), ids=lambda cls: cls.__name__)


@EVENTS
def test_an_event_states_its_required_fields_and_leaves_the_others_unset(event_class: type) -> None:
    event = event_class(**REQUIRED[event_class])
    assert attrs.asdict(event, recurse=False) == {**REQUIRED[event_class], **UNSET[event_class]}


@EVENTS
def test_an_event_is_stated_by_keyword_only(event_class: type) -> None:
    with pytest.raises(TypeError):
        event_class(*REQUIRED[event_class].values())


@EVENTS
def test_an_event_is_never_edited(event_class: type) -> None:
    event = event_class(**REQUIRED[event_class])
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.at = datetime(2027, 1, 1, tzinfo=UTC)
    assert event == event_class(**REQUIRED[event_class])
