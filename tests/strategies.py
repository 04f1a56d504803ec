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


# --- ledger ---

#: Countries whose IBANs the strategies build, with their lengths (a subset of the registry).
IBAN_COUNTRIES = {"CH": 21, "DE": 22, "FR": 27, "GB": 22, "LI": 21, "NL": 18, "NO": 15}


def _iban_with_check_digits(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    check = 98 - int("".join(str(int(character, 36)) for character in rearranged)) % 97
    return f"{country}{check:02d}{bban}"


def ibans() -> st.SearchStrategy[str]:
    """Valid IBANs: a country from :data:`IBAN_COUNTRIES`, a random basic bank account number, correct check digits."""
    return st.sampled_from(sorted(IBAN_COUNTRIES)).flatmap(
        lambda country: st.text(
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
            min_size=IBAN_COUNTRIES[country] - 4,
            max_size=IBAN_COUNTRIES[country] - 4,
        ).map(lambda bban: _iban_with_check_digits(country, bban))
    )


def positive_amounts(currency: str = "CHF", max_units: int = 10**9) -> st.SearchStrategy[Money]:
    """Strictly positive amounts in whole minor units."""
    return st.builds(Money.from_minor_units, st.integers(1, max_units), st.just(currency))
