"""The access area's refusals as a caller catches them: by their documented family, with their data as attributes.

``access/errors.py``: bad input derives from ``InvalidInput`` (an empty limited grant from ``InvalidGrant``, a
backdated command from ``InvalidMoment``); acting without the right to act derives from ``AccessError``. These pin the
error classes' logic, not their message texts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from infomanager_core.access import errors
from infomanager_core.access.decisions import Decision, Reason
from infomanager_core.access.errors import (
    AccessDenied,
    AccessError,
    AlreadyAMember,
    AlreadyRegistered,
    BackdatedCommand,
    ClientAlreadyManaged,
    EmptyLimitedGrant,
    InvalidGrant,
    InvalidMoment,
    InvitationAlreadyUsed,
    InvitationExpired,
    InvitationPending,
    LastLegalRepresentative,
    NotALegalRepresentative,
    NotAManagedClient,
    NotAManager,
    NotAMember,
    NotAPartner,
    NotTheInvitingSide,
    NotTheReceivingSide,
    PartnerCannotChangeGrant,
    PartnershipEnded,
    ProductOfAnotherOrganisation,
    ProductsNotManaged,
    SameOrganisation,
    UnknownInvitation,
    UnknownOrganisation,
    UnknownPartnership,
    UnknownPerson,
    UnknownProduct,
    UnreplayableEvent,
    WrongAccessLevel,
)
from infomanager_core.errors import InfomanagerError, InvalidInput
from tests.error_support import assert_keeps_its_data_even_pickled, errors_defined_in

AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
NO = Decision(allowed=False, reason=Reason("not-a-manager", "only managers export"), facts={"person": "uma"})

#: Each refusal of bad input, with its documented parents and the data it keeps.
BAD_INPUT: list[tuple[InvalidInput, tuple[type, ...], dict[str, Any]]] = [
    (UnknownOrganisation("acme"), (), {"field": "organisation", "value": "acme"}),
    (UnknownOrganisation("acme", "placed_by"), (), {"field": "placed_by", "value": "acme"}),
    (UnknownPerson("uma"), (), {"field": "person", "value": "uma"}),
    (UnknownPerson("uma", "by"), (), {"field": "by", "value": "uma"}),
    (UnknownProduct("web-1"), (), {"field": "product", "value": "web-1"}),
    (UnknownInvitation("invitation-1"), (), {"field": "invitation", "value": "invitation-1"}),
    (UnknownPartnership("partnership-1"), (), {"field": "partnership", "value": "partnership-1"}),
    (AlreadyRegistered("person", "uma"), (), {"field": "person", "value": "uma"}),
    (
        AlreadyAMember("uma", "agency", "user"),
        (AlreadyRegistered,),
        {"field": "person", "value": "uma", "organisation": "agency", "role": "user"},
    ),
    (InvalidGrant("payment_means", "partner", "is only for full access"), (), {"field": "payment_means"}),
    (EmptyLimitedGrant(), (InvalidGrant,), {"field": "products", "value": frozenset()}),
    (InvalidMoment("at", "2026-01-05"), (), {"field": "at", "value": "2026-01-05"}),
    (
        BackdatedCommand("at", AT, "invitation 'invitation-1'", datetime(2026, 1, 6, tzinfo=UTC)),
        (InvalidMoment,),
        {
            "field": "at",
            "value": AT,
            "subject": "invitation 'invitation-1'",
            "latest": datetime(2026, 1, 6, tzinfo=UTC),
        },
    ),
    (SameOrganisation("acme"), (), {"field": "client", "value": "acme"}),
    (
        UnreplayableEvent(3, "not an event", "must be an AccessEvent", refusal=UnknownPerson("uma")),
        (),
        {"field": "events[3]", "value": "not an event", "position": 3, "event": "not an event"},
    ),
    (
        ProductOfAnotherOrganisation("web-1", "acme", "globex"),
        (),
        {"field": "product", "value": "web-1", "organisation": "acme", "owner": "globex"},
    ),
    (
        ProductsNotManaged(["web-3"], "partnership-1"),
        (InvalidGrant,),
        {"field": "products", "value": ["web-3"], "partnership": "partnership-1"},
    ),
]
#: Each refusal of someone acting without the right to act, with the data it keeps.
NOT_ALLOWED: list[tuple[AccessError, dict[str, Any]]] = [
    (
        AccessDenied(NO, action="export clients", person="uma", target="agency"),
        {"decision": NO, "field": "export clients", "value": ("uma", "agency"), "rule": "only managers export"},
    ),
    (NotAMember("uma", "acme"), {"person": "uma", "organisation": "acme"}),
    (NotALegalRepresentative("uma", "acme"), {"person": "uma", "organisation": "acme"}),
    (NotAManager("uma", "acme"), {"person": "uma", "organisation": "acme"}),
    (NotAManagedClient("bakery", "agency"), {"client": "bakery", "partner": "agency"}),
    (NotAPartner("bakery"), {"organisation": "bakery"}),
    (LastLegalRepresentative("acme", "alice"), {"organisation": "acme", "person": "alice"}),
    (ClientAlreadyManaged("bakery", "agency"), {"client": "bakery", "partner": "agency"}),
    (InvitationPending("invitation-1"), {"invitation": "invitation-1"}),
    (InvitationExpired("invitation-1", AT), {"invitation": "invitation-1", "expired_at": AT}),
    (InvitationAlreadyUsed("invitation-1", "accepted"), {"invitation": "invitation-1", "status": "accepted"}),
    (
        NotTheReceivingSide("uma", "invitation-1", "client"),
        {"person": "uma", "invitation": "invitation-1", "side": "client"},
    ),
    (
        NotTheInvitingSide("uma", "invitation-1", "partner"),
        {"person": "uma", "invitation": "invitation-1", "side": "partner"},
    ),
    (PartnerCannotChangeGrant("invitation-1"), {"invitation": "invitation-1"}),
    (PartnershipEnded("partnership-1"), {"partnership": "partnership-1"}),
    (WrongAccessLevel("partnership-1", "full"), {"partnership": "partnership-1", "needed": "full"}),
]


def test_every_error_the_access_area_defines_is_in_one_family_here() -> None:
    assert errors_defined_in(errors) == {
        AccessError,
        *(type(error) for error, _, _ in BAD_INPUT),
        *(type(error) for error, _ in NOT_ALLOWED),
    }


@pytest.mark.parametrize(("error", "parents", "data"), BAD_INPUT, ids=[type(e).__name__ for e, _, _ in BAD_INPUT])
def test_bad_input_is_invalid_input_and_its_documented_parents_keeping_its_data(
    error: InvalidInput, parents: tuple[type, ...], data: dict[str, Any]
) -> None:
    assert all(isinstance(error, family) for family in (InvalidInput, ValueError, InfomanagerError, *parents))
    assert not isinstance(error, AccessError)
    assert_keeps_its_data_even_pickled(error, data)


@pytest.mark.parametrize(("error", "data"), NOT_ALLOWED, ids=[type(error).__name__ for error, _ in NOT_ALLOWED])
def test_acting_without_the_right_to_act_is_an_access_error_keeping_its_data(
    error: AccessError, data: dict[str, Any]
) -> None:
    assert isinstance(error, AccessError)
    assert isinstance(error, InfomanagerError)
    assert not isinstance(error, InvalidInput)
    assert_keeps_its_data_even_pickled(error, data)
