"""What ``infomanager``, called in-process, does to the standard output it is given (``infomanager_core.cli.output``).

A program's output (JSON) is UTF-8 whatever the stream's own encoding; the stream is left with the encoding and error
handler it had, for the caller's next write; and a reader that went away costs no file descriptor.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from infomanager_core.cli import main

PRICES = """
name = "Tarifs de l’hébergement"
[products.web-hosting]
family = "web-hosting"
name = "Hébergement Web ×"
partner_discount = "0.20"
degressive = false
prices.CHF = { month = "9.92" }
"""


@pytest.fixture
def price_list(tmp_path: Path) -> str:
    path = tmp_path / "prices.toml"
    path.write_text(PRICES, encoding="utf-8")
    return str(path)


def stream(encoding: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="strict", newline="\n")


def test_json_is_utf_8_on_a_stream_whose_encoding_lacks_its_letters(
    monkeypatch: pytest.MonkeyPatch, price_list: str
) -> None:
    out = stream("ascii")
    monkeypatch.setattr("sys.stdout", out)
    assert main(["quote", "web-hosting", "3", "--price-list", price_list, "--json"]) == 0
    out.flush()
    written = out.buffer.getvalue()  # type: ignore[attr-defined]
    shown = json.loads(written.decode("utf-8"))
    assert (shown["name"], shown["price_list"]["name"]) == ("Hébergement Web ×", "Tarifs de l’hébergement")
    assert '"name": "Hébergement Web ×"'.encode() in written  # the letters themselves, not \u escapes: grep finds them


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["table", "json"])
def test_a_command_leaves_standard_output_with_the_encoding_and_error_handler_it_had(
    monkeypatch: pytest.MonkeyPatch, price_list: str, json_flag: list[str]
) -> None:
    out = stream("latin-1")
    monkeypatch.setattr("sys.stdout", out)
    assert main(["quote", "web-hosting", "3", "--price-list", price_list, *json_flag]) == 0
    assert (out.encoding, out.errors) == ("latin-1", "strict")


def open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_reader_that_went_away_costs_no_file_descriptor(monkeypatch: pytest.MonkeyPatch, price_list: str) -> None:
    reading, writing = os.pipe()
    os.close(reading)
    out = open(writing, "w", encoding="utf-8", closefd=True)  # noqa: SIM115 — closed below, after main
    monkeypatch.setattr("sys.stdout", out)
    before = open_descriptors()
    assert main(["quote", "web-hosting", "3", "--price-list", price_list]) == 141
    after = open_descriptors()
    out.close()
    assert after == before
