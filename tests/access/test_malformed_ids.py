"""Every public method of the programme, query or command, refuses an id that is no id — a list, ``None``, a number,
blank or unprintable text — and a string where a collection of ids belongs, with a typed error naming the parameter,
and changes nothing. Whatever any argument is, only the library's own errors escape, and a refusal leaves the
programme as it was. The access decisions, which read the programme, hold to the same, and so do ``known_person`` and
``known_organisation``, the look-ups they share with the tags and the tenders: the error names the caller's parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput
from infomanager_core.access import (
    Grant,
    HeldProduct,
    Organisation,
    PaymentMeans,
    Person,
    Programme,
    Role,
    UnknownPerson,
    can_export_clients,
    can_manage_product,
    can_order,
    can_reach_client,
    can_reach_product,
    reachable_clients,
    reachable_products,
)
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.access.programme import known_organisation, known_person
from tests.refusals import (
    attempt,
    malformed_id,
    malformed_ids,
    odd_values,
    parameters,
    public_methods,
    state_of,
)

AT = MONDAY + timedelta(hours=1)
DENTAL = Organisation(id="dental", name="Dental", country="CH", members={"fred": Role.LEGAL_REPRESENTATIVE})
WEB_3 = HeldProduct(id="web-3", code="web-hosting", family="web-hosting")

#: Every public method of the programme with a well-formed call: a ``str`` is an id, a list of ``str`` a collection of
#: ids. A test checks the table is complete, so a method or parameter added later is thrown at too.
CALLS: dict[str, dict[str, object]] = {
    "person": {"person": "carl"},
    "organisation": {"organisation": "bakery"},
    "invitation": {"invitation": "invitation-1"},
    "partnership": {"partnership": "partnership-1"},
    "owner_of": {"product": "web-1"},
    "product": {"product": "web-1"},
    "memberships": {"person": "uma"},
    "role_of": {"person": "uma", "organisation": "agency"},
    "active_partnership": {"client": "bakery"},
    "clients_of": {"partner": "agency"},
    "managed_clients": {"partner": "agency"},
    "assigned_clients": {"partner": "agency", "person": "uma"},
    "is_assigned": {"partner": "agency", "person": "uma", "client": "bakery"},
    "check_in_order": {"at": AT, "organisations": ["bakery", "agency"]},
    "advance_to": {"at": AT, "organisations": ["bakery"]},
    "register_person": {"person": Person("zoe", "Zoe"), "at": AT, "by": "carl"},
    "register_organisation": {"organisation": DENTAL, "at": AT, "by": "fred"},
    "add_product": {"organisation": "cafe", "product": WEB_3, "at": AT, "by": "fred"},
    "add_member": {"organisation": "cafe", "person": "cleo", "role": Role.USER, "by": "fred", "at": AT},
    "change_role": {"organisation": "agency", "person": "uma", "role": Role.ADMINISTRATOR, "by": "paula", "at": AT},
    "remove_member": {"organisation": "agency", "person": "uma", "by": "paula", "at": AT},
    "invite": {"partner": "agency", "client": "cafe", "grant": Grant.full(), "by": "paula", "at": AT},
    "authorise": {"client": "cafe", "partner": "agency", "grant": Grant.full(), "by": "fred", "at": AT},
    "accept": {"invitation": "invitation-2", "by": "paula", "at": AT, "grant": None},
    "refuse": {"invitation": "invitation-2", "by": "paula", "at": AT},
    "cancel": {"invitation": "invitation-2", "by": "fred", "at": AT},
    "change_access": {"partnership": "partnership-1", "grant": Grant.full(), "by": "carl", "at": AT},
    "change_payment_means": {"partnership": "partnership-1", "payment_means": PaymentMeans.PARTNER, "by": "carl", "at": AT},
    "add_managed_products": {"partnership": "partnership-1", "products": ["web-2"], "by": "carl", "at": AT},
    "remove_managed_products": {"partnership": "partnership-1", "products": ["web-1"], "by": "carl", "at": AT},
    "assign_client": {"partner": "agency", "client": "bakery", "person": "ulla", "by": "paula", "at": AT},
    "unassign_client": {"partner": "agency", "client": "bakery", "person": "uma", "by": "paula", "at": AT},
    "end": {"partnership": "partnership-1", "by": "carl", "at": AT},
    "check_invariants": {},
}  # fmt: skip

#: Who acted, where ``None`` says that no person did (the operator's own system): taken, not refused.
NOBODY = {(method, "by") for method in ("register_person", "register_organisation", "add_product")}

KNOWN = ("carl", "paula", "uma", "fred", "agency", "bakery", "cafe", "web-1", "web-2", "invitation-2", "partnership-1")


def world() -> Programme:
    """The example programme, with the cafe's open offer of full access to the agency (``invitation-2``)."""
    programme = example_programme()
    programme.authorise(client="cafe", partner="agency", grant=Grant.full(), by="fred", at=MONDAY)
    return programme


def arguments_for(baseline: object) -> st.SearchStrategy[object]:
    """What to throw at an argument: its well-formed value, known ids, anything at all — and where a collection of ids
    belongs, collections of known ids and anything."""
    thrown = st.just(baseline) | st.sampled_from(KNOWN) | odd_values
    if isinstance(baseline, list):
        return thrown | st.lists(st.sampled_from(KNOWN) | odd_values, max_size=3)
    return thrown


THROWN = {
    (method, parameter): arguments_for(value) for method, call in CALLS.items() for parameter, value in call.items()
}


def test_the_table_holds_every_public_method_with_everything_it_takes() -> None:
    assert set(CALLS) == public_methods(Programme)
    for method, arguments in CALLS.items():
        assert set(arguments) == parameters(getattr(Programme, method)), method


@given(st.data())
def test_any_argument_of_any_public_method_is_taken_or_refused_by_name_and_nothing_changes(data: st.DataObject) -> None:
    programme = world()
    for method, arguments in CALLS.items():
        for parameter, baseline in arguments.items():
            value = data.draw(THROWN[method, parameter], label=f"{method}({parameter}=…)")
            call = getattr(programme, method)
            refused = attempt(lambda: call(**{**arguments, parameter: value}), programme)  # noqa: B023
            if (
                isinstance(baseline, str)
                and malformed_id(value)
                and not (value is None and (method, parameter) in NOBODY)
            ) or (isinstance(baseline, list) and malformed_ids(value)):
                assert isinstance(refused, InvalidInput), (method, parameter, value)
                assert refused.field == parameter, (method, refused)
        programme.check_invariants()


REPORTED: dict[str, Callable[[Programme], object]] = {
    "change_role person": lambda p: p.change_role("agency", ["uma"], Role.ADMINISTRATOR, by="paula", at=AT),  # type: ignore[arg-type]
    "remove_member person": lambda p: p.remove_member("agency", ["uma"], by="paula", at=AT),  # type: ignore[arg-type]
    "active_partnership client": lambda p: p.active_partnership(["bakery"]),  # type: ignore[arg-type]
    "role_of person": lambda p: p.role_of(["uma"], "agency"),  # type: ignore[arg-type]
    "memberships person": lambda p: p.memberships({"uma": 1}),  # type: ignore[arg-type]
    "is_assigned client": lambda p: p.is_assigned("agency", "uma", {"bakery"}),  # type: ignore[arg-type]
    "advance_to organisations": lambda p: p.advance_to(AT, organisations=None),  # type: ignore[arg-type]
    "check_in_order organisations": lambda p: p.check_in_order(AT, organisations=None),  # type: ignore[arg-type]
    "advance_to organisations as a string": lambda p: p.advance_to(AT, organisations="cafe"),
    "check_in_order organisations as a string": lambda p: p.check_in_order(AT, organisations="cafe"),
    "add_managed_products products": lambda p: p.add_managed_products("partnership-1", [None], by="carl", at=AT),  # type: ignore[list-item]
    "end by": lambda p: p.end("partnership-1", by="carl\n", at=AT),
    "end by (a space after it)": lambda p: p.end("partnership-1", by="carl ", at=AT),
    "end partnership (typed with a combining accent)": lambda p: p.end("partnershi\u0301p-1", by="carl", at=AT),
}  # fmt: skip


@pytest.mark.parametrize("case", list(REPORTED))
def test_a_reported_malformed_id_is_refused_naming_its_parameter(case: str) -> None:
    programme = world()
    before = state_of(programme)
    with pytest.raises(InvalidInput) as refused:
        REPORTED[case](programme)
    assert refused.value.field == case.split()[1]
    assert f"{refused.value.field}: " in str(refused.value)
    assert state_of(programme) == before


def test_a_string_of_organisations_is_not_read_character_by_character() -> None:
    with pytest.raises(InvalidInput) as refused:
        world().advance_to(AT, organisations="cafe")
    assert str(refused.value) == "organisations: 'cafe' must be a collection of ids, not a string (e.g. ['cafe'])"


def test_a_well_formed_unknown_id_keeps_its_documented_answer() -> None:
    programme = world()
    assert programme.role_of("ghost", "agency") is None
    assert dict(programme.memberships("ghost")) == {}
    assert programme.active_partnership("ghost") is None
    with pytest.raises(UnknownPerson):
        programme.person("ghost")


DECISIONS: dict[str, Callable[[Programme, object], object]] = {
    "can_reach_client person": lambda p, v: can_reach_client(p, v, "bakery"),  # type: ignore[arg-type]
    "can_reach_client client": lambda p, v: can_reach_client(p, "uma", v),  # type: ignore[arg-type]
    "can_manage_product person": lambda p, v: can_manage_product(p, v, "web-1"),  # type: ignore[arg-type]
    "can_manage_product product": lambda p, v: can_manage_product(p, "uma", v),  # type: ignore[arg-type]
    "can_reach_product person": lambda p, v: can_reach_product(p, v, "web-1"),  # type: ignore[arg-type]
    "can_reach_product product": lambda p, v: can_reach_product(p, "uma", v),  # type: ignore[arg-type]
    "can_order person": lambda p, v: can_order(p, v, "bakery"),  # type: ignore[arg-type]
    "can_order client": lambda p, v: can_order(p, "paula", v),  # type: ignore[arg-type]
    "can_export_clients person": lambda p, v: can_export_clients(p, v, "agency"),  # type: ignore[arg-type]
    "can_export_clients partner": lambda p, v: can_export_clients(p, "paula", v),  # type: ignore[arg-type]
    "reachable_clients person": lambda p, v: reachable_clients(p, v),  # type: ignore[arg-type]
    "reachable_products person": lambda p, v: reachable_products(p, v),  # type: ignore[arg-type]
}  # fmt: skip


ID_OR_NOT = st.sampled_from(KNOWN) | odd_values


@given(st.data())
def test_an_access_decision_refuses_a_malformed_id_with_the_library_s_own_error(data: st.DataObject) -> None:
    programme = world()
    for case, decide in DECISIONS.items():
        value = data.draw(ID_OR_NOT, label=case)
        refused = attempt(lambda: decide(programme, value), programme)  # noqa: B023
        if malformed_id(value):
            assert isinstance(refused, InvalidInput), (case, value)


NOT_A_PROGRAMME = [None, {}, "programme", example_programme]


@pytest.mark.parametrize("state", NOT_A_PROGRAMME, ids=["None", "dict", "str", "function"])
@pytest.mark.parametrize("case", sorted({case.split()[0] for case in DECISIONS}))
def test_an_access_decision_refuses_what_is_not_a_programme_naming_it(case: str, state: object) -> None:
    # A None, a dict or the ledger given by mistake failed deep inside with a bare AttributeError ('person').
    decide = next(decide for name, decide in DECISIONS.items() if name.split()[0] == case)
    with pytest.raises(InvalidInput) as raised:
        decide(state, "uma")
    assert (raised.value.field, raised.value.value) == ("state", state)
    assert "must be the access Programme" in str(raised.value)


@pytest.mark.parametrize("method", [method for method, arguments in CALLS.items() if "by" in arguments])
def test_an_unknown_actor_is_refused_naming_by_not_person(method: str) -> None:
    """A well-formed but unknown ``by`` was reported as field ``person``, which a caller of a method that also takes
    a ``person`` could not tell apart (noted and left last stop)."""
    programme = world()
    before = state_of(programme)
    with pytest.raises(UnknownPerson) as refused:
        getattr(programme, method)(**{**CALLS[method], "by": "ghost"})
    assert refused.value.field == "by"
    assert str(refused.value).startswith("by: 'ghost' is not a known person")
    assert state_of(programme) == before


@pytest.mark.parametrize("malformed", [["carl"], None, "", " carl", "carl\n"], ids=repr)
def test_a_malformed_person_id_is_refused_naming_the_parameter_that_held_it(malformed: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        known_person(example_programme(), malformed, "by")  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("by", malformed)


@pytest.mark.parametrize("malformed", [["bakery"], None, "", "bakery ", "bak\x00ery"], ids=repr)
def test_a_malformed_organisation_id_is_refused_naming_the_parameter_that_held_it(malformed: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        known_organisation(example_programme(), malformed, "client")  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("client", malformed)


def test_a_well_formed_id_is_looked_up() -> None:
    programme = example_programme()
    assert known_person(programme, "carl", "by").id == "carl"
    assert known_organisation(programme, "bakery", "client").id == "bakery"
