"""Records that hang off customers and sales orders: notes, custom fields, bank accounts, files.

They live beside the core records (``records.py``) in one ``AttachedData`` per tenant, so each
belongs to an existing customer or order and writes through either REST generation show in
later reads. Custom-field definitions carry the ``ReferenceType`` of the 2.0 description
(``Customer`` = 3, ``SalesOrder`` = 4); values are kept per (reference type, owner key).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

REFERENCE_TYPES = (
    "Item",
    "Category",
    "Wawi",
    "Customer",
    "SalesOrder",
    "Company",
    "ProductionOrder",
    "Operations",
    "Resource",
    "ProductionFacility",
    "ProductionItem",
)
"""2.0 ``CustomField.ReferenceType``; the index is the REST int."""
CUSTOMER_REFERENCE = REFERENCE_TYPES.index("Customer")
SALES_ORDER_REFERENCE = REFERENCE_TYPES.index("SalesOrder")

DATA_TYPES = (
    "None",
    "Integer",
    "Decimal",
    "Text",
    "Checkbox",
    "List",
    "Url",
    "Email",
    "PhoneNumber",
    "CountryIso",
    "Price",
    "Date",
    "ShortText",
)
"""1.0 ``CustomField.Type`` and 2.0 ``CustomFieldDataType``; the index is the REST int."""


@dataclass(kw_only=True, slots=True)
class Note:
    key: int
    owner: str
    """``customer`` or ``salesorder``: the kind whose record the note belongs to."""
    owner_key: int
    body: str


@dataclass(kw_only=True, slots=True)
class CustomField:
    key: int
    reference_type: int
    name: str
    group_name: str
    data_type: int
    possible_values: list[str] = field(default_factory=list)
    description: str = ""
    is_required: bool = False
    is_hidden: bool = False
    sort_order: int = 0
    display_location: int = 0


@dataclass(kw_only=True, slots=True)
class BankAccount:
    key: int
    customer_key: int
    account_holder: str
    bank_name: str
    account_number: str
    bank_code: str
    iban: str
    bic: str
    is_default: bool = False


@dataclass(kw_only=True, slots=True)
class CustomerCategory:
    key: int
    name: str


@dataclass(kw_only=True, slots=True)
class OrderFile:
    key: int
    order_key: int
    file_name: str
    data_type: str
    data: bytes
    created: datetime


@dataclass(kw_only=True)
class AttachedData:
    """One tenant's attached records; writers hold the tenant's lock."""

    notes: dict[int, Note] = field(default_factory=dict)
    custom_fields: dict[int, CustomField] = field(default_factory=dict)
    custom_values: dict[tuple[int, int], dict[int, object]] = field(default_factory=dict)
    """(reference type, owner key) -> custom field key -> value."""
    bank_accounts: dict[int, BankAccount] = field(default_factory=dict)
    customer_categories: dict[int, CustomerCategory] = field(default_factory=dict)
    files: dict[int, OrderFile] = field(default_factory=dict)
    last_keys: dict[str, int] = field(default_factory=dict)

    def allocate(self, *, kind: str) -> int:
        """Keys grow and are never reused, so a deleted record's id keeps answering 404."""
        key = self.last_keys.get(kind, 0) + 1
        self.last_keys[kind] = key
        return key

    def values_of(self, *, reference_type: int, owner_key: int) -> dict[int, object]:
        return self.custom_values.setdefault((reference_type, owner_key), {})
