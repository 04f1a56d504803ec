"""The command line: `infomanager quote` and `infomanager demo`, run through main() with their output captured. An empty
``--price-list`` is refused rather than quoted on the example prices, and output to a closed pipe (``… | head``) stops
quietly with status 141, as a shell reports a tool that SIGPIPE stopped.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import pytest

from infomanager_core import cli
from infomanager_core.cli import COMMANDS, main
from infomanager_core.errors import InvalidInput


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _cells(row: str) -> list[str]:
    """The cells of a table row: columns are separated by at least two spaces."""
    return [cell.strip() for cell in row.split("  ") if cell.strip()]


class TestQuote:
    def test_a_partner_quote_prints_the_seed_breakdown_as_a_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = _run(capsys, "quote", "web-hosting", "35", "--partner")
        assert (status, err) == (0, "")
        rows = out.splitlines()
        assert rows[0] == "Web hosting (web-hosting) × 35, 1 month, partner quote, tier count 35"
        assert [_cells(row) for row in rows[-4:]] == [
            ["public price", "347.20\xa0CHF"],
            ["partner discount", "20%", "-69.44\xa0CHF", "277.76\xa0CHF"],
            ["degressive tariff", "25%", "-69.44\xa0CHF", "208.32\xa0CHF"],
            ["final price", "208.32\xa0CHF"],
        ]

    def test_the_table_is_formatted_for_the_locale(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = _run(capsys, "quote", "web-hosting", "35", "--periods", "12", "--locale", "de_CH")
        assert status == 0
        assert "CHF\xa04'166.40" in out

    def test_json_gives_amounts_as_decimal_strings(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = _run(capsys, "quote", "web-hosting", "35", "--partner", "--currency", "EUR", "--json")
        assert status == 0
        data = json.loads(out)
        assert (data["public"], data["final"], data["currency"], data["partner"]) == ("201.25", "120.75", "EUR", True)
        assert data["steps"] == [
            {"name": "partner discount", "rate": "0.20", "reduction": "40.25", "after": "161.00"},
            {"name": "degressive tariff", "rate": "0.25", "reduction": "40.25", "after": "120.75"},
        ]
        assert data["price_list"]["example"] is True

    def test_tier_count_periods_and_period_are_passed_through(self, capsys: pytest.CaptureFixture[str]) -> None:
        argv = ["quote", "web-hosting", "1", "--tier-count", "35", "--periods", "2", "--period", "year", "--json"]
        status, out, _ = _run(capsys, *argv)
        data = json.loads(out)
        assert status == 0
        assert (data["tier_count"], data["periods"], data["period"], data["public"], data["final"]) == (
            35,
            2,
            "year",
            "238.08",
            "178.56",
        )

    def test_a_price_list_file_can_be_given(self, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
        path = tmp_path / "p.toml"
        path.write_text(
            'name = "Mine"\n[products.x]\nfamily = "x"\nname = "X"\npartner_discount = "0.5"\n'
            'degressive = false\nprices.CHF = { month = "10.05" }\n',
            encoding="utf-8",
        )
        status, out, _ = _run(capsys, "quote", "x", "1", "--partner", "--price-list", str(path), "--json")
        assert (status, json.loads(out)["final"]) == (0, "5.03")
        assert json.loads(out)["price_list"] == {"name": "Mine", "example": False}

    def test_the_unit_price_shown_is_that_of_the_period_quoted(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = _run(capsys, "quote", "web-hosting", "1", "--period", "year")
        assert status == 0
        assert out.splitlines()[1].startswith("unit price 119.04\xa0CHF per year;")

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["quote", "web-hosting", "0"], "quantity: 0 must be at least 1"),
            (["quote", "web-hosting", "-3"], "quantity: -3 must be at least 1"),
            (["quote", "web-hosting", "1.5"], "argument QUANTITY: '1.5' is not a whole number in ASCII digits"),
            (["quote", "web-hosting", "\u0663\u0665"], "'\u0663\u0665' is not a whole number in ASCII digits"),
            (["quote", "web-hosting", " 35"], "' 35' is not a whole number in ASCII digits"),
            (["quote", "web-hosting", "35", "--periods", "1_2"], "argument --periods: '1_2' is not a whole number"),
            (["quote", "web-hosting", "35", "--tier-count", "\uff14\uff10"], "argument --tier-count: '４０'"),
            (["quote", "web-hosting", "3", "--currency", "XXX"], "'XXX' is not a billing currency"),
            (["quote", "web-hostin", "3"], "product: 'web-hostin' is not in the price list"),
            (["quote", "web-hosting", "3", "--currency", "USD"], "has no price for product 'web-hosting'"),
            (["quote", "web-hosting", "3", "--currency", "XYZ"], "is not an ISO 4217 currency code"),
            (["quote", "web-hosting", "3", "--tier-count", "2"], "tier_count: 2 is below the quantity 3"),
            (["quote", "web-hosting", "3", "--period", "week"], "invalid choice: 'week'"),
            (["quote", "web-hosting", "3", "--locale", "xx"], "locale: 'xx'"),
            (["quote", "web-hosting", "3", "--locale", "xx", "--json"], "locale: 'xx'"),  # JSON has no amount to format
            (["quote", "web-hosting"], "the following arguments are required: QUANTITY"),
            (["quote", "web-hosting", "3", "--bogus"], "unrecognized arguments: --bogus"),
            (["frobnicate"], "invalid choice: 'frobnicate'"),
            ([], "the following arguments are required: COMMAND"),
        ],
    )
    def test_bad_arguments_print_one_line_and_exit_with_status_2(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        status, out, err = _run(capsys, *argv)
        assert status == 2
        assert out == ""
        assert err.count("\n") == 1
        assert err.startswith("infomanager")
        assert message in err
        assert "Traceback" not in err

    def test_help_exits_with_status_0(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = _run(capsys, "quote", "--help")
        assert status == 0
        assert "--tier-count" in out


class TestDemo:
    def test_the_demo_walks_through_the_seed_example_in_chf_and_eur(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = _run(capsys, "demo")
        assert (status, err) == (0, "")
        for figure in ("347.20", "277.76", "208.32", "201.25", "161.00", "120.75", "260.40", "52.08"):
            assert figure in out
        assert "example data" in out

    def test_every_subcommand_module_registers_itself(self) -> None:
        assert all(callable(command.register) for command in COMMANDS)


def test_the_json_unit_price_is_plain_decimal_in_minor_units_for_a_toml_number_with_an_exponent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        'name = "Mine"\n[products.x]\nfamily = "x"\nname = "X"\npartner_discount = "0.5"\n'
        "degressive = false\nprices.CHF = { month = 1e1 }\n",
        encoding="utf-8",
    )
    status, out, _ = _run(capsys, "quote", "x", "1", "--price-list", str(path), "--json")
    assert (status, json.loads(out)["unit_price"], json.loads(out)["public"]) == (0, "10.00", "10.00")


def test_the_command_line_exports_main_only() -> None:
    """The subcommand modules (``COMMANDS``) are the command line's own: a program that embeds it calls ``main``."""
    assert cli.__all__ == ["main"]


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


def test_output_to_a_closed_pipe_stops_quietly_with_status_141(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with tempfile.TemporaryFile() as stand_in:  # the descriptor main() points at /dev/null
        monkeypatch.setattr(sys, "stdout", _ClosedPipe(stand_in.fileno()))
        status = main(["quote", "web-hosting", "3"])
        monkeypatch.undo()
    assert status == 141
    assert capsys.readouterr().err == ""


def test_an_empty_price_list_path_is_refused_not_replaced_by_the_example_prices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, err = _run(capsys, "quote", "web-hosting", "3", "--price-list", "")
    assert (status, out) == (3, "")
    assert err.startswith("infomanager quote: error: ")
    assert err.count("\n") == 1
    assert "cannot be read" in err


@pytest.mark.parametrize(
    "argv", [["web-hosting", "35", "--partner", "--cash"], ["mail-hosting", "3", "--period", "year", "--locale", "en"]]
)
def test_the_table_columns_line_up_under_their_headings(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, out, _ = _run(capsys, "quote", *argv)
    assert status == 0
    heading, *rows = out.splitlines()[3:]
    assert rows
    assert {len(row) for row in rows} == {len(heading)}  # the amount column is right-aligned under "amount"
    for column in ("rate", "reduction"):
        edge = heading.index(column) + len(column)
        for row in rows:
            assert row[edge : edge + 2] == "  ", (column, row)  # right-aligned: nothing runs past the heading's edge


@pytest.mark.parametrize("argv", [5, "demo", b"demo", [b"demo"], ("quote", 2), ["quote", None]], ids=repr)
def test_an_argv_that_is_no_sequence_of_words_is_refused_naming_argv(argv: object) -> None:
    """``main(5)``, ``main([b"demo"])`` and ``main(("quote", 2))`` let argparse's TypeError escape; ``main("demo")``
    read each letter as a word, and ``main(["quote", None])`` took None for a missing argument."""
    with pytest.raises(InvalidInput) as refused:
        main(argv)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.value) == ("argv", argv)


QUOTE = ["quote", "web-hosting", "35", "--partner", "--json"]


@pytest.mark.parametrize("words", [tuple, iter], ids=["a tuple", "an iterator, read once"])
def test_main_takes_its_words_from_any_sequence_or_iterator_of_str_as_from_a_list(
    capsys: pytest.CaptureFixture[str], words: type
) -> None:
    assert main(QUOTE) == 0
    listed = capsys.readouterr()
    assert json.loads(listed.out)["final"] == "208.32"
    assert main(words(QUOTE)) == 0
    assert capsys.readouterr() == listed


def test_main_without_argv_reads_the_words_of_the_process_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(QUOTE) == 0
    listed = capsys.readouterr()
    assert json.loads(listed.out)["final"] == "208.32"
    monkeypatch.setattr(sys, "argv", ["infomanager", *QUOTE])
    assert main() == 0
    assert capsys.readouterr() == listed
