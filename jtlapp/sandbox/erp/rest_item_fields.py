"""Item custom fields in 1.0: the definitions and each item's values, over ``item_fields``.

Both descriptions type ``Value`` as a JSON ``object`` (``CustomFieldValue``,
``UpdateCustomFieldValue``) although 1.0's example is a string; answers must validate, and an
object's keys would be ours to invent, so the store keeps and answers the object a client sent
verbatim and seeds no values. ``DELETE`` clears the item's value; a value that is not set is a
404 like an unknown item or field. The 2.0 ``/v2/customfields…`` family is served elsewhere.
"""

from __future__ import annotations

from jtlapp.sandbox.erp.records_catalog import CustomFieldDefinition
from jtlapp.sandbox.erp.rest_catalog_base import body_object, ok, param_key
from jtlapp.sandbox.erp.rest_common import not_found, validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall


def definitions(call: RestCall) -> ErpRestResponse:
    found = sorted(call.tenant.item_fields.definitions.values(), key=lambda d: d.key)
    return ok(
        [
            {
                "CustomFieldId": d.key,
                "GroupName": d.group,
                "Name": d.name,
                "Type": d.type,
                "PossibleValues": list(d.possible_values),
            }
            for d in found
        ]
    )


def _item_key(call: RestCall) -> int:
    key = param_key(call, "item", "itemId")
    if key not in call.tenant.items:
        raise not_found("No item with the given ID exists.")
    return key


def item_values(call: RestCall) -> ErpRestResponse:
    key = _item_key(call)
    values = call.tenant.item_fields.values
    found = sorted((field, value) for (item, field), value in values.items() if item == key)
    return ok([{"CustomFieldId": field, "Value": value} for field, value in found])


def _definition(call: RestCall) -> tuple[int, CustomFieldDefinition]:
    item = _item_key(call)
    definition = call.tenant.item_fields.definitions.get(
        param_key(call, "customfield", "customfieldId")
    )
    if definition is None:
        raise not_found("No custom field with the given ID exists.")
    return item, definition


def value_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    if not isinstance(body.get("Value"), dict):
        raise validation_error("Value", "The Value field is required and is a JSON object.")
    with call.tenant.lock:
        item, definition = _definition(call)
        call.tenant.item_fields.values[(item, definition.key)] = body["Value"]
    return ok(None, 204)


def value_delete(call: RestCall) -> ErpRestResponse:
    with call.tenant.lock:
        item, definition = _definition(call)
        if call.tenant.item_fields.values.pop((item, definition.key), None) is None:
            raise not_found("The item has no value for this custom field.")
    return ok(None, 204)


ROUTES_V1 = {
    ("GET", "/items/customfields"): definitions,
    ("GET", "/items/{itemId}/customfields"): item_values,
    ("PATCH", "/items/{itemId}/customfields/{customfieldId}"): value_update,
    ("DELETE", "/items/{itemId}/customfields/{customfieldId}"): value_delete,
}
"""(method, 1.0 path as described) -> handler."""
