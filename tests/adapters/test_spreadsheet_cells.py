"""CSV exports never hand a spreadsheet a formula: text cells that would run are prefixed with a quote."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from infomanager_core.access import Grant, Organisation, Person, Programme, Role
from infomanager_core.adapters.clients_csv import managed_clients_csv
from infomanager_core.adapters.spreadsheet import FORMULA_STARTS, spreadsheet_safe
from infomanager_core.errors import InvalidInput
from tests.access.world import START
from tests.bad_input.harness import Text

INJECTIONS = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", INJECTIONS)
def test_a_cell_a_spreadsheet_would_run_is_quoted(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text


@given(st.text())
def test_a_safe_cell_never_starts_a_formula_and_keeps_the_text(text: str) -> None:
    safe = spreadsheet_safe(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (text, "'" + text)


def unmarked(cell: str) -> str:
    """What a program reading an export back takes the cell for: its text without the one leading mark."""
    return cell[1:] if cell.startswith("'") else cell


CELLS = st.tuples(st.sampled_from(["", "'", "''", *FORMULA_STARTS]), st.text()).map("".join)


@given(CELLS)
def test_a_safe_cell_reads_back_as_its_text_by_taking_one_leading_quote_off(text: str) -> None:
    assert unmarked(spreadsheet_safe(text)) == text


@pytest.mark.parametrize("text", ["'=1+1", "'-40 CHF", "'quoted", "'"])
def test_a_text_that_begins_with_a_quote_is_marked_too_so_its_own_quote_survives_the_read_back(text: str) -> None:
    assert spreadsheet_safe(text) == "'" + text


def test_a_client_named_like_a_formula_is_exported_quoted() -> None:
    programme = Programme()
    for person in ("paula", "carl"):
        programme.register_person(Person(person), at=START)
    programme.register_organisation(
        Organisation(
            id="agency", name="Agency", country="CH", partner=True, members={"paula": Role.LEGAL_REPRESENTATIVE}
        ),
        at=START,
    )
    programme.register_organisation(
        Organisation(
            id="=cmd", name='=HYPERLINK("http://x")', country="FR", members={"carl": Role.LEGAL_REPRESENTATIVE}
        ),
        at=START,
    )
    [sent] = programme.invite(partner="agency", client="=cmd", grant=Grant.full(), by="paula", at=START)
    programme.accept(sent.subject, by="carl", at=START)
    [_, row] = list(csv.reader(io.StringIO(managed_clients_csv(programme, person="paula", partner="agency"))))
    assert row[:2] == ["'=cmd", '\'=HYPERLINK("http://x")']


@pytest.mark.parametrize("value", [-40, b"-40 CHF"], ids=repr)
def test_a_cell_that_is_no_str_is_refused_saying_so_and_a_str_subclass_is_its_text(value: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        spreadsheet_safe(value)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("text", value, "must be a string")
    assert spreadsheet_safe(Text("-40 CHF refund")) == "'-40 CHF refund"
