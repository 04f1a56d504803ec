"""infomanager_core: exact, explainable domain library for a hosting company's partner (reseller) programme.

The public face is re-exported here; each area (``money``, ``pricing``, ``access``, ``ledger``, ``tags``) also has its
own package with a sorted ``__all__``.
"""

from .errors import (
    CurrencyMismatch,
    InfomanagerError,
    InvalidAmount,
    InvalidInput,
    InvariantViolation,
    KeyReused,
    NotInMinorUnits,
    UnknownCurrency,
)
from .money import ROUNDING, CashRounding, Currency, Money, allocate, cash_round, currency

__all__ = [
    "ROUNDING",
    "CashRounding",
    "Currency",
    "CurrencyMismatch",
    "InfomanagerError",
    "InvalidAmount",
    "InvalidInput",
    "InvariantViolation",
    "KeyReused",
    "Money",
    "NotInMinorUnits",
    "UnknownCurrency",
    "allocate",
    "cash_round",
    "currency",
]

__version__ = "0.1.0"
