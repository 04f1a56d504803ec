"""The ledger file's format: its tables, the mark and version in its header, and how each connection sets it up.

* Four tables and nothing else: the transactions, their postings, the running balances (one primary-key lookup for
  a current balance) and the idempotency keys. Plain SQL types and ``ON CONFLICT`` upserts, so a PostgreSQL store
  can keep the same tables.
* The file says what it is: SQLite's ``application_id`` marks it as a ledger (:data:`APPLICATION_ID`) and its
  ``user_version`` is the schema's version (:data:`SCHEMA_VERSION`). The tables and the mark are written together,
  in the unit of work that finds the file new.
* A store that writes keeps the file in WAL mode; every connection runs with ``synchronous=FULL`` when durable, the
  store's busy timeout and the write-ahead log cut back to :data:`WAL_SIZE_LIMIT`.
* Some laws hold between rows that no transaction reads back (:data:`_STRAY_ROWS`): the file keeps them, and
  ``SqliteLedgerStore.check_file`` checks them.

>>> APPLICATION_ID.to_bytes(4, "big"), SCHEMA_VERSION
(b'IMLG', 1)
"""

from __future__ import annotations

import sqlite3
import time

__all__ = ["APPLICATION_ID", "SCHEMA", "SCHEMA_VERSION", "WAL_SIZE_LIMIT"]

#: SQLite's ``application_id`` of a ledger file: ``IMLG`` in ASCII (``file`` shows it as the file's type).
APPLICATION_ID = 0x494D4C47

#: The schema's version, kept in SQLite's ``user_version``; a change to the tables gives the next number and a
#: migration from the previous one.
SCHEMA_VERSION = 1

#: The size, in bytes, the write-ahead log is cut back to when SQLite starts it over (its ``journal_size_limit``).
#: SQLite recycles the ``-wal`` file without shrinking it, so a bulk load, or writes during a long read (which keeps
#: SQLite from starting the log over), left it at its largest for as long as the service ran. Day to day the log
#: cycles at about 4 MB (SQLite checkpoints at 1,000 pages): four times that is never cut in normal use.
WAL_SIZE_LIMIT = 16 * 2**20


SCHEMA = """
CREATE TABLE IF NOT EXISTS ledger_transactions (
    sequence    INTEGER PRIMARY KEY,
    key         TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL,
    effective   TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    pending     INTEGER NOT NULL,
    reverses    INTEGER UNIQUE REFERENCES ledger_transactions (sequence),
    resolves    INTEGER UNIQUE REFERENCES ledger_transactions (sequence),
    metadata    TEXT    NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger_postings (
    sequence     INTEGER NOT NULL REFERENCES ledger_transactions (sequence),
    position     INTEGER NOT NULL,
    account_kind TEXT    NOT NULL,
    owner        TEXT    NOT NULL,
    currency     TEXT    NOT NULL,
    units        INTEGER NOT NULL CHECK (typeof(units) = 'integer'),
    PRIMARY KEY (sequence, position)
);
CREATE INDEX IF NOT EXISTS ledger_postings_by_account
    ON ledger_postings (account_kind, owner, currency, sequence);
CREATE TABLE IF NOT EXISTS ledger_balances (
    account_kind    TEXT    NOT NULL,
    owner           TEXT    NOT NULL,
    currency        TEXT    NOT NULL,
    posted          INTEGER NOT NULL CHECK (typeof(posted) = 'integer'),
    pending_debits  INTEGER NOT NULL CHECK (typeof(pending_debits) = 'integer'),
    pending_credits INTEGER NOT NULL CHECK (typeof(pending_credits) = 'integer'),
    PRIMARY KEY (account_kind, owner, currency)
);
CREATE TABLE IF NOT EXISTS ledger_idempotency (
    key         TEXT    PRIMARY KEY,
    fingerprint TEXT    NOT NULL,
    sequence    INTEGER NOT NULL REFERENCES ledger_transactions (sequence)
);
"""

_TABLES = frozenset({"ledger_transactions", "ledger_postings", "ledger_balances", "ledger_idempotency"})


#: Rows that belong to no transaction, each with the law it breaks (the first five of each).
_STRAY_ROWS = (
    (
        "every key names its own transaction",
        "SELECT i.key FROM ledger_idempotency AS i LEFT JOIN ledger_transactions AS t ON t.sequence = i.sequence"
        " WHERE t.key IS NOT i.key ORDER BY i.key LIMIT 5",
    ),
    (
        "every posting belongs to a transaction",
        "SELECT DISTINCT p.sequence FROM ledger_postings AS p LEFT JOIN ledger_transactions AS t"
        " ON t.sequence = p.sequence WHERE t.sequence IS NULL ORDER BY p.sequence LIMIT 5",
    ),
    (
        # this store writes a running balance only for an account a posting touches: a row of zeros beside them was
        # added by hand, and lists an account that nothing ever posted to (check_invariants lets a store of another
        # kind keep such rows, so the law is the file's)
        "every running balance belongs to an account with postings",
        "SELECT b.account_kind || ':' || CASE b.owner WHEN '' THEN '' ELSE b.owner || ':' END || b.currency"
        " FROM ledger_balances AS b WHERE NOT EXISTS (SELECT 1 FROM ledger_postings AS p"
        " WHERE p.account_kind = b.account_kind AND p.owner = b.owner AND p.currency = b.currency)"
        " ORDER BY 1 LIMIT 5",
    ),
)


def _write_schema(connection: sqlite3.Connection) -> None:
    """Create the tables and mark the file, inside the caller's unit of work (they commit together)."""
    for statement in SCHEMA.split(";"):
        connection.execute(statement)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _set_pragmas(connection: sqlite3.Connection, *, wal: bool, durable: bool, timeout: float) -> None:
    """Set a new connection up: WAL mode if ``wal`` (a writable file known to be a ledger), then durability, the
    busy timeout and the write-ahead log's size limit. The first statement is where a file that is not SQLite, or is
    busy, is found out."""
    if wal:
        switch_to_wal(connection, timeout)
    connection.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
    connection.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
    connection.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")


def switch_to_wal(connection: sqlite3.Connection, timeout: float) -> None:
    """Put the file in WAL mode, waiting up to ``timeout`` seconds for the other connections' locks.

    SQLite refuses a change of journal mode at once ("database is locked") while another connection holds a lock on
    the file, without calling the busy handler that makes every other statement wait: several workers opening a new
    file together (one writing the schema while the others switch) failed with :class:`StoreBusy` in a moment, whose
    message said the lock had been held past the timeout. The switch is tried again, a millisecond then up to 50 ms
    apart, until it succeeds or the timeout has passed (then SQLite's error goes up, as a lock held too long).
    """
    deadline, pause = time.monotonic() + timeout, 0.001
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorname", "") != "SQLITE_BUSY" or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(2 * pause, 0.05)
