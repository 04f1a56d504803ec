"""Idempotency fingerprints keep the format earlier versions stored, so their recorded keys still match."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.ledger import Iban, Ledger, PaypalAddress
from infomanager_core.ledger.plans import cashback_key
from tests import strategies as s

DAY = date(2026, 3, 2)
texts = s.ledger_texts()  # quotes, pipes and '=' included
amounts = st.builds(Money.from_minor_units, st.integers(1, 10**9), st.sampled_from(("CHF", "EUR", "JPY", "BHD")))
reasons = st.none() | s.ledger_free_texts()  # free text: kept as given, spaces around included


def stored_format(kind: str, **content: object) -> str:
    """The fingerprint as the generic formula writes it: ``kind|name=repr(value)|…``, names sorted, money as units."""

    def canonical(value: object) -> object:
        if isinstance(value, Money):
            return (value.minor_units(), value.currency)
        if isinstance(value, Iban | PaypalAddress):
            return str(value)
        return value

    return "|".join([kind, *(f"{name}={canonical(content[name])!r}" for name in sorted(content))])


def recorded(ledger: Ledger, key: str) -> str:
    with ledger.store.reading() as reader:
        found = reader.recorded(key)
    assert found is not None
    return found[0]


@given(organisation=texts, order=texts, amount=amounts, reference=reasons, partial=st.booleans(), reason=reasons)
def test_every_operation_records_its_fingerprint_in_the_stored_format(
    organisation: str, order: str, amount: Money, reference: str | None, partial: bool, reason: str | None
) -> None:
    ledger = Ledger()
    ledger.top_up(organisation=organisation, amount=amount * 3, effective=DAY, key="t", reference=reference)
    ledger.credit_cashback(partner=organisation, order_id=order, amount=amount, effective=DAY)
    ledger.deposit_cancelled_transfer(payer=organisation, order_id=order, amount=amount, effective=DAY, key="d")
    ledger.pay_order(organisation=organisation, order_id=order, amount=amount, effective=DAY, key="p", partial=partial)
    destination = Iban("CH9300762011623852957") if partial else PaypalAddress("billing@acme.ch")
    ledger.request_payout(organisation=organisation, amount=amount, destination=destination, effective=DAY, key="r")
    ledger.complete_payout(request=5, effective=DAY, key="c")
    ledger.reverse(sequence=2, effective=DAY, key="v", reason=reason)
    ledger.request_payout(organisation=organisation, amount=amount, destination=destination, effective=DAY, key="r2")
    ledger.fail_payout(request=8, effective=DAY, key="f", reason=reason)

    amount3 = amount * 3
    assert recorded(ledger, "t") == stored_format(
        "top_up", organisation=organisation, amount=amount3, reference=reference
    )
    assert recorded(ledger, cashback_key(order)) == stored_format(
        "cashback", partner=organisation, order=order, amount=amount
    )
    assert recorded(ledger, "d") == stored_format("transfer_deposit", payer=organisation, order=order, amount=amount)
    assert recorded(ledger, "p") == stored_format(
        "order_payment", organisation=organisation, order=order, amount=amount, partial=partial
    )
    assert recorded(ledger, "r") == stored_format(
        "payout_request", organisation=organisation, amount=amount, destination=destination
    )
    assert recorded(ledger, "c") == stored_format("payout_completion", request=5, reason=None)
    assert recorded(ledger, "v") == stored_format("reversal", sequence=2, reason=reason)
    assert recorded(ledger, "f") == stored_format("payout_failure", request=8, reason=reason)


def test_a_fingerprint_reads_as_the_operation_it_names() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
    assert recorded(ledger, "t-1") == "top_up|amount=(10000, 'CHF')|organisation='acme'|reference=None"
