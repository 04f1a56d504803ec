"""The position constants of an entry name its fields: a store (the in-memory one, SQLite, a PostgreSQL one to come)
reads an entry through them, so each must read the field it is named after.

Mutation testing found ``RECORDED_AT`` and ``METADATA`` could point at another field without a test noticing (no
store of this package reads them yet).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from infomanager_core import Money
from infomanager_core.ledger import Ledger, PaypalAddress, TopUp
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
)

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
