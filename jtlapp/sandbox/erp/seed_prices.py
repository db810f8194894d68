"""Each item's price book, derived from its net price and the customer groups on first use.

Deriving on first use keeps the seed of the other records untouched and costs nothing for
items nobody prices. Which rows a book starts with (group discounts, a scale price from 10, a
shop price for channel ``5-2-1``, a customer price on every 5th item, a special price on every
7th) is the sandbox's own seed choice; JTL documents only the shapes.
"""

from __future__ import annotations

from jtlapp.sandbox.erp.records import Item, money
from jtlapp.sandbox.erp.records_prices import (
    ALL_GROUPS,
    WAWI_CHANNEL,
    PriceBook,
    PriceRow,
    SpecialPriceRow,
    SpecialPrices,
)
from jtlapp.sandbox.erp.tenant import TenantData

SHOP_CHANNEL = "5-2-1"
SCALE_FROM = 10
SCALE_DISCOUNT = 5.0
CUSTOMER_PRICE_EVERY = 5
SPECIAL_PRICE_EVERY = 7
SPECIAL_DISCOUNT = 15.0


def default_group_key(data: TenantData) -> int:
    return next((g.key for g in data.customer_groups.values() if g.is_default), 1)


def _derived(data: TenantData, item: Item) -> PriceBook:
    price = item.sales_price_net
    channel = {
        (WAWI_CHANNEL, g.key, 0): PriceRow(net_price=money(price * (1 - g.discount / 100)))
        for g in data.customer_groups.values()
    }
    default = default_group_key(data)
    channel[(WAWI_CHANNEL, default, SCALE_FROM)] = PriceRow(
        net_price=money(price * (1 - SCALE_DISCOUNT / 100))
    )
    channel[(SHOP_CHANNEL, ALL_GROUPS, 0)] = PriceRow(net_price=price)
    customer: dict[tuple[int, int], PriceRow] = {}
    if item.key % CUSTOMER_PRICE_EVERY == 0 and data.customers:
        keys = sorted(data.customers)
        customer[(keys[item.key % len(keys)], 0)] = PriceRow(net_price=money(price * 0.9))
    special = SpecialPrices(is_active=item.key % SPECIAL_PRICE_EVERY == 0, start=item.created)
    if special.is_active:
        special.rows.append(
            SpecialPriceRow(
                channel=WAWI_CHANNEL,
                group_key=default,
                net_price=money(price * (1 - SPECIAL_DISCOUNT / 100)),
            )
        )
    return PriceBook(channel=channel, customer=customer, special=special)


def price_book(data: TenantData, item: Item) -> PriceBook:
    """The item's book, derived on first use; the base row follows the item's net price."""
    with data.lock:
        book = data.price_books.get(item.key)
        if book is None:
            book = data.price_books[item.key] = _derived(data, item)
        base = book.channel.get((WAWI_CHANNEL, default_group_key(data), 0))
        if base is not None:
            base.net_price = item.sales_price_net
        return book


def base_price_set(data: TenantData, item: Item, *, net_price: float) -> None:
    """Writing the base row writes the item's net price, as JTL's default price is that."""
    with data.lock:
        item.sales_price_net = net_price
        price_book(data, item)
