"""``infomanager demo``: a walk through the library on the bundled example data.

The demo is :data:`STEPS`, a tuple of small functions, each returning a titled piece of text; later areas add their
own steps to it. It starts with the seed's worked example (35 Web hostings, one month, in CHF and in EUR).
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..adapters.price_list_toml import example_price_list
from ..errors import InvalidInput
from ..formatting import format_money
from ..pricing import OrderLine, PriceList, cashback, quote, quote_line
from .demo_access import ACCESS_STEPS
from .demo_ledger import MoneyStory, money_steps
from .demo_programme import PROGRAMME_STEPS
from .quote import DEFAULT_LOCALE, check_locale, line_table, periods_text

__all__ = ["STEPS", "DemoStep", "register", "run"]

#: A demo step: given the price list and the locale, a title and the text to show under it.
DemoStep = Callable[[PriceList, str], tuple[str, str]]


def register(subparsers: Any) -> None:
    """Add the ``demo`` subcommand."""
    parser = subparsers.add_parser(
        "demo",
        help="walk through the whole programme on the bundled example data, from the seed's example to a ledger file",
        description="Walk through the library on the bundled example price list (example data).",
    )
    parser.add_argument(
        "--locale", default=DEFAULT_LOCALE, help=f"locale of the amounts shown (default: {DEFAULT_LOCALE})"
    )
    parser.add_argument(
        "--db",
        metavar="FILE",
        help="new SQLite ledger file to keep the money steps in (default: a temporary file, removed afterwards)",
    )
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Print every step of :data:`STEPS`, then the money steps on a ledger file, numbered; return the exit status."""
    check_locale(arguments.locale)
    kept = None if arguments.db is None else _new_file(arguments.db)
    price_list = example_price_list()
    with tempfile.TemporaryDirectory(prefix="infomanager-demo-") as scratch:
        path = kept if kept is not None else Path(scratch) / "demo-ledger.sqlite"
        story = MoneyStory.open(path, price_list, arguments.locale, kept=kept is not None)
        try:
            for number, step in enumerate((*STEPS, *money_steps(story)), start=1):
                title, text = step(price_list, arguments.locale)
                print(f"{number}. {title}\n\n{text}\n")
        finally:
            story.close()
    return 0


def _new_file(text: str) -> Path:
    """The path ``--db`` names, refused if it names nothing (``Path("")`` is the current directory) or exists."""
    if not text:
        raise InvalidInput("--db", text, "names no file", hint="the demo writes a new ledger file")
    if Path(text).exists():
        raise InvalidInput("--db", text, "already exists", hint="the demo writes a new ledger file")
    return Path(text)


def the_price_list(price_list: PriceList, locale: str) -> tuple[str, str]:
    lines = [f"{price_list.name} — example data, not a real tariff."]
    for product in price_list.products.values():
        prices = ", ".join(
            f"{format_money(price, locale)} per {period}" for (_, period), price in sorted(product.prices.items())
        )
        degressive = "degressive" if product.degressive else "not degressive"
        lines.append(f"  {product.code}: {prices}; partner discount {product.partner_discount:%}; {degressive}")
    for family, tiers in price_list.tiers.items():
        schedule = ", ".join(f"from {tier.min_count}: {tier.rate:%}" for tier in tiers)
        lines.append(f"  tiers of {family}: {schedule}")
    return "The price list", "\n".join(lines)


def _seed_example(currency: str) -> DemoStep:
    def step(price_list: PriceList, locale: str) -> tuple[str, str]:
        line = quote_line(price_list, "web-hosting", 35, currency=currency, partner=True)
        title = f"The seed's example in {currency}: a partner orders 35 Web hostings for one month"
        note = "The degressive 25% applies to the residual after the partner's 20%: together −40%, not −45%."
        return title, f"{line_table(line, price_list, locale)}\n\n{note}"

    return step


def public_and_cashback(price_list: PriceList, locale: str) -> tuple[str, str]:
    line = quote_line(price_list, "web-hosting", 35, currency="CHF", partner=False)
    earned = cashback(price_list, "web-hosting", 35, currency="CHF")
    text = (
        f"{line_table(line, price_list, locale)}\n\n"
        f"The client pays {format_money(earned.public_price, locale)}; the partner's preferential price is "
        f"{format_money(earned.preferential_price, locale)}; the partner's cashback is "
        f"{format_money(earned.amount, locale)}."
    )
    return "A client with 35 hostings orders them itself: public quote and the partner's cashback", text


def tier_boundary(price_list: PriceList, locale: str) -> tuple[str, str]:
    # SPEC §2.2: the tier count is the hostings held plus the ones being ordered, so holding 34 reaches the 35 tier.
    lines = []
    for held in (33, 34, 35):
        count = held + 1
        line = quote_line(price_list, "web-hosting", 1, currency="CHF", partner=True, tier_count=count)
        lines.append(f"  1 hosting ordered, {held} held: count {count}: {format_money(line.final, locale)}")
    return "The tier counts the hostings held plus the one ordered (34, 35, 36)", "\n".join(lines)


def several_lines(price_list: PriceList, locale: str) -> tuple[str, str]:
    order = [
        OrderLine(product="web-hosting", quantity=35, periods=12),
        OrderLine(product="mail-hosting", quantity=12),
        OrderLine(product="domain", quantity=3, period="year"),
    ]
    result = quote(price_list, order, currency="EUR", partner=True)
    lines = [
        f"  {line.product} × {line.quantity}, {periods_text(line.periods, line.period)}: "
        f"{format_money(line.public, locale)} → {format_money(line.final, locale)}"
        for line in result.lines
    ]
    lines.append(f"  total: {format_money(result.totals['EUR'], locale)}")
    return "Several lines and periods in one partner quote (EUR)", "\n".join(lines)


#: The demo, in order. Later areas append their steps.
STEPS: tuple[DemoStep, ...] = (
    the_price_list,
    _seed_example("CHF"),
    _seed_example("EUR"),
    public_and_cashback,
    tier_boundary,
    several_lines,
    *ACCESS_STEPS,
    *PROGRAMME_STEPS,
)
