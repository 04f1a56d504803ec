"""Exact money: amounts, currencies, the one rounding rule, allocation and cash rounding."""

from .allocation import allocate
from .cash import CashRounding, cash_round
from .currency import Currency, currency, known_currency_codes
from .money import Money
from .rounding import ROUNDING, round_half_up

__all__ = [
    "ROUNDING",
    "CashRounding",
    "Currency",
    "Money",
    "allocate",
    "cash_round",
    "currency",
    "known_currency_codes",
    "round_half_up",
]
