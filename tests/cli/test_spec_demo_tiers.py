"""SPEC §2.2 in the demo: the tier counts the hostings held **plus the ones being ordered**.

An organisation that holds 34 Web hostings and orders one more has 35 of them: the 25% tier. Its partner price for the
new one is 9.92 − 20% = 7.936 → 7.94, − 25% = 5.955 → 5.96 CHF. Holding 33, the count is 34, below the tier: 7.94 CHF.
The demo used to print "1 hosting, 34 held: 7.94 CHF", which is the price of a count of 34, not of 34 held.
"""

from __future__ import annotations

import pytest

from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.cli import main
from infomanager_core.cli.demo import tier_boundary


def test_one_more_hosting_for_an_organisation_holding_34_is_priced_at_the_35_hosting_tier() -> None:
    _, text = tier_boundary(example_price_list(), "en_GB")
    rows = dict(line.strip().split(": count ", 1) for line in text.splitlines())
    assert rows == {
        "1 hosting ordered, 33 held": "34: CHF\xa07.94",
        "1 hosting ordered, 34 held": "35: CHF\xa05.96",
        "1 hosting ordered, 35 held": "36: CHF\xa05.96",
    }


def test_the_demo_says_the_tier_counts_the_hosting_being_ordered(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--locale", "en_GB"]) == 0
    out = capsys.readouterr().out
    assert "34 held: 7.94" not in out.replace("CHF\xa0", "")
    assert "the hostings held plus the one ordered" in out
