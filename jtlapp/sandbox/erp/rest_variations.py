"""Item variations and their values in both generations, over ``TenantData.variations``.

1.0 manages variations and values one by one (``/items/{itemId}/variations…``); 2.0 reads
them all at once and patches existing ones (``/v2/items/{itemid}/variations``). Both see the
same records. The ``POST`` routes and the 2.0 ``PATCH`` document no 404, so an unknown item or
variation there is a 400. The seed has no child items, so ``VariationKombinations`` is empty.
"""

from __future__ import annotations

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.records_catalog import Variation, VariationValue
from jtlapp.sandbox.erp.rest_catalog_base import Dto, body_object, next_key, ok, param_key
from jtlapp.sandbox.erp.rest_common import ErpRestError, not_found, validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.tenant import TenantData

TYPES_V1 = range(0, 6)
"""1.0 ``Type``: 0=Dropdown | 1=Radiobutton | 2=Swatches | 3=Textbox | 4=FreeText | 5=Mandatory…"""
DEFAULT_LANGUAGE = "DE"


def item_variations(data: TenantData, item_key: int) -> list[Variation]:
    found = [v for v in data.variations.values() if v.item_key == item_key]
    return sorted(found, key=lambda v: (v.position, v.key))


def _item_key(call: RestCall, *, missing: ErpRestError | None = None) -> int:
    key = param_key(call, "item", "itemId")
    if key not in call.tenant.items:
        raise missing or not_found("No item with the given ID exists.")
    return key


def _variation(call: RestCall, *, missing: ErpRestError | None = None) -> Variation:
    item_key = _item_key(call, missing=missing)
    variation = call.tenant.variations.get(param_key(call, "variation", "variationId"))
    if variation is None or variation.item_key != item_key:
        raise missing or not_found("No variation with the given ID exists.")
    return variation


def _value(call: RestCall, variation: Variation) -> VariationValue:
    key = param_key(call, "variationvalue", "variationValueId")
    found = next((v for v in variation.values if v.key == key), None)
    if found is None:
        raise not_found("No variation value with the given ID exists.")
    return found


def _translations(names: dict[str, str]) -> list[Dto]:
    return [{"LanguageIso": iso, "Name": name} for iso, name in sorted(names.items())]


def _translations_in(body: Dto, current: dict[str, str]) -> dict[str, str]:
    entries = body.get("Translations")
    if entries is None:
        return current
    result = {}
    for index, entry in enumerate(rest_bodies.require_objects(entries) if entries else []):
        iso, name = rest_bodies.get_str(entry, "LanguageIso"), rest_bodies.get_str(entry, "Name")
        if not iso or name is None:
            raise validation_error(f"Translations[{index}]", "LanguageIso and Name are required.")
        result[iso.upper()] = name
    return result


def variation_dto(variation: Variation) -> Dto:
    return {
        "Id": variation.key,
        "ItemId": variation.item_key,
        "Name": variation.name,
        "Type": variation.type,
        "Translations": _translations(variation.translations),
    }


def value_dto(value: VariationValue) -> Dto:
    return {"Id": value.key, "Name": value.name, "Translations": _translations(value.translations)}


def variations_list(call: RestCall) -> ErpRestResponse:
    key = _item_key(call)
    return ok([variation_dto(v) for v in item_variations(call.tenant, key)])


def variation_create(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    name, kind = rest_bodies.get_str(body, "Name"), rest_bodies.get_int(body, "Type")
    if not name:
        raise validation_error("Name", "The Name field is required.")
    if kind is None or kind not in TYPES_V1:
        raise validation_error("Type", "The Type must be 0 to 5.")
    data = call.tenant
    with data.lock:
        item_key = _item_key(call, missing=validation_error("itemId", "No such item."))
        key = next_key(data, kind="variation", keys=data.variations)
        data.variations[key] = Variation(
            key=key,
            item_key=item_key,
            name=name,
            type=kind,
            position=len(item_variations(data, item_key)) + 1,
            translations=_translations_in(body, {}),
        )
    return ok(variation_dto(data.variations[key]), 201)


def variation_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        variation = _variation(call)
        variation.name = rest_bodies.get_str(body, "Name") or variation.name
        variation.translations = _translations_in(body, variation.translations)
    return ok(None, 204)


def variation_delete(call: RestCall) -> ErpRestResponse:
    with call.tenant.lock:
        del call.tenant.variations[_variation(call).key]
    return ok(None, 204)


def values_list(call: RestCall) -> ErpRestResponse:
    return ok([value_dto(v) for v in _variation(call).values])


def value_create(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    name = rest_bodies.get_str(body, "Name")
    if not name:
        raise validation_error("Name", "The Name field is required.")
    data = call.tenant
    with data.lock:
        variation = _variation(call, missing=validation_error("variationId", "No such variation."))
        value = VariationValue(
            key=next_key(
                data,
                kind="variationvalue",
                keys=(v.key for var in data.variations.values() for v in var.values),
            ),
            name=name,
            translations=_translations_in(body, {}),
            item_number=f"{data.items[variation.item_key].sku}-{len(variation.values) + 1}",
        )
        variation.values.append(value)
    return ok(value_dto(value), 201)


def value_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        value = _value(call, _variation(call))
        value.name = rest_bodies.get_str(body, "Name") or value.name
        value.translations = _translations_in(body, value.translations)
    return ok(None, 204)


def value_delete(call: RestCall) -> ErpRestResponse:
    with call.tenant.lock:
        variation = _variation(call)
        variation.values.remove(_value(call, variation))
    return ok(None, 204)


_BASE = "/items/{itemId}/variations"
ROUTES_V1 = {
    ("GET", _BASE): variations_list,
    ("POST", _BASE): variation_create,
    ("PATCH", _BASE + "/{variationId}"): variation_update,
    ("DELETE", _BASE + "/{variationId}"): variation_delete,
    ("GET", _BASE + "/{variationId}/values"): values_list,
    ("POST", _BASE + "/{variationId}/values"): value_create,
    ("PATCH", _BASE + "/{variationId}/values/{variationValueId}"): value_update,
    ("DELETE", _BASE + "/{variationId}/values/{variationValueId}"): value_delete,
}
"""(method, 1.0 path as described) -> handler."""
