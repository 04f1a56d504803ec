"""Limited-access partner staff see the client's tags they can reach and manage the ones their organisation made,
and a refusal never reveals the id of a tag they cannot see."""

from __future__ import annotations

import copy

import pytest

from infomanager_core.access import AccessDenied, Grant
from infomanager_core.tags import DuplicateTagName, Tagging

from .test_tagging import AT, bakery_tagging, create


def limited() -> Tagging:
    """The agency manages bakery's b-web-1 only; uma (a user) is assigned the bakery."""
    return bakery_tagging(Grant.limited({"b-web-1"}))


def test_a_duplicate_name_does_not_reveal_the_id_of_a_tag_the_person_cannot_see() -> None:
    tagging = limited()
    create(tagging, "Secret", by="carl")
    before = copy.deepcopy(tagging)
    with pytest.raises(DuplicateTagName) as raised:
        tagging.create("bakery", "SECRET", colour=0, by="uma", at=AT)
    assert raised.value.existing is None
    assert "tag-" not in str(raised.value)
    assert "is already the name of a tag of 'bakery'" in str(raised.value)
    assert tagging == before


def test_a_duplicate_name_names_the_existing_tag_for_who_manages_the_tags() -> None:
    tagging = limited()
    secret = create(tagging, "Secret", by="carl")
    with pytest.raises(DuplicateTagName) as raised:
        tagging.create("bakery", "secret", colour=0, by="cleo", at=AT)
    assert raised.value.existing == secret


def test_renaming_its_own_tag_to_a_taken_name_does_not_reveal_the_id_of_a_tag_the_partner_cannot_see() -> None:
    tagging = limited()
    secret = create(tagging, "Secret", by="carl")
    [made] = tagging.create("bakery", "Migrating", colour=1, by="uma", at=AT)
    before = copy.deepcopy(tagging)
    with pytest.raises(DuplicateTagName) as raised:
        tagging.rename(made.tag, "SECRET", by="uma", at=AT)
    assert raised.value.existing is None
    assert secret not in str(raised.value)
    assert tagging == before
    with pytest.raises(DuplicateTagName) as raised:
        tagging.rename(made.tag, "secret", by="cleo", at=AT)
    assert raised.value.existing == secret


def test_a_limited_partner_lists_the_tags_it_made_and_those_on_products_it_reaches() -> None:
    tagging = limited()
    [made] = tagging.create("bakery", "Migrating", colour=1, by="uma", at=AT)
    on_managed = create(tagging, "Shop", by="carl")
    tagging.attach(on_managed, "b-web-1", by="carl", at=AT)
    hidden = create(tagging, "Mail", by="carl")
    tagging.attach(hidden, "b-mail-1", by="carl", at=AT)
    create(tagging, "Unused", by="carl")
    seen = {entry.tag.name: entry.products for entry in tagging.list_tags("bakery", by="uma")}
    assert seen == {"Migrating": 0, "Shop": 1}
    tagging.attach(on_managed, "b-web-2", by="carl", at=AT)
    assert {e.tag.name: e.products for e in tagging.list_tags("bakery", by="uma")}["Shop"] == 1
    assert {e.tag.name: e.products for e in tagging.list_tags("bakery", by="carl")}["Shop"] == 2
    assert made.tag in {e.tag.id for e in tagging.list_tags("bakery", by="paula")}


def test_a_limited_partner_deletes_renames_and_recolours_its_own_tags_within_its_reach() -> None:
    tagging = limited()
    [made] = tagging.create("bakery", "Migrating", colour=1, by="uma", at=AT)
    tagging.attach(made.tag, "b-web-1", by="uma", at=AT)
    tagging.rename(made.tag, "Migrated", by="uma", at=AT)
    tagging.recolour(made.tag, 3, by="paula", at=AT)
    events = tagging.delete(made.tag, by="uma", at=AT)
    assert [e.what.value for e in events] == ["tag detached", "tag deleted"]
    tagging.check_invariants()


def test_a_limited_partner_cannot_touch_its_tag_once_it_is_on_a_product_outside_its_grant() -> None:
    tagging = limited()
    [made] = tagging.create("bakery", "Migrating", colour=1, by="uma", at=AT)
    tagging.attach(made.tag, "b-web-2", by="carl", at=AT)
    before = copy.deepcopy(tagging)
    for command in (
        lambda: tagging.delete(made.tag, by="uma", at=AT),
        lambda: tagging.rename(made.tag, "Other", by="uma", at=AT),
        lambda: tagging.recolour(made.tag, 2, by="uma", at=AT),
    ):
        with pytest.raises(AccessDenied) as raised:
            command()
        assert raised.value.decision.reason.code == "partner-limited-access"
        assert tagging == before


def test_a_limited_partner_never_manages_the_client_s_own_tags() -> None:
    tagging = limited()
    shop = create(tagging, "Shop", by="carl")
    tagging.attach(shop, "b-web-1", by="carl", at=AT)
    with pytest.raises(AccessDenied):
        tagging.delete(shop, by="uma", at=AT)


def test_strangers_still_cannot_list_a_client_s_tags() -> None:
    tagging = limited()
    create(tagging, "Shop", by="carl")
    for person in ("sam", "ulla", "dora"):
        with pytest.raises(AccessDenied):
            tagging.list_tags("bakery", by=person)


def taken_over_by_the_studio() -> tuple[Tagging, str]:
    """The agency's uma makes a tag of the bakery's; the bakery then ends that partnership and takes the studio."""
    tagging = limited()
    programme = tagging.access
    [made] = tagging.create("bakery", "Migrating", colour=1, by="uma", at=AT)
    programme.end("partnership-1", by="carl", at=AT)
    [sent] = programme.invite(partner="studio", client="bakery", grant=Grant.limited({"b-web-1"}), by="sam", at=AT)
    programme.accept(sent.subject, by="carl", at=AT)
    return tagging, made.tag


def test_a_partner_taking_over_a_client_does_not_list_the_tags_the_previous_partner_made() -> None:
    tagging, made = taken_over_by_the_studio()
    [own] = tagging.create("bakery", "Studio work", colour=2, by="sam", at=AT)
    assert [entry.tag.id for entry in tagging.list_tags("bakery", by="sam")] == [own.tag]
    assert made in {entry.tag.id for entry in tagging.list_tags("bakery", by="carl")}


def test_a_partner_taking_over_a_client_does_not_manage_the_tags_the_previous_partner_made() -> None:
    tagging, made = taken_over_by_the_studio()
    before = copy.deepcopy(tagging)
    with pytest.raises(AccessDenied) as raised:
        tagging.rename(made, "Studio's now", by="sam", at=AT)
    assert raised.value.decision.reason.code == "partner-limited-access"
    assert tagging == before


@pytest.mark.parametrize("person", ["ulla", "dora"])
def test_only_partner_staff_who_reach_the_client_manage_a_tag_their_partner_made(person: str) -> None:
    """ulla is agency staff not assigned the bakery, dora a member of another client: neither may touch the agency's
    unattached tag, though it carries no product outside anyone's reach."""
    tagging = limited()
    [made] = tagging.create("bakery", "Migrating", colour=1, by="uma", at=AT)
    before = copy.deepcopy(tagging)
    for command in (
        lambda: tagging.rename(made.tag, "Taken", by=person, at=AT),
        lambda: tagging.recolour(made.tag, 4, by=person, at=AT),
        lambda: tagging.delete(made.tag, by=person, at=AT),
    ):
        with pytest.raises(AccessDenied):
            command()
        assert tagging == before
