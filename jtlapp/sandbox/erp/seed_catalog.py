"""Deterministic category tree and returns, tied to the seeded items and shipped orders.

Runs after the orders are seeded and draws nothing from the shared random stream, so adding
it leaves every earlier record exactly as it was.
"""

from __future__ import annotations

from datetime import timedelta

from jtlapp.sandbox.erp.records import LINE_TYPE_ITEM, LineItem, SalesOrder
from jtlapp.sandbox.erp.records_catalog import (
    RETURN_REASONS,
    Category,
    Return,
    ReturnLine,
    ReturnPackage,
    Variation,
    VariationValue,
)
from jtlapp.sandbox.erp.seed_item_fields import seed_item_fields
from jtlapp.sandbox.erp.tenant import TenantData

ROOT_KEY = 1
RETURN_EVERY_NTH_SHIPPED = 40
RETURNS_WAREHOUSE_KEY = 3
ITEMS_WITH_VARIATIONS = 3
VARIATIONS: dict[str, tuple[str, str, int, tuple[tuple[str, str, float, float], ...]]] = {
    "Haushalt": (
        "Farbe",
        "Colour",
        2,
        (("Weiß", "White", 0.0, 0.0), ("Schwarz", "Black", 0.0, 0.0), ("Rot", "Red", 1.5, 0.0)),
    ),
    "Kaffee & Tee": (
        "Packungsgröße",
        "Pack size",
        0,
        (("250 g", "250 g", 0.0, 0.0), ("500 g", "500 g", 4.0, 0.25), ("1 kg", "1 kg", 9.0, 0.75)),
    ),
}
"""Product group -> (name, English name, 1.0 type, values (name, English, surcharge net,
weight offset)): the sandbox's own seed choice for the first items of two groups."""


def seed_catalog(*, data: TenantData) -> None:
    _seed_categories(data=data)
    _seed_returns(data=data)
    _seed_variations(data=data)
    seed_item_fields(data=data)


def _seed_categories(*, data: TenantData) -> None:
    """One root "Sortiment", a child per product group holding its items, and "Neuheiten"."""
    data.categories[ROOT_KEY] = Category(
        key=ROOT_KEY,
        name="Sortiment",
        description="Alle Artikel",
        parent_key=0,
        sort_number=1,
        active_sales_channels="1-1-1,5-2-1",
    )
    groups = sorted({item.product_group_name for item in data.items.values()})
    for index, group in enumerate(groups, start=2):
        data.categories[index] = Category(
            key=index,
            name=group,
            description=f"Unser Sortiment {group}",
            parent_key=ROOT_KEY,
            sort_number=index - 1,
            active_sales_channels="1-1-1,5-2-1",
            item_keys=sorted(k for k, i in data.items.items() if i.product_group_name == group),
        )
    newest = sorted(data.items.values(), key=lambda i: (i.created, i.key), reverse=True)[:5]
    key = len(groups) + 2
    data.categories[key] = Category(
        key=key,
        name="Neuheiten",
        description="Neu im Sortiment",
        parent_key=ROOT_KEY,
        sort_number=key - 1,
        active_sales_channels="5-2-1",
        item_keys=sorted(item.key for item in newest),
    )


def _returnable(data: TenantData) -> list[SalesOrder]:
    shipped = sorted(
        (o for o in data.orders.values() if o.shipping_date and not o.is_cancelled),
        key=lambda o: o.key,
    )
    return shipped[::RETURN_EVERY_NTH_SHIPPED]


def _first_delivered_line(order: SalesOrder) -> LineItem | None:
    return next(
        (
            li
            for li in order.line_items
            if li.type == LINE_TYPE_ITEM and li.quantity_delivered > 0 and li.item_key is not None
        ),
        None,
    )


def _seed_returns(*, data: TenantData) -> None:
    """Every 40th shipped order returns one piece of its first delivered item line."""
    for key, order in enumerate(_returnable(data), start=1):
        line = _first_delivered_line(order)
        if line is None or line.item_key is None or order.shipping_date is None:
            continue
        moment = order.shipping_date + timedelta(days=3 + key % 5)
        reason = RETURN_REASONS[key % len(RETURN_REASONS)][0]
        data.returns[key] = Return(
            key=key,
            number=f"RMA-{moment:%Y%m}-{key:05d}",
            date=moment,
            order_key=order.key,
            customer_key=order.customer_key,
            company_key=order.company_key,
            warehouse_key=RETURNS_WAREHOUSE_KEY,
            state_key=3 if moment.date() < data.today - timedelta(days=14) else 2,
            origin=1,  # documented 1=Email: seeded returns came in by mail
            external_number=order.external_number,
            contact=f"{order.billing.first_name} {order.billing.last_name}",
            lines=[
                ReturnLine(
                    key=key,
                    order_line_key=line.key,
                    item_key=line.item_key,
                    name=line.name,
                    sku=line.sku,
                    quantity=1.0,
                    reason_key=reason,
                )
            ],
            packages=[_package(key=key, order=order)],
        )


def _package(*, key: int, order: SalesOrder) -> ReturnPackage:
    tracking = f"00340435{order.key:010d}"
    return ReturnPackage(
        key=key, tracking_id=tracking, shipping_method_key=order.shipping_method_key
    )


def _seed_variations(*, data: TenantData) -> None:
    """The first few items of two product groups vary by colour or pack size."""
    value_key = 0
    for group, (name, english, kind, values) in VARIATIONS.items():
        items = sorted(k for k, i in data.items.items() if i.product_group_name == group)
        for item_key in items[:ITEMS_WITH_VARIATIONS]:
            key = len(data.variations) + 1
            variation = Variation(
                key=key, item_key=item_key, name=name, type=kind, translations={"EN": english}
            )
            for position, (value, value_en, surcharge, weight) in enumerate(values, start=1):
                value_key += 1
                variation.values.append(
                    VariationValue(
                        key=value_key,
                        name=value,
                        translations={"EN": value_en},
                        item_number=f"{data.items[item_key].sku}-{position}",
                        weight_offset=weight,
                        surcharge_net=surcharge,
                    )
                )
            data.variations[key] = variation
