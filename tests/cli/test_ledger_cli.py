"""``infomanager ledger``: balances and statements read from a ledger file."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.cli import main
from infomanager_core.formatting import format_money
from infomanager_core.ledger import Iban, Ledger
from infomanager_core.money import Money


@pytest.fixture
def ledger_file(tmp_path: Path) -> str:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        ledger = Ledger(store)
        ledger.credit_cashback(partner="acme", order_id="A-1", amount=Money("52.08", "CHF"), effective=date(2026, 3, 2))
        ledger.top_up(organisation="acme", amount=Money("1000", "CHF"), effective=date(2026, 3, 3), key="t-1")
        ledger.request_payout(
            organisation="acme",
            amount=Money("300", "CHF"),
            destination=Iban("CH9300762011623852957"),
            effective=date(2026, 3, 4),
            key="p-1",
        )
        ledger.credit_cashback(partner="acme", order_id="A-2", amount=Money("8", "EUR"), effective=date(2026, 3, 4))
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_balances_show_posted_pending_and_available_per_currency(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    status, out, _ = run(capsys, "ledger", "--db", ledger_file, "--locale", "en_GB", "balances", "acme")
    assert status == 0
    chf_row, eur_row = out.splitlines()[3:]
    expected = {
        chf_row: ["1,052.08", "300.00", "752.08"],
        eur_row: [format_money(Money(amount, "EUR"), "en_GB") for amount in ("8", "0", "8")],
    }
    for row, amounts in expected.items():
        position = 0
        for amount in amounts:  # each amount in its column, left to right
            position = row.index(amount, position) + len(amount)


def test_a_statement_for_a_period_opens_with_the_balance_before_it(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    status, out, _ = run(
        capsys, "ledger", "--db", ledger_file, "statement", "acme", "--currency", "CHF", "--from", "2026-03-03"
    )
    assert status == 0
    assert "opening balance" in out
    assert "top_up" in out
    assert "cashback" not in out


def test_a_statement_without_currency_is_the_organisations_only_account(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    """It defaulted to CHF: a euro-only organisation got 'prepaid:…:CHF has never been credited' (found by review)."""
    with SqliteLedgerStore(ledger_file) as store:
        Ledger(store).top_up(organisation="globex", amount=Money("40", "EUR"), effective=date(2026, 3, 5), key="g-1")
    status, out, _ = run(capsys, "ledger", "--db", ledger_file, "statement", "globex", "--csv")
    assert status == 0
    assert [row["balance"] for row in csv.DictReader(io.StringIO(out))] == ["0.00", "40.00", "40.00"]


def test_a_statement_of_an_organisation_with_several_currencies_must_name_one(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "statement", "acme")
    assert (status, out) == (2, "")
    assert err == "infomanager ledger: error: --currency is required: acme has prepaid accounts in CHF, EUR\n"


def test_a_statement_of_an_organisation_without_prepaid_account_says_so(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "statement", "nobody")
    assert (status, out) == (1, "")
    assert "nobody has no prepaid account" in err


@pytest.mark.parametrize(("organisation", "code"), [("nobody", "CHF"), ("acme", "JPY"), ("acme", "GBP")])
def test_a_statement_in_a_currency_the_organisation_holds_no_account_in_says_so_like_an_unknown_organisation(
    capsys: pytest.CaptureFixture[str], ledger_file: str, organisation: str, code: str
) -> None:
    """Status 1 answers about the file, 2 says the command line was wrong: 'nobody' exited 1 without --currency and
    2 with it (the ledger's 'has never been credited', a bad-input error)."""
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "statement", organisation, "--currency", code)
    assert (status, out) == (1, "")
    assert err == f"{organisation} has no prepaid account in {code}\n"


@pytest.mark.parametrize("code", ["chf", "XYZ", "CH"])
def test_a_currency_option_that_names_no_currency_is_a_wrong_command_line(
    capsys: pytest.CaptureFixture[str], ledger_file: str, code: str
) -> None:
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "statement", "acme", "--currency", code)
    assert (status, out) == (2, "")
    assert err.startswith(f"infomanager ledger: error: --currency: {code!r} is not")


def test_a_statement_as_csv(capsys: pytest.CaptureFixture[str], ledger_file: str) -> None:
    status, out, _ = run(capsys, "ledger", "--db", ledger_file, "statement", "acme", "--currency", "EUR", "--csv")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(row["kind"], row["balance"]) for row in rows] == [
        ("opening", "0.00"),
        ("cashback", "8.00"),
        ("closing", "8.00"),
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("statement", "acme", "--currency", "chf"), "is not an ISO 4217 currency code"),
        (("statement", "acme", "--from", "March"), "is not a date"),
        (("balances", "acme", "--on", "2026-02-30"), "is not a date"),
    ],
)
def test_bad_arguments_print_one_line_and_exit_with_status_2(
    capsys: pytest.CaptureFixture[str], ledger_file: str, argv: tuple[str, ...], message: str
) -> None:
    status, out, err = run(capsys, "ledger", "--db", ledger_file, *argv)
    assert status == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_an_organisation_without_a_prepaid_account_has_no_balances(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "balances", "nobody")
    assert (status, out) == (1, "")
    assert "no prepaid account" in err


def test_a_file_that_is_not_sqlite_is_one_line_and_status_3(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a ledger\n")
    status, out, err = run(capsys, "ledger", "--db", str(notes), "balances", "acme")
    assert (status, out) == (3, "")
    assert err.count("\n") == 1
    assert "cannot be opened as an SQLite ledger" in err


def test_a_foreign_sqlite_file_is_refused_and_left_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import sqlite3

    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.close()
    before = foreign.read_bytes()
    status, _, err = run(capsys, "ledger", "--db", str(foreign), "statement", "acme")
    assert status == 3
    assert "holds tables that are not a ledger's (invoices)" in err
    assert foreign.read_bytes() == before


def test_reading_a_ledger_file_does_not_write_to_it(capsys: pytest.CaptureFixture[str], ledger_file: str) -> None:
    before = Path(ledger_file).read_bytes()
    assert run(capsys, "ledger", "--db", ledger_file, "balances", "acme")[0] == 0
    assert Path(ledger_file).read_bytes() == before


def test_balances_on_a_past_day_are_those_at_its_end(capsys: pytest.CaptureFixture[str], ledger_file: str) -> None:
    argv = ("ledger", "--db", ledger_file, "--locale", "en_GB", "balances", "acme", "--on", "2026-03-03")
    status, out, _ = run(capsys, *argv)
    assert status == 0
    title, _, _, chf_row, eur_row = out.splitlines()
    assert title == "prepaid balances of acme at the end of 2026-03-03"

    def cells(row: str) -> list[str]:
        return re.split(r" {2,}", row.strip())[1:]  # columns are two spaces apart or more

    held, nothing = format_money(Money("1052.08", "CHF"), "en_GB"), format_money(Money(0, "CHF"), "en_GB")
    assert cells(chf_row) == [held, nothing, held]  # the payout request came on the 4th
    assert cells(eur_row) == [format_money(Money(0, "EUR"), "en_GB")] * 3  # and so did the cashback in EUR


def test_checking_a_sound_ledger_says_so_and_exits_0_without_writing(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    before = Path(ledger_file).read_bytes()
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "check")
    assert (status, err) == (0, "")
    assert out == f"{ledger_file}: sound, 4 transactions (the last on 2026-03-04), 6 accounts\n"
    assert Path(ledger_file).read_bytes() == before


@pytest.mark.parametrize(
    ("tampering", "law"),
    [
        ("UPDATE ledger_postings SET units = units + 1 WHERE sequence = 2 AND position = 0", "must sum to zero"),
        (
            "UPDATE ledger_balances SET posted = posted + 100 WHERE owner = 'acme' AND currency = 'CHF'",
            "running balances",
        ),
        ("UPDATE ledger_idempotency SET sequence = 1 WHERE key = 't-1'", "every key names its own transaction"),
        (  # an order id no writer can give (a space before it), in the row of a cashback keyed by another
            """UPDATE ledger_transactions SET metadata = '[["order", " A-1"]]' WHERE sequence = 1""",
            "a cashback is keyed by its order",
        ),
        (  # a text no writer gives at all (an escape sequence a terminal would run): the row itself is damaged
            """UPDATE ledger_transactions SET metadata = '[["order", "A-1\\u001b[2J"]]' WHERE sequence = 1""",
            "every stored transaction is well-formed",
        ),
    ],
    ids=["postings", "balances", "idempotency", "cashback-order", "escape-in-metadata"],
)
def test_checking_a_tampered_ledger_names_the_broken_law_and_exits_1(
    capsys: pytest.CaptureFixture[str], ledger_file: str, tampering: str, law: str
) -> None:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(ledger_file)) as raw:
        assert raw.execute(tampering).rowcount == 1
        raw.commit()
    status, out, err = run(capsys, "ledger", "--db", ledger_file, "check")
    assert (status, out) == (1, "")
    assert err.startswith(f"{ledger_file}: NOT sound: ledger invariant broken: ")
    assert law in err


@pytest.mark.parametrize("command", [["journal"], ["statement", "acme", "--currency", "CHF"]])
@pytest.mark.parametrize("text", ["A-1\\ud800", "A-1\\u001b[31m"], ids=["lone-surrogate", "escape-sequence"])
def test_reading_a_row_whose_metadata_no_writer_gives_says_so_in_one_line_never_a_traceback_or_the_raw_text(
    capsys: pytest.CaptureFixture[str], ledger_file: str, command: list[str], text: str
) -> None:
    """A lone surrogate edited into a row's metadata crashed 'journal' with a traceback (status 70) while 'check'
    called the file sound; an escape sequence was printed raw, for the terminal to run (review101)."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(ledger_file)) as raw:
        update = f"""UPDATE ledger_transactions SET metadata = '[["reference", "{text}"]]' WHERE sequence = 2"""
        assert raw.execute(update).rowcount == 1
        raw.commit()
    status, out, err = run(capsys, "ledger", "--db", ledger_file, *command)
    assert status == 3
    assert "t-1" not in out  # the journal streams the rows before it, and stops there
    assert "every stored transaction is well-formed" in err
    assert "transaction #2" in err
    assert "\x1b" not in err
    assert len(err.splitlines()) == 1
    status, _, err = run(capsys, "ledger", "--db", ledger_file, "check")
    assert status == 1
    assert "NOT sound" in err


def test_the_journal_is_csv_one_row_per_posting_within_the_period(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    status, out, _ = run(capsys, "ledger", "--db", ledger_file, "journal", "--from", "2026-03-03", "--to", "2026-03-03")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(row["sequence"], row["kind"], row["account"], row["amount"], row["effect"]) for row in rows] == [
        ("2", "top_up", "prepaid:acme:CHF", "1000.00", "posted"),
        ("2", "top_up", "transfers_received:CHF", "-1000.00", "posted"),
    ]
    status, out, _ = run(capsys, "ledger", "--db", ledger_file, "journal")
    assert (status, len(out.splitlines())) == (0, 1 + 2 * 4)


def test_a_journal_period_that_ends_before_it_starts_is_refused(
    capsys: pytest.CaptureFixture[str], ledger_file: str
) -> None:
    status, out, err = run(
        capsys, "ledger", "--db", ledger_file, "journal", "--from", "2026-03-04", "--to", "2026-03-01"
    )
    assert (status, out) == (2, "")
    assert "--from/--to" in err
    assert "must not end before it starts" in err


@pytest.mark.parametrize("argv", [["--help"], ["ledger", "--help"]])
def test_the_ledger_help_names_every_action_it_offers(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    # the help said "balances or statement" and "balances and statements" while the command also lists pending
    # payouts, prints the journal and audits the file: a support person reading --help would not look further
    assert main(argv) == 0
    out = " ".join(capsys.readouterr().out.split())
    described = (
        out.split("positional arguments")[0]
        if argv == ["ledger", "--help"]
        else out.split(" ledger ", 1)[1].split(" demo ")[0]
    )
    for action in ("balances", "statement", "payouts", "journal", "audit"):
        assert action in described, (action, described)


@pytest.mark.parametrize(
    "action", [("balances", "acme"), ("statement", "acme", "--currency", "CHF"), ("payouts", "acme")]
)
def test_the_locale_may_follow_the_action_as_well_as_precede_it(
    capsys: pytest.CaptureFixture[str], ledger_file: str, action: tuple[str, ...]
) -> None:
    """``… statement acme --locale de_CH`` was refused as 'unrecognized arguments' (found by review)."""
    before = run(capsys, "ledger", "--db", ledger_file, "--locale", "de_CH", *action)
    after = run(capsys, "ledger", "--db", ledger_file, *action, "--locale", "de_CH")
    default = run(capsys, "ledger", "--db", ledger_file, *action)
    assert before == after
    assert before[0] == 0
    assert before[1] != default[1]  # de_CH writes 1’052.08 where the default fr_CH writes 1 052.08


@pytest.mark.parametrize("damage", ["none", "cut short", "tampered"])
def test_with_standard_error_closed_the_ledger_commands_own_messages_are_dropped_and_their_status_kept(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, ledger_file: str, damage: str
) -> None:
    """``print(file=None)`` writes to standard output: 'NOT sound' or '--currency is required' landed in the CSV."""
    import sqlite3
    from contextlib import closing

    if damage == "cut short":  # found out on opening the file
        with open(ledger_file, "r+b") as file:
            file.truncate(Path(ledger_file).stat().st_size // 2)
    elif damage == "tampered":  # found out by the audit of the laws
        with closing(sqlite3.connect(ledger_file)) as raw:
            raw.execute("UPDATE ledger_postings SET units = units + 1 WHERE sequence = 2 AND position = 0")
            raw.commit()
    monkeypatch.setattr("sys.stderr", None)
    if damage == "none":
        assert run(capsys, "ledger", "--db", ledger_file, "statement", "acme") == (2, "", "")
    else:
        assert run(capsys, "ledger", "--db", ledger_file, "check") == (1, "", "")
