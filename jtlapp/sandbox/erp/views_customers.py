"""GraphQL-shaped (= current v2 REST) views of customers: ``CustomerListItem`` and ``Customer``.

Names follow JTL's GraphQL types (erp-api.md §7); the list item flattens the billing address,
the detail nests both addresses, as the two GraphQL types do.
"""

from __future__ import annotations

from jtlapp.sandbox.erp.records import Address, Customer
from jtlapp.sandbox.erp.tenant import TenantData

View = dict[str, object]

COUNTRY_NAMES = {"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz"}


def customer_list_item(*, data: TenantData, customer: Customer) -> View:
    address = customer.billing
    group = data.customer_groups[customer.group_key]
    return {
        "id": data.uuid(kind="customer", key=customer.key),
        "customerNumber": customer.number,
        "salutation": address.salutation,
        "title": None,
        "firstName": address.first_name,
        "lastName": address.last_name,
        "companyName": address.company or None,
        "additionalCompanyLine": None,
        "street": address.street,
        "additionalAddressLine": None,
        "postalCode": address.postal_code,
        "city": address.city,
        "countryIso": address.country_iso,
        "countryName": COUNTRY_NAMES.get(address.country_iso, address.country_iso),
        "state": None,
        "emailAddress": address.email,
        "phoneNumber": address.phone,
        "mobilePhoneNumber": None,
        "faxNumber": None,
        "vatId": address.vat_id or None,
        "createdDate": customer.created,
        "discountRate": group.discount,
        "paymentDueDateInDays": customer.payment_due_days,
        "isLocked": customer.is_locked,
        "isCashRegisterBased": False,
        "hasNewsletter": False,
        "accountsReceivableNumber": 0,
        "customerGroupId": data.uuid(kind="customergroup", key=group.key),
        "customerGroupName": group.name,
        "customerCategoryId": None,
        "customerCategoryName": None,
        "isJtlFulfillment": False,
        "labels": None,
        "languageIso": customer.language_iso,
    }


def _customer_address(
    *, data: TenantData, customer: Customer, address: Address, address_type: str, key: int
) -> View:
    return {
        "customerAddressId": data.uuid(kind="customeraddress", key=key),
        "customerId": data.uuid(kind="customer", key=customer.key),
        "isDefault": True,
        "addressType": address_type,
        "companyName": address.company or None,
        "additionalCompanyLine": None,
        "salutation": address.salutation,
        "title": None,
        "firstName": address.first_name,
        "lastName": address.last_name,
        "street": address.street,
        "additionalAddressLine": None,
        "postalCode": address.postal_code,
        "city": address.city,
        "countryIso": address.country_iso,
        "state": None,
        "emailAddress": address.email,
        "faxNumber": None,
        "phoneNumber": address.phone,
        "mobilePhoneNumber": None,
        "vatId": address.vat_id or None,
    }


def customer_detail(*, data: TenantData, customer: Customer) -> View:
    """``Customer`` (GetCustomerById): note ``customerId``, not ``id``."""
    group = data.customer_groups[customer.group_key]
    return {
        "customerId": data.uuid(kind="customer", key=customer.key),
        "customerGroupId": data.uuid(kind="customergroup", key=group.key),
        "customerNumber": customer.number,
        "createdDate": customer.created,
        "languageIso": customer.language_iso,
        "customerGroup": {
            "id": data.uuid(kind="customergroup", key=group.key),
            "name": group.name,
            "isDefault": group.is_default,
            "discount": group.discount,
            "isNetPrice": group.is_net_price,
        },
        "customerAddresses": [
            _customer_address(
                data=data,
                customer=customer,
                address=customer.billing,
                address_type="BILLING_ADDRESS",
                key=customer.key * 2 - 1,
            ),
            _customer_address(
                data=data,
                customer=customer,
                address=customer.shipment,
                address_type="SHIPMENT_ADDRESS",
                key=customer.key * 2,
            ),
        ],
    }
