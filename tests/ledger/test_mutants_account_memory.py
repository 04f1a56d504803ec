"""Accounts after the posting path's rewrite, where mutation testing found what no test pinned: an account's ``name``
(the key of every balance on the posting path) is always derived from its fields and cannot be given, and ``prepaid``
and ``system`` answer the account they built the first time, from a memory that stays bounded.
"""

from __future__ import annotations

import pytest

from infomanager_core.ledger import Account, AccountKind, accounts, prepaid, system


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
