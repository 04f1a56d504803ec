"""Text the ledger keeps is printable on every store, and a damaged file is reported, never a traceback.

Found by a user-journey review: a lone surrogate in an organisation id raised a bare ``UnicodeEncodeError`` on SQLite
(and was accepted in memory); one in a reference was stored, then broke every export of the file. A damaged row
(metadata that is not JSON, an unknown kind, an impossible date) made ``check_invariants`` and the CLI crash.
"""

from __future__ import annotations

import contextlib
import csv
import io
import sqlite3
import tempfile
import tracemalloc
from collections.abc import Iterator
from contextlib import closing
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infomanager_core import Money
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.cli import main
from infomanager_core.errors import InvalidInput
from infomanager_core.ledger import (
    BatchRefused,
    CashbackCredit,
    Iban,
    InvariantViolation,
    Ledger,
    Operation,
    OrderPayment,
    PayoutCancellation,
    PayoutFailure,
    PayoutRequest,
    PaypalAddress,
    Reversal,
    TopUp,
    TransferDeposit,
    check_invariants,
)
from tests import strategies as s

from .support import STORES, new_ledger, snapshot
from .test_bulk import post_one

DAY = date(2026, 3, 2)
CHF = Money("10", "CHF")
IBAN = Iban("CH9300762011623852957")

#: A valid request of every kind that carries text, and its text fields.
REQUESTS: list[tuple[Operation, tuple[str, ...]]] = [
    (TopUp(organisation="acme", amount=CHF, effective=DAY, key="t-2", reference="bank"), ("organisation", "key", "reference")),
    (CashbackCredit(partner="acme", order_id="A-1", amount=CHF, effective=DAY), ("partner", "order_id")),
    (TransferDeposit(payer="acme", order_id="A-2", amount=CHF, effective=DAY, key="d-1"), ("payer", "order_id", "key")),
    (OrderPayment(organisation="acme", order_id="A-3", amount=CHF, effective=DAY, key="p-1"),
     ("organisation", "order_id", "key")),
    (PayoutRequest(organisation="acme", amount=CHF, destination=IBAN, effective=DAY, key="r-9"), ("organisation", "key")),
    (PayoutFailure(request=2, effective=DAY, key="f-1", reason="closed"), ("key", "reason")),
    (PayoutCancellation(request=2, effective=DAY, key="c-1", reason="asked"), ("key", "reason")),
    (Reversal(sequence=1, effective=DAY, key="v-1", reason="twice"), ("key", "reason")),
]  # fmt: skip

UNPRINTABLE = ("\x00", "\n", "\t", "\x1f", "\x7f", "\u200b", "\u202e", "\u2028", "\u2029", "\ud800", "\udc80")


@st.composite
def with_an_unprintable_character(draw: st.DrawFn) -> str:
    text = draw(s.ledger_texts(max_size=6))
    position = draw(st.integers(0, len(text)))
    return text[:position] + draw(st.sampled_from(UNPRINTABLE)) + text[position:]


@contextlib.contextmanager
def funded(kind: str) -> Iterator[Ledger]:
    """A ledger holding a top-up (#1) and a pending payout request (#2), on the ``kind`` of store."""
    with tempfile.TemporaryDirectory() as directory:
        ledger = new_ledger(kind, Path(directory))
        try:
            ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
            ledger.request_payout(organisation="acme", amount=CHF, destination=IBAN, effective=DAY, key="r-1")
            yield ledger
        finally:
            ledger.store.close()


# A fresh SQLite file per example: a third of the examples.
@settings(max_examples=max(settings.default.max_examples // 3, 1), deadline=None)
@given(
    kind=st.sampled_from(STORES),
    request_and_field=st.sampled_from([(request, field) for request, fields in REQUESTS for field in fields]),
    text=with_an_unprintable_character(),
    bulk=st.booleans(),
)
def test_text_with_an_unprintable_character_is_refused_by_every_store_and_every_path(
    kind: str, request_and_field: tuple[Operation, str], text: str, bulk: bool
) -> None:
    request, field = request_and_field
    bad = attrs.evolve(request, **{field: text})  # type: ignore[misc]
    with funded(kind) as ledger:
        before = snapshot(ledger)
        with pytest.raises((InvalidInput, BatchRefused)) as refused:
            ledger.post_many([bad]) if bulk else post_one(ledger, bad)
        error = refused.value.error if isinstance(refused.value, BatchRefused) else refused.value
        assert isinstance(error, InvalidInput)
        assert error.field == field
        assert "must not contain control, format or line-breaking characters" in str(error)
        assert snapshot(ledger) == before


@pytest.mark.parametrize("kind", STORES)
@pytest.mark.parametrize("organisation", ["ac\udc80me", "acme\n", "\u200b"])
def test_queries_refuse_an_unprintable_organisation_on_every_store(kind: str, organisation: str) -> None:
    with funded(kind) as ledger:
        for query in (
            lambda: ledger.balances(organisation, "CHF"),
            lambda: ledger.balance_at(organisation, "CHF", on=DAY),
            lambda: ledger.statement(organisation, "CHF"),
            lambda: ledger.prepaid_balances(organisation),
        ):
            with pytest.raises(InvalidInput) as refused:
                query()
            assert refused.value.field == "organisation"


def test_a_paypal_address_with_an_unprintable_character_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"paypal: .* must not contain control"):
        PaypalAddress("billing\ud800@acme.ch")


def test_text_a_store_can_hold_comes_back_from_sqlite_and_its_exports_encode_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    text = "Zürich «ôté» 東京 \u00a0 |=;\"'"  # printable, with a no-break space and quotes
    with SqliteLedgerStore(path) as store:
        Ledger(store).top_up(organisation=text, amount=CHF, effective=DAY, key=text, reference=text)
    with SqliteLedgerStore(path, read_only=True) as store:
        [transaction] = Ledger(store).journal()
    assert (transaction.key, dict(transaction.metadata)["reference"]) == (text, text)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["ledger", "--db", str(path), "journal"]) == 0
    out.getvalue().encode("utf-8")  # raises if a lone surrogate got through
    assert next(csv.DictReader(io.StringIO(out.getvalue())))["key"] == text


# -- other bare exceptions the review found ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", STORES)
def test_a_sequence_beyond_64_bits_is_refused_by_both_stores(kind: str) -> None:
    with funded(kind) as ledger:
        with pytest.raises(InvalidInput, match=r"sequence: 9223372036854775808 must be a transaction sequence number"):
            ledger.balance_at("acme", "CHF", sequence=2**63)
        with pytest.raises(InvalidInput, match="sequence"):
            ledger.reverse(sequence=2**63, effective=DAY, key="v")
        # the largest passes the bound and is looked for in the journal (which does not reach it)
        with pytest.raises(InvalidInput, match=r"sequence: 9223372036854775807 names no transaction"):
            ledger.balance_at("acme", "CHF", sequence=2**63 - 1)


@pytest.mark.parametrize("operations", [None, 5, object()])
def test_post_many_refuses_what_is_not_a_collection_of_requests(operations: object) -> None:
    ledger = Ledger()
    with pytest.raises(InvalidInput, match=r"operations: .* must be an iterable of operation requests"):
        ledger.post_many(operations)  # type: ignore[arg-type]
    assert ledger.journal() == ()


@pytest.mark.parametrize("days", [-1, 367, 3_000_000, 10**100])
def test_max_days_ahead_is_bounded_where_it_is_set(days: int) -> None:
    with pytest.raises(InvalidInput, match=r"max_days_ahead: .* must be an int from 0 to 366 \(days\)"):
        Ledger(max_days_ahead=days)


def test_the_furthest_max_days_ahead_still_posts() -> None:
    ledger = Ledger(max_days_ahead=366)
    ledger.top_up(organisation="acme", amount=CHF, effective=date.today(), key="t")
    assert ledger.balances("acme", "CHF").posted == CHF


def test_a_period_given_backwards_shows_its_dates_in_iso() -> None:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=CHF, effective=DAY, key="t")
    with pytest.raises(InvalidInput) as refused:
        ledger.statement("acme", "CHF", start=date(2026, 12, 1), end=date(2026, 11, 1))
    assert str(refused.value) == "start/end: (2026-12-01, 2026-11-01) the period must not end before it starts"


# -- a damaged file ------------------------------------------------------------------------------------------------

DAMAGE = [
    ("UPDATE ledger_transactions SET metadata = 'not json' WHERE sequence = 1", "JSONDecodeError"),
    ("UPDATE ledger_transactions SET metadata = '[1, 2]' WHERE sequence = 1", "TypeError"),
    ("UPDATE ledger_transactions SET kind = 'gift' WHERE sequence = 1", "'gift' is not a valid TransactionKind"),
    ("UPDATE ledger_transactions SET effective = '2025-02-30' WHERE sequence = 1", "day is out of range"),
    ("UPDATE ledger_transactions SET recorded_at = 'yesterday' WHERE sequence = 1", "Invalid isoformat"),
    ("UPDATE ledger_postings SET account_kind = 'bogus' WHERE sequence = 1 AND position = 0", "'bogus' is not a valid"),
]


@pytest.fixture
def damaged_file(tmp_path: Path, request: pytest.FixtureRequest) -> str:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        Ledger(store).top_up(organisation="acme", amount=CHF, effective=DAY, key="t-1", reference="bank")
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute(request.param).rowcount == 1
        raw.commit()
    return str(path)


@pytest.mark.parametrize(("damaged_file", "detail"), DAMAGE, indirect=["damaged_file"])
def test_a_damaged_row_is_a_broken_law_for_the_auditor(damaged_file: str, detail: str) -> None:
    with SqliteLedgerStore(damaged_file, read_only=True) as store, pytest.raises(InvariantViolation) as broken:
        check_invariants(store)
    assert broken.value.law == "every stored row decodes"
    assert broken.value.detail.startswith(("transaction #1: ", "account bogus:"))
    assert detail in broken.value.detail


@pytest.mark.parametrize(("damaged_file", "detail"), DAMAGE, indirect=["damaged_file"])
def test_the_command_line_reports_a_damaged_row_in_one_line(
    capsys: pytest.CaptureFixture[str], damaged_file: str, detail: str
) -> None:
    assert main(["ledger", "--db", damaged_file, "check"]) == 1
    _, err = capsys.readouterr()
    assert err.startswith(f"{damaged_file}: NOT sound: ledger invariant broken: every stored row decodes: ")
    assert len(err.strip().splitlines()) == 1
    assert main(["ledger", "--db", damaged_file, "journal"]) == 3  # the export reads every row
    _, err = capsys.readouterr()
    assert err.startswith("infomanager ledger: error: ledger invariant broken: every stored row decodes: ")
    assert len(err.strip().splitlines()) == 1


# -- the journal is read as a stream ---------------------------------------------------------------------------------


def test_reading_the_journal_of_a_file_holds_one_transaction_at_a_time(tmp_path: Path) -> None:
    """Streaming 4,000 transactions peaks at a small fraction of what holding them all takes."""
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path, durable=False) as store:
        Ledger(store).post_many(
            [TopUp(organisation="acme", amount=CHF, effective=DAY, key=f"t-{n}") for n in range(4000)]
        )
    with SqliteLedgerStore(path, read_only=True) as store, store.reading() as reader:

        def peak(read: object) -> int:
            tracemalloc.start()
            try:
                read()  # type: ignore[operator]
                return tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()

        streamed = peak(lambda: sum(1 for _ in reader.transactions()))
        held = peak(lambda: len(list(reader.transactions())))
    assert streamed * 5 < held, (streamed, held)


@pytest.mark.parametrize("kind", STORES)
@pytest.mark.parametrize("key", ["top-up\u00a042", "cafe\ue000", "top up"])  # a no-break space, a private-use character
def test_a_bulk_retry_of_any_key_the_single_call_accepts_returns_the_original(kind: str, key: str) -> None:
    """post_many looked up only keys that str.isprintable() accepts: a retry of another valid key was taken for new
    (a bare RuntimeError in memory, sqlite3.IntegrityError on a file) — found by a review."""
    with funded(kind) as ledger:
        first = ledger.top_up(organisation="acme", amount=CHF, effective=DAY, key=key)
        order = "A-\u00a09"
        cashback = ledger.credit_cashback(partner="acme", order_id=order, amount=CHF, effective=DAY)
        again = ledger.post_many(
            [
                TopUp(organisation="acme", amount=CHF, effective=DAY, key=key),
                CashbackCredit(partner="acme", order_id=order, amount=CHF, effective=DAY),
            ]
        )
        assert tuple(again) == (first, cashback)
