"""``infomanager demo``: what mutation testing of the demo's steps found unpinned — that each step hands back its title
first and its text second (a step returning them the other way round printed its text as a numbered title)."""

from __future__ import annotations

from pathlib import Path

from infomanager_core.adapters.price_list_toml import example_price_list
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
