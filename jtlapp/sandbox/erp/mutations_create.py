"""Record creation shared by REST and GraphQL.

A record made through one API reads back through the other. Callers parse their own request
shapes into these specs; ``None`` means "not sent" and takes what the ERP would default to (the
customer's data, the first company).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from jtlapp.sandbox.erp.mutations import (
    ItemChanges,
    LineItemSpec,
    item_apply,
    line_item_build,
)
from jtlapp.sandbox.erp.records import Address, Customer, Item, SalesOrder
from jtlapp.sandbox.erp.rest_common import validation_error
from jtlapp.sandbox.erp.seed_orders import at_utc
from jtlapp.sandbox.erp.tenant import TenantData


@dataclass(kw_only=True)
class OrderSpec:
    company_key: int | None = None
    payment_method_key: int | None = None
    shipping_method_key: int | None = None
    number: str | None = None
    external_number: str | None = None
    date: datetime | None = None
    billing: Address | None = None
    shipment: Address | None = None
    language_iso: str | None = None
    currency_iso: str | None = None
    comment: str | None = None
    customer_comment: str | None = None


def sales_order_create(
    *, data: TenantData, customer: Customer, spec: OrderSpec, lines: list[LineItemSpec]
) -> SalesOrder:
    """A new order numbered ``AU-yyyy-n`` as the seed numbers them, with its line items.

    An invalid line leaves no order behind.
    """
    with data.lock:
        key = data.key_issue(kind="salesorder", existing=data.orders)
        order = SalesOrder(
            key=key,
            number=spec.number or f"AU-{data.today:%Y}-{100_000 + key}",
            external_number=spec.external_number or "",
            customer_key=customer.key,
            company_key=spec.company_key or min(data.companies, default=1),
            sales_channel_key=min(data.sales_channels, default=1),
            payment_method_key=spec.payment_method_key or customer.payment_method_key,
            shipping_method_key=spec.shipping_method_key or min(data.shipping_methods, default=1),
            date=spec.date or at_utc(data.today, hour=12),
            billing=spec.billing or replace(customer.billing),
            shipment=spec.shipment or replace(customer.shipment),
            language_iso=spec.language_iso or customer.language_iso,
            currency_iso=spec.currency_iso or "EUR",
            comment=spec.comment or "",
            customer_comment=spec.customer_comment or "",
        )
        order.line_items = [line_item_build(data=data, order_key=key, spec=s) for s in lines]
        data.orders[key] = order  # only once every line is valid
        return order


def invoice_number_assign(*, data: TenantData, order: SalesOrder) -> str:
    """An order has at most one invoice (``RE-yyyymm-n``); asking again answers the same."""
    with data.lock:
        if not order.invoice_number:
            numbered = sum(1 for o in data.orders.values() if o.invoice_number)
            order.invoice_number = f"RE-{order.date:%Y%m}-{10_000 + numbered}"
        return order.invoice_number


@dataclass(kw_only=True)
class CustomerSpec:
    group_key: int
    billing: Address
    company_key: int | None = None
    shipment: Address | None = None
    payment_method_key: int | None = None
    number: str | None = None
    language_iso: str | None = None
    is_locked: bool | None = None
    payment_due_days: int | None = None


def customer_create(*, data: TenantData, spec: CustomerSpec) -> Customer:
    """Unknown groups or companies are a validation error; the number continues the series."""
    with data.lock:
        if spec.group_key not in data.customer_groups:
            raise validation_error("CustomerGroupId", "No customer group with the given ID.")
        if spec.company_key is not None and spec.company_key not in data.companies:
            raise validation_error("CompanyId", "No company with the given ID exists.")
        key = data.key_issue(kind="customer", existing=data.customers)
        numbers = [int(c.number) for c in data.customers.values() if c.number.isdigit()]
        customer = Customer(
            key=key,
            number=spec.number or str(max(numbers, default=10_000) + 1),
            group_key=spec.group_key,
            company_key=spec.company_key or min(data.companies, default=1),
            payment_method_key=spec.payment_method_key or min(data.payment_methods, default=1),
            created=at_utc(data.today, hour=12),
            language_iso=spec.language_iso or "DE",
            billing=spec.billing,
            shipment=spec.shipment or replace(spec.billing),
            is_locked=bool(spec.is_locked),
            payment_due_days=spec.payment_due_days or 14,
        )
        data.customers[key] = customer
        return customer


def item_create(*, data: TenantData, changes: ItemChanges) -> Item:
    """An active item with the sent fields; an unsent SKU gets the next ``ART-n``."""
    with data.lock:
        key = data.key_issue(kind="item", existing=data.items)
        now = at_utc(data.today, hour=12)
        item = Item(
            key=key,
            sku=f"ART-{1000 + key}",
            name="",
            description="",
            short_description="",
            gtin="",
            manufacturer_name="",
            manufacturer_number="",
            product_group_name="",
            default_supplier="",
            sales_price_net=0.0,
            tax_rate=19.0,
            purchase_price_net=0.0,
            suggested_retail_price=0.0,
            minimum_stock=0.0,
            minimum_order_quantity=1.0,
            purchase_interval=1.0,
            delivery_time_days=0,
            weight=0.0,
            created=now,
            modified=now,
        )
        item_apply(data=data, item=item, changes=changes)
        data.items[key] = item
        return item
