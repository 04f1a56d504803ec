"""What the tender tests share: the access world's organisations, a board on them, and strategies for call texts."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from datetime import timedelta

import pytest
from hypothesis import strategies as st

from infomanager_core import InfomanagerError
from infomanager_core.tenders import Confirmation, Contact, TenderBoard, TenderRules
from infomanager_core.text import trimmed
from tests.access.world import CLIENTS, PARTNERS, START, make_world

__all__ = [
    "CLIENTS",
    "ORGANISATIONS",
    "PARTNERS",
    "START",
    "assert_refused_and_unchanged",
    "board",
    "contact",
    "descriptions",
    "submit",
    "titles",
]

ORGANISATIONS = (*PARTNERS, *CLIENTS)
HOUR = timedelta(hours=1)


def board(rules: TenderRules | None = None, opted_in: tuple[str, ...] = ("agency",)) -> TenderBoard:
    """A board on the access world (partners agency and studio; clients bakery, dental, cafe), ``opted_in`` at START."""
    made = TenderBoard(make_world(), rules=rules or TenderRules())
    for partner in opted_in:
        made.opt_in(partner, at=START)
    return made


def contact(client: str = "bakery") -> Contact:
    return Contact(name=client.title(), email=f"boss@{client}.example", phone="+41 21 555 01 23")


def submit(on: TenderBoard, client: str = "bakery", *, at: object = START, title: str = "New website") -> Confirmation:
    return on.submit(client, title=title, description="We sell bread.\nWe need a shop.", contact=contact(client), at=at)  # type: ignore[arg-type]


def assert_refused_and_unchanged(
    on: TenderBoard, command: Callable[[], object], error: type[InfomanagerError]
) -> InfomanagerError:
    """``command`` raises ``error`` and leaves the board — and the programme it reads — exactly as it was."""
    before = copy.deepcopy(on)
    state = pickle.dumps(on)
    with pytest.raises(error) as raised:
        command()
    assert on == before
    assert pickle.dumps(on) == state
    return raised.value


_words = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "M")), min_size=1, max_size=12)
titles = st.lists(_words, min_size=1, max_size=6).map(" ".join).filter(lambda title: trimmed(title) != "")
descriptions = st.lists(titles, min_size=1, max_size=5).map("\n".join)
