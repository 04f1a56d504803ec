"""The largest balances: no posting takes an account's balance beyond what Money can hold in its currency.

One operation moves at most ``MAX_UNITS`` minor units, and Money holds less than ``MAX_AMOUNT`` = 10**14 major units
(10**14 minor units of yen, which has no minor digits). Found by posting the largest amounts one operation moves,
again and again, on every store: two top-ups of 60 trillion yen were each accepted, and then the ledger could no
longer report the account it had written — ``balances``, ``statement`` and ``balance_at`` all raised ``InvalidAmount`` about ``units`` the caller never
gave. Now the posting that would cross the bound is refused (``AmountOutOfRange``, naming what the caller gave and the
balance it would reach), the store is left as it was, and every balance stays readable. The programme's own accounts
are bounded alike: they sum every organisation's postings in a currency.
"""

from __future__ import annotations

from datetime import date

import pytest

from infomanager_core import Money
from infomanager_core.ledger import (
    AccountKind,
    AmountOutOfRange,
    BatchRefused,
    Iban,
    Ledger,
    OrderPayment,
    TopUp,
    check_invariants,
    system,
)

from .support import snapshot

DAY = date(2026, 3, 2)
IBAN = Iban("CH9300762011623852957")
#: 60 and 90 trillion yen: each within Money's bound (less than 10**14 yen), any two of them beyond it
SIXTY = Money("60000000000000", "JPY")
NINETY = Money("90000000000000", "JPY")
#: 40 and 10 trillion yen: with SIXTY or NINETY, a balance of exactly 10**14 yen — the first Money cannot hold
FORTY = Money("40000000000000", "JPY")
TEN = Money("10000000000000", "JPY")


def refused_as_out_of_range(ledger: Ledger, post: object, field: str, value: object, balance: str) -> None:
    """``post()`` is refused naming ``field`` and ``value`` and the account ``balance`` it would take out of range;
    the store is as it was and every balance it holds is still readable."""
    before = snapshot(ledger)
    with pytest.raises(AmountOutOfRange) as refused:
        post()  # type: ignore[operator]
    assert (refused.value.field, refused.value.value) == (field, value)
    assert f"would take the balance of {balance} to " in str(refused.value)
    assert snapshot(ledger) == before
    check_invariants(ledger.store)
    for account in snapshot(ledger)[1]:
        ledger.account_balances(account)  # each one a Money again


@pytest.mark.parametrize(
    ("organisation", "crossing"),
    [("acme", "prepaid:acme:JPY"), ("globex", "transfers_received:JPY")],  # the programme's sums both organisations'
)
def test_a_top_up_that_would_take_a_balance_beyond_what_money_holds_is_refused_and_the_balances_stay_readable(
    ledger: Ledger, organisation: str, crossing: str
) -> None:
    """Acme tops up 60 trillion yen, then acme or globex as much again: acme's balance would cross the bound, or the
    programme's own account of transfers received, which sums every organisation's top-ups."""
    ledger.top_up(organisation="acme", amount=SIXTY, effective=DAY, key="t-1")
    refused_as_out_of_range(
        ledger,
        lambda: ledger.top_up(organisation=organisation, amount=SIXTY, effective=DAY, key="t-2"),
        "amount",
        SIXTY,
        crossing,
    )
    assert ledger.balances("acme", "JPY").posted == SIXTY
    assert ledger.statement("acme", "JPY").closing == SIXTY
    assert ledger.account_balances(system(AccountKind.TRANSFERS_RECEIVED, "JPY")).posted == -SIXTY


def test_a_reversal_that_would_take_a_balance_beyond_what_money_holds_is_refused_naming_the_reversed_sequence(
    ledger: Ledger,
) -> None:
    """Acme pays an order with all it has, is credited as much again as cashback, and the payment is reversed."""
    ledger.top_up(organisation="acme", amount=NINETY, effective=DAY, key="t-1")
    paid = ledger.pay_order(organisation="acme", order_id="O-1", amount=NINETY, effective=DAY, key="pay")
    ledger.credit_cashback(partner="acme", order_id="O-0", amount=NINETY, effective=DAY)
    refused_as_out_of_range(
        ledger,
        lambda: ledger.reverse(sequence=paid.sequence, effective=DAY, key="undo"),
        "sequence",
        paid.sequence,
        "prepaid:acme:JPY",
    )


@pytest.mark.parametrize(
    ("acme", "globex"), [(NINETY, NINETY), (SIXTY, FORTY)], ids=["beyond the bound", "exactly to the bound"]
)
def test_payouts_in_transit_are_bounded_both_pending_and_completed(ledger: Ledger, acme: Money, globex: Money) -> None:
    """Acme's and globex's payouts of 90 trillion yen each, or of 60 and 40: requested together, the second would take
    what is in transit pending beyond the bound or to it; completed one after the other, the second completion would
    take it posted."""
    ledger.top_up(organisation="acme", amount=acme, effective=DAY, key="t-acme")
    ledger.credit_cashback(partner="globex", order_id="O-1", amount=globex, effective=DAY)
    first = ledger.request_payout(organisation="acme", amount=acme, destination=IBAN, effective=DAY, key="p-acme")
    in_transit = "payouts_in_transit:JPY"
    refused_as_out_of_range(
        ledger,
        lambda: ledger.request_payout(
            organisation="globex", amount=globex, destination=IBAN, effective=DAY, key="p-globex"
        ),
        "amount",
        globex,
        in_transit,
    )
    ledger.complete_payout(request=first.sequence, effective=DAY, key="done-acme")
    second = ledger.request_payout(organisation="globex", amount=globex, destination=IBAN, effective=DAY, key="p-gl")
    refused_as_out_of_range(
        ledger,
        lambda: ledger.complete_payout(request=second.sequence, effective=DAY, key="done-globex"),
        "request",
        second.sequence,
        in_transit,
    )
    ledger.fail_payout(request=second.sequence, effective=DAY, key="failed-globex")  # releasing it is no trouble


def test_a_bulk_posting_that_would_pass_beyond_the_bound_is_refused_at_that_operation_even_if_a_later_one_comes_back(
    ledger: Ledger,
) -> None:
    """The second top-up crosses the bound and the payment after it would bring the balance back within it: the
    balance at the second top-up could never be reported, so the batch is refused there."""
    operations = [
        TopUp(organisation="acme", amount=SIXTY, effective=DAY, key="t-1"),
        TopUp(organisation="acme", amount=SIXTY, effective=DAY, key="t-2"),
        OrderPayment(organisation="acme", order_id="O-1", amount=SIXTY, effective=DAY, key="pay"),
    ]
    before = snapshot(ledger)
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many(operations)
    assert refused.value.index == 1
    assert isinstance(refused.value.error, AmountOutOfRange)
    assert snapshot(ledger) == before


@pytest.mark.parametrize(("code", "units"), [("CHF", 10**16 - 1), ("BHD", 10**17 - 1), ("JPY", 10**14 - 1)])
def test_a_balance_just_within_the_bound_is_accepted_and_read_back(ledger: Ledger, code: str, units: int) -> None:
    """The largest balance Money holds in each currency, made of top-ups of at most one operation's largest amount,
    and of the largest Money then: one minor unit more is refused."""
    largest = min(10**15, units)
    whole, rest = divmod(units, largest)
    amounts = [largest] * whole + ([rest] if rest else [])
    ledger.post_many(
        TopUp(organisation="acme", amount=Money.from_minor_units(n, code), effective=DAY, key=f"t-{i}")
        for i, n in enumerate(amounts)
    )
    assert ledger.balances("acme", code).posted == Money.from_minor_units(units, code)
    one = Money.from_minor_units(1, code)
    refused_as_out_of_range(
        ledger,
        lambda: ledger.top_up(organisation="acme", amount=one, effective=DAY, key="one-more"),
        "amount",
        one,
        f"prepaid:acme:{code}",
    )


#: After acme's top-up of 60 trillion yen, a credit of 40 trillion that takes one side alone to the bound
CREDITS_TO_THE_BOUND = {
    # acme's balance reaches it, the cashback expense only 40 trillion
    "prepaid:acme:JPY": lambda ledger: ledger.credit_cashback(
        partner="acme", order_id="O-1", amount=FORTY, effective=DAY
    ),
    # the programme's account reaches it, each organisation stays within
    "transfers_received:JPY": lambda ledger: ledger.top_up(
        organisation="globex", amount=FORTY, effective=DAY, key="t-2"
    ),
}


@pytest.mark.parametrize("crossing", CREDITS_TO_THE_BOUND)
def test_a_credit_that_takes_one_side_alone_exactly_to_the_bound_is_refused_naming_that_side(
    ledger: Ledger, crossing: str
) -> None:
    """A credit gains on one account and gives from another, and either may reach the bound while the other stays
    within it: acme's 60 trillion topped up and 40 trillion of cashback, or acme's and globex's top-ups together."""
    ledger.top_up(organisation="acme", amount=SIXTY, effective=DAY, key="t-1")
    credit = CREDITS_TO_THE_BOUND[crossing]
    refused_as_out_of_range(ledger, lambda: credit(ledger), "amount", FORTY, crossing)


@pytest.mark.parametrize("partial", [False, True])
def test_a_payment_that_takes_the_order_settlement_exactly_to_the_bound_is_refused_naming_the_amount_asked(
    ledger: Ledger, partial: bool
) -> None:
    """Acme pays 90 trillion yen for an order, globex 10 trillion for another: what orders settled would reach the
    bound. A partial payment asked 20 trillion and would take the 10 globex has: the refusal names what was asked."""
    ledger.top_up(organisation="acme", amount=NINETY, effective=DAY, key="t-1")
    ledger.pay_order(organisation="acme", order_id="O-1", amount=NINETY, effective=DAY, key="pay-1")
    ledger.credit_cashback(partner="globex", order_id="O-0", amount=TEN, effective=DAY)
    asked = TEN + TEN if partial else TEN
    refused_as_out_of_range(
        ledger,
        lambda: ledger.pay_order(
            organisation="globex", order_id="O-2", amount=asked, effective=DAY, key="pay-2", partial=partial
        ),
        "amount",
        asked,
        "order_settlement:JPY",
    )


@pytest.mark.parametrize("side", ["gaining", "losing"])
def test_a_reversal_that_takes_one_side_alone_exactly_to_the_bound_is_refused_naming_that_side(
    ledger: Ledger, side: str
) -> None:
    """Gaining: acme's payment of 60 trillion yen reversed once 40 trillion of cashback came in, which would give acme
    exactly the bound back. Losing: acme's top-up reversed, globex's 40 trillion topped up, and the reversal reversed
    in turn, which would charge the programme's account of transfers received exactly the bound."""
    ledger.top_up(organisation="acme", amount=SIXTY, effective=DAY, key="t-1")
    if side == "gaining":
        undone = ledger.pay_order(organisation="acme", order_id="O-1", amount=SIXTY, effective=DAY, key="pay")
        ledger.credit_cashback(partner="acme", order_id="O-0", amount=FORTY, effective=DAY)
        crossing = "prepaid:acme:JPY"
    else:
        undone = ledger.reverse(sequence=1, effective=DAY, key="undo-t-1")
        ledger.top_up(organisation="globex", amount=FORTY, effective=DAY, key="t-2")
        crossing = "transfers_received:JPY"
    refused_as_out_of_range(
        ledger,
        lambda: ledger.reverse(sequence=undone.sequence, effective=DAY, key="undo"),
        "sequence",
        undone.sequence,
        crossing,
    )
