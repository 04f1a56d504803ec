"""The ledger service's queries and arguments: a batch given as a generator, the widest clock allowance, and queries
asked with the wrong kind of value, about an account never credited, or about a transaction the journal has not
reached. A refused query or batch changes nothing.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from infomanager_core import InvalidInput, Money
from infomanager_core.ledger import (
    Ledger,
    OrderPayment,
    TopUp,
    UnknownAccount,
    UnknownTransaction,
)

from .support import STORES, new_ledger, snapshot

MONDAY = date(2026, 3, 2)
TUESDAY = date(2026, 3, 3)


def chf(amount: str) -> Money:
    return Money(amount, "CHF")


def funded(ledger: Ledger) -> Ledger:
    """acme holds 100.00 CHF from Monday, 70.00 after paying 30.00 on Tuesday."""
    ledger.top_up(organisation="acme", amount=chf("100"), effective=MONDAY, key="t-1")
    ledger.pay_order(organisation="acme", order_id="A-1", amount=chf("30"), effective=TUESDAY, key="p-1")
    return ledger


@pytest.fixture(params=STORES)
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Ledger:
    return funded(new_ledger(request.param, tmp_path))


def test_a_batch_given_as_a_generator_posts_every_operation_it_yields(ledger: Ledger) -> None:
    orders = [("A-2", "10"), ("A-3", "20"), ("A-4", "5.50")]
    posted = ledger.post_many(
        OrderPayment(organisation="acme", order_id=order, amount=chf(amount), effective=TUESDAY, key=f"p-{order}")
        for order, amount in orders
    )
    assert [transaction.key for transaction in posted] == ["p-A-2", "p-A-3", "p-A-4"]
    assert ledger.balances("acme", "CHF").posted == chf("34.50")  # 70.00 - 10.00 - 20.00 - 5.50


def test_a_ledger_allows_effective_dates_at_most_a_year_and_a_day_ahead() -> None:
    clock = lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # noqa: E731
    ledger = Ledger(clock=clock, max_days_ahead=366)
    ledger.top_up(organisation="acme", amount=chf("1"), effective=date(2027, 3, 3), key="value-dated")
    assert ledger.balances("acme", "CHF").posted == chf("1")
    for days in (367, -1):
        with pytest.raises(InvalidInput) as raised:
            Ledger(clock=clock, max_days_ahead=days)
        assert (raised.value.field, raised.value.value) == ("max_days_ahead", days)


@pytest.mark.parametrize("organisation", [["acme"], {"acme"}, None, 42, "ac\nme", " acme"])
def test_a_balance_query_names_the_organisation_with_a_plain_printable_id(ledger: Ledger, organisation: object) -> None:
    before = snapshot(ledger)
    for query in (
        lambda: ledger.balances(organisation, "CHF"),  # type: ignore[arg-type]
        lambda: ledger.prepaid_balances(organisation),  # type: ignore[arg-type]
        lambda: ledger.balance_at(organisation, "CHF", on=MONDAY),  # type: ignore[arg-type]
        lambda: ledger.pending_payouts(organisation, "CHF"),  # type: ignore[arg-type]
        lambda: ledger.statement(organisation, "CHF"),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidInput) as raised:
            query()
        assert raised.value.field == "organisation"
    assert snapshot(ledger) == before


@pytest.mark.parametrize("on", [datetime(2026, 3, 2, 23, 0, tzinfo=UTC), "2026-03-02", 20260302])
def test_a_day_is_asked_for_as_a_date_not_a_moment_or_text(ledger: Ledger, on: object) -> None:
    for query in (
        lambda: ledger.balance_at("acme", "CHF", on=on),  # type: ignore[arg-type]
        lambda: ledger.pending_payouts("acme", "CHF", on=on),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidInput) as raised:
            query()
        assert (raised.value.field, raised.value.value) == ("on", on)


def test_the_balance_then_of_an_account_never_credited_is_unknown_not_zero(ledger: Ledger) -> None:
    for asked in ({"on": TUESDAY}, {"sequence": 1}):
        with pytest.raises(UnknownAccount):
            ledger.balance_at("globex", "CHF", **asked)  # type: ignore[arg-type]
        with pytest.raises(UnknownAccount):
            ledger.balance_at("acme", "EUR", **asked)  # type: ignore[arg-type]
    with pytest.raises(UnknownAccount):
        new_ledger("memory", Path()).balance_at("acme", "CHF", on=TUESDAY)


def test_a_balance_after_a_sequence_the_journal_has_not_reached_is_refused_not_the_balance_now(ledger: Ledger) -> None:
    assert ledger.balance_at("acme", "CHF", sequence=2).posted == chf("70")
    assert ledger.balance_at("acme", "CHF", sequence=1).posted == chf("100")
    for sequence in (3, 2**63 - 1):  # the next one, and the largest a sequence can be
        with pytest.raises(UnknownTransaction) as raised:
            ledger.balance_at("acme", "CHF", sequence=sequence)
        assert (raised.value.field, raised.value.value) == ("sequence", sequence)
        assert raised.value.rule == "names no transaction (the journal ends at #2)"


def test_a_single_request_or_a_number_given_as_a_batch_is_refused_as_bad_input(ledger: Ledger) -> None:
    before = snapshot(ledger)
    single = TopUp(organisation="acme", amount=chf("5"), effective=TUESDAY, key="t-2")
    for not_a_batch in (single, 42, None):
        with pytest.raises(InvalidInput) as raised:
            ledger.post_many(not_a_batch)  # type: ignore[arg-type]
        assert (raised.value.field, raised.value.value) == ("operations", not_a_batch)
        assert raised.value.rule == "must be an iterable of operation requests"
    assert snapshot(ledger) == before


def test_an_organisations_prepaid_balances_are_its_own_never_another_organisations(ledger: Ledger) -> None:
    ledger.top_up(organisation="globex", amount=Money("7", "EUR"), effective=TUESDAY, key="t-globex")
    ledger.credit_cashback(partner="acme", order_id="A-9", amount=Money("3", "EUR"), effective=TUESDAY)
    assert [(b.account.owner, b.posted) for b in ledger.prepaid_balances("acme")] == [
        ("acme", chf("70")),
        ("acme", Money("3", "EUR")),
    ]
    assert [(b.account.owner, b.posted) for b in ledger.prepaid_balances("globex")] == [("globex", Money("7", "EUR"))]
    assert ledger.prepaid_balances("initech") == ()


def test_a_ledger_may_refuse_any_date_after_the_clocks_own_day() -> None:
    ledger = Ledger(clock=lambda: datetime(2026, 3, 2, 23, 59, tzinfo=UTC), max_days_ahead=0)
    ledger.top_up(organisation="acme", amount=chf("1"), effective=MONDAY, key="today")
    before = snapshot(ledger)
    with pytest.raises(InvalidInput):
        ledger.top_up(organisation="acme", amount=chf("1"), effective=TUESDAY, key="tomorrow")
    assert snapshot(ledger) == before
