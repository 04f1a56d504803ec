"""A login e-mail is checked as it is kept: its domain in lower case.

Lower case is not always as long as what was typed: 'İ' (U+0130, a Turkish capital dotted I) lowers to two code points,
'i' and a combining dot above. An address checked before its domain was lowered could be kept longer than the 254
characters any address may have — and a profile holding it could then not be built again from its own fields, so
changing the person's first name was refused for an e-mail address they had not touched.
"""

from __future__ import annotations

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from infomanager_core.security import Account, InvalidEmail, Profile, login_email
from infomanager_core.security.examples import EXAMPLE_COST, EXAMPLE_PASSWORD
from infomanager_core.security.invariants import check_invariants
from infomanager_core.text import MAX_EMAIL_LENGTH, is_email_address
from tests.security.support import MONDAY

DOTTED_CAPITAL_I = "\u0130"  # 'İ': lowers to 'i' and U+0307, two code points


def _address(domain_letters: int) -> str:
    return "c@" + DOTTED_CAPITAL_I * domain_letters + ".ch"


def test_an_address_that_would_be_kept_longer_than_254_characters_once_lowered_is_refused() -> None:
    typed = _address(160)  # 165 characters as typed, 325 with its domain in lower case
    assert len(typed) <= MAX_EMAIL_LENGTH < len(typed.lower())
    with pytest.raises(InvalidEmail) as refused:
        login_email(typed)
    assert (refused.value.field, refused.value.value) == ("email", typed)
    assert refused.value.rule == f"must have at most {MAX_EMAIL_LENGTH} characters"


def test_an_address_of_254_characters_once_lowered_is_kept() -> None:
    typed = "c" * 64 + "@" + DOTTED_CAPITAL_I * 93 + ".ch"  # 161 characters typed, 254 kept
    kept = login_email(typed)
    assert (len(typed), len(kept)) == (161, MAX_EMAIL_LENGTH)
    assert kept == "c" * 64 + "@" + "i\u0307" * 93 + ".ch"


def test_a_text_of_254_characters_without_an_at_sign_is_refused_as_no_address_not_as_too_long() -> None:
    """Only an address has a domain to lower: text without '@' is checked as typed, and is no e-mail address."""
    typed = "c" * (MAX_EMAIL_LENGTH - 3) + ".ch"
    assert len(typed) == MAX_EMAIL_LENGTH
    with pytest.raises(InvalidEmail, match="must be an e-mail address"):
        login_email(typed)


def test_a_profile_is_refused_when_built_not_when_the_person_later_changes_their_first_name() -> None:
    """Opened with a profile that held the 325-character address, the account refused every later change of name
    (the profile built again from its fields read its own e-mail as too long) and failed its invariants' check."""
    with pytest.raises(InvalidEmail):
        Profile(first_name="Carl", last_name="Martin", email=_address(160))
    profile = Profile(first_name="Carl", last_name="Martin", email=_address(120))  # 245 characters kept
    account = Account.open("carl", password=EXAMPLE_PASSWORD, profile=profile, at=MONDAY, cost=EXAMPLE_COST).account
    [changed] = account.update_profile(first_name="Carla", at=MONDAY)
    assert changed.detail == ("first_name",)
    check_invariants(account)


DOMAIN_LABELS = st.text(alphabet=st.sampled_from(["b", "B", DOTTED_CAPITAL_I, "\u212a", "ß"]), min_size=1, max_size=130)


@given(local=st.text(alphabet="cC.+", min_size=1, max_size=64), label=DOMAIN_LABELS)
@example(local="c", label=DOTTED_CAPITAL_I * 160)
def test_a_login_email_kept_is_one_the_rule_keeps_again_unchanged(local: str, label: str) -> None:
    """Whatever login_email keeps is an e-mail address by the library's rule, and login_email keeps it as it is — so
    a profile built from its own fields is the same profile (attrs.evolve, the invariants' check of its tidy form)."""
    try:
        kept = login_email(f"{local}@{label}.ch")
    except InvalidEmail:
        return
    assert is_email_address(kept)
    assert login_email(kept) == kept
    profile = Profile(first_name="Carl", last_name="Martin", email=kept)
    assert attrs.evolve(profile, first_name="Carla").email == kept
