"""The posting path's shortcuts decide exactly what the longer way decides.

``plan_of`` plans the usual request classes without a look-up in its table of plans; a plan reads the minor units a
:class:`Money` remembers without calling :meth:`Money.minor_units`; a reader checks a batch's keys are text with one
``str.join`` in C. Each shortcut is held here to the way it stands for: the same plan as the table's for every request
class and for a subclass of each, the same units or refusal for every kind of amount, the same refusal of every key
that is not text.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import attrs
import pytest

from infomanager_core.errors import InvalidInput, NotInMinorUnits
from infomanager_core.ledger import (
    CashbackCredit,
    Iban,
    Ledger,
    MemoryLedgerStore,
    Operation,
    OrderPayment,
    PayoutCancellation,
    PayoutCompletion,
    PayoutFailure,
    PayoutRequest,
    Reversal,
    TopUp,
    TransferDeposit,
    plans,
    prepaid,
)
from infomanager_core.ledger.errors import BatchRefused, NonPositiveAmount
from infomanager_core.ledger.plans import UNITS, plan_of, positive_units
from infomanager_core.money import Money

DAY = date(2026, 3, 2)
IBAN = Iban("CH9300762011623852957")

#: One request of every class, each field given a value no other field has, so that a field read into another's
#: place changes the plan.
REQUESTS: list[Operation] = [
    TopUp(organisation="org-a", amount=Money("1.25", "CHF"), effective=DAY, key="key-a", reference="ref-a"),
    OrderPayment(
        organisation="org-b", order_id="order-b", amount=Money("2.50", "EUR"), effective=DAY, key="key-b", partial=True
    ),
    CashbackCredit(partner="org-c", order_id="order-c", amount=Money("3.75", "CHF"), effective=DAY),
    PayoutRequest(organisation="org-d", amount=Money("4", "EUR"), destination=IBAN, effective=DAY, key="key-d"),
    PayoutCompletion(request=5, effective=DAY, key="key-e"),
    TransferDeposit(payer="org-f", order_id="order-f", amount=Money("6", "CHF"), effective=DAY, key="key-f"),
    PayoutFailure(request=7, effective=DAY, key="key-g", reason="reason-g"),
    PayoutCancellation(request=8, effective=DAY, key="key-h", reason="reason-h"),
    Reversal(sequence=9, effective=DAY, key="key-i", reason="reason-i"),
]


def _as_subclass(request: Operation) -> Operation:
    """The same request as an instance of a subclass of its class: planned through the table, as its base."""
    subclass = type(f"My{type(request).__name__}", (type(request),), {"__slots__": ()})
    return subclass(**attrs.asdict(request, recurse=False))  # type: ignore[no-any-return]


#: Each request class's plan function, which takes the request's fields by their names.
PLAN_FUNCTIONS = {
    TopUp: plans.top_up,
    OrderPayment: plans.order_payment,
    CashbackCredit: plans.cashback,
    PayoutRequest: plans.payout_request,
    PayoutCompletion: plans.completion,
    TransferDeposit: plans.transfer_deposit,
    PayoutFailure: plans.failure,
    PayoutCancellation: plans.cancellation,
    Reversal: plans.reversal,
}


@pytest.mark.parametrize("request_", REQUESTS, ids=lambda request: type(request).__name__)
def test_a_request_plans_as_its_plan_function_and_as_a_subclass_of_its_class_does(request_: Operation) -> None:
    planned = plan_of(request_)
    assert planned == PLAN_FUNCTIONS[type(request_)](**attrs.asdict(request_, recurse=False))
    assert planned == plan_of(_as_subclass(request_))


def _nine_o_clock() -> datetime:
    return datetime(2026, 3, 2, 9, tzinfo=UTC)


def test_post_many_posts_each_usual_request_class_as_its_single_method_does() -> None:
    """The classes ``plan_of`` decides inline, posted in a batch and one by one, give the same journal."""
    requests: list[Operation] = [
        TopUp(organisation="org-a", amount=Money("100", "CHF"), effective=DAY, key="t-1", reference="bank-1"),
        OrderPayment(organisation="org-a", order_id="ord-1", amount=Money("30", "CHF"), effective=DAY, key="p-1"),
        OrderPayment(
            organisation="org-a", order_id="ord-2", amount=Money("90", "CHF"), effective=DAY, key="p-2", partial=True
        ),
        CashbackCredit(partner="org-a", order_id="ord-1", amount=Money("3", "CHF"), effective=DAY),
        PayoutRequest(organisation="org-a", amount=Money("2", "CHF"), destination=IBAN, effective=DAY, key="r-1"),
        PayoutCompletion(request=5, effective=DAY, key="r-1-done"),
    ]
    batch = Ledger(clock=_nine_o_clock)
    batch.post_many(requests)
    single = Ledger(clock=_nine_o_clock)
    single.top_up(organisation="org-a", amount=Money("100", "CHF"), effective=DAY, key="t-1", reference="bank-1")
    single.pay_order(organisation="org-a", order_id="ord-1", amount=Money("30", "CHF"), effective=DAY, key="p-1")
    single.pay_order(
        organisation="org-a", order_id="ord-2", amount=Money("90", "CHF"), effective=DAY, key="p-2", partial=True
    )
    single.credit_cashback(partner="org-a", order_id="ord-1", amount=Money("3", "CHF"), effective=DAY)
    single.request_payout(organisation="org-a", amount=Money("2", "CHF"), destination=IBAN, effective=DAY, key="r-1")
    single.complete_payout(request=5, effective=DAY, key="r-1-done")
    assert batch.journal() == single.journal()
    assert batch.balances("org-a", "CHF") == single.balances("org-a", "CHF")


def test_an_object_of_no_request_class_is_refused_by_plan_of() -> None:
    with pytest.raises(InvalidInput) as refused:
        plan_of("top_up")  # type: ignore[arg-type]
    assert refused.value.field == "operation"


class _Amount(Money):
    """Money of a subclass: accepted as Money is."""

    __slots__ = ()


@pytest.mark.parametrize(
    ("amount", "units"),
    [
        (Money.from_minor_units(1250, "CHF"), 1250),  # its units remembered when made
        (Money("12.50", "CHF"), 1250),  # made from a decimal: its units worked out on first use
        (Money(Decimal("12.5"), "CHF"), 1250),
        (Money("7", "JPY"), 7),
        (_Amount(Decimal("0.01"), "EUR"), 1),
    ],
    ids=repr,
)
def test_an_amount_plans_as_its_minor_units_whether_or_not_money_knew_them_yet(amount: Money, units: int) -> None:
    assert positive_units(amount) == units
    planned = plan_of(TopUp(organisation="acme", amount=amount, effective=DAY, key="t-1"))
    assert planned[UNITS] == units
    ledger = Ledger()
    ledger.post_many([TopUp(organisation="acme", amount=amount, effective=DAY, key="t-1")])
    assert ledger.balances("acme", amount.currency).posted.minor_units() == units


@pytest.mark.parametrize(
    ("amount", "refusal"),
    [
        (Money("12.505", "CHF"), NotInMinorUnits),  # not whole minor units: found out when they are worked out
        (Money("0", "CHF"), NonPositiveAmount),
        (Money.from_minor_units(0, "CHF"), NonPositiveAmount),  # remembered units are checked like any others
        (Money.from_minor_units(-5, "CHF"), NonPositiveAmount),
        (Decimal("12.50"), InvalidInput),
        (1250, InvalidInput),
    ],
    ids=repr,
)
def test_an_amount_that_is_no_positive_whole_money_is_refused_and_the_ledger_left_as_it_was(
    amount: object, refusal: type[Exception]
) -> None:
    with pytest.raises(refusal):
        positive_units(amount)
    ledger = Ledger()
    with pytest.raises(BatchRefused) as refused:
        ledger.post_many([TopUp(organisation="acme", amount=amount, effective=DAY, key="t-1")])  # type: ignore[arg-type]
    assert isinstance(refused.value.error, refusal)
    assert ledger.journal() == ()


@pytest.mark.parametrize("bad", [1, b"t-1", None, ("t", 1), 1.5], ids=repr)
def test_a_reader_refuses_a_batch_of_keys_with_one_that_is_not_text(bad: object) -> None:
    store = MemoryLedgerStore()
    Ledger(store).top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-0")
    with store.reading() as reader, pytest.raises(InvalidInput) as refused:
        reader.recorded_many(["t-0", bad, "t-2"])  # type: ignore[list-item]
    assert (refused.value.field, refused.value.value) == ("keys", bad)


class _Key(str):
    """A key of a str subclass: text, so looked up as the str it equals."""

    __slots__ = ()


def test_a_reader_looks_up_keys_of_a_str_subclass_as_text() -> None:
    store = MemoryLedgerStore()
    Ledger(store).top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-0")
    with store.reading() as reader:
        assert set(reader.recorded_many([_Key("t-0"), "t-9"])) == {"t-0"}
    with store.reading() as reader:
        assert reader.balance(prepaid("acme", "CHF")) is not None
