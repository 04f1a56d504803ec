"""The access values: a grant's level is checked for itself, and values with several fields are built by keyword.

A grant whose level was the text ``"limited"`` (not an ``AccessLevel``) was accepted by a mutant that skipped the
level check, as long as it named products; and no test tried to build a value positionally, so dropping
``kw_only`` went unseen: a positional ``Invitation`` would silently take a partner for a client.
"""

from __future__ import annotations

from datetime import UTC, datetime

import attrs
import pytest

from infomanager_core.access import (
    AccessLevel,
    Direction,
    Grant,
    GrantDifference,
    HeldProduct,
    InvalidGrant,
    Invitation,
    Organisation,
    Partnership,
    PaymentMeans,
    Role,
)

MONDAY = datetime(2026, 1, 5, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    "fields",
    [
        {"level": "limited", "products": {"web-1"}},
        {"level": "full", "payment_means": PaymentMeans.CLIENT},
        {"level": None, "products": {"web-1"}},
    ],
)
def test_a_grant_whose_level_is_no_access_level_is_refused_naming_the_level(fields: dict[str, object]) -> None:
    with pytest.raises(InvalidGrant) as refused:
        Grant(**fields)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.value) == ("level", fields["level"])


FULL = Grant.full()

#: Each value of more than two fields, with its fields in declaration order (all valid).
VALUES: dict[type, dict[str, object]] = {
    Grant: {"level": AccessLevel.FULL, "payment_means": PaymentMeans.CLIENT, "products": frozenset()},
    GrantDifference: {"field": "level", "requested": "full", "granted": "limited"},
    Invitation: {
        "id": "invitation-1",
        "partner": "agency",
        "client": "bakery",
        "direction": Direction.PARTNER_INVITES_CLIENT,
        "requested": FULL,
        "sent_by": "paula",
        "sent_at": MONDAY,
        "expires_at": MONDAY,
    },
    Partnership: {
        "id": "partnership-1",
        "partner": "agency",
        "client": "bakery",
        "requested": FULL,
        "granted": FULL,
        "since": MONDAY,
        "invitation": "invitation-1",
    },
    HeldProduct: {"id": "web-1", "code": "web", "family": "web-hosting"},
    Organisation: {
        "id": "acme",
        "name": "Acme",
        "country": "CH",
        "members": {"alice": Role.LEGAL_REPRESENTATIVE},
    },
}


@pytest.mark.parametrize("kind", VALUES, ids=lambda kind: kind.__name__)
def test_a_value_of_several_fields_is_built_by_keyword_only(kind: type) -> None:
    fields = VALUES[kind]
    assert [a.name for a in attrs.fields(kind)][: len(fields)] == list(fields)
    built = kind(**fields)
    assert built == kind(**fields)
    with pytest.raises(TypeError):
        kind(*fields.values())
