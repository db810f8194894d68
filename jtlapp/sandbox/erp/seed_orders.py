"""Seeded sales-order history: ~14 months before ``today``, newer orders more often still open."""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from jtlapp.sandbox.erp import seed_data
from jtlapp.sandbox.erp.records import (
    LINE_TYPE_ITEM,
    LINE_TYPE_SHIPPING,
    Customer,
    LineItem,
    SalesOrder,
    money,
)
from jtlapp.sandbox.erp.tenant import TenantData

HISTORY_DAYS = 425
FREE_SHIPPING_FROM_GROSS = 50.0

# (max age in days, paid/partial/unpaid weights, shipped/partial/open weights)
_STATUS_BY_AGE = (
    (7, (45, 5, 50), (35, 10, 55)),
    (30, (70, 10, 20), (75, 10, 15)),
    (HISTORY_DAYS + 1, (90, 4, 6), (95, 3, 2)),
)


def at_utc(day: date, *, hour: int = 0, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def seed_orders(*, data: TenantData, rng: random.Random, customers: list[Customer]) -> None:
    """Create 430–470 orders with 1–6 lines; ``customers`` sorted by creation time."""
    count = rng.randint(430, 470)
    moments = sorted(_order_moment(data=data, rng=rng) for _ in range(count))
    first_number = rng.randint(1_000_000, 1_004_000)
    created = [customer.created for customer in customers]
    for index, moment in enumerate(moments):
        existing = max(bisect_right(created, moment), 1)
        customer = customers[rng.randrange(existing)]
        order = _new_order(data=data, rng=rng, key=index + 1, moment=moment, customer=customer)
        order.number = f"A{first_number + index}"
        _add_lines(data=data, rng=rng, order=order, customer=customer)
        _apply_status(data=data, rng=rng, order=order, index=index)
        data.orders[order.key] = order


def _order_moment(*, data: TenantData, rng: random.Random) -> datetime:
    age = int((rng.random() ** 1.25) * HISTORY_DAYS)
    day = data.today - timedelta(days=age)
    return at_utc(day, hour=rng.randint(6, 22), minute=rng.randint(0, 59))


def _new_order(
    *, data: TenantData, rng: random.Random, key: int, moment: datetime, customer: Customer
) -> SalesOrder:
    channel = rng.choices((1, 2, 3, 4), weights=(15, 55, 20, 10))[0]
    external = ""
    if channel == 3:
        middle, last = rng.randint(1_000_000, 9_999_999), rng.randint(1_000_000, 9_999_999)
        external = f"{rng.randint(300, 309)}-{middle}-{last}"
    elif channel in (2, 4):
        external = f"D{rng.randint(100, 999)}-{rng.randint(10_000, 99_999)}-{rng.randint(100, 999)}"
    return SalesOrder(
        key=key,
        number="",
        external_number=external,
        customer_key=customer.key,
        company_key=2 if channel == 3 else 1,
        sales_channel_key=channel,
        payment_method_key=customer.payment_method_key if rng.random() < 0.7 else rng.randint(1, 5),
        shipping_method_key=rng.choices((1, 2, 3, 4, 5), weights=(50, 20, 20, 3, 7))[0],
        date=moment,
        billing=replace(customer.billing),
        shipment=replace(customer.shipment),
        comment=rng.choice(seed_data.COMMENTS),
        language_iso=customer.language_iso,
    )


def _add_lines(
    *, data: TenantData, rng: random.Random, order: SalesOrder, customer: Customer
) -> None:
    count = rng.choices((1, 2, 3, 4, 5, 6), weights=(30, 25, 18, 12, 9, 6))[0]
    discount = data.customer_groups[customer.group_key].discount
    for item in rng.sample(list(data.items.values()), count):
        order.line_items.append(
            LineItem(
                key=data.allocate_line_item_key(),
                order_key=order.key,
                item_key=item.key,
                type=LINE_TYPE_ITEM,
                name=item.name,
                sku=item.sku,
                quantity=float(rng.choices((1, 2, 3, 4, 6, 10), weights=(50, 20, 10, 8, 7, 5))[0]),
                sales_price_net=item.sales_price_net,
                tax_rate=item.tax_rate,
                purchase_price_net=item.purchase_price_net,
                discount=discount,
            )
        )
    shipping = data.shipping_methods[order.shipping_method_key]
    if shipping.gross_price > 0 and order.total_gross < FREE_SHIPPING_FROM_GROSS:
        order.line_items.append(
            LineItem(
                key=data.allocate_line_item_key(),
                order_key=order.key,
                item_key=None,
                type=LINE_TYPE_SHIPPING,
                name=shipping.name,
                sku="",
                quantity=1.0,
                sales_price_net=money(shipping.gross_price / 1.19),
                tax_rate=19.0,
                purchase_price_net=0.0,
                sales_unit="",
            )
        )


def _apply_status(*, data: TenantData, rng: random.Random, order: SalesOrder, index: int) -> None:
    age = (data.today - order.date.date()).days
    if rng.random() < 0.04:
        order.is_cancelled = True
        order.cancelled_date = min(order.date + timedelta(days=1), at_utc(data.today, hour=23))
        return
    if age <= 20 and rng.random() < 0.08:
        order.is_pending = True
        return
    payment_weights, shipping_weights = next(
        (pay, ship) for max_age, pay, ship in _STATUS_BY_AGE if age <= max_age
    )
    payment = rng.choices(("paid", "partial", "unpaid"), weights=payment_weights)[0]
    shipping = rng.choices(("shipped", "partial", "open"), weights=shipping_weights)[0]
    latest = at_utc(data.today, hour=23, minute=59)
    if payment != "unpaid":
        share = 1.0 if payment == "paid" else rng.uniform(0.2, 0.8)
        order.already_paid = money(order.total_gross * share)
        order.date_of_payment = min(order.date + timedelta(days=rng.randint(0, 10)), latest)
    _apply_shipping(order=order, shipping=shipping, rng=rng, latest=latest)
    if payment == "paid" or shipping == "shipped":
        order.invoice_number = f"RE-{order.date:%Y%m}-{10_000 + index}"


def _apply_shipping(
    *, order: SalesOrder, shipping: str, rng: random.Random, latest: datetime
) -> None:
    item_lines = [line for line in order.line_items if line.type == LINE_TYPE_ITEM]
    if shipping == "open":
        return
    if shipping == "partial":
        if len(item_lines) > 1:
            item_lines[0].quantity_delivered = item_lines[0].quantity
        elif item_lines[0].quantity > 1:
            item_lines[0].quantity_delivered = item_lines[0].quantity - 1
        else:
            return
    else:
        for line in item_lines:
            line.quantity_delivered = line.quantity
    order.shipping_date = min(order.date + timedelta(days=rng.randint(1, 4)), latest)
