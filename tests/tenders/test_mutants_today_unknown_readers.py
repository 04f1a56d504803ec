"""A board's listing of an unknown organisation is refused, naming the parameter, rather than answered with nothing:
an empty tuple would tell a panel that the client has no calls, or the partner no proposals, when the id is a typo."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infomanager_core.access import UnknownOrganisation
from infomanager_core.tenders import TenderBoard

from .support import assert_refused_and_unchanged, board, submit

READERS: dict[str, tuple[str, Callable[[TenderBoard, str], object]]] = {
    "calls_of": ("client", lambda on, client: on.calls_of(client)),
    "proposals_by": ("partner", lambda on, partner: on.proposals_by(partner)),
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_listing_of_an_unknown_organisation_is_refused_naming_its_parameter(reader: str) -> None:
    field, read = READERS[reader]
    on = board()
    submit(on)
    refused = assert_refused_and_unchanged(on, lambda: read(on, "ghost"), UnknownOrganisation)
    assert refused.field == field  # type: ignore[attr-defined]
    assert str(refused) == f"{field}: 'ghost' is not a known organisation"


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_listing_of_a_known_organisation_with_nothing_in_it_is_empty(reader: str) -> None:
    _, read = READERS[reader]
    on = board()
    assert read(on, "cafe" if reader == "calls_of" else "studio") == ()
