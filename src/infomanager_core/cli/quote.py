"""``infomanager quote``: price one line on a price list, as a table for people or as JSON for machines.

The table's amounts are formatted for ``--locale`` (default ``fr_CH``); the JSON gives amounts as decimal strings
(``"208.32"``), exact and locale-free, and rates as decimal fractions (``"0.20"``).
"""

from __future__ import annotations

import argparse
import json
import re
from typing import Any

from ..adapters.price_list_toml import example_price_list, load_price_list
from ..formatting import format_money
from ..money import CashRounding, Money
from ..pricing import PERIODS, LineQuote, OrderLine, PriceList, quote
from ..pricing.quote import percent, periods_text
from ..text import columns, padded
from .output import machine_text

__all__ = [
    "DEFAULT_LOCALE",
    "check_locale",
    "line_as_json",
    "line_table",
    "percent",
    "periods_text",
    "register",
    "run",
    "whole_number",
]

#: The locale of the table when ``--locale`` is not given.
DEFAULT_LOCALE = "fr_CH"


def register(subparsers: Any) -> None:
    """Add the ``quote`` subcommand."""
    parser = subparsers.add_parser(
        "quote",
        help="price a line: public amount, each reduction, final amount",
        description="Price QUANTITY units of PRODUCT: the public amount, each step (partner discount, then the "
        "degressive tariff on the residual) and the final amount.",
    )
    parser.add_argument("product", metavar="PRODUCT", help="product code, e.g. web-hosting")
    parser.add_argument("quantity", metavar="QUANTITY", type=whole_number, help="number of units ordered")
    parser.add_argument("--currency", default="CHF", help="currency of the quote (default: CHF)")
    parser.add_argument("--partner", action="store_true", help="partner quote (partner discount first)")
    parser.add_argument(
        "--tier-count",
        type=whole_number,
        metavar="N",
        help="hostings of the family held, counting these (default: QUANTITY)",
    )
    parser.add_argument(
        "--periods", type=whole_number, default=1, metavar="N", help="number of billing periods (default: 1)"
    )
    parser.add_argument("--period", choices=PERIODS, default="month", help="billing period (default: month)")
    parser.add_argument("--price-list", metavar="FILE", help="price list TOML file (default: the bundled example)")
    parser.add_argument(
        "--locale", default=DEFAULT_LOCALE, help=f"locale of the table's amounts (default: {DEFAULT_LOCALE})"
    )
    parser.add_argument(
        "--cash",
        action="store_true",
        help=(
            "add the cash rounding of the total and the amount payable in cash "
            "(CLDR's cash step of the currency: CHF 0.05; EUR 0.01, which changes nothing)"
        ),
    )
    parser.add_argument("--json", action="store_true", help="print JSON (amounts as decimal strings)")
    parser.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Quote the line the arguments describe and print it; return the exit status."""
    check_locale(arguments.locale)
    price_list = example_price_list() if arguments.price_list is None else load_price_list(arguments.price_list)
    order = OrderLine(
        product=arguments.product,
        quantity=arguments.quantity,
        tier_count=arguments.tier_count,
        periods=arguments.periods,
        period=arguments.period,
    )
    result = quote(price_list, [order], currency=arguments.currency, partner=arguments.partner)
    (line,) = result.lines
    cash = result.cash_rounding() if arguments.cash else None
    if arguments.json:
        with machine_text():
            print(json.dumps(line_as_json(line, price_list, cash), indent=2, ensure_ascii=False))
    else:
        print(line_table(line, price_list, arguments.locale, cash))
    return 0


def whole_number(text: str) -> int:
    """A count given on the command line: an optional sign and ASCII digits, as amounts are (``DECIMAL_TEXT``).

    ``int()`` alone would also read ``" 35"``, ``"3_5"`` and ``"٣٥"``; the library's rules (at least 1…) then apply.

    >>> whole_number("35"), whole_number("-3")
    (35, -3)
    >>> whole_number("3_5")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: '3_5' is not a whole number in ASCII digits
    """
    if re.fullmatch(r"[+-]?[0-9]+", text) is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number in ASCII digits")
    return int(text)


def check_locale(locale: str) -> None:
    """Raise the formatter's own error for a locale it cannot write money in, before any work is done."""
    format_money(Money.zero("CHF"), locale)


def line_table(line: LineQuote, price_list: PriceList, locale: str, cash: CashRounding | None = None) -> str:
    """The breakdown of ``line`` as an aligned text table, amounts formatted for ``locale``.

    With ``cash`` (the cash rounding of the total), an adjustment row and the amount payable in cash follow the final
    price; the line's own amounts are never cash-rounded.
    """
    product = price_list.product(line.product)
    unit_price = product.price(line.currency, line.period)
    kind = "partner quote" if line.partner else "public quote"
    header = (
        f"{product.name} ({product.code}) × {line.quantity}, {periods_text(line.periods, line.period)}, "
        f"{kind}, tier count {line.tier_count}"
    )
    rows = [("public price", "", "", line.public)]
    rows += [(step.name, percent(step.rate), format_money(-step.reduction, locale), step.after) for step in line.steps]
    rows.append(("final price", "", "", line.final))
    if cash is not None:
        rows.append(("cash rounding", "", format_money(cash.adjustment, locale), cash.payable))
        rows.append(("payable in cash", "", "", cash.payable))
    cells = [(name, rate, reduction, format_money(amount, locale)) for name, rate, reduction, amount in rows]
    widths = [
        max(columns(cell[column]) for cell in [("", "rate", "reduction", "amount"), *cells]) for column in range(4)
    ]
    lines = [
        header,
        f"unit price {format_money(unit_price, locale)} per {line.period}; price list: {price_list.name}"
        + (" (example data)" if price_list.example else ""),
        "",
        _row(("", "rate", "reduction", "amount"), widths),
    ]
    lines += [_row(cell, widths) for cell in cells]
    return "\n".join(lines)


def _row(cells: tuple[str, str, str, str], widths: list[int]) -> str:
    """The name left-aligned, the rate and the amounts right-aligned, each to its column's width on a terminal."""
    aligned = (padded(cell, width, right=n > 0) for n, (cell, width) in enumerate(zip(cells, widths, strict=True)))
    return "  ".join(aligned).rstrip()


def line_as_json(line: LineQuote, price_list: PriceList, cash: CashRounding | None = None) -> dict[str, Any]:
    """The breakdown of ``line`` as JSON-ready data: amounts and rates as decimal strings.

    With ``cash``, a ``cash_rounding`` object gives the cash step, the adjustment and the amount payable in cash.
    """
    product = price_list.product(line.product)
    data: dict[str, Any] = {
        "price_list": {"name": price_list.name, "example": price_list.example},
        "product": line.product,
        "name": product.name,
        "quantity": line.quantity,
        "tier_count": line.tier_count,
        "periods": line.periods,
        "period": line.period,
        "currency": line.currency,
        "partner": line.partner,
        "unit_price": str(product.price(line.currency, line.period).amount),
        "public": str(line.public.amount),
        "steps": [
            {
                "name": step.name,
                "rate": str(step.rate),
                "reduction": str(step.reduction.amount),
                "after": str(step.after.amount),
            }
            for step in line.steps
        ],
        "final": str(line.final.amount),
    }
    if cash is not None:
        step = Money.from_minor_units(cash.payable.currency_info.cash_step, cash.payable.currency)
        data["cash_rounding"] = {
            "step": str(step.amount),
            "adjustment": str(cash.adjustment.amount),
            "payable": str(cash.payable.amount),
        }
    return data
