"""A refusal a service meets by mistake says what to fix (review88, building docs/integration.md from the docs alone).

An order paid in a currency the organisation was never credited in was answered "top it up first", while the
organisation held money in its billing currency: the mistake was the currency, and the message sent the reader to the
bank. A key sent again with other content said what the key recorded and what it "cannot now mean", and not what to
do instead.
"""

from __future__ import annotations

from datetime import date

import pytest

from infomanager_core import InvalidInput, KeyReused, Money
from infomanager_core.ledger import Iban, IdempotencyConflict, Ledger, UnknownAccount

DAY = date(2027, 3, 2)


def test_paying_from_an_account_never_credited_points_at_the_currency_as_well_as_at_a_top_up(ledger: Ledger) -> None:
    ledger.top_up(organisation="bakery", amount=Money("100", "EUR"), effective=DAY, key="bank-1")
    with pytest.raises(UnknownAccount) as refused:
        ledger.pay_order(organisation="bakery", order_id="ORD-1", amount=Money("5", "CHF"), effective=DAY, key="p-1")
    assert refused.value.field == "account"
    assert "one prepaid account per currency, so check the currency, or top it up first" in str(refused.value)


def test_a_payout_from_an_account_never_credited_says_the_same(ledger: Ledger) -> None:
    ledger.top_up(organisation="agency", amount=Money("100", "EUR"), effective=DAY, key="bank-1")
    with pytest.raises(UnknownAccount, match=r"check the currency, or top it up first\)$"):
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
