"""The e-mail check refuses each of RFC 5322's specials but the dot, alone, wherever it stands.

A mail header writes an address unquoted, so one holding a special is not the one address it looks like ("a,b@c.ch"
is two, "a<b@evil.example>" names another). The pairs the check's own table tries ("a(note)", "[10.0.0.1]",
"<evil@x.ch>") hold two specials each and would still be refused if the rule forgot one of them: here each is alone.
"""

from __future__ import annotations

import pytest

from infomanager_core.text import is_email_address

SPECIALS = ',;:<>()[]\\"'


@pytest.mark.parametrize("special", SPECIALS)
def test_a_special_alone_in_the_local_part_or_the_domain_is_refused(special: str) -> None:
    assert not is_email_address(f"carl{special}billing@bakery.ch")
    assert not is_email_address(f"carl@bakery{special}shop.ch")
    assert is_email_address("carl.billing@bakery.shop.ch")  # the dot is the one special an address may hold
