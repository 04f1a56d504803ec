"""A plan decides the usual id, key and account name without a call; every other value gets the same closer look.

Plans recognise a plain id (``is_plain_identifier``) and a plain key (written out in ``caller_key``) in C and call
``printable_identifier`` only otherwise; account names are looked up by subscript and built on a miss, in a memory
emptied past 4,096 names. These tests hold both shortcuts to the rule they stand for: every value the closer look
refuses is refused by each plan with the same error and field, every value it accepts is accepted, and the names stay
right and bounded.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from infomanager_core.errors import InfomanagerError
from infomanager_core.ledger import (
    CashbackCredit,
    Iban,
    Operation,
    OrderPayment,
    PayoutRequest,
    TopUp,
    TransferDeposit,
    plans,
    prepaid,
    system,
)
from infomanager_core.ledger.accounts import AccountKind
from infomanager_core.ledger.plans import FIRST, SECOND, plan_of
from infomanager_core.money import Money
from infomanager_core.text import printable_identifier

DAY = date(2026, 3, 2)
AMOUNT = Money("10", "CHF")
IBAN = Iban("CH9300762011623852957")

#: Values that are not a plain id, each refused or accepted by the closer look: trimmable (a blank braille pattern
#: too, which ``str.strip`` keeps), blank, control, format, not NFC, drawing nothing, not a string; a no-break space
#: inside and an accented letter in NFC are accepted.
UNUSUAL = [
    "acme ",
    " acme",
    "acme\u2800",
    "",
    "   ",
    "ac\nme",
    "ac\u200bme",
    "cafe\u0301",
    "ac\u034fme",
    "\u3164acme",
    7,
    None,
    "ac\u00a0me",
    "café",
]


def _requests(value: object) -> dict[str, tuple[str, Operation]]:
    """One request per field a plan checks as an id or a key, ``value`` in that field: the field each names."""
    v: Any = value
    return {
        "top_up.organisation": ("organisation", TopUp(organisation=v, amount=AMOUNT, effective=DAY, key="t-1")),
        "top_up.key": ("key", TopUp(organisation="acme", amount=AMOUNT, effective=DAY, key=v)),
        "payment.organisation": (
            "organisation",
            OrderPayment(organisation=v, order_id="A-1", amount=AMOUNT, effective=DAY, key="p-1"),
        ),
        "payment.order_id": (
            "order_id",
            OrderPayment(organisation="acme", order_id=v, amount=AMOUNT, effective=DAY, key="p-1"),
        ),
        "cashback.partner": ("partner", CashbackCredit(partner=v, order_id="A-1", amount=AMOUNT, effective=DAY)),
        "cashback.order_id": ("order_id", CashbackCredit(partner="acme", order_id=v, amount=AMOUNT, effective=DAY)),
        "deposit.payer": ("payer", TransferDeposit(payer=v, order_id="A-1", amount=AMOUNT, effective=DAY, key="d-1")),
        "deposit.order_id": (
            "order_id",
            TransferDeposit(payer="acme", order_id=v, amount=AMOUNT, effective=DAY, key="d-1"),
        ),
        "payout.organisation": (
            "organisation",
            PayoutRequest(organisation=v, amount=AMOUNT, destination=IBAN, effective=DAY, key="o-1"),
        ),
    }


def _outcome(check: Callable[[], object]) -> tuple[type[BaseException], str] | None:
    try:
        check()
    except InfomanagerError as error:
        return type(error), str(error)
    return None


@pytest.mark.parametrize("value", UNUSUAL, ids=repr)
@pytest.mark.parametrize("where", list(_requests("x")))
def test_a_value_that_is_no_plain_id_gets_the_closer_look_of_printable_identifier(where: str, value: object) -> None:
    field, request = _requests(value)[where]
    assert _outcome(lambda: plan_of(request)) == _outcome(lambda: printable_identifier(value, field=field))


def test_every_plain_id_and_key_is_accepted_as_given() -> None:
    for where, (_, request) in _requests("ORD-2026/03.x_1").items():
        assert "'ORD-2026/03.x_1'" in repr(plan_of(request)), where


def test_account_names_are_the_accounts_own_whatever_the_memory_holds() -> None:
    top_up = plan_of(TopUp(organisation="acme", amount=Money("1", "EUR"), effective=DAY, key="t-1"))
    payout = plan_of(
        PayoutRequest(organisation="acme", amount=Money("1", "EUR"), destination=IBAN, effective=DAY, key="p")
    )
    assert (top_up[FIRST], top_up[SECOND]) == (
        prepaid("acme", "EUR").name,
        system(AccountKind.TRANSFERS_RECEIVED, "EUR").name,
    )
    assert (payout[FIRST], payout[SECOND]) == (
        system(AccountKind.PAYOUTS_IN_TRANSIT, "EUR").name,
        prepaid("acme", "EUR").name,
    )


def test_the_memory_of_prepaid_names_is_emptied_past_4096_and_still_names_each_account() -> None:
    sizes = []
    for number in range(5_000):
        organisation = f"org-{number}"
        plan = plan_of(TopUp(organisation=organisation, amount=AMOUNT, effective=DAY, key=f"t-{number}"))
        assert plan[FIRST] == prepaid(organisation, "CHF").name
        sizes.append(len(plans._prepaid))
    assert max(sizes) == 4096
    assert any(later < earlier for earlier, later in itertools.pairwise(sizes))  # emptied, then filled
