"""A tender contact's e-mail address is tidied by the library's text rule, as a login e-mail is.

It was trimmed by ``str.strip``, which leaves a Hangul filler (U+3164) or a blank braille pattern (U+2800): characters
that draw nothing, which the text rule trims from a contact's name and from a login e-mail. 'ㅤcarl@bakery.example'
was kept with its invisible first character — the confirmation with the cancellation link sent to an address that
shows as Carl's and is not — and 'carl@bakery.ㅤ' passed as an address with a domain of two labels.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core.security import login_email
from infomanager_core.tenders import Contact, InvalidEmail, contact_email
from infomanager_core.text import is_email_address, printable_text

HANGUL_FILLER, BLANK_BRAILLE = "\u3164", "\u2800"


@pytest.mark.parametrize("blank", [HANGUL_FILLER, BLANK_BRAILLE], ids=["Hangul filler", "blank braille"])
def test_a_character_that_draws_nothing_at_either_end_of_a_contact_s_address_is_trimmed(blank: str) -> None:
    for typed in (f"{blank}carl@bakery.example", f"carl@bakery.example{blank}", f" {blank} carl@bakery.example "):
        assert contact_email(typed) == "carl@bakery.example" == login_email(typed)
        assert Contact(name="Carl", email=typed).email == "carl@bakery.example"


def test_an_address_whose_last_label_is_a_character_that_draws_nothing_is_refused() -> None:
    typed = f"carl@bakery.{HANGUL_FILLER}"
    with pytest.raises(InvalidEmail) as refused:
        contact_email(typed)
    assert (refused.value.field, refused.value.value) == ("email", typed)


BLANKS = st.sampled_from([HANGUL_FILLER, BLANK_BRAILLE, " ", "\t", "\u00a0", ""])


@given(
    before=BLANKS,
    local=st.text(alphabet="cé.+\u0301", min_size=1, max_size=6),
    domain=st.text(alphabet=f"bé.\u0301{HANGUL_FILLER}", min_size=1, max_size=8),
    after=BLANKS,
)
@example(before="", local="carl", domain=f"bakery.{HANGUL_FILLER}", after="")
@example(before=HANGUL_FILLER, local="carl", domain="bakery.example", after="")
def test_a_contact_s_address_is_kept_in_the_form_the_text_rule_and_the_address_rule_keep_unchanged(
    before: str, local: str, domain: str, after: str
) -> None:
    try:
        kept = contact_email(f"{before}{local}@{domain}{after}")
    except InvalidEmail:
        return
    assert printable_text(kept, field="email") == kept
    assert is_email_address(kept)
    assert contact_email(kept) == kept
