"""The managed-clients export refuses what is not the access programme by name (the invoicing-service review)."""

from __future__ import annotations

import io

import pytest

from infomanager_core import InvalidInput
from infomanager_core.access.examples import example_programme
from infomanager_core.adapters.clients_csv import managed_clients_csv, write_managed_clients_csv


@pytest.mark.parametrize("programme", [None, {}, "programme"], ids=["None", "dict", "str"])
def test_the_export_refuses_what_is_not_a_programme_naming_it(programme: object) -> None:
    # None failed with a bare AttributeError ('person') from inside the export decision.
    with pytest.raises(InvalidInput) as raised:
        managed_clients_csv(programme, person="paula", partner="agency")  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value) == ("programme", programme)


def test_a_refused_export_writes_nothing() -> None:
    stream = io.StringIO()
    with pytest.raises(InvalidInput):
        write_managed_clients_csv(None, stream, person="paula", partner="agency")  # type: ignore[arg-type]
    assert stream.getvalue() == ""


def test_the_export_of_the_example_programme_still_works() -> None:
    assert managed_clients_csv(example_programme(), person="paula", partner="agency").startswith("client,name,")
