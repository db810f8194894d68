"""Item-supplier links and packages of the store, shared by REST reads and GraphQL writes.

Both are derived on first use from what the seed already holds (an item's default supplier,
a shipped order's lines), so reads answer what they answered before anything was written;
after that the record is the truth and writes (``AddItemSupplier``, ``ChangePackageWeight``,
``CreateDeliverPackage``) show in every later read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from jtlapp.sandbox.erp.records import LINE_TYPE_ITEM, Item, SalesOrder
from jtlapp.sandbox.erp.records_supply import ItemSupplier, Package
from jtlapp.sandbox.erp.rest_common import validation_error
from jtlapp.sandbox.erp.tenant import TenantData


def supplier_names(*, data: TenantData) -> list[str]:
    """The derived suppliers; supplier key ``n`` is the ``n``-th name (from 1)."""
    return sorted({item.default_supplier for item in data.items.values() if item.default_supplier})


def _default_link(data: TenantData, item: Item) -> list[ItemSupplier]:
    names = supplier_names(data=data)
    if item.default_supplier not in names:
        return []
    link = ItemSupplier(
        item_key=item.key,
        supplier_key=names.index(item.default_supplier) + 1,
        supplier_item_name=item.name,
        supplier_item_number=item.sku,
        net_purchase_price=item.purchase_price_net,
        vat_rate=item.tax_rate,
        minimum_purchase_quantity=int(item.minimum_order_quantity),
        delivery_time_days=item.delivery_time_days,
        is_default=True,
        purchase_interval=item.purchase_interval,
    )
    return [link]


def item_suppliers(*, data: TenantData, item: Item) -> list[ItemSupplier]:
    """The item's links, the default supplier's first; seeded from the item on first use."""
    with data.lock:
        links = data.item_suppliers.get(item.key)
        if links is None:
            links = data.item_suppliers[item.key] = _default_link(data, item)
        return links


@dataclass(kw_only=True)
class SupplierLinkSpec:
    """``CreateItemSupplierInput`` (GraphQL) / ``CreateItemSupplier`` (2.0 REST); None: unsent."""

    supplier_key: int
    supplier_item_name: str | None = None
    supplier_item_number: str | None = None
    stock_level: float | None = None
    net_purchase_price: float | None = None
    minimum_purchase_quantity: int | None = None
    delivery_time_days: int | None = None
    is_dropshipping_active: bool | None = None
    package_unit_description: str | None = None
    package_unit_quantity: float | None = None
    notes: str | None = None
    vat_rate: float | None = None
    use_supplier_delivery_time: bool | None = None
    include_supplier_stock: bool | None = None
    purchase_interval: float | None = None


def item_supplier_add(*, data: TenantData, item: Item, spec: SupplierLinkSpec) -> ItemSupplier:
    """A further supplier of the item; an unknown or already linked supplier is refused."""
    with data.lock:
        if not 1 <= spec.supplier_key <= len(supplier_names(data=data)):
            raise validation_error("supplierId", "No supplier with the given supplierId exists.")
        links = item_suppliers(data=data, item=item)
        if any(link.supplier_key == spec.supplier_key for link in links):
            raise validation_error("supplierId", "The supplier already supplies this item.")
        link = ItemSupplier(
            item_key=item.key,
            supplier_key=spec.supplier_key,
            supplier_item_name=spec.supplier_item_name or "",
            supplier_item_number=spec.supplier_item_number or "",
            net_purchase_price=spec.net_purchase_price or 0.0,
            vat_rate=item.tax_rate if spec.vat_rate is None else spec.vat_rate,
            minimum_purchase_quantity=spec.minimum_purchase_quantity or 1,
            delivery_time_days=spec.delivery_time_days or 0,
            is_default=not links,
        )
        for name in _OPTIONAL:
            value = getattr(spec, name)
            if value is not None:
                setattr(link, name, value)
        links.append(link)
        return link


_OPTIONAL = (
    "stock_level",
    "is_dropshipping_active",
    "package_unit_description",
    "package_unit_quantity",
    "notes",
    "use_supplier_delivery_time",
    "include_supplier_stock",
    "purchase_interval",
)


def _seed_weight(data: TenantData, order: SalesOrder) -> float:
    weights = (
        line.quantity * data.items[line.item_key].weight
        for line in order.line_items
        if line.type == LINE_TYPE_ITEM and line.item_key in data.items
    )
    return round(sum(weights), 3)


def order_package(*, data: TenantData, order: SalesOrder) -> Package | None:
    """A shipped order's package (None: not shipped), its weight that of the shipped lines."""
    if order.shipping_date is None:
        return None
    with data.lock:
        package = data.packages.get(order.key)
        if package is None:
            package = data.packages[order.key] = Package(
                key=order.key,
                order_key=order.key,
                weight=_seed_weight(data, order),
                tracking_id=f"00340434{order.key:010d}",
                package_date=order.shipping_date,
                shipped_date=order.shipping_date,
            )
        return package


def package_find(*, data: TenantData, key: int) -> Package | None:
    order = data.orders.get(key)
    return None if order is None else order_package(data=data, order=order)


def package_weight_change(*, data: TenantData, package: Package, weight: float) -> None:
    if weight < 0:
        raise validation_error("weight", "The weight must not be negative.")
    with data.lock:
        package.weight = weight


def package_deliver(
    *, data: TenantData, package: Package, tracking_code: str | None, shipped: datetime | None
) -> None:
    """Record the carrier's tracking code and the shipping date; unsent values stay."""
    with data.lock:
        if tracking_code is not None:
            package.tracking_id = tracking_code
        if shipped is not None:
            package.shipped_date = shipped


def supply_seed(*, data: TenantData) -> None:
    """Build the seeded items' supplier links and the shipped orders' packages up front.

    Built lazily, they would copy whatever an item or order looked like at its first read, so
    a change made before that read would show in them and one made after would not.
    """
    for item in data.items.values():
        item_suppliers(data=data, item=item)
    for order in data.orders.values():
        order_package(data=data, order=order)
