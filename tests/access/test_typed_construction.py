"""Building a value with a field of the wrong type raises the library's own InvalidInput, naming field, value, rule."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access import Decision, Organisation, Person, Programme, Reason, Role
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
