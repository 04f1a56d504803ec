"""The ``$ infomanager …`` sessions shown in ``docs/*.md`` print what the documents say they print.

Doctest runs the ``pycon`` examples; a shell session in a ``text`` block is read by nobody but the reader. These tests
run each command of such a block through :func:`infomanager_core.cli.main` and compare what it writes (standard output
and standard error, in order of the block) with the lines shown. A block shows amounts with plain spaces where the
command writes no-break spaces (see docs/formatting.md), so those are compared as spaces; a line ``...`` first in an
output stands for lines left out above the ones shown; ``$ echo $?`` shows the exit status of the command before.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from infomanager_core.cli import main

DOCS = Path(__file__).resolve().parents[2] / "docs"
_BLOCK = re.compile(r"^```text\n(?P<body>\$ infomanager .*?)^```", re.MULTILINE | re.DOTALL)
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


def sessions() -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Each shell block of the documents, as (where, [(command, lines shown after it)])."""
    found = []
    for document in sorted(DOCS.glob("*.md")):
        text = document.read_text(encoding="utf-8")
        for block in _BLOCK.finditer(text):
            line = text[: block.start()].count("\n") + 1
            steps: list[tuple[str, list[str]]] = []
            for row in block.group("body").splitlines():
                if row.startswith("$ "):
                    steps.append((row[2:], []))
                else:
                    steps[-1][1].append(row)
            found.append((f"{document.name}:{line}", steps))
    return found


SESSIONS = sessions()


def test_the_documents_show_shell_sessions() -> None:
    assert len(SESSIONS) >= 4


@pytest.mark.parametrize(("where", "steps"), SESSIONS, ids=[where for where, _ in SESSIONS])
def test_each_shell_session_prints_what_the_document_shows(
    where: str, steps: list[tuple[str, list[str]]], capsys: pytest.CaptureFixture[str]
) -> None:
    status: int | None = None
    for command, shown in steps:
        if command == "echo $?":
            assert [str(status)] == shown, f"{where}: exit status"
            continue
        arguments = shlex.split(command)
        assert arguments[0] == "infomanager", f"{where}: {command}"
        status = main(arguments[1:])
        written = capsys.readouterr()
        printed = (written.out + written.err).translate(_SPACES).rstrip("\n").splitlines()
        if shown[:1] == ["..."]:
            tail = shown[1:]
            assert printed[len(printed) - len(tail) :] == tail, f"{where}: $ {command}"
        else:
            assert printed == shown, f"{where}: $ {command}"
