"""Opening an account is a change like every other: ``Account.open`` returns its event with the account.

It returned the account alone, so an audit trail kept from the events began at the account's first change, with no
record of when it was opened, by whom, or with which login e-mail.
"""

from __future__ import annotations

import pytest

from infomanager_core import InvalidInput
from infomanager_core.security import Account, OpenedAccount, SecurityEventKind
from infomanager_core.security.examples import example_profile
from tests.security.support import CHEAP, MONDAY, PASSWORD


def test_opening_returns_the_account_and_its_one_event_by_the_account_s_own_person() -> None:
    opened = Account.open("carl", password=PASSWORD, profile=example_profile(), at=MONDAY, cost=CHEAP)
    assert isinstance(opened, OpenedAccount)
    assert opened.account.id == "carl"
    [event] = opened.events
    assert (event.what, event.account, event.by, event.at) == (SecurityEventKind.ACCOUNT_OPENED, "carl", "carl", MONDAY)
    assert (event.before, event.after) == (None, example_profile())


def test_an_account_opened_by_the_support_team_names_that_person() -> None:
    opened = Account.open("carl", password=PASSWORD, profile=example_profile(), at=MONDAY, cost=CHEAP, by="ana")
    assert [(event.account, event.by) for event in opened.events] == [("carl", "ana")]


@pytest.mark.parametrize("by", ["", "ana\n", ["ana"], 7])
def test_a_malformed_by_is_refused_naming_by(by: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        Account.open("carl", password=PASSWORD, profile=example_profile(), at=MONDAY, cost=CHEAP, by=by)  # type: ignore[arg-type]
    assert refused.value.field == "by"


def test_the_opening_event_holds_no_secret() -> None:
    [event] = Account.open("carl", password=PASSWORD, profile=example_profile(), at=MONDAY, cost=CHEAP).events
    assert PASSWORD not in repr(event)
    assert "scrypt$" not in repr(event)
