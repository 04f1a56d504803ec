"""Two refusals of the bad-input sweep in the security area, where mutation testing found that their rule could be
emptied without a test noticing (the sweep's tests read only the field): ``BackupCodes.used_at`` given no int
position, and ``CompromiseProcedure.take`` given no step.
"""

from __future__ import annotations

import pytest

from infomanager_core.errors import InvalidInput
from infomanager_core.security import BackupCodes, CompromiseProcedure, CompromiseStep

from .support import MONDAY


@pytest.mark.parametrize("index", [True, 0.0, "0", [0], None], ids=repr)
def test_used_at_refuses_what_is_no_int_position_saying_so(index: object) -> None:
    codes = BackupCodes(generated_at=MONDAY, hashes=())
    with pytest.raises(InvalidInput) as raised:
        codes.used_at(index)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == (
        "index",
        index,
        "must be the int position of a backup code",
    )


@pytest.mark.parametrize("step", [next(iter(CompromiseStep)).value, None, 1], ids=repr)
def test_a_compromise_procedure_refuses_what_is_no_step_saying_so(step: object) -> None:
    with pytest.raises(InvalidInput) as raised:
        CompromiseProcedure(started_at=MONDAY).take(step, MONDAY)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.value, raised.value.rule) == ("step", step, "must be a CompromiseStep")
