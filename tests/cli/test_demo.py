"""``infomanager demo`` as a whole: its steps run in the order of the story, numbered from one without a gap, each a
one-line title then its text; a kept ledger file is named in the command to read it; a bad locale is refused before
the ledger file is made; and the price-list, cashback, several-lines and renewal steps show the figures worked out by
hand (a renewal is of a month of one hosting, priced as one unit at the tier the title names).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.cli import main
from infomanager_core.cli.demo import STEPS
from infomanager_core.cli.demo_access import renewal_earns_cashback
from infomanager_core.cli.demo_ledger import MoneyStory, money_steps
from infomanager_core.formatting import format_money
from infomanager_core.money import Money
from infomanager_core.pricing import OrderLine, price_order_line


def _demo(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["demo", *argv]) == 0
    return capsys.readouterr().out


def test_the_steps_are_numbered_from_one_without_a_gap(capsys: pytest.CaptureFixture[str]) -> None:
    out = _demo(capsys)
    numbers = [int(number) for number in re.findall(r"^(\d+)\. ", out, flags=re.MULTILINE)]
    assert out.startswith("1. The price list\n")
    assert numbers == list(range(1, len(numbers) + 1))


def test_a_kept_ledger_file_is_named_in_the_command_to_read_it_and_a_temporary_one_is_not(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite"
    kept = _demo(capsys, "--db", str(path))
    assert f"infomanager ledger --db {path}" in kept
    assert "run the demo with --db FILE to keep the ledger" not in kept
    temporary = _demo(capsys)
    assert "run the demo with --db FILE to keep the ledger" in temporary
    assert "infomanager-demo-" not in temporary  # the temporary directory, removed afterwards, is never named


def _step(out: str, number: int) -> str:
    return out.split(f"\n{number}. ", 1)[1].split(f"\n{number + 1}. ", 1)[0]


def _money(amount: str, currency: str) -> str:
    return format_money(Money(amount, currency), "en")


def test_the_cashback_step_shows_the_spec_example_for_a_client_with_35_hostings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """SPEC §2.4: the client pays CHF 260.40, the preferential price is CHF 208.32, the cashback CHF 52.08."""
    step = _step(_demo(capsys, "--locale", "en"), 4)
    assert step.startswith("A client with 35 hostings orders them itself")
    assert "× 35, 1 month, public quote, tier count 35" in step
    assert (
        f"The client pays {_money('260.40', 'CHF')}; the partner's preferential price is {_money('208.32', 'CHF')}; "
        f"the partner's cashback is {_money('52.08', 'CHF')}."
    ) in step


def test_the_several_lines_step_adds_up_the_partner_prices_worked_out_by_hand(
    capsys: pytest.CaptureFixture[str],
) -> None:
    step = _step(_demo(capsys, "--locale", "en"), 6)
    expected = [
        # 35 × €5.75 × 12 months, less 20% (partner), then 25% (35 hostings held)
        f"web-hosting × 35, 12 months: {_money('2415.00', 'EUR')} → {_money('1449.00', 'EUR')}",
        # 12 × €1.70, less 20%, then 10% (the 10-hosting tier): 14.688 rounds to 14.69
        f"mail-hosting × 12, 1 month: {_money('20.40', 'EUR')} → {_money('14.69', 'EUR')}",
        # 3 × €12.00 a year, less 10%; no degressive tariff for domains
        f"domain × 3, 1 year: {_money('36.00', 'EUR')} → {_money('32.40', 'EUR')}",
        f"total: {_money('1496.09', 'EUR')}",
    ]
    assert [line.strip() for line in step.splitlines()[2:6]] == expected


def test_a_locale_the_formatter_cannot_write_is_refused_before_the_ledger_file_is_made(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path), "--locale", "xx_NOWHERE"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "xx_NOWHERE" in captured.err
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_the_price_list_step_shows_every_product_with_all_its_prices_and_every_tier(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--locale", "en"]) == 0
    step = capsys.readouterr().out.split("\n2. ", 1)[0]
    lines = step.splitlines()
    price_list = example_price_list()
    for product in price_list.products.values():
        [line] = [line for line in lines if line.startswith(f"  {product.code}: ")]
        shown = line.split(": ", 1)[1].split("; ")[0].split(", ")
        expected = [f"{format_money(price, 'en')} per {period}" for (_, period), price in product.prices.items()]
        assert sorted(shown) == sorted(expected)
    for family, tiers in price_list.tiers.items():
        [line] = [line for line in lines if line.startswith(f"  tiers of {family}: ")]
        assert re.findall(r"from (\d+): ", line) == [str(tier.min_count) for tier in tiers]
    assert len(price_list.products) == 3
    assert len(price_list.tiers) == 2


def test_every_step_returns_a_one_line_title_then_the_text_under_it(tmp_path: Path) -> None:
    price_list = example_price_list()
    story = MoneyStory.open(tmp_path / "demo.sqlite", price_list, "en", kept=False)
    try:
        told = [step(price_list, "en") for step in (*STEPS, *money_steps(story))]
    finally:
        story.close()
    for title, text in told:
        assert title == title.strip() != ""
        assert "\n" not in title
        assert len(text.strip().splitlines()) >= 2


#: The story in order (each title's start): the price list and the seed's example in CHF then EUR; a client's own
#: order and the tiers; the invitation before the renewal it decides and the tag it allows; the reminders before the
#: refusal that cuts them short; the call before the token that cancels it; the account before its two-factor
#: methods and the compromised-account procedure; then the money, each step on the ledger the previous ones left,
#: the audit last.
ORDER = (
    "The price list",
    "The seed's example in CHF",
    "The seed's example in EUR",
    "A client with 35 hostings orders them itself",
    "The tier counts the hostings held",
    "Several lines and periods",
    "A partner invites a client",
    "The client renews a month of hosting",
    "A partner's user tags the client's product",
    "The bakery's renewal reminders",
    "Auto-renewal cannot be switched on",
    "The cafe calls for tender",
    "The confirmation's token cancels the call",
    "Carl's account: an API token",
    "Two-factor methods",
    "A compromised account",
    "Orders earn cashback",
    "An order cancelled during a bank transfer",
    "The partner orders with its own payment means",
    "A payout to a bank account",
    "The partner's statement, audited",
)


def test_the_steps_run_in_the_order_of_the_story(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    titles = re.findall(r"^\d+\. (.*)$", capsys.readouterr().out, flags=re.MULTILINE)
    assert len(titles) == len(ORDER)
    assert [title[: len(start)] for title, start in zip(titles, ORDER, strict=True)] == list(ORDER)


def test_the_renewal_of_a_month_of_hosting_is_priced_as_one_unit_at_the_tier_the_title_names() -> None:
    price_list = example_price_list()
    title, text = renewal_earns_cashback(price_list, "fr_CH")
    match = re.search(r"\((\d+) held\)", title)
    assert match is not None
    one_unit = OrderLine(product="web-hosting", quantity=1, tier_count=int(match.group(1)))
    public = price_order_line(price_list, one_unit, currency="CHF", partner=False).final
    partner = price_order_line(price_list, one_unit, currency="CHF", partner=True).final
    renewals = dict(re.findall(r"the bakery renews (\S+): pays ([^;]+);", text))
    assert renewals == {"web-1": format_money(public, "fr_CH"), "web-2": format_money(public, "fr_CH")}
    assert f"cashback: {format_money(public - partner, 'fr_CH')} to the partner" in text
