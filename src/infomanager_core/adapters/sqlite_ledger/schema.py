"""The ledger file's format: its tables, the mark and version in its header, and how each connection sets it up.

* Five tables and nothing else: the transactions, their postings, the running balances (one primary-key lookup for
  a current balance), the idempotency keys, and the orders paid from prepaid by a payment that stands (one row per
  organisation and order, so its primary key refuses a second payment; a reversal deletes the row, as a posting
  updates a running balance). Plain SQL types and ``ON CONFLICT`` upserts, so a PostgreSQL store can keep the same
  tables.
* The file says what it is: SQLite's ``application_id`` marks it as a ledger (:data:`APPLICATION_ID`) and its
  ``user_version`` is the schema's version (:data:`SCHEMA_VERSION`). The tables and the mark are written together,
  in the unit of work that finds the file new. A file of version 1 (before ``ledger_paid_orders``) is read as it is,
  and migrated by the first store that opens it for writing: the table is made and filled from the journal, and the
  version set, in one unit of work.
* A store that writes keeps the file in WAL mode; every connection runs with ``synchronous=FULL`` when durable, the
  store's busy timeout and the write-ahead log cut back to :data:`WAL_SIZE_LIMIT`.
* Some laws hold between rows that no transaction reads back (:data:`_STRAY_ROWS`): the file keeps them, and
  ``SqliteLedgerStore.check_file`` checks them.

>>> APPLICATION_ID.to_bytes(4, "big"), SCHEMA_VERSION
(b'IMLG', 2)
"""

from __future__ import annotations

import json
import sqlite3
import time

__all__ = ["APPLICATION_ID", "SCHEMA", "SCHEMA_VERSION", "WAL_SIZE_LIMIT"]

#: SQLite's ``application_id`` of a ledger file: ``IMLG`` in ASCII (``file`` shows it as the file's type).
APPLICATION_ID = 0x494D4C47

#: The schema's version, kept in SQLite's ``user_version``; a change to the tables gives the next number and a
#: migration from the previous one.
SCHEMA_VERSION = 2

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
CREATE TABLE IF NOT EXISTS ledger_paid_orders (
    organisation TEXT    NOT NULL,
    order_id     TEXT    NOT NULL,
    sequence     INTEGER NOT NULL REFERENCES ledger_transactions (sequence),
    PRIMARY KEY (organisation, order_id)
);
"""

#: The statement of version 2's table, as :data:`SCHEMA` writes it (a version-1 file read-only gets it as ``TEMP``).
_PAID_ORDERS_TABLE = next(statement for statement in SCHEMA.split(";") if "ledger_paid_orders" in statement)

#: The tables of a file of version 1, which every ledger file has; and of this version.
_TABLES_V1 = frozenset({"ledger_transactions", "ledger_postings", "ledger_balances", "ledger_idempotency"})
_TABLES = _TABLES_V1 | {"ledger_paid_orders"}


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
    (
        # check_invariants holds the index to every order the journal pays; a row for an order it never paid is the
        # file's law: the row must name a payment (or a reversal of its reversal) of that organisation
        "every paid order names a payment of its organisation",
        "SELECT o.organisation || ':' || o.order_id FROM ledger_paid_orders AS o WHERE NOT EXISTS (SELECT 1"
        " FROM ledger_transactions AS t JOIN ledger_postings AS p ON p.sequence = t.sequence"
        " WHERE t.sequence = o.sequence AND t.kind IN ('order_payment', 'reversal')"
        " AND p.account_kind = 'prepaid' AND p.owner = o.organisation) ORDER BY 1 LIMIT 5",
    ),
)


def _write_schema(connection: sqlite3.Connection) -> None:
    """Create the tables that are missing and mark the file, inside the caller's unit of work (they commit together):
    a new file, one made before files were marked, or one of version 1, whose orders paid are then read from its
    journal (:func:`_fill_paid_orders`)."""
    had_paid_orders = _has_paid_orders(connection)
    for statement in SCHEMA.split(";"):
        connection.execute(statement)
    if not had_paid_orders:
        _fill_paid_orders(connection)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _fill_paid_orders(connection: sqlite3.Connection) -> None:
    """Record the orders a journal written before ``ledger_paid_orders`` shows paid by a payment that stands.

    The journal is read once, in sequence order, for its order payments and reversals (a reversal of a payment ends
    it; a reversal of that reversal pays the order again). Such a journal may hold an order paid twice under two keys
    (nothing refused it then): both payments stay, as everything in the journal does, and the first one that stands
    is the one recorded.
    """
    rows = connection.execute(
        "SELECT t.sequence, t.kind, t.reverses, t.metadata, p.owner FROM ledger_transactions AS t"
        " JOIN ledger_postings AS p ON p.sequence = t.sequence AND p.account_kind = 'prepaid'"
        " WHERE t.kind IN ('order_payment', 'reversal') ORDER BY t.sequence"
    )
    paying: dict[int, tuple[str, str]] = {}  # each payment, or reversal's reversal, and the order it pays
    ending: dict[int, tuple[str, str]] = {}  # each reversal of one of those, and the order whose payment it ends
    standing: dict[tuple[str, str], int] = {}
    for sequence, kind, reverses, metadata, owner in rows:
        if kind == "order_payment":
            order_id = dict(json.loads(metadata)).get("order")
            if order_id is None:
                continue
            order = paying[sequence] = (owner, order_id)
            standing.setdefault(order, sequence)
        elif reverses in paying:
            order = ending[sequence] = paying[reverses]
            if standing.get(order) == reverses:
                del standing[order]
        elif reverses in ending:
            order = paying[sequence] = ending[reverses]
            standing.setdefault(order, sequence)
    connection.executemany(
        "INSERT INTO ledger_paid_orders (organisation, order_id, sequence) VALUES (?, ?, ?)",
        [(*order, sequence) for order, sequence in standing.items()],
    )


def _read_paid_orders_of_an_older_file(connection: sqlite3.Connection) -> None:
    """On a file of version 1 opened read-only, give ``connection`` the index of order payments a writer would
    migrate the file to, as a table of its own (``TEMP``: in this connection only, nothing written to the file), so
    that the store answers :meth:`~infomanager_core.ledger.store.LedgerReader.order_payment` and is audited as a file
    of this version is. A file of this version has the table and is left as it is."""
    if not _has_paid_orders(connection):
        connection.execute(_PAID_ORDERS_TABLE.replace("CREATE TABLE IF NOT EXISTS", "CREATE TEMP TABLE", 1))
        _fill_paid_orders(connection)


def _has_paid_orders(connection: sqlite3.Connection) -> bool:
    """Whether the file has the table of version 2, ``ledger_paid_orders``."""
    found = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ledger_paid_orders'")
    return found.fetchone() is not None


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
