"""``known_person`` and ``known_organisation``, the look-ups the tags, the tenders and the access decisions share,
where mutation testing found that their own check of a malformed id could be inverted without a test noticing (the
programme's public methods check their ids first): a malformed id is refused naming the parameter that held it, not
the look-up's own ``person`` or ``organisation``.
"""

from __future__ import annotations

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access.examples import example_programme
from infomanager_core.access.programme import known_organisation, known_person


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
