"""Item-supplier links and shipped packages: records both REST generations and GraphQL write.

Suppliers themselves stay derived (one per distinct ``Item.default_supplier`` name, keyed by
its place in the sorted names); a link names one by that key. Packages belong to shipped
orders; the seed gives each shipped order one, keyed like its order (and its delivery note).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(kw_only=True, slots=True)
class ItemSupplier:
    """What 1.0 ``ItemSupplier`` and 2.0 ``ItemSupplier`` both carry, under the 2.0 names."""

    item_key: int
    supplier_key: int
    supplier_item_name: str
    supplier_item_number: str
    net_purchase_price: float
    vat_rate: float
    minimum_purchase_quantity: int
    delivery_time_days: int
    is_default: bool = False
    stock_level: float = 0.0
    is_dropshipping_active: bool = False
    use_supplier_delivery_time: bool = False
    include_supplier_stock: bool = False
    package_unit_description: str = ""
    package_unit_quantity: float = 1.0
    notes: str = ""
    purchase_interval: float = 1.0


@dataclass(kw_only=True, slots=True)
class Package:
    """A delivery note's package (1.0/2.0 ``DeliveryNotePackage``)."""

    key: int
    order_key: int
    weight: float
    tracking_id: str
    package_date: datetime
    shipped_date: datetime
