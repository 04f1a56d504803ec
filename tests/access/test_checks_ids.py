"""The guard ``checks_ids`` generates: the method's own signature, ids checked before it runs, the same verdict as
:func:`~infomanager_core.text.printable_identifier` for every value."""

from __future__ import annotations

import inspect
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access.checks import checks_ids, looked_up
from infomanager_core.errors import InfomanagerError, InvalidInput
from infomanager_core.text import printable_identifier


@checks_ids(text=("note",))
class Desk:
    def visit(
        self, person: str, place: str = "lobby", *, by: str, note: str = "", count: int = 1
    ) -> tuple[object, ...]:
        return person, place, by, note, count

    def visit_all(self, people: Iterable[str], *, by: str) -> tuple[object, ...]:
        return people, by


def test_the_guard_keeps_the_methods_signature_and_passes_every_argument_through() -> None:
    assert str(inspect.signature(Desk.visit)) == str(inspect.signature(Desk.visit.__wrapped__))  # type: ignore[attr-defined]
    desk = Desk()
    assert desk.visit("carl", by="paula") == ("carl", "lobby", "paula", "", 1)
    assert desk.visit(person="carl", place="roof", by="paula", note="\n", count=3) == ("carl", "roof", "paula", "\n", 3)
    assert desk.visit_all(iter(["a", "b"]), by="paula") == (("a", "b"), "paula")  # an iterator, read once


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda desk: desk.visit(["carl"], by="paula"), "person"),
        (lambda desk: desk.visit("carl", None, by="paula"), "place"),
        (lambda desk: desk.visit("carl", by="paula\u200b"), "by"),
        (lambda desk: desk.visit_all("ab", by="paula"), "people"),
    ],
)
def test_a_malformed_id_is_refused_naming_its_parameter(call: object, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        call(Desk())  # type: ignore[operator]
    assert refused.value.field == field


@given(value=st.text(max_size=6) | st.from_type(object))
def test_the_guard_accepts_exactly_what_printable_identifier_accepts(value: object) -> None:
    try:
        expected: object = printable_identifier(value, field="person")
    except InfomanagerError as error:
        expected = type(error)
    try:
        got: object = Desk().visit(value, by="paula")[0]  # type: ignore[arg-type]
    except InfomanagerError as error:
        got = type(error)
    assert got == expected


@pytest.mark.parametrize("parameter", ["type", "str", "_method", "_default_person"])
def test_a_parameter_the_guard_could_not_name_is_refused_when_the_class_is_defined(parameter: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"def look_up(self, person: str, {parameter}: str = 'x') -> None: ...", namespace)
    with pytest.raises(TypeError, match="has parameters the guard cannot name"):
        checks_ids()(type("Registry", (), {"look_up": namespace["look_up"]}))


@pytest.mark.parametrize("kind", [staticmethod, classmethod])
def test_a_static_or_class_method_is_refused_rather_than_left_unguarded(kind: type) -> None:
    def owner(*_: object) -> None: ...

    with pytest.raises(TypeError, match="is a static or class method"):
        checks_ids()(type("Registry", (), {"owner": kind(owner)}))


@pytest.mark.parametrize(
    "parameters",
    ["person: str, *others: str", "person: str, **options: str", "person: str, /", "note: str, /, *, by: str"],
)
def test_a_method_the_guard_cannot_copy_is_refused_when_the_class_is_defined(parameters: str) -> None:
    """A generated guard has plain named parameters: it would turn ``*others`` into one positional argument, or
    accept by keyword what the method takes only by position, so such a method is refused rather than miswrapped."""
    namespace: dict[str, object] = {}
    exec(f"def look_up(self, {parameters}) -> None: ...", namespace)
    with pytest.raises(TypeError, match=r"takes \*args, \*\*kwargs or positional-only parameters"):
        checks_ids()(type("Registry", (), {"look_up": namespace["look_up"]}))


def test_a_text_parameter_no_method_takes_is_refused_when_the_class_is_defined() -> None:
    """``text`` names the free-text parameters left unchecked; a misspelt name would leave the real one checked as an
    id (refusing a note with a line break), so it is refused, naming it."""
    with pytest.raises(TypeError, match=r"no public method of Registry takes \['notes'\]"):
        checks_ids(text=("notes",))(type("Registry", (), {"look_up": Desk.visit.__wrapped__}))  # type: ignore[attr-defined]
    assert checks_ids(text=("note",))(type("Registry", (), {"look_up": Desk.visit.__wrapped__}))  # type: ignore[attr-defined]


#: Ids on the edge of the guard's quick test: blank or invisible filler at an end, an accent written two ways.
EDGE_IDS = {
    " carl": False,
    "carl ": False,
    "carl\u3164": False,  # Hangul filler: prints as nothing
    "\u2800carl": False,  # braille blank
    "Zoe\u0301": False,  # "e" + combining accent: the NFC form is "Zoé"
    "Zoé": True,
    "café-1": True,
    "carl\u00a0": False,  # no-break space: not printable by str.isprintable, left to the closer look
    "a b": True,
}


@pytest.mark.parametrize("value", list(EDGE_IDS))
def test_an_id_on_the_edge_of_the_quick_test_gets_the_verdict_of_printable_identifier(value: str) -> None:
    """The guard decides most ids by a quick test and leaves the rest to :func:`printable_identifier`; an id the quick
    test passes must be one the closer look would accept, or an untrimmed or doubly written id slips in."""
    if EDGE_IDS[value]:
        assert Desk().visit(value, by="paula")[0] == printable_identifier(value, field="person") == value
    else:
        with pytest.raises(InvalidInput) as refused:
            Desk().visit(value, by="paula")
        assert (refused.value.field, refused.value.value) == ("person", value)
        with pytest.raises(InvalidInput):
            printable_identifier(value, field="person")


class HashRaises:
    def __hash__(self) -> int:
        raise ValueError("no hash")


class EqualityRaises:
    """Hashed as ``"call-1"``, so that the look-up compares it with that key, and ``==`` raises."""

    def __hash__(self) -> int:
        return hash("call-1")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("no ==")


@pytest.mark.parametrize(
    "key", [["call-1"], HashRaises(), EqualityRaises(), "call-2"], ids=lambda key: type(key).__name__
)
def test_a_look_up_finds_nothing_under_what_is_no_key_or_another_key(key: object) -> None:
    """Unhashable, a hash or an ``==`` that raises: nothing is found, and the caller raises its own typed error."""
    assert looked_up({"call-1": "open"}, key) is None
    assert looked_up({"call-1": "open"}, "call-1") == "open"
