"""``infomanager ledger --db FILE digest``: the digest an auditor keeps at a period's close, and ``--verify`` a year
later. Status 0 when the kept digest matches, 1 when the file is not what was digested (an edit, a file cut short),
2 when the command line is wrong (a text that is no digest, a scheme this version does not know)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.ledger import Ledger
from infomanager_core.money import Money

from .test_ledger_cli import run


@pytest.fixture
def ledger_file(tmp_path: Path) -> str:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        for n in range(1, 4):
            ledger.top_up(organisation="acme", amount=Money(100 * n, "CHF"), effective=date(2026, 3, 3), key=f"t-{n}")
    return str(path)


def digest_of(path: str, through: int | None = None) -> str:
    with SqliteLedgerStore(path, read_only=True) as store:
        return str(Ledger(store).journal_digest(through=through))


def test_digest_prints_the_journal_s_digest_up_to_the_head_or_through_a_sequence(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    assert run(capsys, "ledger", "--db", ledger_file, "digest") == (0, digest_of(ledger_file) + "\n", "")
    assert run(capsys, "ledger", "--db", ledger_file, "digest", "--through", "2") == (
        0,
        digest_of(ledger_file, 2) + "\n",
        "",
    )
    assert digest_of(ledger_file, 2).startswith("2:im-sha256-1:")
    assert digest_of(ledger_file, 2) != digest_of(ledger_file)


def test_verify_exits_0_when_the_kept_digest_matches(capsys: pytest.CaptureFixture[str], ledger_file: str) -> None:
    kept = digest_of(ledger_file, 2)
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "digest", "--verify", kept)
    assert (status, out, err) == (0, f"{ledger_file}: the journal up to #2 matches {kept}\n", "")


def test_verify_exits_1_naming_both_digests_when_a_transaction_up_to_the_kept_one_was_edited(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    kept = digest_of(ledger_file, 2)
    with closing(sqlite3.connect(ledger_file)) as raw, raw:
        raw.execute("UPDATE ledger_transactions SET recorded_at = '2026-03-03T08:00:00+00:00' WHERE sequence = 2")
    found = digest_of(ledger_file, 2)
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "digest", "--verify", kept)
    assert (status, out) == (1, "")
    assert err == (
        f"{ledger_file}: does NOT match: the journal up to #2 does not match the kept digest: kept {kept}, "
        f"found {found} (a transaction up to it was changed, added or removed since the digest was kept)\n"
    )


def test_verify_exits_1_when_the_file_ends_before_the_kept_sequence(
    capsys: pytest.CaptureFixture[str], ledger_file: str, tmp_path: Path
) -> None:
    other = tmp_path / "other.sqlite"
    with SqliteLedgerStore(other) as store:
        Ledger(store).top_up(organisation="acme", amount=Money(5, "CHF"), effective=date(2026, 3, 3), key="t-1")
    status, out, err = run(capsys, "ledger", "--db", str(other), "digest", "--verify", digest_of(ledger_file))
    assert (status, out) == (1, "")
    assert err.startswith(f"{other}: does NOT match: sequence: 3 names no transaction (the journal ends at #1)")


def test_a_digest_through_a_sequence_the_file_lacks_exits_1(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "digest", "--through", "4")
    assert (status, out) == (1, "")
    assert err == f"{ledger_file}: --through: 4 names no transaction (the journal ends at #3) (digest up to the head)\n"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--verify", "3:im-sha256-9:" + "0" * 64), "scheme: 'im-sha256-9' must be a digest scheme this library knows"),
        # named by the option the operator typed, as --db is; a part of the text by its own name, as the scheme above
        (("--verify", "3:" + "0" * 64), "--verify: '3:" + "0" * 64 + "' must read <sequence>:<scheme>:<hex>"),
        (("--through", "1", "--verify", "X"), "--through/--verify: (1, 'X') give one or the other"),
        (("--through", "٣"), "'٣' is not a sequence number (use ASCII digits)"),
        (("--through", "-1"), "'-1' is not a sequence number (use ASCII digits)"),
        (("--through", ""), "'' is not a sequence number (use ASCII digits)"),
        (("--through", "1e3"), "'1e3' is not a sequence number (use ASCII digits)"),
    ],
)
def test_a_wrong_command_line_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], ledger_file: str, arguments: tuple[str, ...], message: str
) -> None:
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "digest", *arguments)
    assert (status, out) == (2, "")
    assert message in err
    assert err.count("\n") == 1


def test_a_missing_file_is_no_ledger_and_is_not_created(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite"
    status, _out, err = run(capsys, "ledger", "--db", str(missing), "digest")
    assert status == 3  # a file that cannot be used
    assert "names no file, not a ledger file" in err
    assert not missing.exists()


def test_a_row_that_no_longer_decodes_is_one_line_naming_it_and_status_3_as_for_every_command_but_check(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    kept = digest_of(ledger_file)
    with closing(sqlite3.connect(ledger_file)) as raw, raw:
        raw.execute("UPDATE ledger_transactions SET recorded_at = 'last Tuesday' WHERE sequence = 2")
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "digest", "--verify", kept)
    assert (status, out) == (3, "")
    assert "transaction #2" in err
    assert err.count("\n") == 1


def test_a_text_that_is_no_digest_is_a_wrong_command_line_before_the_file_is_looked_for(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.sqlite"
    status, out, err = run(capsys, "ledger", "--db", str(missing), "digest", "--verify", "last year's")
    assert (status, out) == (2, "")
    assert "must read <sequence>:<scheme>:<hex>" in err
    assert not missing.exists()


@pytest.mark.parametrize("verify", [False, True])
def test_a_digest_leaves_the_ledger_file_and_its_directory_as_they_were(
    capsys: pytest.CaptureFixture[str], ledger_file: str, verify: bool
) -> None:
    """No ``-wal`` or ``-shm`` left beside the file an auditor checks: the command closes the store it read."""
    path = Path(ledger_file)
    listing = sorted(entry.name for entry in path.parent.iterdir())
    assert listing == ["ledger.sqlite"]
    arguments = ("--verify", digest_of(ledger_file)) if verify else ()
    assert run(capsys, "ledger", "--db", ledger_file, "digest", *arguments)[0] == 0
    assert sorted(entry.name for entry in path.parent.iterdir()) == listing
