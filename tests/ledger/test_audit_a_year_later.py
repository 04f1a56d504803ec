"""The auditor, a year later: a client disputes its prepaid balance of a year ago and its partner's cashback.

The year (:mod:`tests.ledger.a_year_of_activity`) is written to an SQLite file by the public API, the file closed and
opened again read-only, as an auditor would. Each question the auditor asks is answered the way ``docs/ledger.md``
says, and the answer is checked against the raw journal: the file's rows read with ``sqlite3`` and summed here,
without the library.
"""

from __future__ import annotations

import calendar
import csv
import io
import itertools
import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from infomanager_core import Money
from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.adapters.statement_csv import statement_csv
from infomanager_core.cli import main
from infomanager_core.ledger import DigestMismatch, Ledger, check_invariants
from infomanager_core.orders import quote_order

from .a_year_of_activity import ZURICH, YearOfActivity, build_year

MONTHS = [(2026, month) for month in range(6, 13)] + [(2027, month) for month in range(1, 6)]
MONTH_ENDS = [date(year, month, calendar.monthrange(year, month)[1]) for year, month in MONTHS]
ACCOUNTS = [
    ("bakery", "CHF"),
    ("cafe", "CHF"),
    ("agency", "CHF"),
    ("studio", "EUR"),
    ("florist", "EUR"),
    ("garage", "EUR"),
]
VOIDS = {"payout_failure", "payout_cancellation"}


@attrs.frozen(kw_only=True)
class RawRow:
    """One transaction as the file's rows hold it, read with ``sqlite3`` alone."""

    sequence: int
    key: str
    kind: str
    effective: date
    recorded_at: datetime
    pending: bool
    reverses: int | None
    resolves: int | None
    metadata: dict[str, str]
    postings: tuple[tuple[str, int], ...]  # (account name, units), in position order

    def units(self, account: str) -> int:
        return sum(units for name, units in self.postings if name == account)

    def posted(self, account: str) -> int:
        return 0 if self.pending or self.kind in VOIDS else self.units(account)


def raw_journal(path: Path) -> list[RawRow]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as raw:
        postings: dict[int, list[tuple[str, int]]] = {}
        for sequence, kind, owner, code, units in raw.execute(
            "SELECT sequence, account_kind, owner, currency, units FROM ledger_postings ORDER BY sequence, position"
        ):
            postings.setdefault(sequence, []).append((":".join(p for p in (kind, owner, code) if p), units))
        return [
            RawRow(
                sequence=sequence,
                key=key,
                kind=kind,
                effective=date.fromisoformat(effective),
                recorded_at=datetime.fromisoformat(recorded_at),
                pending=bool(pending),
                reverses=reverses,
                resolves=resolves,
                metadata=dict(json.loads(metadata)),
                postings=tuple(postings[sequence]),
            )
            for sequence, key, kind, effective, recorded_at, pending, reverses, resolves, metadata in raw.execute(
                "SELECT sequence, key, kind, effective, recorded_at, pending, reverses, resolves, metadata"
                " FROM ledger_transactions ORDER BY sequence"
            )
        ]


def raw_balances(rows: list[RawRow], account: str) -> tuple[int, int]:
    """(posted, pending) of ``account`` after ``rows``: the posted rows summed, and the requests none of them ends."""
    resolved = {row.resolves for row in rows}
    pending = -sum(row.units(account) for row in rows if row.pending and row.sequence not in resolved)
    return sum(row.posted(account) for row in rows), pending


def units(money: Money) -> int:
    return int(money.amount.scaleb(2))


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> YearOfActivity:
    return build_year(tmp_path_factory.mktemp("year"))


@pytest.fixture(scope="module")
def raw(year: YearOfActivity) -> list[RawRow]:
    return raw_journal(year.path)


@pytest.fixture
def auditor(year: YearOfActivity) -> Iterator[Ledger]:
    with SqliteLedgerStore(year.path, read_only=True) as store:
        yield Ledger(store)


def test_the_year_holds_every_kind_of_transaction_the_audit_asks_about(raw: list[RawRow], year: YearOfActivity) -> None:
    counts: dict[str, int] = {}
    for row in raw:
        counts[row.kind] = counts.get(row.kind, 0) + 1
    assert counts == {
        "top_up": 13,
        "cashback": 8,
        "order_payment": 6,
        "transfer_deposit": 1,
        "payout_request": 6,
        "payout_completion": 4,
        "payout_failure": 1,
        "payout_cancellation": 1,
        "reversal": 3,
    }
    assert year.refused == [("bank-1102-5", "IdempotencyConflict"), ("sepa-0105-1", "BackdatedTransaction")]
    assert {row.recorded_at.date() > row.effective for row in raw} == {True, False}  # some recorded days later
    assert {row.recorded_at.utcoffset() for row in raw} == {timedelta(hours=1), timedelta(hours=2)}  # both sides of DST


@pytest.mark.parametrize(("organisation", "code"), ACCOUNTS)
def test_the_balance_at_each_months_end_and_just_after_each_transaction_is_the_raw_journal_summed_to_it(
    auditor: Ledger, raw: list[RawRow], organisation: str, code: str
) -> None:
    account = f"prepaid:{organisation}:{code}"
    asked = [({"on": day}, [row for row in raw if row.effective <= day]) for day in MONTH_ENDS]
    asked += [({"sequence": row.sequence}, raw[: row.sequence]) for row in raw]
    for moment, rows in asked:
        if not any(row.units(account) for row in rows):
            continue  # the account did not exist yet
        balances = auditor.balance_at(organisation, code, **moment)
        posted, pending = raw_balances(rows, account)
        assert (units(balances.posted), units(balances.pending), units(balances.available)) == (
            posted,
            pending,
            posted - pending,
        ), moment


def test_the_command_line_gives_the_disputed_days_balances(
    capsys: pytest.CaptureFixture[str], year: YearOfActivity
) -> None:
    assert main(["ledger", "--db", str(year.path), "balances", "agency", "--on", "2026-12-31"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].split() == [
        "CHF",
        "1'129.91",
        "CHF",
        "600.00",
        "CHF",
        "529.91",
        "CHF",
    ]


@pytest.mark.parametrize(
    ("organisation", "code", "start", "end"),
    [
        ("bakery", "CHF", date(2026, 10, 1), date(2027, 1, 31)),  # across the year end and a DST change
        ("agency", "CHF", date(2026, 11, 1), date(2027, 1, 31)),  # a payout pending across the year end
        ("studio", "EUR", None, None),  # the whole history
        ("cafe", "CHF", date(2026, 11, 2), date(2026, 11, 3)),  # a top-up sent twice and its reversal
    ],
)
def test_a_statement_csv_alone_reproduces_every_running_balance_and_the_closing_one(
    auditor: Ledger, raw: list[RawRow], organisation: str, code: str, start: date | None, end: date | None
) -> None:
    rows = list(csv.DictReader(io.StringIO(statement_csv(auditor.statement(organisation, code, start=start, end=end)))))
    opening, lines, closing = rows[0], rows[1:-1], rows[-1]
    assert (opening["kind"], closing["kind"]) == ("opening", "closing")
    running = Decimal(opening["balance"])
    for line in lines:  # what a spreadsheet does: the previous balance plus the amount
        running += Decimal(line["amount"])
        assert Decimal(line["balance"]) == running, line["sequence"]
    assert (
        Decimal(closing["balance"])
        == running
        == Decimal(opening["balance"]) + sum(Decimal(line["amount"]) for line in lines)
    )
    account = f"prepaid:{organisation}:{code}"
    before = [row for row in raw if start is not None and row.effective < start]
    upto = [row for row in raw if end is None or row.effective <= end]
    assert units(Money(opening["balance"], code)) == raw_balances(before, account)[0]
    assert units(Money(closing["balance"], code)) == raw_balances(upto, account)[0]
    moved = [row for row in upto if row not in before and row.posted(account)]
    assert [(int(line["sequence"]), units(Money(line["amount"], code))) for line in lines] == [
        (row.sequence, row.posted(account)) for row in moved
    ]


def test_every_statement_line_says_what_it_was_when_it_happened_and_when_it_was_recorded(
    auditor: Ledger, raw: list[RawRow]
) -> None:
    by_sequence = {row.sequence: row for row in raw}
    for organisation, code in ACCOUNTS:
        statement = auditor.statement(organisation, code)
        csv_rows = list(csv.DictReader(io.StringIO(statement_csv(statement))))[1:-1]
        for line, csv_row in zip(statement.lines, csv_rows, strict=True):
            row = by_sequence[line.sequence]
            assert (line.kind.value, line.effective, line.recorded_at) == (row.kind, row.effective, row.recorded_at)
            assert datetime.fromisoformat(csv_row["recorded_at"]) == row.recorded_at
            if row.kind == "payout_completion":  # where the money went is its request's
                assert line.reference == by_sequence[row.resolves].metadata["destination"]
            elif row.reverses is not None:  # a reversal names what it undid, then why
                assert line.reference == f"#{row.reverses}: {row.metadata['reason']}"
            else:
                assert line.reference == row.metadata.get("order", row.metadata.get("reference", row.key))


def test_a_back_dated_line_shows_the_day_it_counts_for_and_the_later_day_it_was_recorded(
    auditor: Ledger, year: YearOfActivity
) -> None:
    statement = auditor.statement("bakery", "CHF", start=date(2026, 12, 1), end=date(2026, 12, 31))
    [line] = statement.lines
    assert line.sequence == year.named["back-dated top-up"]
    assert (line.effective, line.recorded_at.astimezone(ZURICH)) == (
        date(2026, 12, 31),
        datetime(2027, 1, 4, 8, 15, tzinfo=ZURICH),
    )
    assert line.recorded_at.utcoffset() == timedelta(hours=1)  # the file keeps the reading's offset


def test_what_was_reversed_or_resolved_and_by_what_is_read_from_the_journal(
    auditor: Ledger, raw: list[RawRow], year: YearOfActivity
) -> None:
    journal = auditor.journal()
    reversed_by = {t.reverses: t.sequence for t in journal if t.reverses is not None}
    resolved_by = {t.resolves: (t.sequence, t.kind.value) for t in journal if t.resolves is not None}
    assert reversed_by == {
        year.named["refunded payment"]: year.named["refund-ORD-2005"],
        year.named["clawed-back cashback"]: year.named["clawback-ORD-2005"],
        year.named["top-up sent twice"]: year.named["its reversal"],
    }
    for original, reversal in reversed_by.items():  # a reversal's postings are its original's, negated
        assert raw[reversal - 1].postings == tuple((name, -n) for name, n in raw[original - 1].postings)
    assert reversed_by == {row.reverses: row.sequence for row in raw if row.reverses is not None}
    assert resolved_by == {row.resolves: (row.sequence, row.kind) for row in raw if row.resolves is not None}
    assert sorted(kind for _, kind in resolved_by.values()) == [
        "payout_cancellation",
        *["payout_completion"] * 4,
        "payout_failure",
    ]
    request = year.named["pending at year end"]
    assert [t.sequence for t in auditor.pending_payouts("agency", "CHF", on=date(2026, 12, 31))] == [request]
    assert auditor.pending_payouts("agency", "CHF", on=date(2027, 1, 5)) == ()
    assert resolved_by[request][1] == "payout_completion"


def said_at(ledger: Ledger, day: date, moment: datetime) -> int | None:
    """The last transaction for business day ``day`` the ledger had written at ``moment``: the docs' recipe (the
    journal up to that day, until the first transaction recorded after the moment)."""
    known = list(itertools.takewhile(lambda t: t.recorded_at <= moment, ledger.journal(end=day)))
    return known[-1].sequence if known else None


def test_the_balance_on_a_business_day_and_what_the_ledger_said_that_day_differ_by_the_back_dated_entries(
    auditor: Ledger, raw: list[RawRow], year: YearOfActivity
) -> None:
    day, close = date(2026, 12, 31), datetime.combine(date(2026, 12, 31), time(23, 59, 59), ZURICH)
    on_the_day = auditor.balance_at("bakery", "CHF", on=day)
    sequence = said_at(auditor, day, close)
    assert sequence is not None
    that_day = auditor.balance_at("bakery", "CHF", sequence=sequence)
    account = "prepaid:bakery:CHF"
    assert units(on_the_day.posted) == raw_balances([r for r in raw if r.effective <= day], account)[0] == 15000
    known = [r for r in raw if r.effective <= day and r.recorded_at <= close]
    assert units(that_day.posted) == raw_balances(known, account)[0] == 0
    assert [r.sequence for r in raw if r.effective <= day and r not in known] == [
        year.named["back-dated top-up"],
        year.named["back-dated cashback"],
    ]
    assert [r.sequence for r in known] == list(range(1, sequence + 1))  # what was known is a prefix of the journal


def test_what_the_ledger_said_at_a_moment_stops_at_the_first_transaction_recorded_later_clock_set_back_or_not() -> None:
    readings = iter(datetime(2026, 12, 31, hour, tzinfo=ZURICH) for hour in (10, 12, 11))  # set back after #2
    ledger = Ledger(clock=lambda: next(readings))
    for n in range(3):
        ledger.top_up(organisation="bakery", amount=Money("1", "CHF"), effective=date(2026, 12, 31), key=f"t-{n}")
    moment = datetime(2026, 12, 31, 11, 30, tzinfo=ZURICH)
    assert said_at(ledger, date(2026, 12, 31), moment) == 1  # #3 reads 11:00 but was written after #2, at 12:00
    assert (
        max(t.sequence for t in ledger.journal() if t.recorded_at <= moment) == 3
    )  # what keeping every earlier one gives


def test_a_cashback_traces_to_its_order_and_the_figures_of_the_quote_the_service_kept(
    auditor: Ledger, year: YearOfActivity
) -> None:
    cashbacks = [t for t in auditor.journal() if t.kind.value == "cashback"]
    assert len(cashbacks) == 8
    for cashback in cashbacks:
        order = cashback.meta("order")
        assert order is not None
        assert cashback.key == f"cashback:{order}"
        quote = year.quotes[order]
        [credited] = [p for p in cashback.postings if p.account.is_prepaid]
        assert (credited.account.owner, credited.account.currency) == (quote.credited_to, quote.currency)
        earning = [line for line in quote.lines if line.settlement.credited is not None]
        figures = [(line.public.final, line.preferential.final) for line in earning]
        assert credited.units == units(quote.credited) == sum(units(public - partner) for public, partner in figures)
        for public, partner in figures:  # the explanation kept with the order says the same, to the cent
            said = f"cashback to {quote.credited_to}: {public} − {partner}"  # Money prints "744.00 CHF"
            assert said in year.explanations[order]


def test_an_order_paid_partly_from_the_balance_says_what_was_asked_and_what_the_balance_paid(
    auditor: Ledger, raw: list[RawRow], year: YearOfActivity
) -> None:
    quote = year.quotes["ORD-2006"]
    [payment] = [row for row in raw if row.kind == "order_payment" and row.metadata["order"] == "ORD-2006"]
    assert payment.metadata["requested"] == str(units(quote.due))  # 744.00 CHF asked, in minor units
    assert -payment.units("prepaid:bakery:CHF") == 73040  # what the balance held
    [line] = [line for line in auditor.statement("bakery", "CHF").lines if line.sequence == payment.sequence]
    assert line.amount == Money("-730.40", "CHF")
    short = {row.metadata["order"]: row.metadata["requested"] for row in raw if "requested" in row.metadata}
    assert short == {order: str(units(year.quotes[order].due)) for order in ("REN-3001", "ORD-2006")}  # others in full


def test_a_quote_made_again_a_year_later_gives_other_figures_so_the_service_keeps_the_one_it_booked(
    year: YearOfActivity,
) -> None:
    booked = year.quotes["ORD-2001"]
    again = quote_order(year.programme, example_price_list(), booked.order)
    assert (booked.tier_count, again.tier_count) == (7, 115)  # the bakery holds 110 hostings now, not 2
    assert (booked.credited, again.credited) == (Money("9.92", "CHF"), Money("7.44", "CHF"))


def copy_of(path: Path, directory: Path) -> Path:
    copy = directory / "copy.sqlite"
    shutil.copyfile(path, copy)
    return copy


def test_check_says_the_file_is_sound_which_a_consistent_hand_edit_is_too(year: YearOfActivity, tmp_path: Path) -> None:
    with SqliteLedgerStore(year.path, read_only=True) as store:
        check_invariants(store)
    with SqliteLedgerStore(year.path, read_only=True) as store:
        before = Ledger(store).balances("bakery", "CHF").posted
    edited = copy_of(year.path, tmp_path)
    with closing(sqlite3.connect(edited)) as raw, raw:  # 500 CHF on 2 June become 5,000: both sides, and the total
        raw.execute("UPDATE ledger_postings SET units = units * 10 WHERE sequence = 1")
        raw.execute("UPDATE ledger_balances SET posted = posted + 450000 WHERE owner = 'bakery'")
        raw.execute(
            "UPDATE ledger_balances SET posted = posted - 450000 WHERE account_kind = 'transfers_received'"
            " AND currency = 'CHF'"
        )
    with SqliteLedgerStore(edited, read_only=True) as store:
        check_invariants(store)  # sound: the laws hold between the rows, whatever they say
        store.check_file()
        assert Ledger(store).balances("bakery", "CHF").posted == before + Money("4500", "CHF")


def test_a_digest_of_a_closed_period_kept_outside_the_file_shows_an_edit_that_check_cannot(
    auditor: Ledger, raw: list[RawRow], year: YearOfActivity, tmp_path: Path
) -> None:
    december = date(2026, 12, 31)
    # December was closed when the first transaction dated after it was posted (#33, on 5 January), not at midnight on
    # the 31st: two entries dated 31 December were posted on the 4th. A digest taken then still holds a year later.
    first_after = next(row.sequence for row in raw if row.effective > december)
    kept = auditor.journal_digest(through=first_after - 1)
    auditor.verify_digest(str(kept))
    at_midnight = max(row.sequence for row in raw if row.recorded_at <= datetime(2027, 1, 1, tzinfo=ZURICH))
    assert at_midnight < first_after - 1  # taken on the calendar's last day, it would not cover December
    edited = copy_of(year.path, tmp_path)
    with closing(sqlite3.connect(edited)) as raw_file, raw_file:
        raw_file.execute("UPDATE ledger_transactions SET recorded_at = '2026-12-31T17:00:00+01:00' WHERE sequence = 31")
    with SqliteLedgerStore(edited, read_only=True) as store:
        check_invariants(store)  # a recording time moved back to the 31st is sound for the laws
        with pytest.raises(DigestMismatch) as caught:
            Ledger(store).verify_digest(kept)
        assert caught.value.sequence == first_after - 1
