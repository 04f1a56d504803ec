"""``infomanager demo``: what mutation testing of cli/demo.py found unpinned — a bad locale is refused before the
ledger file is made, and the price-list step shows the whole bundled price list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.cli import main
from infomanager_core.formatting import format_money


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
