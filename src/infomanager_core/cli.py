"""The ``infomanager`` command line (placeholder until the pricing issue lands)."""

from __future__ import annotations

import sys

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    print("infomanager: nothing here yet", file=sys.stderr)
    return 2
