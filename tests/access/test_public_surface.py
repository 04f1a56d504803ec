"""The access and tags public surfaces are deliberate: pinned here, so a change to either is a visible decision."""

from __future__ import annotations

import infomanager_core.access as access
import infomanager_core.tags as tags
from infomanager_core import InfomanagerError, InvalidInput
from infomanager_core.access import errors as access_errors
from infomanager_core.adapters import clients_csv, spreadsheet
from infomanager_core.tags import errors as tag_errors


def test_the_access_package_exports_exactly_these_names() -> None:
    assert access.__all__ == [
        "BILLING_CURRENCY_BY_COUNTRY",
        "DEFAULT_INVITATION_VALIDITY",
        "AccessDenied",
        "AccessError",
        "AccessEvent",
        "AccessLevel",
        "AlreadyAMember",
        "AlreadyRegistered",
        "BackdatedCommand",
        "ClientAlreadyManaged",
        "Decision",
        "Direction",
        "EmptyLimitedGrant",
        "EventKind",
        "Grant",
        "GrantDifference",
        "HeldProduct",
        "InvalidGrant",
        "InvalidMoment",
        "Invitation",
        "InvitationAlreadyUsed",
        "InvitationExpired",
        "InvitationPending",
        "InvitationStatus",
        "LastLegalRepresentative",
        "NotALegalRepresentative",
        "NotAManagedClient",
        "NotAManager",
        "NotAMember",
        "NotAPartner",
        "NotTheInvitingSide",
        "NotTheReceivingSide",
        "OrderOutcome",
        "Organisation",
        "Outcome",
        "PartnerCannotChangeGrant",
        "Partnership",
        "PartnershipEnded",
        "PaymentMeans",
        "Person",
        "ProductOfAnotherOrganisation",
        "ProductsNotManaged",
        "Programme",
        "Reason",
        "Role",
        "SameOrganisation",
        "Settlement",
        "UnknownInvitation",
        "UnknownOrganisation",
        "UnknownPartnership",
        "UnknownPerson",
        "UnknownProduct",
        "UnreplayableEvent",
        "WrongAccessLevel",
        "billing_currency",
        "can_export_clients",
        "can_manage_product",
        "can_order",
        "can_reach_client",
        "can_reach_product",
        "grant_differences",
        "hostings_of_family",
        "is_wider",
        "order_outcome",
        "reachable_clients",
        "reachable_products",
        "replay",
        "settle_order",
    ]


def test_the_tags_package_exports_exactly_these_names() -> None:
    assert tags.__all__ == [
        "DEFAULT_PALETTE",
        "DuplicateTagName",
        "EmptyTagName",
        "InvalidTagRules",
        "Tag",
        "TagCount",
        "TagEvent",
        "TagEventKind",
        "TagNameTooLong",
        "TagRules",
        "Tagging",
        "UnknownColour",
        "UnknownTag",
        "UnprintableTagName",
        "can_create_tags",
        "can_manage_tags",
        "can_tag_product",
        "name_key",
        "tag_colour",
        "tag_name",
    ]


def test_the_access_and_tags_adapters_export_exactly_these_names() -> None:
    assert clients_csv.__all__ == ["HEADER", "managed_clients_csv", "write_managed_clients_csv"]
    assert spreadsheet.__all__ == ["spreadsheet_safe"]


def test_every_exported_name_exists_and_every_error_is_a_library_error() -> None:
    for package in (access, tags):
        for name in package.__all__:
            assert hasattr(package, name), name
    for module in (access_errors, tag_errors):
        for name in module.__all__:
            assert issubclass(getattr(module, name), InfomanagerError), name
    for name in ("UnknownPerson", "UnknownOrganisation", "InvalidMoment", "EmptyLimitedGrant", "SameOrganisation"):
        assert issubclass(getattr(access_errors, name), InvalidInput), name
    for name in tag_errors.__all__:
        assert issubclass(getattr(tag_errors, name), InvalidInput), name
