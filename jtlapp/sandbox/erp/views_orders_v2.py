"""The Cloud 2.0 REST ``V2.SalesOrder.SalesOrder``: what ``PATCH /v2/salesOrders/{id}`` answers.

2.0 documents no GET of one sales order under ``/v2/salesOrders``, so this view serves the
PATCH answer only; its names are the description's (``SalesOrderNumber``, ``Text``,
``CountryISO``) and the engine generates what the store does not model (payment info, tax
details). Lines are the 2.0 ``SalesOrderLineItem`` of ``rest_v2_orders``.
"""

from __future__ import annotations

from jtlapp.sandbox.erp.records import Address, SalesOrder
from jtlapp.sandbox.erp.rest_v2_orders import spec20_line_item
from jtlapp.sandbox.erp.tenant import TenantData

View = dict[str, object]


UNSET_ADDRESS = ("Title", "Company2", "Address2", "State", "PostId", "MobilePhoneNumber", "Fax")
"""Address fields the store does not keep: empty, as the 1.0 views send them."""


def _address(address: Address) -> View:
    return {
        **dict.fromkeys(UNSET_ADDRESS, ""),
        "FormOfAddress": address.salutation,
        "FirstName": address.first_name,
        "LastName": address.last_name,
        "Company": address.company,
        "Street": address.street,
        "City": address.city,
        "PostalCode": address.postal_code,
        "CountryISO": address.country_iso,
        "EmailAddress": address.email,
        "PhoneNumber": address.phone,
    }


def sales_order_v2(*, data: TenantData, order: SalesOrder) -> View:
    """The order as the 2.0 ``SalesOrder`` names it; ids are the store's UUIDs."""

    def uuid(kind: str, key: int) -> str:
        return data.uuid(kind=kind, key=key)

    return {
        "Id": uuid("salesorder", order.key),
        "BillingAddress": _address(order.billing),
        "ShipmentAddress": _address(order.shipment),
        "LineItems": [spec20_line_item(data, line) for line in order.line_items],
        "Text": {
            "Comment": order.comment,
            "CustomerComment": order.customer_comment,
            "PrintText": "",
            "ProcessStatus": "",
        },
        "SalesOrderDate": order.date,
        "IsCancelled": order.is_cancelled,
        "IsPending": order.is_pending,
        "SalesOrderNumber": order.number,
        "DepartureCountry": {"CountryISO": "DE", "CurrencyISO": order.currency_iso},
        "ExternalDetails": {"ExternalSalesOrderNumber": order.external_number},
        "PaymentMethodId": uuid("paymentmethod", order.payment_method_key),
        "ShippingMethodId": uuid("shippingmethod", order.shipping_method_key),
        "CustomerId": uuid("customer", order.customer_key),
        "CompanyId": uuid("company", order.company_key),
        "CustomerVATId": order.billing.vat_id,
    }
