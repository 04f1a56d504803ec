"""The demo walks through the access and tags story on the bundled example data."""

from __future__ import annotations

import pytest

from infomanager_core.cli import main


def test_the_demo_shows_a_different_grant_a_cashback_and_a_partner_tagging(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--locale", "en_CH"]) == 0
    out = capsys.readouterr().out
    assert "granted:   limited access to web-1" in out
    assert "differs — level: requested full, granted limited" in out
    assert "uma manages web-2: denied (product-not-managed)" in out
    assert "the bakery renews web-1: pays CHF\u00a07.44; cashback: CHF\u00a01.48 to the partner" in out
    assert "the bakery renews web-2: pays CHF\u00a07.44; nothing: nothing to the partner" in out
    assert "carl (bakery) sees on web-1: ['To migrate']" in out
    assert "uma tags web-2: denied (product-not-managed)" in out
