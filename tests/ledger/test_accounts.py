"""Accounts: an account built by hand is checked like the ones the ledger builds (an owner only on a prepaid account, a
printable organisation id, a currency CLDR knows), its kind is a member or its text, its name is derived from its
fields and finds it again, and ``prepaid`` and ``system`` answer the account they built the first time, from a memory
that stays bounded.

The ledger's own operations check their arguments before they name an account, but an account is also built by a
caller of ``account_balances`` and read back from a file, so each check here holds on its own.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import InvalidInput, UnknownCurrency
from infomanager_core.errors import UnprintableText
from infomanager_core.ledger import Account, AccountKind, accounts, prepaid, system
from infomanager_core.ledger.accounts import account_named
from tests import strategies as s

SYSTEM_KINDS = [kind for kind in AccountKind if kind is not AccountKind.PREPAID]


@pytest.mark.parametrize("kind", SYSTEM_KINDS)
def test_a_system_account_belongs_to_the_programme_so_it_names_no_owner(kind: AccountKind) -> None:
    with pytest.raises(InvalidInput) as raised:
        Account(kind=kind, owner="acme", currency="CHF")
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "owner",
        "acme",
        "must be empty for a system account",
    )
    assert system(kind, "CHF").owner == ""


@pytest.mark.parametrize("owner", ["", None, 7, b"acme"])
def test_a_prepaid_account_must_name_the_organisation_that_holds_it(owner: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        Account(kind=AccountKind.PREPAID, owner=owner, currency="CHF")  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "owner",
        owner,
        "must name the organisation that holds a prepaid account",
    )


@pytest.mark.parametrize("owner", ["ac\nme", "acme\u200b", "\x00acme"])
def test_a_prepaid_owner_with_a_line_break_or_an_invisible_character_is_refused(owner: str) -> None:
    with pytest.raises(UnprintableText) as raised:
        prepaid(owner, "CHF")
    assert (raised.value.field, raised.value.value) == ("owner", owner)


@pytest.mark.parametrize("owner", [" acme", "acme "])
def test_a_prepaid_owner_with_surrounding_spaces_is_refused_rather_than_made_a_second_account(owner: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        Account(kind=AccountKind.PREPAID, owner=owner, currency="CHF")
    assert (raised.value.field, raised.value.rule) == ("owner", "must not begin or end with a space")


@pytest.mark.parametrize("kind", list(AccountKind))
@pytest.mark.parametrize("code", ["XYZ", "chf", "", None])
def test_an_account_of_a_currency_cldr_does_not_know_is_refused(kind: AccountKind, code: object) -> None:
    owner = "acme" if kind is AccountKind.PREPAID else ""
    with pytest.raises(UnknownCurrency) as raised:
        Account(kind=kind, owner=owner, currency=code)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("currency", code)


@given(
    owner=s.ledger_texts().map(lambda text: f"{text}:{text}"),  # a colon inside: the name still says which account
    kind=st.sampled_from(list(AccountKind)),
    code=st.sampled_from(["CHF", "EUR", "JPY", "BHD"]),
)
def test_an_account_is_found_again_by_its_name(owner: str, kind: AccountKind, code: str) -> None:
    """Journal entries hold accounts by name: every name leads back to its own account, and only to it."""
    account = prepaid(owner, code) if kind is AccountKind.PREPAID else system(kind, code)
    assert account_named(account.name) == account
    assert account.name == str(account)
    assert account_named(account.name).name == account.name


def test_an_accounts_name_is_derived_from_its_fields_and_cannot_be_given() -> None:
    with pytest.raises(TypeError):
        Account(kind="prepaid", owner="acme", currency="CHF", name="prepaid:beta:CHF")  # type: ignore[call-arg]
    assert Account(kind="prepaid", owner="acme", currency="CHF").name == "prepaid:acme:CHF"


def test_prepaid_and_system_answer_the_account_they_built_the_first_time() -> None:
    assert prepaid("acme", "CHF") is prepaid("acme", "CHF")
    assert system(AccountKind.TRANSFERS_RECEIVED, "EUR") is system(AccountKind.TRANSFERS_RECEIVED, "EUR")


def test_the_memory_of_prepaid_accounts_is_emptied_when_it_reaches_its_bound() -> None:
    first = prepaid("first-of-many", "CHF")
    for number in range(accounts._REMEMBERED):
        assert prepaid(f"org-{number}", "CHF").owner == f"org-{number}"
        assert len(accounts._PREPAID) <= accounts._REMEMBERED
    again = prepaid("first-of-many", "CHF")
    assert again == first
    assert again is not first  # forgotten when the memory was emptied, and built anew


def test_an_account_takes_its_kind_as_a_member_or_as_its_text() -> None:
    assert Account(kind="prepaid", owner="acme", currency="CHF") == prepaid("acme", "CHF")
    assert Account(kind="prepaid", owner="acme", currency="CHF").kind is AccountKind.PREPAID
    by_text = Account(kind="payouts_in_transit", owner="", currency="EUR")
    assert by_text == system(AccountKind.PAYOUTS_IN_TRANSIT, "EUR")
    assert account_named(by_text.name) == by_text


@pytest.mark.parametrize("kind", ["savings", "PREPAID", "", 3, None, ["prepaid"]])
def test_an_account_of_no_known_kind_is_refused_by_name(kind: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        Account(kind=kind, owner="", currency="CHF")  # type: ignore[arg-type]

    assert (raised.value.field, raised.value.value) == ("kind", kind)
    assert "AccountKind" in str(raised.value)
