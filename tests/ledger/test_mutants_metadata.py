"""``metadata`` after the bad-input sweep, where mutation testing found that its refusal of a pair whose value is
no text could lose its hint, the pair it refused, without a test noticing: in a mapping of many names the hint is
what says which one is wrong.
"""

from __future__ import annotations

import pytest

from infomanager_core import InvalidInput
from infomanager_core.ledger.transaction import metadata
from tests.error_support import what_it_says

RULE = "must be a mapping of names to texts, or (name, text) pairs"


@pytest.mark.parametrize(
    ("values", "pair"),
    [
        ({"order": "A-17", "amount": 17}, ("amount", 17)),
        ([("order", "A-17"), ["note", b"late"]], ["note", b"late"]),
        ({"order": "A-17", "note": None, "due": 1.5}, ("due", 1.5)),
    ],
)
def test_a_pair_whose_value_is_no_text_is_refused_naming_the_pair(values: object, pair: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        metadata(values)  # type: ignore[arg-type]
    assert what_it_says(raised.value) == ("values", values, RULE, f"not {pair!r}")
