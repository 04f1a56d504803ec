"""A store opened ``read_only`` leaves beside the file what it found there: no ``-wal`` or ``-shm`` of its own.

SQLite reads a WAL-mode file through those two files and creates them; the last connection to close removes them, but
only one that may write. A reader that found the file alone has them removed on close by SQLite itself (a connection
that may write, opened and closed), which removes them only if no other connection has the file open: a writer that
opened the file meanwhile keeps its log, and nothing it wrote is lost.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Ledger
from infomanager_core.money import Money


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        Ledger(store).top_up(organisation="acme", amount=Money("10", "CHF"), effective=date(2026, 3, 2), key="t-1")
    assert sorted(child.name for child in tmp_path.iterdir()) == ["ledger.sqlite"]
    return path


def names(path: Path) -> list[str]:
    return sorted(child.name for child in path.parent.iterdir())


def top_up(store: SqliteLedgerStore, key: str) -> None:
    Ledger(store).top_up(organisation="acme", amount=Money("1", "CHF"), effective=date(2026, 3, 3), key=key)


def posted(path: Path) -> Money:
    with SqliteLedgerStore(path, read_only=True) as store:
        return Ledger(store).balances("acme", "CHF").posted


def test_a_reader_of_a_file_alone_leaves_it_alone(ledger_file: Path) -> None:
    before = ledger_file.stat()
    assert posted(ledger_file) == Money("10", "CHF")
    assert names(ledger_file) == ["ledger.sqlite"]
    assert (ledger_file.stat().st_mtime_ns, ledger_file.stat().st_size) == (before.st_mtime_ns, before.st_size)


def test_a_writer_that_opened_the_file_while_it_was_read_keeps_its_log(ledger_file: Path) -> None:
    reader = SqliteLedgerStore(ledger_file, read_only=True)
    assert Ledger(reader).balances("acme", "CHF").posted == Money("10", "CHF")  # the reader made -wal and -shm
    with SqliteLedgerStore(ledger_file) as writer:
        top_up(writer, "t-2")
        reader.close()  # not the last connection: the writer's log stays
        assert names(ledger_file) == ["ledger.sqlite", "ledger.sqlite-shm", "ledger.sqlite-wal"]
        top_up(writer, "t-3")  # written to the log a new reader reads
        assert posted(ledger_file) == Money("12", "CHF")
    assert names(ledger_file) == ["ledger.sqlite"]  # the writer, last to close, removed them
    assert posted(ledger_file) == Money("12", "CHF")


def test_a_reader_of_a_file_a_writer_has_open_leaves_the_writer_s_log(ledger_file: Path) -> None:
    with SqliteLedgerStore(ledger_file) as writer:
        top_up(writer, "t-2")
        assert posted(ledger_file) == Money("11", "CHF")
        assert names(ledger_file) == ["ledger.sqlite", "ledger.sqlite-shm", "ledger.sqlite-wal"]
        top_up(writer, "t-3")
    assert posted(ledger_file) == Money("12", "CHF")


def test_a_reader_of_a_file_left_with_a_crashed_writer_s_log_leaves_the_log_and_the_file_as_they_were(
    ledger_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A writer that stopped without closing leaves its log holding what it wrote; a reader sees it and leaves it: the
    first writer to open the file folds it in, not a reader, which must not change the file it reads."""
    crashed = tmp_path_factory.mktemp("crashed")
    with SqliteLedgerStore(ledger_file) as writer:
        top_up(writer, "t-2")
        for name in names(ledger_file):  # the file as a writer killed at this moment leaves it
            (crashed / name).write_bytes((ledger_file.parent / name).read_bytes())
    image = crashed / "ledger.sqlite"
    before = {name: (crashed / name).read_bytes() for name in names(image)}
    assert sorted(before) == ["ledger.sqlite", "ledger.sqlite-shm", "ledger.sqlite-wal"]
    assert posted(image) == Money("11", "CHF")
    assert names(image) == sorted(before)
    assert (crashed / "ledger.sqlite").read_bytes() == before["ledger.sqlite"]


def test_a_reader_whose_file_was_removed_meanwhile_closes_without_error(ledger_file: Path) -> None:
    """Tidying is best effort: where the connection that may write cannot be opened, the reader still closes."""
    reader = SqliteLedgerStore(ledger_file, read_only=True)
    assert Ledger(reader).balances("acme", "CHF").posted == Money("10", "CHF")
    ledger_file.unlink()
    reader.close()
    assert names(ledger_file) == ["ledger.sqlite-shm", "ledger.sqlite-wal"]


def test_a_reader_of_a_file_copied_with_its_log_but_not_its_shm_leaves_the_log_and_the_file_as_they_were(
    ledger_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A file with only one of the two beside it was not found alone: a copy that kept the writer's log (the ``-shm``
    is only an index SQLite rebuilds) is read, and its log left for a writer to fold in, as with both."""
    copied = tmp_path_factory.mktemp("copied")
    with SqliteLedgerStore(ledger_file) as writer:
        top_up(writer, "t-2")
        for name in ("ledger.sqlite", "ledger.sqlite-wal"):
            (copied / name).write_bytes((ledger_file.parent / name).read_bytes())
    image = copied / "ledger.sqlite"
    before = {name: (copied / name).read_bytes() for name in names(image)}
    assert posted(image) == Money("11", "CHF")
    assert (copied / "ledger.sqlite-wal").read_bytes() == before["ledger.sqlite-wal"]
    assert image.read_bytes() == before["ledger.sqlite"]


def test_a_reader_that_cannot_ask_the_file_system_about_the_file_reads_the_writers_log_too(
    ledger_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a file known to be archived is read as immutable, which leaves out what a writer still holds in its log."""

    def unanswered(path: object) -> object:
        raise PermissionError(13, "Permission denied", str(path))

    with SqliteLedgerStore(ledger_file) as writer:
        top_up(writer, "t-2")
        monkeypatch.setattr("os.statvfs", unanswered)
        assert posted(ledger_file) == Money("11", "CHF")
