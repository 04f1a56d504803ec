"""`infomanager demo` tells issue 4's story of the prepaid account: each step the issue names, in the issue's order,
every amount written for the locale asked.

``test_demo_money.py`` reads the kept file back and checks the journal the story leaves; this reads what the demo says
to its reader, for whom the story is told: a partner adding a client, the client granting access, orders placed and
their cashback, an order cancelled during a bank transfer, a payout requested and then completed.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from infomanager_core.cli import main
from infomanager_core.formatting import format_money
from infomanager_core.money import Money

#: (what the issue names, what the demo says), in the issue's order; ``{x}`` is x CHF written for the locale.
STORY = (
    ("a partner adds a client", "Web Agency invites Florist (full access, client's payment means)"),
    ("the client grants access", "Florist grants full access, client's payment means"),
    ("an order placed", "F-1001: Florist renews its 35 Web hostings for a month: Florist pays {260.40}"),
    ("its cashback accrues", "cashback {52.08} → transaction #1"),
    ("another order and its cashback", "Florist pays {3124.80}, cashback {624.96} → transaction #2"),
    ("cashback once per order", "F-1001's cashback submitted again: transaction #1 again, nothing new"),
    ("the partner's balance", "Web Agency's prepaid balance: {677.04}"),
    ("an order cancelled during a transfer", "F-1003 is cancelled while Florist's bank transfer of {194.40} is under way"),
    ("the money deposited when it arrives", "the transfer arrives: deposited on Florist's prepaid account (#3)"),
    ("a payout requested", "Web Agency asks for its balance, {647.28}, to be paid out to IBAN CH9300762011623852957"),
    ("the amount reserved", "while the bank works: posted {647.28}, pending {647.28}, available {0.00}"),
    ("the payout completed", "the bank confirms (#7): posted {0.00}, available {0.00}"),
)  # fmt: skip
#: The statement's movements, each ``(sequence, kind, amount, balance after it)``.
STATEMENT = (
    ("1", "cashback", "52.08", "52.08"),
    ("2", "cashback", "624.96", "677.04"),
    ("5", "order_payment", "-29.76", "647.28"),
    ("7", "payout_completion", "-647.28", "0.00"),
)
#: Locales that write 1234.5 CHF each their own way: figures after or before the code, a decimal point or comma,
#: digits grouped by an apostrophe, a narrow no-break space or a comma.
LOCALES = ("fr_CH", "fr_FR", "de_CH", "en_GB")


def chf(amount: str, locale: str) -> str:
    return format_money(Money(amount, "CHF"), locale)


def told(capsys: pytest.CaptureFixture[str], locale: str) -> str:
    """The money steps of the demo, from the first order to the audit."""
    assert main(["demo", "--locale", locale]) == 0
    out = capsys.readouterr().out
    return out[out.index("Orders earn cashback") :]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_demo_tells_each_step_the_issue_names_in_its_order(capsys: pytest.CaptureFixture[str], locale: str) -> None:
    money = told(capsys, locale)
    at = 0
    for step, line in STORY:
        said = re.sub(r"\{([\d.]+)\}", lambda amount: chf(amount.group(1), locale), line)
        found = money.find(said, at)
        assert found >= 0, f"{step}: {said!r} is not told after what comes before it"
        at = found + len(said)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_audited_statement_shows_each_movement_with_its_balance_for_the_locale(
    capsys: pytest.CaptureFixture[str], locale: str
) -> None:
    rows = [line.split() for line in told(capsys, locale).splitlines() if re.match(r"\d+  \d{4}-", line)]
    shown = [(row[0], row[2], " ".join(row[4:])) for row in rows]
    assert shown == [
        (sequence, kind, " ".join([*chf(amount, locale).split(), *chf(balance, locale).split()]))
        for sequence, kind, amount, balance in STATEMENT
    ]


def test_no_amount_of_the_money_steps_is_written_the_way_of_another_locale(capsys: pytest.CaptureFixture[str]) -> None:
    """France writes a decimal comma: an amount written with a point was not formatted for the locale."""
    assert chf("52.08", "fr_FR").startswith("52,08")
    money = told(capsys, "fr_FR")
    assert re.findall(r"\d\.\d\d(?!\d)", money) == []
    amounts = {Decimal(amount) for _, _, *figures in STATEMENT for amount in figures}
    assert all(chf(str(amount), "fr_FR") in money for amount in amounts)
