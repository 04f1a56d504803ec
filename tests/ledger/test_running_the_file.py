"""An operator runs the ledger file for a year: the file edited by hand, cut short, read-only for the process that
opens it, or kept in a directory that process may not write. Each answer is a typed error that says what happened,
the file is left as it was, and a ledger that can be read is read."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from infomanager_core.adapters import sqlite_ledger
from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore, opening, schema
from infomanager_core.cli import main
from infomanager_core.ledger import InvariantViolation, Ledger, TopUp, check_invariants
from infomanager_core.money import Money

from .support import snapshot, ticking_clock

DAY = date(2026, 3, 2)


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    """A closed ledger file: 1 a top-up of acme, 2 a payment of acme, 3 a top-up of globex."""
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store, clock=ticking_clock())
        ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=DAY, key="t-1")
        ledger.pay_order(organisation="acme", order_id="ORD-1", amount=Money("30", "CHF"), effective=DAY, key="pay-1")
        ledger.top_up(organisation="globex", amount=Money("10", "EUR"), effective=DAY, key="t-2")
    return path


def edit(path: Path, sql: str) -> None:
    with closing(sqlite3.connect(path)) as raw:
        assert raw.execute(sql).rowcount == 1
        raw.commit()


def files_beside(path: Path) -> list[str]:
    return sorted(entry.name for entry in path.parent.iterdir())


# -- a row edited by hand -----------------------------------------------------------------------------------------

#: One side of a transaction's postings changed by hand: the row decodes, but the transaction no longer balances.
UNBALANCED = "UPDATE ledger_postings SET units = units + 1 WHERE sequence = 2 AND position = 0"


@pytest.mark.parametrize(
    ("sql", "detail"),
    [
        (UNBALANCED, "transaction #2: postings: {'CHF': 1} must sum to zero"),
        (
            "UPDATE ledger_postings SET units = 0 WHERE sequence = 3 AND position = 1",
            "transaction #3: units: 0 must not be zero",
        ),
    ],
)
def test_a_posting_amount_edited_by_hand_is_reported_by_the_auditor_naming_its_transaction(
    ledger_file: Path, sql: str, detail: str
) -> None:
    # It read "postings: {'CHF': 1} must sum to zero ...": which of a year's transactions, the operator could not tell.
    edit(ledger_file, sql)
    with SqliteLedgerStore(ledger_file, read_only=True) as store, pytest.raises(InvariantViolation) as broken:
        check_invariants(store)
    assert broken.value.law == "every stored transaction is well-formed"
    assert broken.value.detail.startswith(detail)


@pytest.mark.parametrize(
    "read",
    [
        lambda ledger: ledger.statement("acme", "CHF"),
        lambda ledger: ledger.journal(),
        lambda ledger: ledger.pending_payouts("acme", "CHF", on=DAY),  # a past day: the history is read
        lambda ledger: ledger.pay_order(
            organisation="acme", order_id="ORD-1", amount=Money("30", "CHF"), effective=DAY, key="pay-1"
        ),
    ],
    ids=["statement", "journal", "pending_payouts", "a retry"],
)
def test_a_read_that_meets_a_transaction_edited_by_hand_names_the_broken_law_not_a_bad_argument(
    ledger_file: Path, read: Callable[[Ledger], Any]
) -> None:
    # It raised the InvalidInput a caller's own bad posting gets ("add the other side"), as if the caller were wrong.
    edit(ledger_file, UNBALANCED)
    with SqliteLedgerStore(ledger_file) as store, pytest.raises(InvariantViolation) as broken:
        read(Ledger(store, clock=ticking_clock()))
    assert broken.value.law == "every stored transaction is well-formed"
    assert broken.value.detail.startswith("transaction #2: ")


def test_the_command_line_reports_a_transaction_edited_by_hand_as_the_file_s_fault(
    capsys: pytest.CaptureFixture[str], ledger_file: Path
) -> None:
    edit(ledger_file, UNBALANCED)
    assert main(["ledger", "--db", str(ledger_file), "check"]) == 1
    _, err = capsys.readouterr()
    assert err == (
        f'{ledger_file}: NOT sound: ledger invariant broken: every stored transaction is well-formed: "transaction #2:'
        " postings: {'CHF': 1} must sum to zero in every currency (double entry) (add the other side)\"\n"
    )
    assert main(["ledger", "--db", str(ledger_file), "statement", "acme"]) == 3  # the file is broken, not the call
    _, err = capsys.readouterr()
    assert err.startswith("infomanager ledger: error: ledger invariant broken: every stored transaction is well-formed")


# -- a file cut short ---------------------------------------------------------------------------------------------


def cut_short(path: Path) -> bytes:
    """Keep the first half of the file, as a copy interrupted half way does; return what is left."""
    content = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(content)
    return content


@pytest.mark.parametrize("read_only", [True, False])
def test_a_ledger_cut_short_is_refused_as_damaged_pages_and_left_as_it_is(ledger_file: Path, read_only: bool) -> None:
    # It was NotALedgerFile, "cannot be opened as an SQLite ledger": a ledger that is damaged, said to be none.
    left = cut_short(ledger_file)
    with pytest.raises(InvariantViolation) as broken:
        SqliteLedgerStore(ledger_file, read_only=read_only)
    assert broken.value.law == "every page of the file is intact"
    assert "malformed" in str(broken.value)
    assert ledger_file.read_bytes() == left


def test_check_reports_a_ledger_cut_short_as_not_sound(capsys: pytest.CaptureFixture[str], ledger_file: Path) -> None:
    # Status 2 said the command line was wrong; the file is what is wrong, and check says so with status 1.
    cut_short(ledger_file)
    assert main(["ledger", "--db", str(ledger_file), "check"]) == 1
    _, err = capsys.readouterr()
    assert err.startswith(f"{ledger_file}: NOT sound: ledger invariant broken: every page of the file is intact: ")
    assert len(err.strip().splitlines()) == 1


def test_a_text_file_is_still_no_ledger_rather_than_a_damaged_one(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("not a database at all\n" * 100)
    with pytest.raises(sqlite_ledger.NotALedgerFile, match="file is not a database"):
        SqliteLedgerStore(path, read_only=True)


# -- a file or a directory this process may not write --------------------------------------------------------------


@pytest.fixture
def unwritable(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Make ``os.access`` answer that this process may not write a path, as it answers a user without the right
    (the suite may run as root, whom the file system lets write anything)."""
    denied: set[str] = set()
    real = os.access

    def access(path: Any, mode: int, **options: Any) -> bool:
        if mode & os.W_OK and os.path.abspath(os.fspath(path)) in denied:
            return False
        return real(path, mode, **options)

    monkeypatch.setattr(opening.os, "access", access)
    return lambda path: denied.add(os.path.abspath(path))


def test_a_closed_ledger_in_a_directory_this_process_may_not_write_is_read_without_creating_anything(
    ledger_file: Path, unwritable: Callable[[Path], None]
) -> None:
    # An operator's account reading the service's file while the service is stopped: SQLite cannot create the -shm
    # WAL mode reads through, and the file was refused as "cannot be opened as an SQLite ledger".
    unwritable(ledger_file.parent)
    with SqliteLedgerStore(ledger_file, read_only=True) as store:
        assert Ledger(store).balances("acme", "CHF").posted == Money("70", "CHF")
        check_invariants(store)
    assert files_beside(ledger_file) == ["ledger.sqlite"]


def test_a_ledger_in_use_in_a_directory_this_process_may_not_write_is_read_through_its_log(
    ledger_file: Path, unwritable: Callable[[Path], None]
) -> None:
    # While the service runs, its -wal and -shm are there and hold its last transactions: read through them.
    with SqliteLedgerStore(ledger_file) as service:
        Ledger(service, clock=ticking_clock()).top_up(
            organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-3"
        )
        unwritable(ledger_file.parent)
        with SqliteLedgerStore(ledger_file, read_only=True) as store:
            assert Ledger(store).balances("acme", "CHF").posted == Money("75", "CHF")


def test_a_file_this_process_may_not_write_is_refused_when_opened_for_writing(
    ledger_file: Path, unwritable: Callable[[Path], None]
) -> None:
    # It opened, and the first payment of the day failed with sqlite3.OperationalError.
    before = ledger_file.read_bytes()
    unwritable(ledger_file)
    with pytest.raises(sqlite_ledger.FileNotWritable) as refused:
        SqliteLedgerStore(ledger_file)
    assert refused.value.path == str(ledger_file)
    assert "read_only=True" in str(refused.value)
    assert ledger_file.read_bytes() == before
    with SqliteLedgerStore(ledger_file, read_only=True) as store:  # reading it is still what it is for
        assert Ledger(store).balances("acme", "CHF").posted == Money("70", "CHF")


def test_a_write_sqlite_finds_read_only_is_a_typed_refusal_that_writes_nothing(
    ledger_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file made read-only after the service opened it (a restore, a permission changed by hand): SQLite opens a
    # file it may not write read-only, and says so only at the first write.
    real = sqlite3.connect

    def read_only_connect(target: str, **options: Any) -> sqlite3.Connection:
        options["uri"] = True
        return real(f"{Path(target).absolute().as_uri()}?mode=ro", **options)

    with SqliteLedgerStore(ledger_file) as store:
        ledger = Ledger(store, clock=ticking_clock())
        before = snapshot(ledger)
        monkeypatch.setattr(opening.sqlite3, "connect", read_only_connect)
        store.close()
    with SqliteLedgerStore(ledger_file) as store:
        ledger = Ledger(store, clock=ticking_clock())
        with pytest.raises(sqlite_ledger.FileNotWritable, match="cannot be written"):
            ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-3")
        with pytest.raises(sqlite_ledger.FileNotWritable), store.batch():
            ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-3")
        assert snapshot(ledger) == before
    monkeypatch.undo()
    with SqliteLedgerStore(ledger_file) as store:  # writable again: the same call posts
        ledger = Ledger(store, clock=ticking_clock())
        assert ledger.top_up(organisation="acme", amount=Money("5", "CHF"), effective=DAY, key="t-3").sequence == 4


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write whatever the modes say")
def test_real_permissions_read_a_read_only_ledger_and_refuse_to_write_it(ledger_file: Path) -> None:
    directory = ledger_file.parent
    ledger_file.chmod(0o444)
    directory.chmod(0o555)
    try:
        with SqliteLedgerStore(ledger_file, read_only=True) as store:
            assert Ledger(store).balances("acme", "CHF").posted == Money("70", "CHF")
        with pytest.raises(sqlite_ledger.FileNotWritable):
            SqliteLedgerStore(ledger_file)
        assert files_beside(ledger_file) == ["ledger.sqlite"]
    finally:
        directory.chmod(0o755)
        ledger_file.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "statvfs"), reason="no statvfs on this platform")
def test_a_ledger_archived_with_an_empty_write_ahead_log_is_read_as_immutable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        Ledger(store).top_up(organisation="acme", amount=Money("75", "CHF"), effective=DAY, key="t-1")
    Path(f"{path}-wal").write_bytes(b"")  # the copy of a log checkpointed to nothing
    real = os.statvfs
    monkeypatch.setattr(  # every directory reports the read-only flag, as one mounted ``ro`` does
        opening.os, "statvfs", lambda where: SimpleNamespace(f_flag=real(where).f_flag | os.ST_RDONLY)
    )
    with SqliteLedgerStore(path, read_only=True) as store:
        assert Ledger(store).balances("acme", "CHF").posted == Money("75", "CHF")
    assert sorted(found.name for found in tmp_path.iterdir()) == ["ledger.sqlite", "ledger.sqlite-wal"]  # no -shm


# -- a year of use ------------------------------------------------------------------------------------------------


def test_the_write_ahead_log_is_given_back_after_a_bulk_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A bulk load (or writes during a long audit, which keeps SQLite from recycling the log) grew the -wal, and a
    # service that stays up kept it at that size for good: 773 MB after 22 s of `ledger check` beside busy workers.
    monkeypatch.setattr(schema, "WAL_SIZE_LIMIT", 2**20)  # the default is 16 MiB; a small load shows it
    path = tmp_path / "ledger.sqlite"
    log = Path(f"{path}-wal")
    with SqliteLedgerStore(path, durable=False) as store:
        ledger = Ledger(store, clock=ticking_clock())
        ledger.post_many(
            TopUp(organisation=f"org-{n % 100}", amount=Money("10", "CHF"), effective=DAY, key=f"t-{n}")
            for n in range(12_000)
        )
        grown = log.stat().st_size
        assert grown > 4 * 2**20  # past SQLite's checkpoint threshold (1,000 pages)
        ledger.top_up(organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="after")
        assert log.stat().st_size <= 2**20
        assert Ledger(store).balances("org-7", "CHF").posted == Money("1200", "CHF")


def test_check_reports_the_transactions_it_audited_while_workers_post(
    capsys: pytest.CaptureFixture[str], ledger_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The audit, the page check and the count came from three read transactions: a payment posted between them was
    # counted in "sound, N transactions" without having been audited.
    from infomanager_core.cli import ledger as command

    audit = command.check_invariants

    def audit_then_a_worker_posts(store: Any) -> None:
        audit(store)
        with SqliteLedgerStore(ledger_file) as worker:
            Ledger(worker, clock=ticking_clock()).top_up(
                organisation="acme", amount=Money("1", "CHF"), effective=DAY, key="posted-meanwhile"
            )

    monkeypatch.setattr(command, "check_invariants", audit_then_a_worker_posts)
    assert main(["ledger", "--db", str(ledger_file), "check"]) == 0
    out, _ = capsys.readouterr()
    assert out == f"{ledger_file}: sound, 3 transactions (the last on 2026-03-02), 5 accounts\n"


def test_a_write_that_finds_the_disk_full_is_a_typed_refusal_that_writes_nothing(
    ledger_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # It was sqlite3.OperationalError "database or disk is full", escaping from a payment.
    real = sqlite3.connect

    def no_room_left(target: str, **options: Any) -> sqlite3.Connection:
        connection = real(target, **options)
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
        connection.execute(f"PRAGMA max_page_count = {pages}")  # as a disk without a free block: the file cannot grow
        return connection

    with SqliteLedgerStore(ledger_file) as store:
        before = snapshot(Ledger(store))
    monkeypatch.setattr(opening.sqlite3, "connect", no_room_left)
    with SqliteLedgerStore(ledger_file) as store:
        ledger = Ledger(store, clock=ticking_clock())
        bulk = [
            TopUp(organisation=f"org-{n}", amount=Money("10", "CHF"), effective=DAY, key=f"t-{n + 3}")
            for n in range(2000)
        ]
        with pytest.raises(sqlite_ledger.DiskFull) as refused:
            ledger.post_many(bulk)
        assert refused.value.path == str(ledger_file)
        assert (
            str(refused.value)
            == f"{str(ledger_file)!r} is full: the disk had no room to grow it; nothing was written (free some space, then retry)"
        )
        assert snapshot(ledger) == before
    monkeypatch.undo()
    with SqliteLedgerStore(ledger_file) as store:  # room again: the same batch posts
        assert len(Ledger(store, clock=ticking_clock()).post_many(bulk)) == 2000


@given(room=st.integers(min_value=0, max_value=40), sizes=st.lists(st.integers(1, 300), min_size=1, max_size=4))
def test_whatever_room_the_disk_has_left_each_batch_is_written_whole_or_refused_leaving_the_file_as_it_was(
    room: int, sizes: list[int]
) -> None:
    real = sqlite3.connect

    def limited(target: str, **options: Any) -> sqlite3.Connection:
        connection = real(target, **options)
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
        connection.execute(f"PRAGMA max_page_count = {pages + room}")  # what the disk has left, in pages
        return connection

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "ledger.sqlite"
        with SqliteLedgerStore(path, durable=False) as store:
            Ledger(store, clock=ticking_clock()).top_up(
                organisation="org-0", amount=Money("1", "CHF"), effective=DAY, key="seed"
            )
        written = 1
        with mock.patch.object(opening.sqlite3, "connect", limited), SqliteLedgerStore(path) as store:
            ledger = Ledger(store, clock=ticking_clock())
            for number, size in enumerate(sizes):
                before = snapshot(ledger)
                batch = [
                    TopUp(organisation=f"org-{n % 7}", amount=Money("1", "CHF"), effective=DAY, key=f"b{number}-{n}")
                    for n in range(size)
                ]
                try:
                    ledger.post_many(batch)
                except sqlite_ledger.DiskFull:
                    event("a batch found the disk full")
                    assert snapshot(ledger) == before
                else:
                    written += size
            check_invariants(store)
            store.check_file()
            assert len(ledger.journal()) == written


def test_a_new_ledger_file_with_no_room_for_its_tables_is_disk_full_not_a_file_of_another_kind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = sqlite3.connect

    def no_room_left(target: str, **options: Any) -> sqlite3.Connection:
        connection = real(target, **options)
        connection.execute("PRAGMA max_page_count = 1")
        return connection

    monkeypatch.setattr(opening.sqlite3, "connect", no_room_left)
    with pytest.raises(sqlite_ledger.DiskFull):
        SqliteLedgerStore(tmp_path / "ledger.sqlite")
    monkeypatch.undo()
    with SqliteLedgerStore(tmp_path / "ledger.sqlite") as store:  # room again: the file is made a ledger
        assert Ledger(store).journal() == ()


# -- a file held by another connection --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "read",
    [
        lambda store: Ledger(store).balances("acme", "CHF"),
        lambda store: Ledger(store).statement("acme", "CHF"),
        check_invariants,
        lambda store: store.check_file(),
    ],
    ids=["balances", "statement", "check_invariants", "check_file"],
)
def test_a_read_kept_waiting_past_the_timeout_is_store_busy_and_reads_once_the_lock_is_gone(
    ledger_file: Path, read: Callable[[SqliteLedgerStore], Any]
) -> None:
    # A ledger file out of WAL mode (a copy an operator switched back, `PRAGMA journal_mode=DELETE`) read while a tool
    # holds it exclusively: it was sqlite3.OperationalError "database is locked".
    with closing(sqlite3.connect(ledger_file, isolation_level=None)) as raw:
        raw.execute("PRAGMA journal_mode=DELETE")
    with SqliteLedgerStore(ledger_file, read_only=True, timeout=0.05) as store:
        with closing(sqlite3.connect(ledger_file, isolation_level=None)) as tool:
            tool.execute("BEGIN EXCLUSIVE")
            with pytest.raises(sqlite_ledger.StoreBusy) as busy:
                read(store)
            assert busy.value.path == str(ledger_file)
            tool.execute("ROLLBACK")
        read(store)
        assert Ledger(store).balances("acme", "CHF").posted == Money("70", "CHF")


def test_a_balance_row_added_by_hand_for_an_account_without_postings_is_not_sound(
    capsys: pytest.CaptureFixture[str], ledger_file: Path
) -> None:
    # A row of zeros was called sound, and `infomanager ledger balances ghost` listed an account nothing ever posted to
    # (status 0) where it answers "ghost has no prepaid account" (status 1).
    edit(ledger_file, "INSERT INTO ledger_balances VALUES ('prepaid', 'ghost', 'CHF', 0, 0, 0)")
    edit(ledger_file, "INSERT INTO ledger_balances VALUES ('cashback_expense', '', 'CHF', 0, 0, 0)")
    with SqliteLedgerStore(ledger_file, read_only=True) as store, pytest.raises(InvariantViolation) as broken:
        store.check_file()
    assert broken.value.law == "every running balance belongs to an account with postings"
    assert broken.value.detail == ["cashback_expense:CHF", "prepaid:ghost:CHF"]
    assert main(["ledger", "--db", str(ledger_file), "check"]) == 1
    _, err = capsys.readouterr()
    assert "NOT sound: ledger invariant broken: every running balance belongs to an account with postings" in err


@pytest.mark.parametrize(
    ("sql", "audited", "stray"),
    [
        (  # a second payment of ORD-1 would be accepted: the index is what refuses it
            "DELETE FROM ledger_paid_orders WHERE order_id = 'ORD-1'",
            (("acme", "ORD-1"), "#None", "#2"),
            None,
        ),
        (
            "UPDATE ledger_paid_orders SET sequence = 1 WHERE order_id = 'ORD-1'",
            (("acme", "ORD-1"), "#1", "#2"),
            ["acme:ORD-1"],
        ),
        (  # globex's top-up named as the payment of an order globex never paid: its order would be refused
            "INSERT INTO ledger_paid_orders VALUES ('globex', 'ORD-9', 3)",
            (("globex", "ORD-9"), "#3", "#None"),
            ["globex:ORD-9"],
        ),
        (  # acme's payment claimed for globex's order of the same id: globex could never pay its own ORD-1
            "INSERT INTO ledger_paid_orders VALUES ('globex', 'ORD-1', 2)",
            (("globex", "ORD-1"), "#2", "#None"),
            ["globex:ORD-1"],
        ),
        (  # a row of no organisation matches the system accounts' empty owner, never a prepaid account's
            "INSERT INTO ledger_paid_orders VALUES ('', 'ORD-1', 2)",
            (("", "ORD-1"), "#2", "#None"),
            [":ORD-1"],
        ),
    ],
    ids=[
        "a payment's row deleted",
        "a row naming a top-up",
        "a row for an order never paid",
        "a row naming another organisation's payment",
        "a row of no organisation",
    ],
)
def test_the_index_of_order_payments_edited_by_hand_is_not_sound(
    ledger_file: Path, sql: str, audited: object, stray: list[str] | None
) -> None:
    """The laws hold the whole index to the journal's standing payments (a row too many or too few, or naming another
    payment); ``check_file``, which reads no journal, refuses a row that names no payment of its organisation."""
    edit(ledger_file, sql)
    with SqliteLedgerStore(ledger_file, read_only=True) as store:
        with pytest.raises(InvariantViolation) as broken:
            check_invariants(store)
        assert (broken.value.law, broken.value.detail) == ("the store's order payments match the journal", audited)
        if stray is None:
            store.check_file()
        else:
            with pytest.raises(InvariantViolation) as broken:
                store.check_file()
            assert (broken.value.law, broken.value.detail) == (
                "every paid order names a payment of its organisation",
                stray,
            )


# -- a path that is not the file ------------------------------------------------------------------------------------


def test_a_missing_file_opened_for_reading_is_said_to_be_missing_and_not_created(tmp_path: Path) -> None:
    # It read "cannot be opened as an SQLite ledger (unable to open database file)": a typo in a path looked like a
    # file of the wrong kind.
    missing = tmp_path / "ledgr.sqlite"
    with pytest.raises(sqlite_ledger.NotALedgerFile) as refused:
        SqliteLedgerStore(missing, read_only=True)
    assert str(refused.value) == (
        f"path: {str(missing)!r} cannot be opened: no such file (a store opened read_only=True never creates one)"
    )
    assert not missing.exists()


@pytest.mark.parametrize("read_only", [True, False])
def test_a_directory_is_said_to_be_a_directory(tmp_path: Path, read_only: bool) -> None:
    # It read "(disk I/O error)" for reading and "(unable to open database file)" for writing.
    with pytest.raises(sqlite_ledger.NotALedgerFile) as refused:
        SqliteLedgerStore(tmp_path, read_only=read_only)
    assert str(refused.value) == f"path: {str(tmp_path)!r} cannot be opened: it is a directory, not a file"
    assert list(tmp_path.iterdir()) == []
