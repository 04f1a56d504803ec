"""Every public method of the tagging, query or command, refuses an id that is no id — a tag, product, organisation or
``by`` given as a list, ``None``, a number, blank or unprintable text — with a typed error naming the parameter, and
changes nothing. Whatever any argument is (a tag's name and colour included), only the library's own errors escape,
and a refusal leaves the tags and the programme as they were. The tag permissions hold to the same."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput
from infomanager_core.access.examples import MONDAY, example_programme
from infomanager_core.tags import Tagging, can_create_tags, can_manage_tags, can_tag_product
from tests.refusals import (
    attempt,
    malformed_id,
    odd_values,
    parameters,
    public_methods,
    state_of,
)

AT = MONDAY + timedelta(hours=1)

#: Every public method of the tagging with a well-formed call; ``name`` is a tag's name (text), every other ``str`` an
#: id. A test checks the table is complete, so a method or parameter added later is thrown at too.
CALLS: dict[str, dict[str, object]] = {
    "tag": {"tag": "tag-1"},
    "tags_of": {"product": "web-1", "by": "carl"},
    "products_with": {"tag": "tag-1", "by": "uma"},
    "list_tags": {"organisation": "bakery", "by": "uma"},
    "create": {"organisation": "bakery", "name": "New", "colour": 2, "by": "carl", "at": AT},
    "rename": {"tag": "tag-1", "name": "Other", "by": "carl", "at": AT},
    "recolour": {"tag": "tag-1", "colour": 3, "by": "carl", "at": AT},
    "delete": {"tag": "tag-1", "by": "carl", "at": AT},
    "attach": {"tag": "tag-1", "product": "web-2", "by": "carl", "at": AT},
    "detach": {"tag": "tag-1", "product": "web-1", "by": "uma", "at": AT},
    "check_invariants": {},
}
TEXT = frozenset({"name"})
KNOWN = ("carl", "cleo", "uma", "ulla", "fred", "bakery", "cafe", "web-1", "web-2", "mail-1", "tag-1", "tag-2")


def world() -> Tagging:
    """The example programme's bakery with a tag 'Shop' (``tag-1``) on web-1."""
    tagging = Tagging(example_programme())
    [created] = tagging.create("bakery", "Shop", colour=1, by="carl", at=MONDAY)
    tagging.attach(created.tag, "web-1", by="carl", at=MONDAY)
    return tagging


def arguments_for(baseline: object) -> st.SearchStrategy[object]:
    """What to throw at an argument: its well-formed value, known ids, or anything at all."""
    return st.just(baseline) | st.sampled_from(KNOWN) | odd_values


THROWN = {
    (method, parameter): arguments_for(value) for method, call in CALLS.items() for parameter, value in call.items()
}


def test_the_table_holds_every_public_method_with_everything_it_takes() -> None:
    assert set(CALLS) == public_methods(Tagging)
    for method, arguments in CALLS.items():
        assert set(arguments) == parameters(getattr(Tagging, method)), method


@given(st.data())
def test_any_argument_of_any_public_method_is_taken_or_refused_by_name_and_nothing_changes(data: st.DataObject) -> None:
    tagging = world()
    for method, arguments in CALLS.items():
        for parameter, baseline in arguments.items():
            value = data.draw(THROWN[method, parameter], label=f"{method}({parameter}=…)")
            call = getattr(tagging, method)
            refused = attempt(lambda: call(**{**arguments, parameter: value}), tagging, tagging.access)  # noqa: B023
            if isinstance(baseline, str) and parameter not in TEXT and malformed_id(value):
                assert isinstance(refused, InvalidInput), (method, parameter, value)
                assert refused.field == parameter, (method, refused)
        tagging.check_invariants()
        tagging.access.check_invariants()


REPORTED: dict[str, Callable[[Tagging], object]] = {
    "create by": lambda t: t.create("bakery", "Shop 2", colour=1, by=["carl"], at=AT),  # type: ignore[arg-type]
    "create organisation": lambda t: t.create(None, "Shop 2", colour=1, by="carl", at=AT),  # type: ignore[arg-type]
    "rename by": lambda t: t.rename("tag-1", "Other", by=["carl"], at=AT),  # type: ignore[arg-type]
    "recolour by": lambda t: t.recolour("tag-1", 3, by={"carl"}, at=AT),  # type: ignore[arg-type]
    "delete tag": lambda t: t.delete(["tag-1"], by="carl", at=AT),  # type: ignore[arg-type]
    "attach product": lambda t: t.attach("tag-1", ["web-2"], by="carl", at=AT),  # type: ignore[arg-type]
    "detach by": lambda t: t.detach("tag-1", "web-1", by=b"carl", at=AT),  # type: ignore[arg-type]
    "tags_of by": lambda t: t.tags_of("web-1", by=["carl"]),  # type: ignore[arg-type]
    "products_with by": lambda t: t.products_with("tag-1", by=None),  # type: ignore[arg-type]
    "list_tags by": lambda t: t.list_tags("bakery", by=["carl"]),  # type: ignore[arg-type]
    "tag tag": lambda t: t.tag("tag-1\x00"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(REPORTED))
def test_a_reported_malformed_id_is_refused_naming_its_parameter(case: str) -> None:
    tagging = world()
    before = state_of(tagging), state_of(tagging.access)
    with pytest.raises(InvalidInput) as refused:
        REPORTED[case](tagging)
    assert refused.value.field == case.split()[1]
    assert f"{refused.value.field}: " in str(refused.value)
    assert (state_of(tagging), state_of(tagging.access)) == before


PERMISSIONS: dict[str, Callable[[Tagging, object], object]] = {
    "can_tag_product person": lambda t, v: can_tag_product(t.access, v, "web-1"),  # type: ignore[arg-type]
    "can_tag_product product": lambda t, v: can_tag_product(t.access, "uma", v),  # type: ignore[arg-type]
    "can_create_tags person": lambda t, v: can_create_tags(t.access, v, "bakery"),  # type: ignore[arg-type]
    "can_create_tags organisation": lambda t, v: can_create_tags(t.access, "uma", v),  # type: ignore[arg-type]
    "can_manage_tags person": lambda t, v: can_manage_tags(t.access, v, "bakery"),  # type: ignore[arg-type]
    "can_manage_tags organisation": lambda t, v: can_manage_tags(t.access, "uma", v),  # type: ignore[arg-type]
}  # fmt: skip
ID_OR_NOT = st.sampled_from(KNOWN) | odd_values


@given(st.data())
def test_a_tag_permission_refuses_a_malformed_id_with_the_library_s_own_error(data: st.DataObject) -> None:
    tagging = world()
    for case, decide in PERMISSIONS.items():
        value = data.draw(ID_OR_NOT, label=case)
        refused = attempt(lambda: decide(tagging, value), tagging, tagging.access)  # noqa: B023
        if malformed_id(value):
            assert isinstance(refused, InvalidInput), (case, value)


@pytest.mark.parametrize("decide", [can_tag_product, can_create_tags, can_manage_tags], ids=lambda f: f.__name__)
@pytest.mark.parametrize("programme", [None, {}, Tagging], ids=["None", "dict", "class"])
def test_a_tag_permission_refuses_what_is_not_a_programme_naming_it(
    decide: Callable[..., object], programme: object
) -> None:
    # A None or a dict failed deep inside with a bare AttributeError ('organisation', 'owner_of').
    with pytest.raises(InvalidInput) as raised:
        decide(programme, "uma", "bakery")
    assert (raised.value.field, raised.value.value) == ("programme", programme)
