"""``infomanager``'s main(): the exit status when the reader of its output goes away, found unpinned by mutation testing.

``infomanager ledger --db FILE journal | head`` closes the pipe early; the command stops quietly with status 1, as Unix
tools do, rather than print a traceback or claim success.
"""

from __future__ import annotations

import sys
import tempfile

import pytest

from infomanager_core.cli import main


class _ClosedPipe:
    """Standard output whose reader has gone away: every write raises BrokenPipeError."""

    def __init__(self, fileno: int) -> None:
        self._fileno = fileno

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return self._fileno


def test_output_to_a_closed_pipe_stops_quietly_with_status_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryFile() as stand_in:  # the descriptor main() points at /dev/null
        monkeypatch.setattr(sys, "stdout", _ClosedPipe(stand_in.fileno()))
        status = main(["quote", "web-hosting", "3"])
        monkeypatch.undo()
    assert status == 1
    assert capsys.readouterr().err == ""
