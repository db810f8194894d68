"""Every store route of the records attached to customers and orders, by (method, path).

Paths are spelt as each description spells them; a 1.0 route and its ``/v2`` twin share one
handler, which tells the generations apart by the request path. Where 2.0 describes no twin
(no ``GET /v2/customers/{customerId}/notes``), none is added.
"""

from __future__ import annotations

from jtlapp.sandbox.erp import rest_bankaccounts as banks
from jtlapp.sandbox.erp import rest_customfields as fields
from jtlapp.sandbox.erp import rest_files as files
from jtlapp.sandbox.erp import rest_notes as notes
from jtlapp.sandbox.erp.rest_attached import Handler

CUSTOMER_NOTES = "/customers/{customerId}/notes"
ORDER_NOTES = "/salesOrders/{salesOrderId}/notes"
BANK_ACCOUNTS = "/customers/{customerId}/bankaccounts"
CATEGORIES = "/customerCategories"
CUSTOMER_VALUES = "/customers/{customerId}/customfields"
ORDER_VALUES = "/salesOrders/{salesOrderId}/customfields"
ORDER_FILES = "/salesOrders/{salesOrderId}/files"

_V1_ONLY: dict[tuple[str, str], Handler] = {
    ("GET", CUSTOMER_NOTES): notes.notes_list(owner="customer"),
    ("GET", CUSTOMER_NOTES + "/{noteId}"): notes.note_read(owner="customer"),
    ("GET", BANK_ACCOUNTS): banks.bank_accounts_list,
    ("GET", BANK_ACCOUNTS + "/{customerBankAccountId}"): banks.bank_account_read,
    ("GET", CUSTOMER_VALUES): fields.values_list(owner="customer"),
    ("GET", ORDER_VALUES): fields.values_list(owner="salesorder"),
    ("GET", "/customers/customfields"): fields.definitions_of(owner="customer"),
    ("GET", "/salesOrders/customfields"): fields.definitions_of(owner="salesorder"),
}
_BOTH: dict[tuple[str, str], Handler] = {
    ("POST", CUSTOMER_NOTES): notes.note_create(owner="customer"),
    ("PATCH", CUSTOMER_NOTES + "/{noteId}"): notes.note_update(owner="customer"),
    ("DELETE", CUSTOMER_NOTES + "/{noteId}"): notes.note_delete(owner="customer"),
    ("GET", ORDER_NOTES): notes.notes_list(owner="salesorder"),
    ("POST", ORDER_NOTES): notes.note_create(owner="salesorder"),
    ("PATCH", ORDER_NOTES + "/{noteId}"): notes.note_update(owner="salesorder"),
    ("DELETE", ORDER_NOTES + "/{noteId}"): notes.note_delete(owner="salesorder"),
    ("GET", CATEGORIES): notes.categories_list,
    ("POST", CATEGORIES): notes.category_create,
    ("GET", CATEGORIES + "/{customercategoryId}"): notes.category_read,
    ("PATCH", CATEGORIES + "/{customercategoryId}"): notes.category_update,
    ("DELETE", CATEGORIES + "/{customercategoryId}"): notes.category_delete,
    ("POST", BANK_ACCOUNTS): banks.bank_account_create,
    ("PATCH", BANK_ACCOUNTS + "/{customerBankAccountId}"): banks.bank_account_update,
    ("DELETE", BANK_ACCOUNTS + "/{customerBankAccountId}"): banks.bank_account_delete,
    ("PATCH", CUSTOMER_VALUES + "/{customfieldId}"): fields.value_update(owner="customer"),
    ("DELETE", CUSTOMER_VALUES + "/{customfieldId}"): fields.value_delete(owner="customer"),
    ("PATCH", ORDER_VALUES + "/{customfieldId}"): fields.value_update(owner="salesorder"),
    ("DELETE", ORDER_VALUES + "/{customfieldId}"): fields.value_delete(owner="salesorder"),
    ("GET", ORDER_FILES): files.files_list,
    ("POST", ORDER_FILES): files.file_create,
    ("GET", ORDER_FILES + "/{salesOrderFileId}"): files.file_data,
    ("PATCH", ORDER_FILES + "/{salesOrderFileId}"): files.file_update,
    ("DELETE", ORDER_FILES + "/{salesOrderFileId}"): files.file_delete,
}
_V2_ONLY: dict[tuple[str, str], Handler] = {
    ("GET", "/v2/customfields/byReferenceType/{referenceType}"): fields.definitions_by_reference,
    ("GET", "/v2/customfields/byId/{customFieldId}"): fields.definition_read,
    ("GET", "/v2/customfields/groups"): fields.definition_groups,
    ("POST", "/v2/customfields"): fields.definition_create,
    ("PATCH", "/v2/customfields/{customFieldId}"): fields.definition_update,
    ("DELETE", "/v2/customfields/{customFieldId}"): fields.definition_delete,
}
ATTACHED_ROUTES: dict[tuple[str, str], Handler] = {
    **_V1_ONLY,
    **_BOTH,
    **{(method, "/v2" + path): handler for (method, path), handler in _BOTH.items()},
    **_V2_ONLY,
}
"""(method, path as the description spells it) -> handler; ``rest_derived`` merges it."""
