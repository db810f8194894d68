"""Read-only views of a tenant's seeded customers and sales orders for the shell's pages.

They read the sandbox store directly (no HTTP, no token), and name records by the same v2 UUIDs
``/erp/v2/customers`` and ``/erp/v2/sales-orders`` return, so the ids a pane receives in
``CustomerChanged``/``SalesOrderChanged`` work against the ERP API unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from jtlapp.sandbox.erp.records import Address, Customer, SalesOrder
from jtlapp.sandbox.erp.tenant import TenantData

PAGE_SIZE = 25
CUSTOMER_KIND = "customer"
ORDER_KIND = "salesorder"
Row = TypeVar("Row")


@dataclass(frozen=True, kw_only=True)
class ListPage(Generic[Row]):
    rows: tuple[Row, ...]
    page: int
    pages: int
    total: int
    query: str


@dataclass(frozen=True, kw_only=True)
class CustomerRow:
    id: str
    number: str
    name: str
    city: str
    email: str


@dataclass(frozen=True, kw_only=True)
class OrderRow:
    id: str
    number: str
    date: str
    customer_name: str
    total: str
    payment_status: str
    delivery_status: str


@dataclass(frozen=True, kw_only=True)
class OrderLine:
    sku: str
    name: str
    quantity: str
    price: str
    total: str


@dataclass(frozen=True, kw_only=True)
class CustomerDetail:
    row: CustomerRow
    billing: Address
    shipment: Address
    group: str
    created: str
    is_locked: bool
    orders: tuple[OrderRow, ...]


@dataclass(frozen=True, kw_only=True)
class OrderDetail:
    row: OrderRow
    customer_id: str
    external_number: str
    billing: Address
    shipment: Address
    lines: tuple[OrderLine, ...]
    total_net: str
    already_paid: str
    comment: str


def money(value: float, currency: str = "EUR") -> str:
    return f"{value:,.2f} {currency}"


def address_name(address: Address) -> str:
    return address.company or f"{address.first_name} {address.last_name}".strip()


def _paginate(rows: list[Row], *, page: int, query: str) -> ListPage[Row]:
    pages = max((len(rows) + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    page = min(max(page, 1), pages)
    start = (page - 1) * PAGE_SIZE
    chunk = tuple(rows[start : start + PAGE_SIZE])
    return ListPage(rows=chunk, page=page, pages=pages, total=len(rows), query=query)


def _customer_row(data: TenantData, customer: Customer) -> CustomerRow:
    return CustomerRow(
        id=data.uuid(kind=CUSTOMER_KIND, key=customer.key),
        number=customer.number,
        name=address_name(customer.billing),
        city=customer.billing.city,
        email=customer.billing.email,
    )


def _order_row(data: TenantData, order: SalesOrder) -> OrderRow:
    return OrderRow(
        id=data.uuid(kind=ORDER_KIND, key=order.key),
        number=order.number,
        date=order.date.strftime("%Y-%m-%d %H:%M"),
        customer_name=address_name(order.billing),
        total=money(order.total_gross, order.currency_iso),
        payment_status=order.payment_status,
        delivery_status=order.delivery_status,
    )


def _matches(query: str, *fields: str) -> bool:
    return not query or any(query.casefold() in field.casefold() for field in fields)


def _key(customer: Customer) -> int:
    return customer.key


def customer_page(*, data: TenantData, query: str = "", page: int = 1) -> ListPage[CustomerRow]:
    with data.lock:
        rows = [_customer_row(data, c) for c in sorted(data.customers.values(), key=_key)]
    rows = [r for r in rows if _matches(query, r.number, r.name, r.city, r.email)]
    return _paginate(rows, page=page, query=query)


def order_page(*, data: TenantData, query: str = "", page: int = 1) -> ListPage[OrderRow]:
    with data.lock:
        newest = sorted(data.orders.values(), key=lambda o: (o.date, o.key), reverse=True)
        rows = [_order_row(data, order) for order in newest]
    rows = [r for r in rows if _matches(query, r.number, r.customer_name)]
    return _paginate(rows, page=page, query=query)


def customer_detail(*, data: TenantData, customer_id: str) -> CustomerDetail | None:
    with data.lock:
        customer = data.customers.get(data.uuid_key(kind=CUSTOMER_KIND, value=customer_id) or 0)
        if customer is None:
            return None
        orders = [o for o in data.orders.values() if o.customer_key == customer.key]
        orders.sort(key=lambda o: (o.date, o.key), reverse=True)
        return CustomerDetail(
            row=_customer_row(data, customer),
            billing=customer.billing,
            shipment=customer.shipment,
            group=data.customer_groups[customer.group_key].name,
            created=customer.created.strftime("%Y-%m-%d"),
            is_locked=customer.is_locked,
            orders=tuple(_order_row(data, order) for order in orders[:10]),
        )


def _line(order: SalesOrder, index: int) -> OrderLine:
    line = order.line_items[index]
    return OrderLine(
        sku=line.sku,
        name=line.name,
        quantity=f"{line.quantity:g} {line.sales_unit}",
        price=money(line.sales_price_gross, order.currency_iso),
        total=money(line.total_gross, order.currency_iso),
    )


def order_detail(*, data: TenantData, order_id: str) -> OrderDetail | None:
    with data.lock:
        order = data.orders.get(data.uuid_key(kind=ORDER_KIND, value=order_id) or 0)
        if order is None:
            return None
        return OrderDetail(
            row=_order_row(data, order),
            customer_id=data.uuid(kind=CUSTOMER_KIND, key=order.customer_key),
            external_number=order.external_number,
            billing=order.billing,
            shipment=order.shipment,
            lines=tuple(_line(order, index) for index in range(len(order.line_items))),
            total_net=money(order.total_net, order.currency_iso),
            already_paid=money(order.already_paid, order.currency_iso),
            comment=order.customer_comment or order.comment,
        )
