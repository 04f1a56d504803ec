"""Nothing a programme or a value hands out can change it behind its back: mappings are read-only copies."""

from __future__ import annotations

import copy
import pickle

import pytest

from infomanager_core.access import Grant, Organisation, Person, Programme, Role, can_reach_client

from .world import START, make_world, managed_world

LR, USER = Role.LEGAL_REPRESENTATIVE, Role.USER


def test_a_persons_memberships_cannot_be_changed_through_the_query() -> None:
    programme = make_world()
    before = copy.deepcopy(programme)
    memberships = programme.memberships("paula")
    with pytest.raises(TypeError):
        memberships["bakery"] = LR  # type: ignore[index]
    assert programme.role_of("paula", "bakery") is None
    assert programme == before


def test_a_partner_cannot_become_the_clients_legal_representative_through_a_leaked_mapping() -> None:
    programme = make_world()
    [sent] = programme.invite(partner="agency", client="bakery", grant=Grant.full(), by="paula", at=START)
    with pytest.raises(TypeError):
        programme.memberships("paula")["bakery"] = LR  # type: ignore[index]
    with pytest.raises(Exception, match="legal representative"):
        programme.accept(sent.subject, by="paula", at=START)


def test_an_organisations_members_are_read_only_and_not_shared_with_the_caller() -> None:
    given = {"alice": LR}
    acme = Organisation(id="acme", name="Acme", country="CH", members=given)
    given["mallory"] = LR
    assert dict(acme.members) == {"alice": LR}
    with pytest.raises(TypeError):
        acme.members["mallory"] = LR  # type: ignore[index]


def test_members_of_a_registered_organisation_cannot_be_changed_after_registration() -> None:
    programme = make_world()
    agency = programme.organisation("agency")
    with pytest.raises(TypeError):
        agency.members["nobody"] = USER  # type: ignore[index]
    programme.check_invariants()


def test_organisations_compare_hash_free_copy_and_pickle_by_value() -> None:
    acme = Organisation(id="acme", name="Acme", country="CH", members={"alice": LR, "bob": USER})
    same = Organisation(id="acme", name="Acme", country="CH", members={"bob": USER, "alice": LR})
    assert acme == same
    assert copy.deepcopy(acme) == acme
    assert pickle.loads(pickle.dumps(acme)) == acme
    assert acme.members == {"alice": LR, "bob": USER}


def test_decision_facts_are_read_only() -> None:
    programme = managed_world({"bakery": Grant.full()})
    decision = can_reach_client(programme, "uma", "bakery")
    with pytest.raises(TypeError):
        decision.facts["role"] = "legal representative"  # type: ignore[index]
    assert decision.facts["role"] == "user"
    assert hash(decision) == hash(copy.deepcopy(decision))


def test_a_programme_still_deep_copies_and_compares_equal() -> None:
    programme = managed_world({"bakery": Grant.full()}, (("uma", "bakery"),))
    assert copy.deepcopy(programme) == programme


def test_listings_are_snapshots_that_survive_later_commands() -> None:
    programme = make_world()
    people = programme.people
    organisations = programme.organisations
    programme.register_person(Person("zoe"), at=START)
    programme.register_organisation(Organisation(id="zoo", name="Zoo", country="CH", members={"zoe": LR}), at=START)
    assert "zoe" not in [p.id for p in people]
    assert "zoo" not in [o.id for o in organisations]
    assert "zoe" in [p.id for p in programme.people]


def test_a_taggings_programme_and_rules_cannot_be_swapped_under_its_tags() -> None:
    from infomanager_core.tags import Tagging, TagRules

    programme = make_world()
    tagging = Tagging(programme)
    with pytest.raises(AttributeError):
        tagging.rules = TagRules(max_length=2)  # type: ignore[misc]
    with pytest.raises(AttributeError):
        tagging.access = Programme()  # type: ignore[misc]


def test_no_mutating_method_of_a_frozen_mapping_works() -> None:
    from infomanager_core._frozen import FrozenMapping

    frozen = FrozenMapping({"a": 1})
    for attempt in (
        lambda: frozen.pop("a"),
        lambda: frozen.popitem(),
        lambda: frozen.clear(),
        lambda: frozen.update(b=2),
        lambda: frozen.setdefault("b", 2),
        lambda: frozen.__delitem__("a"),
        lambda: frozen.__ior__({"b": 2}),
    ):
        with pytest.raises(TypeError):
            attempt()
    assert frozen == {"a": 1}
    assert frozen | {"b": 2} == {"a": 1, "b": 2}
    assert frozen == {"a": 1}


def test_a_persons_memberships_read_before_a_change_stay_as_they_were_read() -> None:
    programme = make_world()
    read = programme.memberships("fred")
    programme.add_member("bakery", "fred", USER, by="carl", at=START)
    assert dict(read) == {"cafe": LR}
    assert dict(programme.memberships("fred")) == {"cafe": LR, "bakery": USER}
