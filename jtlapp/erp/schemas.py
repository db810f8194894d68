"""JTL's v2 REST answers, parsed once at the edge (house style rule 6).

Field names follow the v2 REST bodies (= the GraphQL types, erp-api.md §4.2, §7); only what
the app reads is modelled, the rest is ignored. Booleans accept JTL's occasional 0/1
(erp-api.md §10.9); enums stay REST ints (§10.14). The line-item route still speaks the
early-v2 DTO with ``sKU`` (§2.3), so that one field takes either spelling.
"""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from pydantic import AliasChoices, AliasGenerator, BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel, to_pascal

T = TypeVar("T")


def _either_casing(name: str) -> AliasChoices:
    """JTL's 2.0 description answers PascalCase (V1 DTOs), later versions camelCase."""
    return AliasChoices(to_camel(name), to_pascal(name))


class JtlModel(BaseModel):
    model_config = ConfigDict(
        alias_generator=AliasGenerator(
            alias=to_camel, validation_alias=_either_casing, serialization_alias=to_camel
        ),
        extra="ignore",
        frozen=True,
        populate_by_name=True,
    )


class Page(JtlModel, Generic[T]):
    """The v2 paged envelope; loop on ``has_next_page`` (``next_page_number`` may be null)."""

    total_items: int = 0
    page_number: int = 1
    page_size: int = 0
    total_pages: int = 0
    has_previous_page: bool = False
    has_next_page: bool = False
    next_page_number: int | None = None
    items: list[T] = Field(default_factory=list)


class CustomerListItem(JtlModel):
    id: str
    customer_number: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company_name: str | None = None
    email_address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country_iso: str | None = None
    customer_group_id: str | None = None
    customer_group_name: str | None = None
    created_date: datetime | None = None
    is_locked: bool = False


class CustomerAddress(JtlModel):
    address_type: int | str | None = None
    company_name: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country_iso: str | None = None
    email_address: str | None = None


class Customer(JtlModel):
    """``GET /v2/customers/{id}``: note ``customerId``, not ``id``."""

    customer_id: str
    customer_number: str | None = None
    customer_group_id: str | None = None
    created_date: datetime | None = None
    language_iso: str | None = None
    customer_addresses: list[CustomerAddress] = Field(default_factory=list)


class SalesOrderListItem(JtlModel):
    id: str
    sales_order_number: str | None = None
    sales_order_date: datetime | None = None
    customer_id: str | None = None
    customer_number: str | None = None
    currency_iso: str | None = None
    total_gross_amount: float | None = None
    total_net_amount: float | None = None
    payment_status: int | None = None
    delivery_status: int | None = None
    is_cancelled: bool = False
    is_pending: bool = False


class SalesOrderAddress(JtlModel):
    company: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    street: str | None = None
    postal_code: str | None = None
    city: str | None = None
    country_iso: str | None = None


class SalesOrder(JtlModel):
    id: str
    sales_order_number: str | None = None
    sales_order_date: datetime | None = None
    customer_id: str | None = None
    is_cancelled: bool = False
    billing_address: SalesOrderAddress | None = None
    shipment_address: SalesOrderAddress | None = None


class SalesOrderLineItem(JtlModel):
    id: str
    sales_order_id: str | None = None
    item_id: str | None = None
    name: str | None = None
    sku: str | None = Field(default=None, validation_alias=AliasChoices("sKU", "sku", "SKU"))
    type: int | None = None
    quantity: float = 0.0
    sales_unit: str | None = None
    sales_price_net: float | None = None
    sales_price_gross: float | None = None
    discount: float | None = None
    tax_rate: float | None = None
    notice: str | None = None


class SalesOrderLineItemInput(JtlModel):
    """A line to create or the fields to change; unset fields are not sent.

    Serialise with ``erp_body``: the route reads the early-v2 ``sKU`` spelling.
    """

    item_id: str | None = None
    type: int | None = None
    name: str | None = None
    sku: str | None = Field(default=None, alias="sKU")
    quantity: float | None = None
    sales_unit: str | None = None
    sales_price_net: float | None = None
    sales_price_gross: float | None = None
    discount: float | None = None
    tax_rate: float | None = None
    notice: str | None = None


class ItemListItem(JtlModel):
    id: str
    sku: str | None = None
    name: str | None = None
    gtin: str | None = None
    sales_price_net: float | None = None
    sales_price_gross: float | None = None
    stock_total: float | None = None
    stock_available: float | None = None
    is_active: bool = True
    modified_date: datetime | None = None


class ItemIdentifiers(JtlModel):
    sku: str | None = None
    gtin: str | None = None
    manufacturer_number: str | None = None


class ItemPrices(JtlModel):
    sales_price_net: float | None = None
    purchase_price_net: float | None = None
    suggested_retail_price: float | None = None


class Item(JtlModel):
    id: str
    identifiers: ItemIdentifiers | None = None
    prices: ItemPrices | None = None


class Stock(JtlModel):
    item_id: str
    warehouse_id: str
    storage_location_id: str | None = None
    quantity_total: float = 0.0
    quantity_locked_for_shipment: float = 0.0


class Warehouse(JtlModel):
    id: str
    name: str | None = None
    code: str | None = None
    is_active: bool = True
    company_id: str | None = None


class GraphQLPageInfo(JtlModel):
    has_next_page: bool = False
    end_cursor: str | None = None


def erp_body(model: BaseModel) -> bytes:
    """A request body in JTL's names, without fields the caller left unset."""
    return model.model_dump_json(by_alias=True, exclude_none=True).encode()
