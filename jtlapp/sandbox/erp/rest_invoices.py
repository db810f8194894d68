"""Store-backed sales-order creation and invoices, so writes show up in later reads.

A partner's first flow (issue 12): create a sales order for a customer (``POST
/v2/salesOrders``), add line items (``POST /v2/salesOrders/{id}/lineitems``), create its
invoice (``POST /v2/salesOrders/{id}/createinvoice``) and read what the customer still owes
(``GET /v2/invoices?customerId=``, ``InvoicePaymentDetails.StillToPay``; 1.0 ``GET /invoices``).
An invoice is an order's invoice number (``RE-yyyymm-n``, as the seed numbers them), keyed like
its order. Bodies are PascalCase as both descriptions spell them; the engine fits them to the
documented schema.
"""

from __future__ import annotations

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.mutations_create import (
    OrderSpec,
    invoice_number_assign,
    sales_order_create,
)
from jtlapp.sandbox.erp.records import SalesOrder
from jtlapp.sandbox.erp.rest_common import (
    iso,
    not_found,
    page_envelope,
    page_parse,
    validation_error,
)
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.rest_v2_orders import line_specs
from jtlapp.sandbox.erp.tenant import TenantData
from jtlapp.sandbox.erp.v1_views import address_dto

PAYMENT_STATUS = {"UNPAID": 0, "PARTIALLY_PAID": 1, "PAID": 2}


def _id(data: TenantData, kind: str, key: int, *, v2: bool) -> object:
    return data.uuid(kind=kind, key=key) if v2 else key


def invoice_dto(data: TenantData, order: SalesOrder, *, v2: bool) -> dict[str, object]:
    return {
        "Id": _id(data, "invoice", order.key, v2=v2),
        "Number": order.invoice_number,
        "ExternalNumber": order.external_number,
        "CompanyId": _id(data, "company", order.company_key, v2=v2),
        "DepartureCountry": {
            "CountryISO": "DE",
            "CurrencyIso": order.currency_iso,
            "CurrencyFactor": 1.0,
        },
        "CustomerId": _id(data, "customer", order.customer_key, v2=v2),
        "BillingAddress": address_dto(order.billing, key=order.key),
        "ShipmentAddress": address_dto(order.shipment, key=order.key),
        "InvoiceDate": iso(order.date),
        "InvoicePaymentDetails": {
            "PaymentMethodId": _id(data, "paymentmethod", order.payment_method_key, v2=v2),
            "PaymentStatus": PAYMENT_STATUS.get(order.payment_status, 0),
            "TotalGrossAmount": order.total_gross,
            "CurrencyIso": order.currency_iso,
            "CurrencyFactor": 1.0,
            "StillToPay": order.still_to_pay,
        },
        "IsCancelled": order.is_cancelled,
        "LanguageIso": order.language_iso,
        "Comment": order.comment,
        "CustomerComment": order.customer_comment,
    }


def _order_key(call: RestCall, name: str, *, v2: bool) -> int:
    raw = call.params.get(name, "")
    if v2:
        return (
            call.tenant.uuid_key(kind="salesorder" if name != "invoiceId" else "invoice", value=raw)
            or 0
        )
    return int(raw) if raw.isdigit() else 0


def _invoiced(call: RestCall, *, v2: bool) -> list[SalesOrder]:
    wanted = call.request.query.get("customerId")
    if wanted and v2:
        key = call.tenant.uuid_key(kind="customer", value=wanted)
    else:
        key = int(wanted) if wanted and wanted.isdigit() else None
    return [
        order
        for order in sorted(call.tenant.orders.values(), key=lambda o: o.key)
        if order.invoice_number and (wanted is None or order.customer_key == key)
    ]


def _invoices(call: RestCall, *, v2: bool) -> ErpRestResponse:
    views = [invoice_dto(call.tenant, order, v2=v2) for order in _invoiced(call, v2=v2)]
    body = page_envelope(views, page=page_parse(call.request.query), pascal=True)
    return ErpRestResponse(status=200, body=body)


def _invoice(call: RestCall, *, v2: bool) -> ErpRestResponse:
    order = call.tenant.orders.get(_order_key(call, "invoiceId", v2=v2))
    if order is None or not order.invoice_number:
        raise not_found("No invoice with the given ID exists.")
    return ErpRestResponse(status=200, body=invoice_dto(call.tenant, order, v2=v2))


def invoices_v1(call: RestCall) -> ErpRestResponse:
    return _invoices(call, v2=False)


def invoices_v2(call: RestCall) -> ErpRestResponse:
    return _invoices(call, v2=True)


def invoice_v1(call: RestCall) -> ErpRestResponse:
    return _invoice(call, v2=False)


def invoice_v2(call: RestCall) -> ErpRestResponse:
    return _invoice(call, v2=True)


def invoice_create_v2(call: RestCall) -> ErpRestResponse:
    """``SalesOrder_NewInvoiceAsync``: 201 ``SalesInvoiceResponse {Id, SalesInvoiceNumber}``."""
    data = call.tenant
    order = data.orders.get(_order_key(call, "salesOrderId", v2=True))
    if order is None:
        raise not_found("No sales order with the given ID exists.")
    invoice_number_assign(data=data, order=order)
    body = {
        "Id": data.uuid(kind="invoice", key=order.key),
        "SalesInvoiceNumber": order.invoice_number,
    }
    return ErpRestResponse(status=201, body=body)


OPERATION_HANDLERS = {"SalesOrder_NewInvoiceAsync": invoice_create_v2}
"""Store handlers found by operationId: 2.0-only operations (no 1.0 twin, so not in the route
tables that our product's scope table mirrors); params carry the description's names."""


def sales_order_create_v2(call: RestCall) -> ErpRestResponse:
    """``SalesOrder_CreateSalesOrderAsync``: 201 with the new order's key (a UUID string)."""
    body = rest_bodies.require_object(call.request.body)
    data = call.tenant
    customer = data.customers.get(
        data.uuid_key(kind="customer", value=str(body.get("CustomerId"))) or 0
    )
    if customer is None:
        raise validation_error("CustomerId", "No customer with the given ID exists.")
    lines = line_specs(call, body.get("LineItems") or [])
    order = sales_order_create(data=data, customer=customer, spec=OrderSpec(), lines=lines)
    return ErpRestResponse(status=201, body=data.uuid(kind="salesorder", key=order.key))
