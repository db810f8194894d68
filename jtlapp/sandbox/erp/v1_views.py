"""v1 (Cloud API 1.0) DTOs, field for field as ``jtl-wawi-api-cloud-1.0.openapi.json`` says.

The 1.0 spec marks every property required and none nullable; we send ``""``/``0`` for unset
strings and ints as JTL's .NET DTOs do, and ``null`` only for unset date-times (known gap
between spec and the real API, see tests/sandbox/erp/test_rest_openapi.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from jtlapp.sandbox.erp.item_categories import item_categories_of
from jtlapp.sandbox.erp.records import (
    PAYMENT_STATUSES,
    Address,
    Customer,
    Item,
    LineItem,
    SalesOrder,
    Stock,
    Warehouse,
    money,
)
from jtlapp.sandbox.erp.rest_common import iso
from jtlapp.sandbox.erp.tenant import TenantData

Dto = dict[str, object]
ORDER_ADDRESS_OFFSET = 1_000_000


def _date(moment: datetime | None) -> str | None:
    return None if moment is None else iso(moment)


def address_dto(address: Address, *, key: int) -> Dto:
    return {
        "Id": key,
        "Company": address.company,
        "Company2": "",
        "FormOfAddress": address.salutation,
        "Title": "",
        "FirstName": address.first_name,
        "LastName": address.last_name,
        "Street": address.street,
        "Address2": "",
        "PostalCode": address.postal_code,
        "City": address.city,
        "State": "",
        "CountryIso": address.country_iso,
        "VatID": address.vat_id,
        "PhoneNumber": address.phone,
        "MobilePhoneNumber": "",
        "EmailAddress": address.email,
        "Fax": "",
    }


def item_dto(*, data: TenantData, item: Item) -> Dto:
    channels = [channel.legacy_id for channel in data.sales_channels.values()]
    return {
        "Id": item.key,
        "SKU": item.sku,
        "ManufacturerId": 0,
        "ResponsiblePersonId": 0,
        "IsActive": item.is_active,
        "Categories": [
            {"CategoryId": category.key, "Name": category.name}
            for category in item_categories_of(data=data, item_key=item.key)
        ],
        "Name": item.name,
        "Description": item.description,
        "ShortDescription": item.short_description,
        "Identifiers": {
            "Gtin": item.gtin,
            "ManufacturerNumber": item.manufacturer_number,
            "ISBN": "",
            "UPC": "",
            "AmazonFnsku": "",
            "Asins": [],
            "OwnIdentifier": "",
        },
        "Components": [],
        "ChildItems": [],
        "ParentItemId": 0,
        "ItemPriceData": {
            "SalesPriceNet": item.sales_price_net,
            "SuggestedRetailPrice": item.suggested_retail_price,
            "PurchasePriceNet": item.purchase_price_net,
            "EbayPrice": 0.0,
            "AmazonPrice": 0.0,
        },
        "ActiveSalesChannels": channels if item.is_active else [],
        "SortNumber": item.key,
        "Annotation": "",
        "Added": iso(item.created),
        "Changed": iso(item.modified),
        "ReleasedOnDate": iso(item.created),
        "StorageOptions": {
            "InventoryManagementActive": True,
            "SplitQuantity": False,
            "GlobalMinimumStockLevel": item.minimum_stock,
            "Buffer": 0,
            "SerialNumberItem": False,
            "SerialNumberTracking": False,
            "SubjectToShelfLifeExpirationDate": False,
            "SubjectToBatchItem": False,
            "ProcurementTime": item.delivery_time_days,
            "DetermineProcurementTimeAutomatically": False,
            "AdditionalHandlingTime": 0,
        },
        "CountryOfOrigin": "DE",
        "ConditionId": 0,
        "ShippingClassId": 1,
        "ProductGroupId": 0,
        "TaxClassId": 1 if item.tax_rate >= 19 else 2,
        "Dimensions": {"Length": 0.0, "Width": 0.0, "Height": 0.0},
        "Weights": {"ItemWeigth": item.weight, "ShippingWeight": money(item.weight * 1.1)},
        "AllowNegativeStock": False,
        "Quantities": {
            "MinimumOrderQuantity": item.minimum_order_quantity,
            "MinimumPurchaseQuantityForCustomerGroup": [],
            "PermissibleOrderQuantity": 1.0,
        },
        "DangerousGoods": {"UnNumber": "", "HazardNo": ""},
        "Taric": "",
        "SearchTerms": "",
        "PriceListActive": True,
        "IgnoreDiscounts": False,
        "AvailabilityId": 0,
    }


def customer_dto(*, data: TenantData, customer: Customer) -> Dto:
    empty = Address(
        salutation="",
        first_name="",
        last_name="",
        company="",
        street="",
        postal_code="",
        city="",
        country_iso="",
        email="",
        phone="",
    )
    return {
        "Id": customer.key,
        "Number": customer.number,
        "CustomerGroupId": customer.group_key,
        "BillingAddress": address_dto(customer.billing, key=customer.key * 2 - 1),
        "Shipmentaddress": address_dto(customer.shipment, key=customer.key * 2),
        "CustomAddress": address_dto(empty, key=0),
        "OtherAddresses": {
            "OtherBillingAddresses": [],
            "OtherShippingAddresses": [],
            "OtherCustomerAddresses": [],
        },
        "PaymentSettings": {
            "PaymentMethodId": customer.payment_method_key,
            "Discount": data.customer_groups[customer.group_key].discount,
            "PaymentTarget": customer.payment_due_days,
            "CreditLimit": 0,
            "StopPaymentRequest": False,
        },
        "CustomerSince": iso(customer.created),
        "LanguageIso": customer.language_iso,
        "InternalCompanyId": customer.company_key,
        "CustomerCategoryId": 0,
        "TaxIdentificationNumber": "",
        "AccountsReceivableNumber": 0,
        "CommercialRegisterNumber": "",
        "Website": "",
        "InitialContact": "",
        "EbayUsername": "",
        "Birthday": None,
        "IsLocked": customer.is_locked,
        "IsCashRegisterBased": False,
    }


def sales_order_dto(*, data: TenantData, order: SalesOrder) -> Dto:
    delivered = order.delivery_status == "COMPLETELY_SHIPPED"
    return {
        "Id": order.key,
        "Number": order.number,
        "ExternalNumber": order.external_number,
        "BillingNumber": order.invoice_number,
        "CompanyId": order.company_key,
        "DepartureCountry": {
            "CountryISO": "DE",
            "State": "",
            "CurrencyIso": order.currency_iso,
            "CurrencyFactor": 1.0,
        },
        "CustomerId": order.customer_key,
        "CustomerVatID": order.billing.vat_id,
        "MerchantVatID": data.companies[order.company_key].vat_id,
        "BillingAddress": address_dto(order.billing, key=ORDER_ADDRESS_OFFSET + order.key * 2 - 1),
        "Shipmentaddress": address_dto(order.shipment, key=ORDER_ADDRESS_OFFSET + order.key * 2),
        "SalesOrderDate": iso(order.date),
        "SalesOrderPaymentDetails": {
            "PaymentMethodId": order.payment_method_key,
            "PaymentStatus": PAYMENT_STATUSES.index(order.payment_status),
            "TotalGrossAmount": order.total_gross,
            "CurrencyIso": order.currency_iso,
            "CurrencyFactor": 1.0,
            "DateOfPayment": _date(order.date_of_payment),
            "StillToPay": order.still_to_pay,
            "PaymentTarget": data.customers[order.customer_key].payment_due_days,
            "CashDiscount": 0.0,
            "CashDiscountDays": 0,
        },
        "SalesOrderShippingDetail": {
            "ShippingMethodId": order.shipping_method_key,
            "DeliveryCompleteStatus": 1 if delivered else 0,
            "ShippingPriority": 0,
            "ShippingDate": _date(order.shipping_date),
            "EstimatedDeliveryDate": None,
            "DeliveredDate": _date(order.shipping_date + timedelta(days=2))
            if delivered and order.shipping_date
            else None,
            "OnHoldReasonId": 0,
            "ExtraWeight": 0.0,
        },
        "ColorcodeId": 0,
        "IsExternalInvoice": False,
        "Comment": order.comment,
        "CustomerComment": order.customer_comment,
        "IsCancelled": order.is_cancelled,
        "LanguageIso": order.language_iso,
        "CancellationDetails": {
            "CancellationReasonId": 1 if order.is_cancelled else 0,
            "CancellationComment": "",
            "Date": _date(order.cancelled_date),
        },
        "SalesChannelId": data.sales_channels[order.sales_channel_key].legacy_id,
        "UserCreatedId": 1,
        "UserId": 1,
    }


def line_item_dto(line: LineItem) -> Dto:
    return {
        "Id": line.key,
        "SalesOrderId": line.order_key,
        "ItemId": line.item_key or 0,
        "Name": line.name,
        "SKU": line.sku,
        "Type": line.type,
        "Quantity": line.quantity,
        "QuantityDelivered": line.quantity_delivered,
        "QuantityReturned": 0.0,
        "SalesUnit": line.sales_unit,
        "SalesPriceNet": line.sales_price_net,
        "SalesPriceGross": line.sales_price_gross,
        "Discount": line.discount,
        "PurchasePriceNet": line.purchase_price_net,
        "TaxRate": line.tax_rate,
        "Notice": line.notice,
    }


def stock_dto(*, data: TenantData, stock: Stock) -> Dto:
    warehouse = data.warehouses[stock.warehouse_key]
    return {
        "WarehouseId": stock.warehouse_key,
        "StorageLocationId": warehouse.storage_location_key,
        "StorageLocationName": warehouse.storage_location_name,
        "ItemId": stock.item_key,
        "ShelfLifeExpirationDate": None,
        "BatchNumber": "",
        "QuantityTotal": stock.quantity,
        "QuantityLockedForShipment": stock.locked_for_shipment,
        "QuantityLockedForAvailability": 0.0,
        "QuantityInPickingLists": 0.0,
    }


def warehouse_dto(*, data: TenantData, warehouse: Warehouse) -> Dto:
    company = data.companies[warehouse.company_key]
    address = Address(
        salutation="",
        first_name="",
        last_name="",
        company=company.name,
        street=company.street,
        postal_code=company.postal_code,
        city=company.city,
        country_iso=company.country_iso,
        email=company.email,
        phone=company.phone,
    )
    return {
        "Id": warehouse.key,
        "Name": warehouse.name,
        "Address": address_dto(address, key=0),
        "Code": warehouse.code,
        "Type": {
            "Id": data.uuid(kind="warehousetype", key=1),
            "Name": "Standard",
            "Description": "Standardlager",
            "Scope": [],
        },
        "Description": "",
        "Priority": warehouse.key,
        "CompanyId": warehouse.company_key,
        "LockForShipment": False,
        "LockForAvailability": False,
        "IsActive": warehouse.is_active,
    }
