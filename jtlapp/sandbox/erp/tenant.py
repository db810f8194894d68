"""One tenant's ERP data plus the lookups and key counters every API layer needs."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from jtlapp.sandbox.erp.ids import erp_uuid, erp_uuid_key
from jtlapp.sandbox.erp.records import (
    Company,
    Customer,
    CustomerGroup,
    Item,
    LineItem,
    PaymentMethod,
    SalesChannel,
    SalesOrder,
    ShippingMethod,
    Stock,
    Warehouse,
)
from jtlapp.sandbox.erp.records_attached import AttachedData
from jtlapp.sandbox.erp.records_catalog import Category, ItemCustomFields, Return, Variation
from jtlapp.sandbox.erp.records_prices import PriceBook
from jtlapp.sandbox.erp.records_supply import ItemSupplier, Package
from jtlapp.sandbox.openapi.overlay import Overlay


@dataclass(kw_only=True)
class TenantData:
    """All records of one merchant; writers must hold ``lock`` (Flask serves threads)."""

    tenant_id: str
    company_name: str
    today: date
    companies: dict[int, Company] = field(default_factory=dict)
    customer_groups: dict[int, CustomerGroup] = field(default_factory=dict)
    payment_methods: dict[int, PaymentMethod] = field(default_factory=dict)
    shipping_methods: dict[int, ShippingMethod] = field(default_factory=dict)
    sales_channels: dict[int, SalesChannel] = field(default_factory=dict)
    customers: dict[int, Customer] = field(default_factory=dict)
    items: dict[int, Item] = field(default_factory=dict)
    warehouses: dict[int, Warehouse] = field(default_factory=dict)
    stocks: list[Stock] = field(default_factory=list)
    orders: dict[int, SalesOrder] = field(default_factory=dict)
    categories: dict[int, Category] = field(default_factory=dict)
    returns: dict[int, Return] = field(default_factory=dict)
    variations: dict[int, Variation] = field(default_factory=dict)
    item_fields: ItemCustomFields = field(default_factory=ItemCustomFields)
    price_books: dict[int, PriceBook] = field(default_factory=dict)
    """Item key -> prices, filled on first use (``seed_prices.price_book``)."""
    item_suppliers: dict[int, list[ItemSupplier]] = field(default_factory=dict)
    """Item key -> its supplier links, filled on first use (``supply.item_suppliers``)."""
    packages: dict[int, Package] = field(default_factory=dict)
    """Order key -> its package, filled on first use (``supply.order_package``)."""
    next_line_item_key: int = 1
    issued_keys: dict[str, int] = field(default_factory=dict)
    """Kind -> highest key handed out by ``key_issue``."""
    attached: AttachedData = field(default_factory=AttachedData)
    """Notes, custom fields, bank accounts, customer categories, order files."""
    overlay: Overlay = field(default_factory=Overlay, repr=False, compare=False)
    """Records written through operations the store does not model (``openapi.overlay``)."""
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    def uuid(self, *, kind: str, key: int) -> str:
        return erp_uuid(tenant_id=self.tenant_id, kind=kind, key=key)

    def uuid_key(self, *, kind: str, value: str) -> int | None:
        return erp_uuid_key(tenant_id=self.tenant_id, kind=kind, value=value)

    def line_item(self, *, order: SalesOrder, key: int) -> LineItem | None:
        return next((line for line in order.line_items if line.key == key), None)

    def allocate_line_item_key(self) -> int:
        with self.lock:
            key = self.next_line_item_key
            self.next_line_item_key += 1
            return key

    def key_issue(self, *, kind: str, existing: Iterable[int]) -> int:
        """A new key above every seeded and every issued one.

        A deleted record's id is never handed out again, so it keeps answering 404 (``max + 1``
        over the live records would reuse it).
        """
        with self.lock:
            key = max(self.issued_keys.get(kind, 0), max(existing, default=0)) + 1
            self.issued_keys[kind] = key
            return key

    def stock_in_orders(self) -> dict[int, float]:
        """Open (unshipped, active) quantities per item: what JTL reserves for orders."""
        reserved: dict[int, float] = {}
        for order in self.orders.values():
            if order.is_cancelled:
                continue
            for line in order.line_items:
                if line.item_key is not None:
                    open_quantity = max(line.quantity - line.quantity_delivered, 0.0)
                    reserved[line.item_key] = reserved.get(line.item_key, 0.0) + open_quantity
        return reserved

    def stock_total(self) -> dict[int, float]:
        totals: dict[int, float] = {}
        for stock in self.stocks:
            totals[stock.item_key] = totals.get(stock.item_key, 0.0) + stock.quantity
        return totals
