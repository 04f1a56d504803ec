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


# --- access ---

from infomanager_core.access import Grant, PaymentMeans  # noqa: E402


def payment_means() -> st.SearchStrategy[PaymentMeans]:
    return st.sampled_from(PaymentMeans)


def grants(products: tuple[str, ...]) -> st.SearchStrategy[Grant]:
    """Full grants with either payment means, or limited grants to a non-empty subset of ``products``."""
    limited = st.frozensets(st.sampled_from(products), min_size=1).map(Grant.limited)
    return st.one_of(payment_means().map(Grant.full), limited)
