"""Pricing: price lists, the partner-discount-then-degressive quote, cashback and bulk pricing (SPEC §2)."""

from .bulk import PricedLine, price_lines
from .cashback import Cashback, cashback
from .errors import (
    DegressiveWithoutTiers,
    DuplicateProduct,
    InvalidPeriod,
    InvalidPrice,
    InvalidProductField,
    InvalidQuantity,
    InvalidQuoteRequest,
    InvalidRate,
    InvalidTiers,
    NoPriceForCurrency,
    NoPriceForPeriod,
    PriceListError,
    TiersWithoutDegressiveProduct,
    UnknownProduct,
    UnprintableProductText,
)
from .price_list import MAX_PERIODS, MAX_QUANTITY, MAX_TIER_COUNT, PERIODS, PriceList, Product, Tier
from .quote import LineQuote, OrderLine, Quote, Step, price_order_line, quote, quote_line
from .steps import DEGRESSIVE_TARIFF, PARTNER_DISCOUNT, pricing_steps

__all__ = [
    "DEGRESSIVE_TARIFF",
    "MAX_PERIODS",
    "MAX_QUANTITY",
    "MAX_TIER_COUNT",
    "PARTNER_DISCOUNT",
    "PERIODS",
    "Cashback",
    "DegressiveWithoutTiers",
    "DuplicateProduct",
    "InvalidPeriod",
    "InvalidPrice",
    "InvalidProductField",
    "InvalidQuantity",
    "InvalidQuoteRequest",
    "InvalidRate",
    "InvalidTiers",
    "LineQuote",
    "NoPriceForCurrency",
    "NoPriceForPeriod",
    "OrderLine",
    "PriceList",
    "PriceListError",
    "PricedLine",
    "Product",
    "Quote",
    "Step",
    "Tier",
    "TiersWithoutDegressiveProduct",
    "UnknownProduct",
    "UnprintableProductText",
    "cashback",
    "price_lines",
    "price_order_line",
    "pricing_steps",
    "quote",
    "quote_line",
]
