"""Benchmark: format_money and parse_money against babel's own format_currency / parse_decimal, in one run.

Each figure is printed as a ratio to the babel baseline measured in the same process (higher is faster), with raw
operations per second. Run: ``python benchmarks/bench_formatting.py`` (or ``make bench``).
"""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, parse_decimal

from _timing import best_ops_per_second
from infomanager_core.formatting import format_money, parse_money
from infomanager_core.money import Money

LOCALES = ("fr_CH", "de_CH", "it_CH", "en_CH", "fr_FR", "de_DE", "it_IT", "en_GB", "es_ES")
AMOUNTS = [Decimal(n).scaleb(-2) for n in range(-1_000_000_000, 1_000_000_000, 7_919_333)]  # ~250 amounts
REPEATS = 9


def main() -> None:
    monies = [Money(amount, "CHF") for amount in AMOUNTS]
    texts = {locale: [format_money(money, locale) for money in monies] for locale in LOCALES}
    numbers = {locale: [format_currency(amount, "CHF", locale=locale) for amount in AMOUNTS] for locale in LOCALES}

    def babel_format() -> int:
        for locale in LOCALES:
            for amount in AMOUNTS:
                format_currency(amount, "CHF", locale=locale)
        return len(LOCALES) * len(AMOUNTS)

    def library_format() -> int:
        for locale in LOCALES:
            for money in monies:
                format_money(money, locale)
        return len(LOCALES) * len(monies)

    def babel_parse() -> int:
        for locale in LOCALES:
            for text in numbers[locale]:
                parse_decimal(text.strip("CHF\xa0-"), locale=locale)
        return len(LOCALES) * len(AMOUNTS)

    def library_parse() -> int:
        for locale in LOCALES:
            for text in texts[locale]:
                parse_money(text, "CHF", locale)
        return len(LOCALES) * len(monies)

    formatting_baseline = best_ops_per_second(babel_format, REPEATS)
    formatting = best_ops_per_second(library_format, REPEATS)
    parsing_baseline = best_ops_per_second(babel_parse, REPEATS)
    parsing = best_ops_per_second(library_parse, REPEATS)
    print(f"babel format_currency           {formatting_baseline:12,.0f} ops/s  1.00x (baseline)")
    print(f"format_money                    {formatting:12,.0f} ops/s  {formatting / formatting_baseline:.2f}x")
    print(f"babel parse_decimal (non-strict){parsing_baseline:12,.0f} ops/s  1.00x (baseline)")
    print(f"parse_money (strict, checked)   {parsing:12,.0f} ops/s  {parsing / parsing_baseline:.2f}x")


if __name__ == "__main__":
    main()
