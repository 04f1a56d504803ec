"""What the auditors' tests share: a damaged aggregate is caught as the law it breaks, under ``python -O`` too.

An ``assert`` vanishes under ``-O`` (and under ``PYTHONOPTIMIZE``, which deployments set), so a law written as one
would check nothing and pass a broken aggregate. Each area's test damages an aggregate in a child interpreter started
with ``-O`` and runs its ``check_invariants``; the child must die of
:class:`~infomanager_core.errors.InvariantViolation` stating the law.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Protocol

import pytest

from infomanager_core import InvariantViolation

ROOT = Path(__file__).resolve().parents[1]

#: Run first in the child: a child where asserts still run would prove nothing.
_OPTIMISED = "import sys\nif not sys.flags.optimize:\n    sys.exit('asserts are not switched off')\n"


class Audited(Protocol):
    def check_invariants(self) -> None: ...


def assert_caught(aggregate: Audited, law: str, culprit: object) -> None:
    """``aggregate.check_invariants()`` raises ``InvariantViolation`` stating ``law`` and naming ``culprit``."""
    with pytest.raises(InvariantViolation) as caught:
        aggregate.check_invariants()
    assert (caught.value.law, caught.value.detail) == (law, culprit)


def assert_refused_under_optimisation(module: str, make: str, damage: str, law: str) -> None:
    """Under ``python -O``, the aggregate ``module.make()`` returns, spoiled by ``module.damage``, is refused by its
    ``check_invariants``: the child exits with status 1 and a last line of ``InvariantViolation`` stating ``law``."""
    script = (
        f"from {module} import {make}, {damage}\naudited = {make}()\n{damage}(audited)\naudited.check_invariants()\n"
    )
    child = subprocess.run(
        [sys.executable, "-O", "-c", _OPTIMISED + script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    last = child.stderr.strip().splitlines()[-1] if child.stderr.strip() else ""
    assert child.returncode == 1, f"exit status {child.returncode}: {child.stderr or 'the damaged aggregate passed'}"
    assert last.startswith(f"infomanager_core.errors.InvariantViolation: invariant broken: {law}: "), child.stderr


def culprits_under_hash_seeds(module: str, make: str, damage: str, seeds: range = range(6)) -> set[str]:
    """The culprit (its ``repr``) ``check_invariants`` names for the aggregate ``module.make()`` spoiled by
    ``module.damage``, in one child per ``PYTHONHASHSEED`` of ``seeds``: a single one when the auditor's order does not
    hang on how sets and strings hash."""
    script = (
        f"from {module} import {make}, {damage}\nfrom infomanager_core import InvariantViolation\n"
        f"audited = {make}()\n{damage}(audited)\n"
        "try:\n    audited.check_invariants()\nexcept InvariantViolation as broken:\n    print(repr(broken.detail))\n"
    )
    return {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout.strip()
        for seed in seeds
    }
