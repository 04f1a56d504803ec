"""The CSV writers given something that is no stream open for writing refuse it naming the field, the rule and how to
open one.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date

import pytest

from infomanager_core import InvalidInput, Money
from infomanager_core.access.examples import example_programme
from infomanager_core.adapters.clients_csv import write_managed_clients_csv
from infomanager_core.adapters.journal_csv import write_journal_csv
from infomanager_core.adapters.statement_csv import write_statement_csv
from infomanager_core.ledger import Ledger
from tests.error_support import what_it_says


def funded() -> Ledger:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("100", "CHF"), effective=date(2026, 3, 2), key="t-1")
    return ledger


WRITERS: dict[str, tuple[str, Callable[[object], object]]] = {
    "clients": (
        "stream",
        lambda stream: write_managed_clients_csv(example_programme(), stream, person="paula", partner="agency"),
    ),
    "journal": ("file", lambda file: write_journal_csv(funded().journal(), file)),
    "statement": ("file", lambda file: write_statement_csv(funded().statement("acme", "CHF"), file)),
}


@pytest.mark.parametrize("writer", sorted(WRITERS))
@pytest.mark.parametrize("target", ["clients.csv", None, b""], ids=repr)
def test_a_csv_writer_given_no_stream_says_how_to_open_one(writer: str, target: object) -> None:
    field, write = WRITERS[writer]
    with pytest.raises(InvalidInput) as raised:
        write(target)
    assert what_it_says(raised.value) == (
        field,
        target,
        "must be a text stream open for writing",
        "e.g. open(path, 'w', newline='')",
    )


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_every_row_a_csv_writer_writes_ends_in_a_bare_line_feed(writer: str) -> None:
    """As the decisions say ("Command line"): ``\\n``, never RFC 4180's ``\\r\\n``, which a shell pipe reads as part
    of the last cell (a doctest's whitespace normalising could not tell them apart)."""
    _, write = WRITERS[writer]
    stream = io.StringIO(newline="")
    write(stream)
    text = stream.getvalue()
    assert text.endswith("\n")
    assert "\r" not in text
    assert len(text.splitlines()) >= 2, "a header and at least one row"
