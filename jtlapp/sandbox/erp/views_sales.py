"""GraphQL-shaped (= current v2 REST) views of sales orders and their line items.

Names follow JTL's GraphQL types (``SalesOrderListItem``, ``SalesOrder``,
``SalesOrderLineItem``, ``SalesOrderKeyFigures``; erp-api.md §7). Enums are GraphQL names
here; ``rest_common.rest_json`` turns them into REST ints.
"""

from __future__ import annotations

from jtlapp.sandbox.erp.records import LINE_ITEM_TYPES, Address, LineItem, SalesOrder
from jtlapp.sandbox.erp.tenant import TenantData
from jtlapp.sandbox.erp.views_customers import COUNTRY_NAMES

View = dict[str, object]


def _flat_address(prefix: str, address: Address) -> View:
    fields: View = {
        "Company": address.company or None,
        "FormOfAddress": address.salutation,
        "FirstName": address.first_name,
        "LastName": address.last_name,
        "Street": address.street,
        "PostalCode": address.postal_code,
        "City": address.city,
        "CountryName": COUNTRY_NAMES.get(address.country_iso, address.country_iso),
        "CountryIso": address.country_iso,
        "EmailAddress": address.email,
        "PhoneNumber": address.phone,
    }
    return {prefix + name: value for name, value in fields.items()}


def _order_common(*, data: TenantData, order: SalesOrder) -> View:
    return {
        "id": data.uuid(kind="salesorder", key=order.key),
        "salesOrderNumber": order.number,
        "salesOrderDate": order.date,
        "isCancelled": order.is_cancelled,
        "isPending": order.is_pending,
        "languageIso": order.language_iso,
        "itemDescriptionType": "NONE",
        "readOnlyType": "CHANGES_FORBIDDEN" if order.invoice_number else "CHANGES_ALLOWED",
        "salesOrderStatus": 0,
        "customerId": data.uuid(kind="customer", key=order.customer_key),
        "companyId": data.uuid(kind="company", key=order.company_key),
        "paymentMethodId": data.uuid(kind="paymentmethod", key=order.payment_method_key),
        "shippingMethodId": data.uuid(kind="shippingmethod", key=order.shipping_method_key),
    }


def sales_order_list_item(*, data: TenantData, order: SalesOrder) -> View:
    """``SalesOrderListItem``; ``companyName`` is the selling company (erp-api.md §10.18)."""
    customer = data.customers[order.customer_key]
    return (
        _order_common(data=data, order=order)
        | {
            "customerNumber": customer.number,
            "companyName": data.companies[order.company_key].name,
            "currencyIso": order.currency_iso,
            "currencyFactor": 1.0,
            "departureCountryIso": "DE",
            "departureCountryCurrencyIso": "EUR",
            "departureCountryCurrencyFactor": 1.0,
            "totalGrossAmount": order.total_gross,
            "totalNetAmount": order.total_net,
            "alreadyPaidAmount": order.already_paid,
            "stillToPay": order.still_to_pay,
            "paymentStatus": order.payment_status,
            "deliveryStatus": order.delivery_status,
            "deliveryCompleteStatus": "DELIVERY_COMPLETE"
            if order.delivery_status == "COMPLETELY_SHIPPED"
            else "DELIVERY_NOT_COMPLETE",
            "salesInvoiceStatus": "COMPLETELY_INVOICED" if order.invoice_number else "NOT_INVOICED",
            "salesInvoiceNumbers": order.invoice_number or None,
            "salesChannelId": data.uuid(kind="saleschannel", key=order.sales_channel_key),
            "salesChannelName": data.sales_channels[order.sales_channel_key].name,
            "paymentMethodName": data.payment_methods[order.payment_method_key].name,
            "shippingMethodName": data.shipping_methods[order.shipping_method_key].name,
            "customerGroupName": data.customer_groups[customer.group_key].name,
            "externalSalesOrderNumber": order.external_number or None,
            "comment": order.comment or None,
            "customerComment": order.customer_comment or None,
            "dateOfPayment": order.date_of_payment,
            "paymentDate": order.date_of_payment,
            "lastShippingDate": order.shipping_date,
            "cancelledDate": order.cancelled_date,
            "paymentDueDateInDays": customer.payment_due_days,
            "shippingPriority": 0,
            "taxSetting": "DELIVERY_WITH_VAT",
            "isIntraCommunityDelivery": False,
            "isExemptFromVat": False,
            "extraWeight": 0.0,
        }
        | _flat_address("billingAddress", order.billing)
        | _flat_address("shipmentAddress", order.shipment)
    )


def line_item_view(*, data: TenantData, line: LineItem, sort_order: int) -> View:
    """``SalesOrderLineItem``; ``type`` is the deprecated twin of ``lineItemType``."""
    line_type = LINE_ITEM_TYPES[line.type]
    return {
        "id": data.uuid(kind="lineitem", key=line.key),
        "salesOrderId": data.uuid(kind="salesorder", key=line.order_key),
        "itemId": None if line.item_key is None else data.uuid(kind="item", key=line.item_key),
        "sku": line.sku or None,
        "name": line.name,
        "lineItemType": line_type,
        "type": line_type,
        "quantity": line.quantity,
        "salesUnit": line.sales_unit or None,
        "salesPriceNet": line.sales_price_net,
        "salesPriceGross": line.sales_price_gross,
        "discountPercent": line.discount,
        "purchasePriceNet": line.purchase_price_net,
        "taxRate": line.tax_rate,
        "note": line.notice or None,
        "totalSalesPriceNet": line.total_net,
        "totalSalesPriceGross": line.total_gross,
        "sortOrder": sort_order,
    }


def _order_address(*, data: TenantData, order: SalesOrder, address: Address) -> View:
    return {
        "salesOrderId": data.uuid(kind="salesorder", key=order.key),
        "customerId": data.uuid(kind="customer", key=order.customer_key),
        "salutation": address.salutation,
        "title": None,
        "firstName": address.first_name,
        "lastName": address.last_name,
        "company": address.company or None,
        "additionalCompanyLine": None,
        "street": address.street,
        "additionalAddressLine": None,
        "city": address.city,
        "postalCode": address.postal_code,
        "state": None,
        "countryIso": address.country_iso,
        "country": COUNTRY_NAMES.get(address.country_iso, address.country_iso),
        "postId": None,
        "emailAddress": address.email,
        "phoneNumber": address.phone,
        "mobilePhoneNumber": None,
        "fax": None,
        "customsDocumentsRequired": address.country_iso == "CH",
        "vatId": address.vat_id or None,
    }


def key_figures(*, data: TenantData, order: SalesOrder) -> View:
    return {
        "salesOrderId": data.uuid(kind="salesorder", key=order.key),
        "totalGrossAmount": order.total_gross,
        "alreadyPaidAmount": order.already_paid,
        "paymentStatus": order.payment_status,
        "deliveryStatus": order.delivery_status,
        "dateOfPayment": order.date_of_payment,
        "lastShippingDate": order.shipping_date,
        "invoiceNumbers": order.invoice_number or None,
        "invoiceStatus": "COMPLETELY_INVOICED" if order.invoice_number else "NOT_INVOICED",
        "isCashOnDelivery": False,
        "isFullyReturned": False,
        "isLockedForDelivery": False,
        "packageCount": 1 if order.shipping_date else 0,
        "shippedPackageCount": 1 if order.shipping_date else 0,
    }


def sales_order_detail(*, data: TenantData, order: SalesOrder, with_line_items: bool) -> View:
    """``SalesOrder`` (GetSalesOrderById, GET /v2/sales-orders/{id})."""
    customer = data.customers[order.customer_key]
    view = _order_common(data=data, order=order) | {
        "vatId": data.companies[order.company_key].vat_id,
        "customerSalesOrderNumber": None,
        "onHoldReasonId": None,
        "processStatusId": None,
        "processColourId": None,
        "cartonItemId": None,
        "paymentInfo": {"paymentReference": order.number, "dueDate": None, "iban": None},
        "text": {
            "comment": order.comment or None,
            "customerComment": order.customer_comment or None,
            "printText": None,
            "processStatus": None,
        },
        "departureCountry": {
            "countryIso": "DE",
            "currencyIso": "EUR",
            "currencyFactor": 1.0,
            "state": None,
        },
        "externalDetails": {
            "externalCreatedDate": order.date,
            "externalInvoiceType": "NONE",
            "externalSalesOrderNumber": order.external_number or None,
        },
        "paymentDetails": {
            "cashDiscount": 0.0,
            "cashDiscountDays": 0,
            "financingCosts": 0.0,
            "paymentDueDateInDays": customer.payment_due_days,
            "currencyIso": order.currency_iso,
            "currencyFactor": 1.0,
        },
        "shippingDetails": {
            "deliveryFromDate": None,
            "estimatedDeliveryDate": None,
            "extraWeight": 0.0,
            "maxDeliveryDays": 0,
            "shippingDate": order.shipping_date,
            "shippingPriority": 0,
        },
        "taxDetails": {
            "taxReference": None,
            "specialTaxTreatment": "NONE",
            "taxSetting": "DELIVERY_WITH_VAT",
        },
        "billingAddress": _order_address(data=data, order=order, address=order.billing),
        "shipmentAddress": _order_address(data=data, order=order, address=order.shipment),
        "keyFigures": key_figures(data=data, order=order),
    }
    if with_line_items:
        view["lineItems"] = [
            line_item_view(data=data, line=line, sort_order=index)
            for index, line in enumerate(order.line_items, start=1)
        ]
    return view
