"""Organisations, their members and roles, and the products they hold.

Invariants of an :class:`Organisation` value:

* every member has exactly one :class:`Role`;
* there is always at least one legal representative: :func:`with_role` and :func:`without_member` refuse to remove or
  demote the last one (:class:`~infomanager_core.access.errors.LastLegalRepresentative`);
* its billing currency follows its postal address (:func:`billing_currency`; Switzerland → CHF, elsewhere → EUR by
  default, the mapping is a parameter).

>>> acme = Organisation(id="acme", name="Acme SA", country="CH", members={"alice": Role.LEGAL_REPRESENTATIVE})
>>> billing_currency(acme)
'CHF'
>>> without_member(acme, "alice")
Traceback (most recent call last):
...
infomanager_core.access.errors.LastLegalRepresentative: 'alice' is the last legal representative of 'acme'
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .._frozen import FrozenMapping
from ..errors import InvalidInput, UnknownCurrency
from ..money import known_currency_codes
from ..text import printable_identifier, printable_text
from .checks import typed
from .countries import ISO_3166_ALPHA_2
from .errors import LastLegalRepresentative, NotAMember

__all__ = [
    "BILLING_CURRENCY_BY_COUNTRY",
    "HeldProduct",
    "Organisation",
    "Person",
    "Role",
    "billing_currency",
    "hostings_of_family",
    "with_member",
    "with_product",
    "with_role",
    "without_member",
]

#: Countries whose organisations are billed in a currency other than the default (EUR).
BILLING_CURRENCY_BY_COUNTRY: Mapping[str, str] = FrozenMapping({"CH": "CHF"})


class Role(enum.Enum):
    """A member's role in an organisation."""

    LEGAL_REPRESENTATIVE = "legal representative"
    ADMINISTRATOR = "administrator"
    USER = "user"

    @property
    def manages(self) -> bool:
        """Legal representatives and administrators manage the organisation (and a partner's whole client list)."""
        return self is not Role.USER


def _identifier(field: str) -> Callable[[Any, Any, Any], None]:
    def check(_instance: object, _attribute: object, value: object) -> None:
        printable_identifier(value, field=field)

    return check


def _person_name(value: object) -> str:
    return printable_text(value, field="name")


def _organisation_name(value: object) -> str:
    name = printable_text(value, field="name")
    if not name:
        raise InvalidInput("name", value, "must be a non-empty string")
    return name


def _country(_instance: object, _attribute: object, value: Any) -> None:
    if not isinstance(value, str) or value not in ISO_3166_ALPHA_2:
        raise InvalidInput("country", value, "must be an assigned ISO 3166 alpha-2 code", hint="e.g. 'CH' or 'FR'")


@attrs.frozen
class Person:
    """Someone who can act: a member of one or more organisations.

    The ``name`` (may be empty) is stored by the library's text rule (:mod:`infomanager_core.text`: NFC, trimmed, no
    control or invisible character); the ``id`` is checked by the same rule but kept exactly as given.

    >>> Person("zoe", " Zoe\u0301\\n").name
    'Zoé'
    >>> Person("zoe", "Zo\u00e9\u200b")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.UnprintableText: name: 'Zoé\u200b' must not contain control, format or line-breaking characters (found U+200B)
    """

    id: str = attrs.field(validator=_identifier("person"))
    name: str = attrs.field(default="", converter=_person_name)


@attrs.frozen(kw_only=True)
class HeldProduct:
    """A product installed in an organisation: its id, its price-list code and its family (``web-hosting``…).

    All three are identifiers: not blank, and checked by the library's text rule (:mod:`infomanager_core.text`).

    >>> HeldProduct(id="web-1", code="web-hosting", family="web-hosting").family
    'web-hosting'
    """

    id: str = attrs.field(validator=_identifier("product"))
    code: str = attrs.field(validator=_identifier("code"))
    family: str = attrs.field(validator=_identifier("family"))


def _members(value: object) -> FrozenMapping[str, Role]:
    if not isinstance(value, Mapping):
        raise InvalidInput("members", value, "must map person ids to roles")
    members = FrozenMapping(value)
    for person, role in members.items():
        if not isinstance(person, str) or not person or not isinstance(role, Role):
            raise InvalidInput("members", {person: role}, "must map a person id to a Role")
    if Role.LEGAL_REPRESENTATIVE not in members.values():
        raise InvalidInput("members", members, "must include at least one legal representative")
    return members


def _products(value: object) -> tuple[HeldProduct, ...]:
    products = tuple(value) if isinstance(value, (tuple, list)) else None
    if products is None or not all(isinstance(p, HeldProduct) for p in products):
        raise InvalidInput("products", value, "must be a sequence of HeldProduct")
    if len({p.id for p in products}) != len(products):
        raise InvalidInput("products", value, "must not hold the same product id twice")
    return products


@attrs.frozen(kw_only=True)
class Organisation:
    """An organisation: members with roles, a postal country, partner status and the products it holds.

    ``members`` is a read-only copy of the mapping given: changing the caller's dict afterwards changes nothing here.
    The ``name`` is stored by the library's text rule (:mod:`infomanager_core.text`: NFC, trimmed, no control or
    invisible character) and may not be blank; the ``id`` is checked by the same rule but kept exactly as given.

    >>> bakery = Organisation(id="bakery", name=" Boulangerie Dupont ", country="FR",
    ...     members={"carl": Role.LEGAL_REPRESENTATIVE})
    >>> bakery.name, billing_currency(bakery)
    ('Boulangerie Dupont', 'EUR')
    """

    id: str = attrs.field(validator=_identifier("organisation"))
    name: str = attrs.field(converter=_organisation_name)
    country: str = attrs.field(validator=_country)
    members: Mapping[str, Role] = attrs.field(converter=_members)
    partner: bool = attrs.field(default=False, validator=typed("partner", bool, "True or False"))
    products: tuple[HeldProduct, ...] = attrs.field(default=(), converter=_products)

    def role_of(self, person: str) -> Role | None:
        """The person's role here, or ``None`` for a non-member."""
        if not isinstance(person, str):  # before the look-up hashes it
            raise InvalidInput("person", person, "must be a string")
        return self.members.get(person)

    @property
    def legal_representatives(self) -> tuple[str, ...]:
        """The ids of the organisation's legal representatives (never empty).

        >>> Organisation(id="acme", name="Acme", country="CH", members={"alice": Role.LEGAL_REPRESENTATIVE,
        ...     "bob": Role.USER}).legal_representatives
        ('alice',)
        """
        return tuple(p for p, role in self.members.items() if role is Role.LEGAL_REPRESENTATIVE)


def billing_currency(
    organisation: Organisation, *, by_country: Mapping[str, str] = BILLING_CURRENCY_BY_COUNTRY, otherwise: str = "EUR"
) -> str:
    """The currency an organisation is billed in, from its postal country.

    The mapping and the default are checked on every call: countries must be ISO 3166 alpha-2 codes and currencies
    ISO 4217 codes known to the money area, so a typo in the configuration fails loudly instead of billing in it.

    >>> paris = Organisation(id="p", name="Paris SARL", country="FR", members={"bob": Role.LEGAL_REPRESENTATIVE})
    >>> billing_currency(paris), billing_currency(paris, by_country={"FR": "CHF"})
    ('EUR', 'CHF')
    """
    if not isinstance(organisation, Organisation):
        raise InvalidInput("organisation", organisation, "must be an Organisation")
    if not isinstance(by_country, Mapping):
        raise InvalidInput("by_country", by_country, "must map ISO 3166 alpha-2 country codes to currency codes")
    known = known_currency_codes()
    for country, code in by_country.items():
        if not isinstance(country, str) or country not in ISO_3166_ALPHA_2:
            raise InvalidInput("by_country", {country: code}, "must use assigned ISO 3166 alpha-2 country codes")
        if not isinstance(code, str) or code not in known:
            raise UnknownCurrency("by_country", {country: code}, "must map to ISO 4217 currency codes")
    if not isinstance(otherwise, str) or otherwise not in known:
        raise UnknownCurrency("otherwise", otherwise, "must be an ISO 4217 currency code", hint="e.g. 'EUR'")
    return by_country.get(organisation.country, otherwise)


def hostings_of_family(organisation: Organisation, family: str) -> int:
    """How many products of ``family`` the organisation holds: the tier count of the degressive tariff.

    >>> org = Organisation(id="o", name="O", country="CH", members={"a": Role.LEGAL_REPRESENTATIVE},
    ...     products=[HeldProduct(id=f"w{i}", code="web", family="web-hosting") for i in range(3)])
    >>> hostings_of_family(org, "web-hosting"), hostings_of_family(org, "mail-hosting")
    (3, 0)
    >>> hostings_of_family(org, "web-hosting\\n")
    Traceback (most recent call last):
    ...
    infomanager_core.errors.UnprintableText: family: 'web-hosting\\n' must not contain control, format or line-breaking characters (found U+000A)
    """
    if not isinstance(organisation, Organisation):
        raise InvalidInput("organisation", organisation, "must be an Organisation")
    printable_identifier(family, field="family")  # the rule every held product's family met
    return sum(1 for product in organisation.products if product.family == family)


def _require_member(organisation: Organisation, person: str) -> Role:
    role = organisation.members.get(person)
    if role is None:
        raise NotAMember(person, organisation.id)
    return role


def _is_last_legal_representative(organisation: Organisation, person: str) -> bool:
    return organisation.legal_representatives == (person,)


def with_member(organisation: Organisation, person: str, role: Role) -> Organisation:
    """The organisation with ``person`` added as ``role`` (an existing member keeps the rules of :func:`with_role`).

    >>> acme = Organisation(id="acme", name="Acme", country="CH", members={"alice": Role.LEGAL_REPRESENTATIVE})
    >>> with_member(acme, "carol", Role.USER).role_of("carol")
    <Role.USER: 'user'>
    """
    if not isinstance(role, Role):
        raise InvalidInput("role", role, "must be a Role")
    if person in organisation.members:
        return with_role(organisation, person, role)
    return attrs.evolve(organisation, members={**organisation.members, person: role})


def with_role(organisation: Organisation, person: str, role: Role) -> Organisation:
    """The organisation with a member's role changed; the last legal representative cannot be demoted.

    >>> acme = Organisation(id="acme", name="Acme", country="CH", members={"alice": Role.LEGAL_REPRESENTATIVE})
    >>> with_role(acme, "alice", Role.USER)
    Traceback (most recent call last):
    ...
    infomanager_core.access.errors.LastLegalRepresentative: 'alice' is the last legal representative of 'acme'
    """
    if not isinstance(role, Role):
        raise InvalidInput("role", role, "must be a Role")
    current = _require_member(organisation, person)
    if current is role:
        return organisation
    if current is Role.LEGAL_REPRESENTATIVE and _is_last_legal_representative(organisation, person):
        raise LastLegalRepresentative(organisation.id, person)
    return attrs.evolve(organisation, members={**organisation.members, person: role})


def without_member(organisation: Organisation, person: str) -> Organisation:
    """The organisation without ``person``; the last legal representative cannot be removed.

    >>> acme = Organisation(id="acme", name="Acme", country="CH",
    ...     members={"alice": Role.LEGAL_REPRESENTATIVE, "carol": Role.USER})
    >>> sorted(without_member(acme, "carol").members)
    ['alice']
    """
    _require_member(organisation, person)
    if _is_last_legal_representative(organisation, person):
        raise LastLegalRepresentative(organisation.id, person)
    return attrs.evolve(organisation, members={p: r for p, r in organisation.members.items() if p != person})


def with_product(organisation: Organisation, product: HeldProduct) -> Organisation:
    """The organisation now holding ``product`` too.

    >>> acme = Organisation(id="acme", name="Acme", country="CH", members={"alice": Role.LEGAL_REPRESENTATIVE})
    >>> [p.id for p in with_product(acme, HeldProduct(id="w1", code="web", family="web-hosting")).products]
    ['w1']
    """
    return attrs.evolve(organisation, products=(*organisation.products, product))
