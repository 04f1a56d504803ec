"""``infomanager demo``: what mutation testing of the demo's steps found unpinned — the order the steps run in (two
steps swapped in STEPS, ACCESS_STEPS, PROGRAMME_STEPS or the money steps survived), and that each step hands back its
title first and its text second (a step returning them the other way round printed its text as a numbered title)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.cli import main
from infomanager_core.cli.demo import STEPS
from infomanager_core.cli.demo_ledger import MoneyStory, money_steps


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
