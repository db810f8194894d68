"""In-memory records of one tenant's ERP data; REST and GraphQL views are derived from them.

Amounts are floats rounded to cents (a sandbox, not a ledger). Order totals, payment status and
delivery status are *derived* from the line items, so writes through any API stay consistent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

LINE_TYPE_ITEM = 1
LINE_TYPE_SHIPPING = 2

PAYMENT_STATUSES = ("UNPAID", "PARTIALLY_PAID", "PAID")
"""GraphQL ``SalesOrderInvoicePaymentStatus``; the index is the v1/v2 REST int."""

DELIVERY_STATUSES = (
    "CANCELLED",
    "OPEN",
    "PARTIALLY_ON_DELIVERY_NOTE",
    "COMPLETELY_ON_DELIVERY_NOTE",
    "PARTIALLY_SHIPPED",
    "COMPLETELY_SHIPPED",
    "CREDITED",
    "COMPLETED_WITHOUT_SHIPMENT",
)
"""GraphQL ``DeliveryStatus``; the index is the v2 REST int."""

LINE_ITEM_TYPES = (
    "CUSTOM",
    "ITEM",
    "SHIPPING",
    "COUPON",
    "VOUCHER",
    "PAYMENT",
    "SHIPPING_SURCHARGE",
    "NEW_CUSTOMER_COUPON",
    "CASH_ON_DELIVERY",
    "SHIPPING_SURCHARGE_ITEM",
    "PACKING",
    "GIFT_FOR_FREE",
    "TRUSTED_SHOPS",
    "INTEREST_PREMIUM",
    "PROCESSING_FEE",
    "CARTON",
    "RETURN_DELIVERY",
    "MULTI_PURPOSE_VOUCHER",
    "MULTI_PURPOSE_VOUCHER_DIGITAL",
    "SINGLE_PURPOSE_VOUCHER",
    "SINGLE_PURPOSE_VOUCHER_DIGITAL",
    "SINGLE_PURPOSE_VOUCHER_REDEMPTION",
)
"""GraphQL ``LineItemType``, in the order of the v1 ``Type`` ints 0–21 (erp-api.md §7)."""


def money(value: float) -> float:
    return round(value + 0.0, 2)


@dataclass(kw_only=True, slots=True)
class Company:
    key: int
    name: str
    street: str
    postal_code: str
    city: str
    country_iso: str
    vat_id: str
    email: str
    phone: str


@dataclass(kw_only=True, slots=True)
class CustomerGroup:
    key: int
    name: str
    is_default: bool
    discount: float
    is_net_price: bool


@dataclass(kw_only=True, slots=True)
class PaymentMethod:
    key: int
    name: str
    is_default: bool
    is_active: bool
    payment_option: str


@dataclass(kw_only=True, slots=True)
class ShippingMethod:
    key: int
    name: str
    priority: int
    gross_price: float
    is_active: bool


@dataclass(kw_only=True, slots=True)
class SalesChannel:
    key: int
    name: str
    legacy_id: str


@dataclass(kw_only=True, slots=True)
class Address:
    salutation: str
    first_name: str
    last_name: str
    company: str
    street: str
    postal_code: str
    city: str
    country_iso: str
    email: str
    phone: str
    vat_id: str = ""


@dataclass(kw_only=True, slots=True)
class Customer:
    key: int
    number: str
    group_key: int
    company_key: int
    payment_method_key: int
    created: datetime
    language_iso: str
    billing: Address
    shipment: Address
    is_locked: bool = False
    payment_due_days: int = 14


@dataclass(kw_only=True, slots=True)
class Item:
    key: int
    sku: str
    name: str
    description: str
    short_description: str
    gtin: str
    manufacturer_name: str
    manufacturer_number: str
    product_group_name: str
    default_supplier: str
    sales_price_net: float
    tax_rate: float
    purchase_price_net: float
    suggested_retail_price: float
    minimum_stock: float
    minimum_order_quantity: float
    purchase_interval: float
    delivery_time_days: int
    weight: float
    created: datetime
    modified: datetime
    is_active: bool = True
    stock_incoming: float = 0.0

    @property
    def sales_price_gross(self) -> float:
        return money(self.sales_price_net * (1 + self.tax_rate / 100))

    @property
    def tax_class_name(self) -> str:
        return "Normaler Steuersatz" if self.tax_rate >= 19 else "Ermäßigter Steuersatz"


@dataclass(kw_only=True, slots=True)
class Warehouse:
    key: int
    name: str
    code: str
    is_active: bool
    company_key: int
    storage_location_key: int
    storage_location_name: str


@dataclass(kw_only=True, slots=True)
class Stock:
    warehouse_key: int
    item_key: int
    quantity: float
    locked_for_shipment: float = 0.0


@dataclass(kw_only=True, slots=True)
class LineItem:
    key: int
    order_key: int
    item_key: int | None
    type: int
    name: str
    sku: str
    quantity: float
    sales_price_net: float
    tax_rate: float
    purchase_price_net: float
    discount: float = 0.0
    quantity_delivered: float = 0.0
    notice: str = ""
    sales_unit: str = "Stk."

    @property
    def sales_price_gross(self) -> float:
        return money(self.sales_price_net * (1 + self.tax_rate / 100))

    @property
    def total_net(self) -> float:
        return money(self.quantity * self.sales_price_net * (1 - self.discount / 100))

    @property
    def total_gross(self) -> float:
        return money(self.total_net * (1 + self.tax_rate / 100))


@dataclass(kw_only=True, slots=True)
class SalesOrder:
    key: int
    number: str
    external_number: str
    customer_key: int
    company_key: int
    sales_channel_key: int
    payment_method_key: int
    shipping_method_key: int
    date: datetime
    billing: Address
    shipment: Address
    line_items: list[LineItem] = field(default_factory=list)
    already_paid: float = 0.0
    date_of_payment: datetime | None = None
    shipping_date: datetime | None = None
    invoice_number: str = ""
    is_cancelled: bool = False
    is_pending: bool = False
    cancelled_date: datetime | None = None
    comment: str = ""
    customer_comment: str = ""
    currency_iso: str = "EUR"
    language_iso: str = "DE"

    @property
    def total_net(self) -> float:
        return money(sum(line.total_net for line in self.line_items))

    @property
    def total_gross(self) -> float:
        return money(sum(line.total_gross for line in self.line_items))

    @property
    def still_to_pay(self) -> float:
        return max(money(self.total_gross - self.already_paid), 0.0)

    @property
    def payment_status(self) -> str:
        if self.already_paid <= 0:
            return "UNPAID"
        return "PAID" if self.still_to_pay <= 0 else "PARTIALLY_PAID"

    @property
    def delivery_status(self) -> str:
        if self.is_cancelled:
            return "CANCELLED"
        lines = [line for line in self.line_items if line.type == LINE_TYPE_ITEM]
        delivered = [line for line in lines if line.quantity_delivered >= line.quantity]
        if lines and len(delivered) == len(lines):
            return "COMPLETELY_SHIPPED"
        if any(line.quantity_delivered > 0 for line in lines):
            return "PARTIALLY_SHIPPED"
        return "OPEN"
