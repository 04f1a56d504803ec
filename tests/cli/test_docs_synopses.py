"""Each command line the documents give as a synopsis (``infomanager ledger --db FILE statement ORG [--currency CODE]
…``) runs as written, every option in brackets given: an option renamed in the code and not in the documents (or
the reverse) fails here, where the shell sessions of ``test_docs_transcripts`` show only some of them."""

from __future__ import annotations

import re
import shlex
from datetime import date
from pathlib import Path

import pytest

from infomanager_core.adapters.sqlite_ledger import SqliteLedgerStore
from infomanager_core.cli import main
from infomanager_core.ledger import Ledger
from infomanager_core.money import Money

ROOT = Path(__file__).resolve().parents[2]
_SYNOPSIS = re.compile(r"`(infomanager (?:quote|ledger|demo)\b[^`]*)`")


def synopses() -> list[str]:
    """Every ``infomanager …`` in backquotes in the user documents and the README, placeholders and all."""
    found: set[str] = set()
    for document in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        if document.name == "decisions.md":
            continue
        text = document.read_text(encoding="utf-8")
        found.update(" ".join(match.split()) for match in _SYNOPSIS.findall(text))
    named = [command for command in found if "…" not in command and "error:" not in command]
    return sorted(command for command in named if command != "infomanager ledger")  # the command named, in prose


SYNOPSES = synopses()


def test_the_documents_give_a_synopsis_of_every_action() -> None:
    actions = {"balances", "statement", "payouts", "journal", "check", "digest"}
    assert {word for command in SYNOPSES for word in command.split()} >= actions | {"quote", "demo"}


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.sqlite"
    with SqliteLedgerStore(path) as store:
        for organisation in ("acme", "web-agency"):  # the README reads the demo's
            Ledger(store).top_up(
                organisation=organisation, amount=Money("10", "CHF"), effective=date(2026, 3, 2), key=organisation
            )
    return path


def kept_digest(path: Path) -> str:
    """The digest an auditor kept of the file's journal, for ``digest --verify TEXT``."""
    with SqliteLedgerStore(path, read_only=True) as store:
        return str(Ledger(store).journal_digest())


@pytest.mark.parametrize("synopsis", SYNOPSES)
def test_each_synopsis_runs_with_every_option_it_shows(
    capsys: pytest.CaptureFixture[str], ledger_file: Path, tmp_path: Path, synopsis: str
) -> None:
    command = re.sub(r"\[([^\]]*)\]", r"\1", synopsis).replace("month|year", "month")
    values = {
        "FILE": str(ledger_file),
        "COPY": str(ledger_file),
        "ORG": "acme",
        "DATE": "2026-03-02",
        "CODE": "CHF",
        "N": "1",
        "PRODUCT": "web-hosting",
        "QUANTITY": "1",
        "LOCALE": "de_CH",
        "TEXT": kept_digest(ledger_file),
    }
    arguments = [values.get(word, word) for word in shlex.split(command)]
    if arguments[1] == "quote" and "--price-list" in arguments:
        arguments[arguments.index("--price-list") + 1] = str(ROOT / "src/infomanager_core/data/example_prices.toml")
    if arguments[1] == "demo" and "--db" in arguments:
        arguments[arguments.index("--db") + 1] = str(tmp_path / "new.sqlite")
    assert main(arguments[1:]) == 0, capsys.readouterr().err
    assert capsys.readouterr().err == ""
