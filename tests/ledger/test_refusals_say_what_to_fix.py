"""A refusal a service meets by mistake says what to fix (review88, building docs/integration.md from the docs alone).

An order paid in a currency the organisation was never credited in was answered "top it up first", while the
organisation held money in its billing currency: the mistake was the currency, and the message sent the reader to the
bank. A key sent again with other content said what the key recorded and what it "cannot now mean", and not what to
do instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from infomanager_core import InvalidInput, KeyReused, Money
from infomanager_core.ledger import (
    AccountKind,
    BatchRefused,
    Iban,
    IdempotencyConflict,
    Ledger,
    OrderPayment,
    TopUp,
    UnknownAccount,
    prepaid,
    system,
)

DAY = date(2027, 3, 2)


def test_paying_from_an_account_never_credited_points_at_the_currency_as_well_as_at_a_top_up(ledger: Ledger) -> None:
    ledger.top_up(organisation="bakery", amount=Money("100", "EUR"), effective=DAY, key="bank-1")
    with pytest.raises(UnknownAccount) as refused:
        ledger.pay_order(organisation="bakery", order_id="ORD-1", amount=Money("5", "CHF"), effective=DAY, key="p-1")
    assert refused.value.field == "account"
    assert str(refused.value).endswith(
        "(bakery holds EUR: an organisation has one prepaid account per currency, so check the currency,"
        " or top it up first)"
    )


def test_a_payout_from_an_account_never_credited_says_the_same(ledger: Ledger) -> None:
    ledger.top_up(organisation="agency", amount=Money("100", "EUR"), effective=DAY, key="bank-1")
    with pytest.raises(UnknownAccount, match=r"\(agency holds EUR: .* check the currency, or top it up first\)$"):
        ledger.request_payout(
            organisation="agency",
            amount=Money("5", "CHF"),
            destination=Iban("CH9300762011623852957"),
            effective=DAY,
            key="payout-1",
        )


def test_a_key_sent_again_with_other_content_says_that_a_retry_repeats_its_request(ledger: Ledger) -> None:
    first = ledger.top_up(organisation="bakery", amount=Money("100", "EUR"), effective=DAY, key="bank-1")
    with pytest.raises(IdempotencyConflict) as refused:
        ledger.top_up(organisation="bakery", amount=Money("120", "EUR"), effective=DAY, key="bank-1")
    assert refused.value.sequence == first.sequence
    assert str(refused.value).endswith("(a retry repeats its request exactly; another request takes a key of its own)")


def test_a_key_sent_again_with_other_content_is_the_caller_s_mistake_as_on_the_tender_board(ledger: Ledger) -> None:
    """One rule, one answer: the ledger's conflict is the library's KeyReused, an InvalidInput naming the key — a
    service answering input mistakes apart from refusals by the state of things answered it as the latter."""
    ledger.top_up(organisation="bakery", amount=Money("100", "EUR"), effective=DAY, key="bank-1")
    with pytest.raises(KeyReused) as refused:
        ledger.top_up(organisation="bakery", amount=Money("120", "EUR"), effective=DAY, key="bank-1")
    assert isinstance(refused.value, InvalidInput)
    assert isinstance(refused.value, IdempotencyConflict)
    assert (refused.value.field, refused.value.value, refused.value.first) == ("key", "bank-1", "transaction #1")
    assert str(refused.value).startswith("key: 'bank-1' already recorded transaction #1 as ")


def test_paying_from_an_organisation_that_holds_nothing_says_to_top_it_up(ledger: Ledger) -> None:
    with pytest.raises(UnknownAccount) as refused:
        ledger.pay_order(organisation="bakery", order_id="ORD-1", amount=Money("5", "EUR"), effective=DAY, key="p-1")
    assert str(refused.value) == (
        "account: 'prepaid:bakery:EUR' has never been credited"
        " (nothing is paid from it before money is credited to it: top it up first)"
    )


@pytest.mark.parametrize(
    "read",
    [
        lambda ledger: ledger.balances("bakery", "CHF"),
        lambda ledger: ledger.balance_at("bakery", "CHF", on=DAY),
        lambda ledger: ledger.pending_payouts("bakery", "CHF"),
        lambda ledger: ledger.statement("bakery", "CHF"),
        lambda ledger: ledger.account_balances(prepaid("bakery", "CHF")),
    ],
    ids=["balances", "balance_at", "pending_payouts", "statement", "account_balances"],
)
def test_reading_an_account_never_credited_names_the_currencies_the_organisation_holds(
    ledger: Ledger, read: Callable[[Ledger], object]
) -> None:
    """A read in the wrong currency said only 'has never been credited', though the bakery held euros and dollars
    (review88's friction)."""
    for code in ("USD", "EUR"):
        ledger.top_up(organisation="bakery", amount=Money("100", code), effective=DAY, key=f"bank-{code}")
    with pytest.raises(UnknownAccount) as refused:
        read(ledger)
    assert str(refused.value) == (
        "account: 'prepaid:bakery:CHF' has never been credited"
        " (bakery holds EUR, USD: an organisation has one prepaid account per currency, so check the currency)"
    )


def test_reading_a_system_account_never_credited_names_no_currency(ledger: Ledger) -> None:
    ledger.top_up(organisation="bakery", amount=Money("100", "EUR"), effective=DAY, key="bank-1")
    with pytest.raises(UnknownAccount) as refused:
        ledger.account_balances(system(AccountKind.PAYOUTS_IN_TRANSIT, "EUR"))
    assert str(refused.value) == "account: 'payouts_in_transit:EUR' has never been credited"


def test_the_currencies_named_are_the_organisations_own_not_those_of_the_store(ledger: Ledger) -> None:
    """Another organisation's accounts are not the bakery's: naming their currencies would send the reader to one the
    bakery was never credited in."""
    ledger.top_up(organisation="bakery", amount=Money("100", "EUR"), effective=DAY, key="bank-1")
    for code in ("CHF", "JPY", "USD"):
        ledger.top_up(organisation="agency", amount=Money("100", code), effective=DAY, key=f"bank-agency-{code}")
    with pytest.raises(UnknownAccount, match=r"\(bakery holds EUR: an organisation has one prepaid account per"):
        ledger.balances("bakery", "CHF")


def test_a_batch_refuses_a_payment_in_a_currency_never_credited_as_the_single_call_would_after_the_ones_before(
    ledger: Ledger,
) -> None:
    """``post_many`` promises each refusal is exactly the one the operation meets posted alone after the operations
    before it. The bakery's euros, topped up earlier in the same batch, were left out of the hint: it said only "top it
    up first", where the single calls say the bakery holds EUR, so check the currency."""
    batch = [
        TopUp(organisation="bakery", amount=Money("100", "EUR"), effective=DAY, key="bank-1"),
        TopUp(organisation="bakery", amount=Money("100", "USD"), effective=DAY, key="bank-2"),
        OrderPayment(organisation="bakery", order_id="ORD-1", amount=Money("5", "CHF"), effective=DAY, key="p-1"),
    ]
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many(batch)
    assert refused.value.index == 2
    assert ledger.journal() == ()
    for request in batch[:2]:
        ledger.post_many([request])
    with pytest.raises(BatchRefused) as alone:
        ledger.post_many(batch[2:])
    assert (
        str(refused.value.error)
        == str(alone.value.error)
        == (
            "account: 'prepaid:bakery:CHF' has never been credited (bakery holds EUR, USD: an organisation has one prepaid"
            " account per currency, so check the currency, or top it up first)"
        )
    )


def test_a_batch_names_the_currencies_held_both_before_it_and_in_it_and_only_the_payer_s(ledger: Ledger) -> None:
    ledger.top_up(organisation="bakery", amount=Money("100", "USD"), effective=DAY, key="bank-0")
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many(
            [
                TopUp(organisation="agency", amount=Money("100", "JPY"), effective=DAY, key="bank-agency"),
                TopUp(organisation="bakery", amount=Money("100", "EUR"), effective=DAY, key="bank-1"),
                OrderPayment(
                    organisation="bakery", order_id="ORD-1", amount=Money("5", "CHF"), effective=DAY, key="p-1"
                ),
            ]
        )
    assert "(bakery holds EUR, USD: an organisation" in str(refused.value.error)
