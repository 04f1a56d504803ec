"""Building a value with a field of the wrong type raises the library's own InvalidInput, naming field, value, rule: a
grant's level is checked for itself, an organisation's members and products entry by entry, and values with several
fields are built by keyword only (a positional ``Invitation`` would silently take a partner for a client).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import attrs
import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import (
    AccessLevel,
    Decision,
    Direction,
    Grant,
    GrantDifference,
    HeldProduct,
    InvalidGrant,
    Invitation,
    Organisation,
    Partnership,
    PaymentMeans,
    Person,
    Programme,
    Reason,
    Role,
)
from infomanager_core.tags import Tagging

LR = Role.LEGAL_REPRESENTATIVE

WRONG_TYPES: dict[str, tuple[Callable[[], object], str, object]] = {
    "a person's name": (lambda: Person("x", name=5), "name", 5),  # type: ignore[arg-type]
    "an organisation's partner status": (
        lambda: Organisation(id="o", name="O", country="CH", members={"a": LR}, partner=1),  # type: ignore[arg-type]
        "partner",
        1,
    ),
    "a tagging's rules": (lambda: Tagging(Programme(), rules="strict"), "rules", "strict"),  # type: ignore[arg-type]
    "a tagging's programme": (lambda: Tagging("programme"), "access", "programme"),  # type: ignore[arg-type]
    "a decision's verdict": (lambda: Decision(allowed="yes", reason=Reason("c", "t")), "allowed", "yes"),  # type: ignore[arg-type]
    "a decision's reason": (lambda: Decision(allowed=True, reason="because"), "reason", "because"),  # type: ignore[arg-type]
    "a reason's code": (lambda: Reason(1, "text"), "code", 1),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("case", list(WRONG_TYPES))
def test_a_field_of_the_wrong_type_is_invalid_input_naming_field_value_and_rule(case: str) -> None:
    build, field, value = WRONG_TYPES[case]
    with pytest.raises(InvalidInput) as raised:
        build()
    assert (raised.value.field, raised.value.value) == (field, value)
    assert raised.value.rule.startswith("must be")
    assert "Attribute(" not in str(raised.value)


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


USER = Role.USER
WEB = HeldProduct(id="web-1", code="web", family="web-hosting")


@pytest.mark.parametrize(
    ("members", "offending"),
    [
        ({"alice": LR, "bob": "user"}, {"bob": "user"}),
        ({"alice": LR, 5: USER}, {5: USER}),
        ({"alice": LR, "": USER}, {"": USER}),
    ],
)
def test_members_must_map_person_ids_to_roles_each_of_them(members: dict[object, object], offending: object) -> None:
    """One bad entry among good ones is refused, and named."""
    with pytest.raises(InvalidInput) as refused:
        Organisation(id="acme", name="Acme", country="CH", members=members)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.value) == ("members", offending)


@pytest.mark.parametrize("products", [["web-1"], [WEB, "web-2"], "web-1", None, {WEB}])
def test_products_must_be_a_sequence_of_held_products(products: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        Organisation(id="acme", name="Acme", country="CH", members={"alice": LR}, products=products)  # type: ignore[arg-type]
    assert type(refused.value) is InvalidInput
    assert (refused.value.field, refused.value.value) == ("products", products)


def test_an_organisation_is_no_partner_unless_registered_as_one() -> None:
    acme = Organisation(id="acme", name="Acme", country="CH", members={"alice": LR})
    assert acme.partner is False
    assert Organisation(id="acme", name="Acme", country="CH", members={"alice": LR}, partner=True).partner is True
