"""Entries: every transaction the ledger writes is one amount between two accounts, and converts to an entry and back;
each position constant of an entry reads the field it is named after (every store reads entries through them).
"""

from __future__ import annotations

import contextlib
import gc
import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import event, given, settings

from infomanager_core import Money
from infomanager_core.errors import InfomanagerError
from infomanager_core.ledger import (
    BatchRefused,
    Ledger,
    Operation,
    OrderPayment,
    PaypalAddress,
    Reversal,
    TopUp,
    Transaction,
)
from infomanager_core.ledger.entries import (
    EFFECTIVE,
    FIRST,
    KEY,
    KIND,
    METADATA,
    PENDING,
    RECORDED_AT,
    RESOLVES,
    REVERSES,
    SECOND,
    SEQUENCE,
    UNITS,
    entry_of,
    transaction_of,
)
from tests import strategies as s

from .support import new_ledger
from .test_bulk import post_one


def written(ledger: Ledger, operations: list[Operation]) -> list[Transaction]:
    """Post the first half one by one and the rest as one batch (one by one if refused): what came back, and the journal."""
    half = len(operations) // 2
    returned: list[Transaction] = []
    for operation in operations[:half]:
        with contextlib.suppress(InfomanagerError):
            returned.append(post_one(ledger, operation))
    try:
        returned.extend(ledger.post_many(operations[half:]))
    except BatchRefused:
        for operation in operations[half:]:
            with contextlib.suppress(InfomanagerError):
                returned.append(post_one(ledger, operation))
    return returned + list(ledger.journal())


def assert_every_transaction_is_an_entry(transactions: list[Transaction]) -> None:
    for transaction in transactions:
        event(f"kind: {transaction.kind.value}")
        assert len(transaction.postings) == 2
        first, second = transaction.postings
        assert first.units + second.units == 0
        assert first.units != 0
        assert first.account.currency == second.account.currency
        assert first.account != second.account
        entry = entry_of(transaction)
        assert transaction_of(entry) == transaction
        assert entry_of(transaction_of(entry)) == entry


@given(operations=s.ledger_operations())
def test_every_transaction_the_ledger_writes_round_trips_through_its_entry(operations: list[Operation]) -> None:
    ledger = new_ledger("memory", Path())
    assert_every_transaction_is_an_entry(written(ledger, operations))


# A fresh SQLite file per example costs tens of milliseconds: a third of the examples keeps the suite fast.
@settings(max_examples=max(settings.default.max_examples // 3, 1))
@given(operations=s.ledger_operations())
def test_every_transaction_an_sqlite_ledger_writes_round_trips_through_its_entry(operations: list[Operation]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger("sqlite", Path(directory))
        try:
            assert_every_transaction_is_an_entry(written(ledger, operations))
        finally:
            ledger.store.close()


# Any text the ledger accepts: every printable character (unprintable ones are refused, see test_ledger_text.py).
any_text = s.ledger_free_texts(max_size=8)
any_id = s.ledger_texts(max_size=8)


# One SQLite file per example: a third of the examples.
@settings(max_examples=max(settings.default.max_examples // 3, 1))
@given(reference=any_text, order=any_id, reason=any_text)
def test_an_sqlite_ledger_reads_back_any_text_of_a_transaction_as_it_was_written(
    reference: str, order: str, reason: str
) -> None:
    """Metadata is written as JSON by hand on SQLite: quotes, backslashes and any printable character come back."""
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger("sqlite", Path(directory))
        try:
            day = s.LEDGER_DAY
            returned = [
                ledger.top_up(organisation="acme", amount=Money("10", "CHF"), effective=day, key="t", reference=reference),
                *ledger.post_many(
                    [
                        OrderPayment(organisation="acme", order_id=order, amount=Money("1", "CHF"), effective=day,
                                     key="p"),
                        Reversal(sequence=2, effective=day, key="v", reason=reason),
                    ]
                ),
            ]  # fmt: skip
            assert ledger.journal() == tuple(returned)
            assert [transaction.metadata for transaction in ledger.journal()] == [
                (("reference", reference),),
                (("order", order),),
                (("reason", reason),),
            ]
        finally:
            ledger.store.close()


#: What an entry's fields may be: values the garbage collector never tracks (so it soon stops tracking the entry).
PLAIN = (int, str, bool, type(None), date, datetime)


@given(operations=s.ledger_operations())
def test_an_entry_holds_plain_values_only(operations: list[Operation]) -> None:
    """Accounts by name and the kind as text: the collector lets a journal's entries go after a look or two, instead
    of walking each of them at every collection for as long as the journal lives."""
    ledger = new_ledger("memory", Path())
    for transaction in written(ledger, operations):
        *fields, metadata = entry = entry_of(transaction)
        assert all(type(field) in PLAIN for field in fields), entry
        assert type(metadata) is tuple, entry
        assert all(type(pair) is tuple and {type(part) for part in pair} == {str} for pair in metadata), entry
        assert not any(map(gc.is_tracked, fields))


ZURICH_WINTER = timezone(timedelta(hours=1))


def test_each_position_constant_reads_its_own_field_of_an_entry() -> None:
    clock = iter(datetime(2026, 3, day, 9, 30, tzinfo=ZURICH_WINTER) for day in (2, 3, 4))
    ledger = Ledger(clock=lambda: next(clock))
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
    ledger.request_payout(
        organisation="acme",
        amount=Money("60", "CHF"),
        destination=PaypalAddress("billing@acme.ch"),
        effective=date(2026, 3, 3),
        key="payout-1",
    )
    ledger.fail_payout(request=2, effective=date(2026, 3, 4), key="payout-1-failed", reason="account closed")
    for transaction in ledger.journal():
        entry = entry_of(transaction)
        first, second = transaction.postings
        read = {
            "sequence": entry[SEQUENCE],
            "key": entry[KEY],
            "kind": entry[KIND],
            "effective": entry[EFFECTIVE],
            "recorded_at": entry[RECORDED_AT],
            "first": entry[FIRST],
            "second": entry[SECOND],
            "units": entry[UNITS],
            "pending": entry[PENDING],
            "reverses": entry[REVERSES],
            "resolves": entry[RESOLVES],
            "metadata": entry[METADATA],
        }
        assert read == {
            "sequence": transaction.sequence,
            "key": transaction.key,
            "kind": transaction.kind.value,
            "effective": transaction.effective,
            "recorded_at": transaction.recorded_at,
            "first": first.account.name,
            "second": second.account.name,
            "units": first.units,
            "pending": transaction.pending,
            "reverses": transaction.reverses,
            "resolves": transaction.resolves,
            "metadata": transaction.metadata,
        }
    failure = ledger.journal()[2]
    assert entry_of(failure)[RECORDED_AT] == datetime(2026, 3, 4, 9, 30, tzinfo=ZURICH_WINTER)
    assert dict(entry_of(failure)[METADATA])["reason"] == "account closed"


def test_a_posted_batch_equals_only_a_tuple_or_a_batch_and_any_other_comparison_is_plainly_false() -> None:
    ledger = Ledger(clock=lambda: datetime(2026, 3, 2, 9, 30, tzinfo=ZURICH_WINTER))
    posted = ledger.post_many(
        [TopUp(organisation="acme", amount=Money("5", "CHF"), effective=date(2026, 3, 2), key="t")]
    )
    assert posted == tuple(ledger.journal())
    for other in (list(ledger.journal()), ledger.journal()[0], None, 1):
        assert (posted == other) is False
        assert (other == posted) is False
        assert (posted != other) is True
