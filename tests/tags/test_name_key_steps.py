"""Each step of ``name_key`` matters, shown by a name that it alone keys right: the standard's order of case-folding
and normal forms (D146: canonical equivalents, a mark whose folding changes how marks are ordered, a compatibility form
spelled in capitals) and any whitespace, not only the space, read as one space. The look-alikes a tagging refuses for
the same steps (a joiner between a letter and its accent, the Ogham space mark) are in ``test_lookalike_names.py``."""

from __future__ import annotations

import unicodedata

import pytest

from infomanager_core.tags import name_key


@pytest.mark.parametrize("space", ["\t", "\n", "\x1f", "\u00a0", "\u1680", "\u2028", "\u3000", " \u1680\t"])
def test_any_run_of_whitespace_in_a_name_s_key_is_one_space(space: str) -> None:
    assert name_key(f"Web{space}shop") == name_key(f"Web {space} Shop ") == "web shop"


@pytest.mark.parametrize(
    ("typed", "other_order"),
    [
        ("\u03b1\u0345\u0301", "\u03b1\u0301\u0345"),  # alpha, ypogegrammeni, acute: the marks in either order
        ("\u03ac\u0345", "\u03b1\u0345\u0301"),  # alpha with tonos composed, or the tonos (an acute) as a mark
        ("\u00a0\u0345\u0301", "\u00a0\u0301\u0345"),  # a no-break space carrying the marks
    ],
)
def test_canonically_equivalent_names_have_one_key(typed: str, other_order: str) -> None:
    """Unicode's canonical equivalents (the same text, its marks typed in another order or composed) are one name:
    the key is taken of the NFD form, before case-folding turns the ypogegrammeni into a letter that orders nothing."""
    assert unicodedata.normalize("NFD", typed) == unicodedata.normalize("NFD", other_order)  # the same text
    forms = {typed, other_order, unicodedata.normalize("NFC", typed), unicodedata.normalize("NFD", typed)}
    assert len({name_key(form) for form in forms}) == 1


@pytest.mark.parametrize(
    ("compatibility", "plain"),
    [
        ("\u3392", "mhz"),  # the square MHz: its compatibility form has capitals, folded after decomposing
        ("\u2121", "tel"),  # the telephone sign: TEL
        ("\u03ac\u0345\u0301", "\u03ac\u0301\u03b9"),  # both accents stay on the alpha, ahead of the iota it carries
        ("\u0345\uff9e", "\u03b9\u3099"),  # folded to iota before the half-width voiced mark becomes a combining one
    ],
)
def test_a_compatibility_form_is_folded_as_the_standard_orders_the_steps(compatibility: str, plain: str) -> None:
    assert name_key(compatibility) == name_key(plain) == plain
