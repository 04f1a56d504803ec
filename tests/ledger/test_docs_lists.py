"""The lists in ``docs/ledger.md`` that say they are complete name exactly what the ledger has.

The accounts, the kinds of transaction and the operations ``post_many`` takes are each written out once in prose; a
kind or an operation added to the code and not to the list would leave a reader with a list that is no longer all.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

from infomanager_core.ledger import AccountKind, Operation, TransactionKind

LEDGER = Path(__file__).resolve().parents[2] / "docs" / "ledger.md"


def section(title: str) -> str:
    text = LEDGER.read_text(encoding="utf-8")
    found = re.search(rf"^## {re.escape(title)}\n(?P<body>.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert found is not None, f"docs/ledger.md has no section {title!r}"
    return found.group("body").split("```")[0]  # the prose before the example


def named(prose: str) -> set[str]:
    return set(re.findall(r"`([a-z_]+)`", prose))


def test_the_accounts_and_kinds_section_names_every_account_and_every_kind() -> None:
    prose = section("Accounts and kinds of transaction")
    accounts = {kind.value for kind in AccountKind} - {AccountKind.PREPAID.value}
    assert accounts <= named(prose)
    assert "`prepaid:ORG:CUR`" in prose
    assert {kind.value for kind in TransactionKind} <= named(prose)
    assert named(prose) <= accounts | {kind.value for kind in TransactionKind}


def test_the_bulk_section_names_every_operation_post_many_takes() -> None:
    prose = section("Posting many operations at once")
    listed = re.search(r"named after its\s+method — (?P<names>.*?) —", prose, re.DOTALL)
    assert listed is not None
    names = set(re.findall(r"`(\w+)`", listed.group("names")))
    assert names == {operation.__name__ for operation in typing.get_args(Operation)}
