"""Item prices: one price book per item (``seed_prices`` derives it on first use).

JTL keeps a price per (sales channel, customer group, from-quantity) plus customer prices and
special prices; 1.0 shows them as flat rows, 2.0 as ``ItemPrices`` (platform = the JTL-Wawi
channel ``1-1-1``, other channels as ``SalesChannelPrices``). The default group's base row on
the Wawi channel *is* the item's ``sales_price_net``, so item reads and price reads agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

WAWI_CHANNEL = "1-1-1"
ALL_GROUPS = 0


@dataclass(kw_only=True, slots=True)
class PriceRow:
    net_price: float
    reduce_percent: float = 0.0


@dataclass(kw_only=True, slots=True)
class SpecialPriceRow:
    channel: str
    group_key: int
    net_price: float
    is_active: bool = True


@dataclass(kw_only=True, slots=True)
class SpecialPrices:
    is_active: bool
    start: datetime
    end_active: bool = False
    end: datetime | None = None
    till_amount_active: bool = False
    till_amount: int = 0
    rows: list[SpecialPriceRow] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class PriceBook:
    channel: dict[tuple[str, int, int], PriceRow]
    """(sales channel legacy id, customer group key or 0 for all, from-quantity) -> price."""
    customer: dict[tuple[int, int], PriceRow]
    """(customer key, from-quantity) -> price."""
    special: SpecialPrices
    inactive_channels: set[str] = field(default_factory=set)
    ignore_discounts: bool = False
    ebay_price: float = 0.0
    amazon_price: float = 0.0
