"""The journal CSV's metadata cell, read by an auditor in a spreadsheet: text is written as it was given.

Found by mutation testing (review19): writing the metadata JSON with ``ensure_ascii=True`` turned every accent into a
``\\u00fc`` escape and no test noticed; the cell still parsed back as JSON, but no person reads it that way.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from hypothesis import assume, given

from infomanager_core import Money
from infomanager_core.adapters.journal_csv import journal_csv
from infomanager_core.ledger import Ledger
from tests import strategies as s

DAY = date(2026, 3, 2)


def metadata_cells(reference: str) -> list[str]:
    ledger = Ledger()
    ledger.top_up(organisation="acme", amount=Money("12.50", "CHF"), effective=DAY, key="t-1", reference=reference)
    return [row["metadata"] for row in csv.DictReader(io.StringIO(journal_csv(ledger.journal())))]


def test_a_reference_with_accents_reads_in_the_cell_as_it_was_typed() -> None:
    assert metadata_cells("Virement Müller — mars ✓") == ['[["reference", "Virement Müller — mars ✓"]]'] * 2


@given(reference=s.ledger_free_texts())
def test_the_metadata_cell_holds_the_reference_verbatim_and_parses_back_to_it(reference: str) -> None:
    assume('"' not in reference and "\\" not in reference)  # the two characters JSON must escape
    for cell in metadata_cells(reference):
        assert f'"{reference}"' in cell
        assert json.loads(cell) == [["reference", reference]]
