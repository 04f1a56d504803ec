"""Shared Hypothesis strategies: one place for how test data is generated across the suite."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from infomanager_core import Money

#: Currencies of the programme plus ones with other minor units (JPY 0, BHD 3).
CURRENCIES = ("CHF", "EUR", "JPY", "BHD")


def minor_units(max_abs: int = 10**12) -> st.SearchStrategy[int]:
    return st.integers(min_value=-max_abs, max_value=max_abs)


def money(
    currency: str | None = None, *, max_abs: int = 10**12, min_value: int | None = None
) -> st.SearchStrategy[Money]:
    """Amounts in whole minor units."""
    codes = st.just(currency) if currency else st.sampled_from(CURRENCIES)
    low = -max_abs if min_value is None else min_value
    return st.builds(Money.from_minor_units, st.integers(low, max_abs), codes)


def exact_amounts(currency: str = "CHF") -> st.SearchStrategy[Money]:
    """Amounts with up to 6 decimal places (sub-minor amounts, as intermediate results have)."""
    return st.builds(
        lambda n: Money(Decimal(n).scaleb(-6), currency),
        st.integers(min_value=-(10**15), max_value=10**15),
    )


def rates() -> st.SearchStrategy[Decimal]:
    """Rates in [0, 1) with up to 4 decimal places."""
    return st.integers(min_value=0, max_value=9999).map(lambda n: Decimal(n).scaleb(-4))


# --- formatting ---

#: The locales SPEC §1 names; formatting must be right in each of them.
LOCALES = ("fr_CH", "de_CH", "it_CH", "en_CH", "fr_FR", "de_DE", "it_IT", "en_GB", "es_ES")
SWISS_LOCALES = ("fr_CH", "de_CH", "it_CH", "en_CH")


def amounts_to_format(currency: str, *, max_major: int = 10**9) -> st.SearchStrategy[Money]:
    """Amounts from -max_major to +max_major with up to 4 decimals, so that rounding to the minor unit matters."""
    return st.builds(
        lambda n: Money(Decimal(n).scaleb(-4), currency),
        st.integers(min_value=-max_major * 10**4, max_value=max_major * 10**4),
    )
