"""GraphQL root field -> the v2 scope the sandbox demands.

The official 2.0 SDL marks every root field ``@authorize(roles: ("system.all",))``; JTL's
reference pages name per-operation scopes (erp-api.md §7). The first block is what the sandbox
enforced before (stock and shipping scopes as the 2.0 OpenAPI names them); the rest is derived
from the scopes the 2.0 OpenAPI gives the REST operations of the same tag [I]. Workbench,
production and upload fields have no REST counterpart and stay unenforced.
"""

from __future__ import annotations

from collections.abc import Mapping

_ENFORCED_BEFORE = {
    "QueryItems": "items.read",
    "GetItemById": "items.read",
    "QueryWarehouses": "inventories.read",
    "QueryStockItem": "inventories.read",
    "QueryCustomers": "customers.read",
    "GetCustomerById": "customers.read",
    "QueryCustomerGroups": "customers.read",
    "QuerySalesOrders": "salesorders.read",
    "GetSalesOrderById": "salesorders.read",
    "QueryPaymentMethods": "salesorders.read",
    "QueryShippingMethods": "deliveries.read",
    "QuerySalesChannels": "salesorders.read",
    "QueryCompanies": "system.config.read",
}
_BY_TAG: dict[str, tuple[str, ...]] = {
    "items.read": (
        "GetCategoryById",
        "QueryCategories",
        "QueryManufacturers",
        "QueryProductGroups",
        "QueryShippingClasses",
    ),
    "items.write": (
        "CreateCategory",
        "DeleteCategory",
        "UpdateCategory",
        "AddItemSupplier",
        "ChangeItem",
        "CreateItem",
        "CreateProductGroup",
        "UpdateItemSalesChannels",
        "CreateShippingClass",
        "CreateTaxClass",
    ),
    "taxes.read": ("QueryTaxClasses",),
    "customfields.read": ("QueryCustomFields",),
    "customers.write": ("CreateCustomer",),
    "system.config.read": ("GetCompanyById", "QueryCountries", "QueryLanguages", "QueryCurrencies"),
    "system.config.write": ("ActivateLanguage", "DeactivateLanguage"),
    "accountings.read": (
        "QueryExternalDocumentsInternal",
        "QueryExternernalDocumentLineItemsInternal",
        "QuerySalesInvoiceCorrectionsInternal",
        "QuerySalesInvoiceCorrectionLineItemsInternal",
        "QuerySalesInvoicesInternal",
        "QuerySalesInvoiceLineItemsInternal",
        "QuerySalesInvoiceCancellationsInternal",
    ),
    "invoices.read": ("QuerySalesInvoices",),
    "invoices.write": ("CreateSalesInvoice",),
    "salesorders.write": ("CreateSalesOrder", "CalculateSalesOrder"),
    "deliveries.read": ("QueryOrderData",),
    "deliveries.write": ("ChangePackageWeight", "CreateDeliverPackage"),
    "inventories.read": (
        "QueryBatches",
        "QueryBestBeforeDates",
        "QueryStockReservations",
        "QuerySerialNumbers",
        "QueryStorageLocations",
    ),
}
_UNENFORCED: tuple[str, ...] = (
    "QueryResourceCategories",
    "QueryWorkbenchResources",
    "QueryWorkbenchResourceById",
    "QueryWorkbenchResourceTypes",
    "QueryWorkbenchResourceTypeById",
    "CreateWorkbenchResource",
    "CreateWorkbenchResourceType",
    "UploadFile",
)

GRAPHQL_FIELD_SCOPES: Mapping[str, str] = dict(_ENFORCED_BEFORE)
"""Enforced. Introspection fields (``__schema``, ``__type``, ``__typename``) need none."""

GRAPHQL_PROPOSED_SCOPES: Mapping[str, str | None] = {
    **{field: scope for scope, fields in _BY_TAG.items() for field in fields},
    **dict.fromkeys(_UNENFORCED),
}
"""Derived for the other root fields, not enforced yet: our product's scope table
(``jtlapp/erp/scope_table.json``) does not name them, and a sandbox stricter than the table
would refuse what the app's manifest cannot declare."""
