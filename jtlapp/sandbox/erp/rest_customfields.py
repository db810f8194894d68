"""Custom-field definitions and the values customers and sales orders carry, from the store.

Definitions: 1.0 lists them per resource (``GET /customers/customfields``, ``/salesOrders/
customfields``); 2.0 keeps them under ``/v2/customfields`` by ``ReferenceType`` (3 Customer,
4 SalesOrder) with create, read, change and delete. Values: 1.0 lists a record's
``CustomFieldValue {CustomFieldId, Value}``; both generations change (204) and delete (204)
one value. A value names a definition of its owner's reference type, else 404; deleting a
definition drops its values.
"""

from __future__ import annotations

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.records_attached import (
    CUSTOMER_REFERENCE,
    REFERENCE_TYPES,
    SALES_ORDER_REFERENCE,
    CustomField,
)
from jtlapp.sandbox.erp.rest_attached import (
    Dto,
    Handler,
    answer,
    body_object,
    is_v2,
    no_content,
    owner_key,
    path_key,
    public_id,
)
from jtlapp.sandbox.erp.rest_common import not_found, validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall

OWNER_REFERENCE = {"customer": CUSTOMER_REFERENCE, "salesorder": SALES_ORDER_REFERENCE}


def _view(call: RestCall, field: CustomField) -> Dto:
    if not is_v2(call):
        return {
            "CustomFieldId": field.key,
            "GroupName": field.group_name,
            "Name": field.name,
            "Type": field.data_type,
            "PossibleValues": list(field.possible_values),
        }
    return {
        "CustomFieldId": public_id(call, kind="customfield", key=field.key),
        "Name": field.name,
        "GroupName": field.group_name,
        "DataType": field.data_type,
        "DisplayLocation": field.display_location,
        "ReferenceType": field.reference_type,
        "Description": field.description,
        "IsRequired": field.is_required,
        "IsHidden": field.is_hidden,
        "SortOrder": field.sort_order,
        "PossibleValues": list(field.possible_values),
        "ProductGroups": [],
    }


def _reference(raw: str | None) -> int | None:
    """``ReferenceType`` as its int or its name (``Customer``); None if absent, 404 if unknown."""
    if raw is None or raw == "":
        return None
    names = [name.lower() for name in REFERENCE_TYPES]
    if raw.isdigit() and int(raw) < len(REFERENCE_TYPES):
        return int(raw)
    if raw.lower() in names:
        return names.index(raw.lower())
    raise not_found(f"No reference type '{raw}' exists.")


def _fields(call: RestCall, reference: int | None) -> list[CustomField]:
    fields = call.tenant.attached.custom_fields.values()
    chosen = [f for f in fields if reference is None or f.reference_type == reference]
    return sorted(chosen, key=lambda f: (f.reference_type, f.sort_order, f.key))


def _field(call: RestCall) -> CustomField:
    field = call.tenant.attached.custom_fields.get(
        path_key(call, kind="customfield", name="customFieldId")
    )
    reference = _reference(call.request.query.get("referenceType"))
    if field is None or reference not in (None, field.reference_type):
        raise not_found("No custom field with the given ID exists.")
    return field


def definitions_of(*, owner: str) -> Handler:
    """1.0 ``GET /customers/customfields`` and ``GET /salesOrders/customfields``."""

    def handler(call: RestCall) -> ErpRestResponse:
        return answer([_view(call, f) for f in _fields(call, OWNER_REFERENCE[owner])])

    return handler


def definitions_by_reference(call: RestCall) -> ErpRestResponse:
    reference = _reference(call.params.get("referenceType", ""))
    group = call.request.query.get("groupName")
    fields = [f for f in _fields(call, reference) if not group or f.group_name == group]
    return answer([_view(call, f) for f in fields])


def definition_groups(call: RestCall) -> ErpRestResponse:
    groups: dict[str, list[Dto]] = {}
    for field in _fields(call, _reference(call.request.query.get("referenceType"))):
        groups.setdefault(field.group_name, []).append(_view(call, field))
    return answer([{"GroupName": name, "CustomFields": views} for name, views in groups.items()])


def definition_read(call: RestCall) -> ErpRestResponse:
    return answer(_view(call, _field(call)))


def _possible_values(body: rest_bodies.JsonObject) -> list[str] | None:
    values = body.get("PossibleValues")
    if values is None:
        return None
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise validation_error("PossibleValues", "A list of strings is required.")
    return [str(v) for v in values]


def definition_create(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    attached = call.tenant.attached
    with call.tenant.lock:
        field = CustomField(
            key=attached.allocate(kind="customfield"),
            reference_type=rest_bodies.get_int(body, "ReferenceType") or 0,
            name=rest_bodies.get_str(body, "Name") or "",
            group_name=rest_bodies.get_str(body, "GroupName") or "",
            data_type=rest_bodies.get_int(body, "DataType") or 0,
        )
        _change(field, body)
        attached.custom_fields[field.key] = field
    return answer(_view(call, field), status=201)


def _change(field: CustomField, body: rest_bodies.JsonObject) -> None:
    field.name = rest_bodies.get_str(body, "Name") or field.name
    field.group_name = rest_bodies.get_str(body, "GroupName") or field.group_name
    field.description = rest_bodies.get_str(body, "Description") or field.description
    for name, attribute in (("IsRequired", "is_required"), ("IsHidden", "is_hidden")):
        flag = rest_bodies.get_bool(body, name)
        if flag is not None:
            setattr(field, attribute, flag)
    for name, attribute in (("SortOrder", "sort_order"), ("DisplayLocation", "display_location")):
        number = rest_bodies.get_int(body, name)
        if number is not None:
            setattr(field, attribute, number)
    values = _possible_values(body)
    field.possible_values = field.possible_values if values is None else values


def definition_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        _change(_field(call), body)
    return no_content()


def definition_delete(call: RestCall) -> ErpRestResponse:
    with call.tenant.lock:
        field = _field(call)
        del call.tenant.attached.custom_fields[field.key]
        for values in call.tenant.attached.custom_values.values():
            values.pop(field.key, None)
    return no_content()


def _owned_field(call: RestCall, *, owner: str) -> tuple[dict[int, object], CustomField]:
    """The owner's values and the path's definition, which must be of the owner's type."""
    key = owner_key(call, owner=owner)
    reference = OWNER_REFERENCE[owner]
    field = call.tenant.attached.custom_fields.get(
        path_key(call, kind="customfield", name="customfieldId")
    )
    if field is None or field.reference_type != reference:
        raise not_found("No custom field with the given ID exists.")
    return call.tenant.attached.values_of(reference_type=reference, owner_key=key), field


def values_list(*, owner: str) -> Handler:
    def handler(call: RestCall) -> ErpRestResponse:
        key = owner_key(call, owner=owner)
        reference = OWNER_REFERENCE[owner]
        values = call.tenant.attached.values_of(reference_type=reference, owner_key=key)
        views = [
            {"CustomFieldId": public_id(call, kind="customfield", key=field.key), "Value": v}
            for field in _fields(call, reference)
            if (v := values.get(field.key)) is not None
        ]
        return answer(views)

    return handler


def value_update(*, owner: str) -> Handler:
    def handler(call: RestCall) -> ErpRestResponse:
        value = body_object(call).get("Value")
        if value is None:
            raise validation_error("Value", "The field Value is required.")
        with call.tenant.lock:
            values, field = _owned_field(call, owner=owner)
            values[field.key] = value
        return no_content()

    return handler


def value_delete(*, owner: str) -> Handler:
    def handler(call: RestCall) -> ErpRestResponse:
        with call.tenant.lock:
            values, field = _owned_field(call, owner=owner)
            if values.pop(field.key, None) is None:
                raise not_found("The record has no value for this custom field.")
        return no_content()

    return handler
