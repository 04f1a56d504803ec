"""Personal data a caller gave — an e-mail address, a phone number, an IBAN — is shown in the error that refuses it,
unlike a secret: the person reading the message needs it to see what was wrong, and it is no credential."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infomanager_core import InvalidInput
from infomanager_core.ledger import Iban
from infomanager_core.security import phone_number
from infomanager_core.security.profile import login_email
from infomanager_core.tenders import Contact

REFUSED: dict[str, tuple[Callable[[str], object], str]] = {
    "a login e-mail": (login_email, "carl.martin@bakery"),
    "a phone number": (phone_number, "079 123 45 67"),
    "a tender contact's e-mail": (lambda email: Contact(name="Carl", email=email), "carl martin@bakery.example"),
    "an IBAN": (Iban, "CH9300762011623852958"),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_personal_data_refused_is_shown_as_given(kind: str) -> None:
    make, given = REFUSED[kind]
    with pytest.raises(InvalidInput) as refused:
        make(given)
    assert refused.value.value == given
    assert repr(given) in str(refused.value)
