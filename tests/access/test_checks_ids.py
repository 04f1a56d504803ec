"""The guard ``checks_ids`` generates: the method's own signature, ids checked before it runs, the same verdict as
:func:`~infomanager_core.text.printable_identifier` for every value."""

from __future__ import annotations

import inspect
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access.checks import checks_ids
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
