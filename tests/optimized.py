"""Auditors under ``python -O``: an ``assert`` vanishes there (and under ``PYTHONOPTIMIZE``, which deployments set),
so a law written as one would check nothing and pass a broken aggregate.

Each area's test builds a damaged aggregate in a child interpreter started with ``-O`` and runs its
``check_invariants``; the child must die of :class:`~infomanager_core.errors.InvariantViolation` naming the law.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run first in the child: a child where asserts still run would prove nothing.
_OPTIMISED = "import sys\nif not sys.flags.optimize:\n    sys.exit('asserts are not switched off')\n"


def assert_refused_under_optimisation(script: str, law: str) -> None:
    """``script`` (run from the repository's root, so it may import ``tests``) ends by auditing a damaged aggregate:
    under ``python -O`` it must exit with status 1 and a last line of ``InvariantViolation`` stating ``law``."""
    child = subprocess.run(
        [sys.executable, "-O", "-c", _OPTIMISED + script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    last = child.stderr.strip().splitlines()[-1] if child.stderr.strip() else ""
    assert child.returncode == 1, f"exit status {child.returncode}: {child.stderr or 'the damaged aggregate passed'}"
    assert last.startswith(f"infomanager_core.errors.InvariantViolation: invariant broken: {law}: "), child.stderr
