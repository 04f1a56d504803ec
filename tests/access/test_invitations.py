"""Invitations and grant changes: only a legal representative of the client authorises a partner, a client accepting
grants only its own products, accepting, refusing and cancelling date both organisations, each access level changes
as it says (adding a product never turns full access into limited access), and an invitation whose validity would
outlive the calendar is refused saying why.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import (
    AccessLevel,
    BackdatedCommand,
    Grant,
    NotALegalRepresentative,
    PaymentMeans,
    ProductOfAnotherOrganisation,
    Programme,
    Role,
    UnknownProduct,
    WrongAccessLevel,
)
from infomanager_core.access.examples import MONDAY, example_programme

HOUR = timedelta(hours=1)
BETWEEN = MONDAY + HOUR
LATER = MONDAY + 2 * HOUR


def refused_unchanged(
    programme: Programme, command: Callable[[Programme], object], error: type[Exception]
) -> Exception:
    """Run a command that must be refused with exactly ``error``; the programme must stay as it was."""
    before = copy.deepcopy(programme)
    with pytest.raises(error) as refused:
        command(programme)
    assert type(refused.value) is error
    assert programme == before
    return refused.value


@pytest.mark.parametrize("person", ["paula", "carl", "cleo"])
def test_only_a_legal_representative_of_the_client_authorises_a_partner(person: str) -> None:
    """The partner's own legal representative, another client's, or the client's mere user: all refused."""
    programme = example_programme()
    programme.add_member("cafe", "cleo", Role.USER, by="fred", at=MONDAY)
    refusal = refused_unchanged(
        programme,
        lambda p: p.authorise(client="cafe", partner="agency", grant=Grant.full(), by=person, at=MONDAY),
        NotALegalRepresentative,
    )
    assert isinstance(refusal, NotALegalRepresentative)
    assert (refusal.person, refusal.organisation) == (person, "cafe")


def test_a_client_accepting_cannot_grant_products_of_another_organisation() -> None:
    programme = example_programme()
    [sent] = programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
    refusal = refused_unchanged(
        programme,
        lambda p: p.accept(sent.subject, by="fred", at=MONDAY, grant=Grant.limited({"cafe-web", "web-1"})),
        ProductOfAnotherOrganisation,
    )
    assert isinstance(refusal, ProductOfAnotherOrganisation)
    assert (refusal.value, refusal.owner) == ("web-1", "bakery")
    refused_unchanged(
        programme,
        lambda p: p.accept(sent.subject, by="fred", at=MONDAY, grant=Grant.limited({"cafe-mail"})),
        UnknownProduct,
    )


def refused_as_backdated(programme: Programme, earlier: dict[str, Callable[[Programme], object]]) -> None:
    """Each command, dated before ``LATER``, is refused as backdated for its subject and changes nothing."""
    for subject, command in earlier.items():
        refusal = refused_unchanged(programme, command, BackdatedCommand)
        assert isinstance(refusal, BackdatedCommand)
        assert (refusal.subject, refusal.latest) == (subject, LATER)


def test_accepting_dates_the_partnership_and_both_organisations() -> None:
    """Invited on Monday morning, accepted later: nothing about the new partnership may be dated in between."""
    programme = example_programme()
    [sent] = programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
    _, started = programme.accept(sent.subject, by="fred", at=LATER)
    earlier: dict[str, Callable[[Programme], object]] = {
        "partnership 'partnership-2'": lambda p: p.end(started.subject, by="fred", at=BETWEEN),
        "organisation 'cafe'": lambda p: p.add_member("cafe", "cleo", Role.USER, by="fred", at=BETWEEN),
        "organisation 'agency'": lambda p: p.add_member("agency", "cleo", Role.USER, by="paula", at=BETWEEN),
    }
    refused_as_backdated(programme, earlier)


@pytest.mark.parametrize("answer", ["refuse", "cancel"])
def test_refusing_or_cancelling_dates_both_organisations(answer: str) -> None:
    programme = example_programme()
    [sent] = programme.invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=MONDAY)
    if answer == "refuse":
        programme.refuse(sent.subject, by="fred", at=LATER)
    else:
        programme.cancel(sent.subject, by="paula", at=LATER)
    earlier: dict[str, Callable[[Programme], object]] = {
        "organisation 'cafe'": lambda p: p.add_member("cafe", "cleo", Role.USER, by="fred", at=BETWEEN),
        "organisation 'agency'": lambda p: p.add_member("agency", "cleo", Role.USER, by="paula", at=BETWEEN),
    }
    refused_as_backdated(programme, earlier)


def full_access(programme: Programme) -> Programme:
    programme.change_access("partnership-1", Grant.full(), by="carl", at=MONDAY)
    return programme


@pytest.mark.parametrize(
    "change",
    [
        lambda p: p.add_managed_products("partnership-1", ["web-2"], by="carl", at=MONDAY),
        lambda p: p.remove_managed_products("partnership-1", ["web-2"], by="carl", at=MONDAY),
    ],
    ids=["adding", "removing"],
)
def test_managed_products_are_a_limited_grant_s_and_full_access_is_left_alone(
    change: Callable[[Programme], object],
) -> None:
    """Adding or removing products under full access neither narrows it nor complains of the products."""
    programme = full_access(example_programme())
    refusal = refused_unchanged(programme, change, WrongAccessLevel)
    assert isinstance(refusal, WrongAccessLevel)
    assert (refusal.partnership, refusal.needed) == ("partnership-1", AccessLevel.LIMITED.value)
    assert programme.partnership("partnership-1").granted == Grant.full()


def test_payment_means_that_are_no_payment_means_are_refused_as_such_whatever_the_level() -> None:
    """The argument is checked before the partnership's level: on limited access too it is named as bad input."""
    for programme in (example_programme(), full_access(example_programme())):
        refusal = refused_unchanged(
            programme,
            lambda p: p.change_payment_means("partnership-1", "partner's", by="carl", at=MONDAY),  # type: ignore[arg-type]
            InvalidInput,
        )
        assert isinstance(refusal, InvalidInput)
        assert (refusal.field, refusal.value) == ("payment_means", "partner's")


def test_payment_means_change_on_full_access_only() -> None:
    programme = example_programme()
    refused_unchanged(
        programme,
        lambda p: p.change_payment_means("partnership-1", PaymentMeans.PARTNER, by="carl", at=MONDAY),
        WrongAccessLevel,
    )


def test_an_invitation_that_would_expire_past_the_calendar_is_refused_saying_why() -> None:
    last = datetime.max.replace(tzinfo=UTC)
    with pytest.raises(InvalidInput) as raised:
        example_programme().invite(partner="agency", client="cafe", grant=Grant.full(), by="paula", at=last)
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "at",
        last,
        "leaves no room for the invitation's validity before the end of the calendar",
    )
