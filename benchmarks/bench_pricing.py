"""Benchmark: pricing, each figure a ratio to the same arithmetic in bare Decimal measured in the same run.

* single: one partner quote with its full breakdown (``quote_line``: Money amounts, Step values, LineQuote) against a
  bare-Decimal function that looks up the same price, rates and tier in dicts and returns the same figures
  (public, each step's rate, reduction and amount after, final), quantizing with ROUND_HALF_UP per step;
* bulk: 100,000 order lines priced by ``price_lines`` (integer minor units, streamed) against the same bare-Decimal
  function applied to each line;
* memory: tracemalloc peak while streaming 10,000 and 100,000 generated lines through ``price_lines``.

The library and its baseline are timed in alternation (baseline then library, library then baseline, …) and the best
of each is kept, so that a change in the machine's load during the run skews both alike rather than the ratio.

Run: ``python benchmarks/bench_pricing.py`` (5–15 s: about 5 s of CPU time). Higher ratios are faster; 1.00× is
parity.
"""

from __future__ import annotations

import platform
import sys
import time
import tracemalloc
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from infomanager_core.adapters.price_list_toml import example_price_list
from infomanager_core.pricing import OrderLine, PriceList, price_lines, quote_line

REPEATS = 7
BULK_REPEATS = 5
SINGLE_CALLS = 20_000
BULK_LINES = 100_000
PRODUCTS = ("web-hosting", "mail-hosting", "domain")


# -- the baseline: the same pricing written with bare Decimal ------------------------------------------------------


class BareDecimalPricer:
    """The quote arithmetic with plain dicts and Decimal: price × quantity × periods, then each step quantized."""

    def __init__(self, price_list: PriceList, currency: str) -> None:
        self.cent = Decimal(1).scaleb(-2)
        self.prices = {
            (code, period): price.amount
            for code, product in price_list.products.items()
            for (code_currency, period), price in product.prices.items()
            if code_currency == currency
        }
        self.products = {
            code: (product.family, product.partner_discount, product.degressive)
            for code, product in price_list.products.items()
        }
        self.tiers = {
            family: ([tier.min_count for tier in tiers], [Decimal(0)] + [tier.rate for tier in tiers])
            for family, tiers in price_list.tiers.items()
        }

    def price(self, code: str, quantity: int, count: int, periods: int, period: str, partner: bool) -> tuple[Any, ...]:
        family, discount, degressive = self.products[code]
        steps = []
        amount = (self.prices[(code, period)] * quantity * periods).quantize(self.cent, ROUND_HALF_UP)
        public = amount
        if partner:
            after = (amount * (1 - discount)).quantize(self.cent, ROUND_HALF_UP)
            steps.append((discount, amount - after, after))
            amount = after
        if degressive:
            bounds, rates = self.tiers.get(family, ((), (Decimal(0),)))
            rate = rates[bisect_right(bounds, count)]
            after = (amount * (1 - rate)).quantize(self.cent, ROUND_HALF_UP)
            steps.append((rate, amount - after, after))
            amount = after
        return public, tuple(steps), amount

    def price_lines(self, lines: Iterable[OrderLine], partner: bool) -> Iterator[tuple[Any, ...]]:
        for line in lines:
            count = line.quantity if line.tier_count is None else line.tier_count
            yield self.price(line.product, line.quantity, count, line.periods, line.period, partner)


# -- workload ------------------------------------------------------------------------------------------------------


def generated_lines(count: int) -> Iterator[OrderLine]:
    """A deterministic mix of products, quantities, tier counts and periods."""
    for index in range(count):
        product = PRODUCTS[index % 3]
        quantity = 1 + index * 7 % 60
        yield OrderLine(
            product=product,
            quantity=quantity,
            tier_count=None if index % 4 else quantity + index % 40,
            periods=1 + index % 12,
            period="year" if product == "domain" else "month",
        )


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def best_interleaved(ours: Callable[[], object], baseline: Callable[[], object], repeats: int) -> tuple[float, float]:
    """Best time of ``ours`` and of ``baseline``, timed in alternation so that a change in machine load hits both.

    Each repeat times the baseline and the library back to back, the baseline first on even repeats and the library
    first on odd ones, so neither always runs in the other's wake.
    """
    ours_timings, baseline_timings = [], []
    for repeat in range(repeats):
        if repeat % 2 == 0:
            baseline_timings.append(timed(baseline))
            ours_timings.append(timed(ours))
        else:
            ours_timings.append(timed(ours))
            baseline_timings.append(timed(baseline))
    return min(ours_timings), min(baseline_timings)


def consume(results: Iterable[Any]) -> int:
    count = 0
    for _ in results:
        count += 1
    return count


def peak_bytes(lines: int, price_list: PriceList) -> int:
    tracemalloc.start()
    tracemalloc.reset_peak()
    total = 0
    for priced in price_lines(price_list, generated_lines(lines), currency="CHF", partner=True):
        total += priced.final
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def report(name: str, ours: float, baseline: float, operations: int, baseline_name: str) -> None:
    print(
        f"{name:<7} {baseline / ours:5.2f}× {baseline_name}   "
        f"ours {operations / ours:>12,.0f}/s   baseline {operations / baseline:>12,.0f}/s"
    )


def main() -> None:
    print(f"python {platform.python_version()} on {platform.machine()}, {sys.platform}")
    price_list = example_price_list()
    bare = BareDecimalPricer(price_list, "CHF")
    expected = quote_line(price_list, "web-hosting", 35, currency="CHF", partner=True)
    assert bare.price("web-hosting", 35, 35, 1, "month", True)[2] == expected.final.amount

    def ours_single() -> None:
        for _ in range(SINGLE_CALLS):
            quote_line(price_list, "web-hosting", 35, currency="CHF", partner=True)

    def bare_single() -> None:
        for _ in range(SINGLE_CALLS):
            bare.price("web-hosting", 35, 35, 1, "month", True)

    single_ours, single_bare = best_interleaved(ours_single, bare_single, REPEATS)
    report("single", single_ours, single_bare, SINGLE_CALLS, "bare Decimal (quote with full breakdown)")

    lines = list(generated_lines(BULK_LINES))
    ours_total = sum(p.final for p in price_lines(price_list, lines, currency="CHF", partner=True))
    bare_total = sum(result[2] for result in bare.price_lines(lines, True))
    assert Decimal(ours_total).scaleb(-2) == bare_total, (ours_total, bare_total)
    bulk_ours, bulk_bare = best_interleaved(
        lambda: consume(price_lines(price_list, lines, currency="CHF", partner=True)),
        lambda: consume(bare.price_lines(lines, True)),
        BULK_REPEATS,
    )
    report("bulk", bulk_ours, bulk_bare, BULK_LINES, f"bare Decimal ({BULK_LINES:,} lines)")

    small, large = peak_bytes(10_000, price_list), peak_bytes(100_000, price_list)
    print(f"memory  streamed peak {small / 1024:.1f} KiB for 10,000 lines, {large / 1024:.1f} KiB for 100,000 lines")


if __name__ == "__main__":
    main()
