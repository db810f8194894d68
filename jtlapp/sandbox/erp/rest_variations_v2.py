"""Item variations in 2.0 (``/v2/items/{itemid}/variations``), over the records 1.0 manages.

``Descriptions`` carry the default language (German) plus the 1.0 ``Translations``;
``VariationType`` counts one higher than 1.0's ``Type`` (2.0 starts with 0=Unknown). A value's
net surcharge is the default customer group's platform surcharge. ``PATCH`` changes existing
variations only (the description has no create here) and documents no 404: unknown is 400.
"""

from __future__ import annotations

import copy

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.records_catalog import Variation, VariationValue
from jtlapp.sandbox.erp.rest_catalog_base import Dto, body_object, in_key, ok, param_key
from jtlapp.sandbox.erp.rest_common import not_found, validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.rest_variations import DEFAULT_LANGUAGE, item_variations
from jtlapp.sandbox.erp.seed_prices import default_group_key
from jtlapp.sandbox.erp.tenant import TenantData

PLATFORM_KEY = 1
SHOP_CHANNEL_KEY = 2
TYPE_OFFSET = 1
TYPES_V2 = range(0, 7)


def _descriptions(name: str, translations: dict[str, str]) -> list[Dto]:
    others: list[Dto] = [
        {"LanguageId": iso, "Name": text} for iso, text in sorted(translations.items())
    ]
    return [{"LanguageId": DEFAULT_LANGUAGE, "Name": name}, *others]


def _value_view(data: TenantData, value: VariationValue) -> Dto:
    group = data.uuid(kind="customergroup", key=default_group_key(data))
    return {
        "VariationValueId": data.uuid(kind="variationvalue", key=value.key),
        "ItemNumber": value.item_number,
        "GTIN": value.gtin,
        "WeightOffset": value.weight_offset,
        "Descriptions": _descriptions(value.name, value.translations),
        "Surcharges": {
            "DefaultSurchargeNet": value.surcharge_net,
            "PlatformSurcharges": {
                "PlatformId": data.uuid(kind="platform", key=PLATFORM_KEY),
                "Surcharges": [{"CustomerGroupId": group, "Surcharge": value.surcharge_net}],
            },
            "SalesChannelSurcharges": {
                "SalesChannelId": data.uuid(kind="shop", key=SHOP_CHANNEL_KEY),
                "Surcharges": [],
                "IsActive": True,
            },
        },
    }


def variation_view(data: TenantData, variation: Variation) -> Dto:
    return {
        "VariationId": data.uuid(kind="variation", key=variation.key),
        "Position": variation.position,
        "Descriptions": _descriptions(variation.name, variation.translations),
        "Values": [_value_view(data, value) for value in variation.values],
        "VariationType": variation.type + TYPE_OFFSET,
    }


def variations(call: RestCall) -> ErpRestResponse:
    key = param_key(call, "item", "itemid")
    if key not in call.tenant.items:
        raise not_found("No item with the given ID exists.")
    views = [variation_view(call.tenant, v) for v in item_variations(call.tenant, key)]
    return ok({"Variations": views, "VariationKombinations": []})


def _texts(entry: Dto, name: str, translations: dict[str, str]) -> tuple[str, dict[str, str]]:
    """``Descriptions`` -> (default-language name, other languages); absent keeps both."""
    entries = entry.get("Descriptions")
    if not entries:
        return name, translations
    texts: dict[str, str] = {}
    for index, description in enumerate(rest_bodies.require_objects(entries)):
        language = rest_bodies.get_str(description, "LanguageId")
        text = rest_bodies.get_str(description, "Name")
        if not language or text is None:
            raise validation_error(f"Descriptions[{index}]", "LanguageId and Name are required.")
        texts[language.upper()] = text
    return texts.pop(DEFAULT_LANGUAGE, name), texts


def _value_apply(call: RestCall, variation: Variation, entry: Dto) -> None:
    key = in_key(call, "variationvalue", entry.get("VariationValueId"))
    value = next((v for v in variation.values if v.key == key), None)
    if value is None:
        raise validation_error("VariationValueId", "No value of this variation has this ID.")
    value.name, value.translations = _texts(entry, value.name, value.translations)
    value.item_number = rest_bodies.get_str(entry, "ItemNumber") or value.item_number
    gtin = rest_bodies.get_str(entry, "GTIN")
    value.gtin = value.gtin if gtin is None else gtin
    weight = rest_bodies.get_number(entry, "WeightOffset")
    value.weight_offset = value.weight_offset if weight is None else weight
    surcharge = rest_bodies.get_number(
        rest_bodies.get_object(entry, "Surcharges"), "DefaultSurchargeNet"
    )
    value.surcharge_net = value.surcharge_net if surcharge is None else surcharge


def _variation_apply(call: RestCall, staged: dict[int, Variation], entry: Dto) -> None:
    variation = staged.get(in_key(call, "variation", entry.get("VariationId")) or 0)
    if variation is None:
        raise validation_error("VariationId", "No variation of this item has this ID.")
    kind = rest_bodies.get_int(entry, "VariationType")
    if kind is None or kind not in TYPES_V2:
        raise validation_error("VariationType", "The VariationType must be 0 to 6.")
    if kind >= TYPE_OFFSET:
        variation.type = kind - TYPE_OFFSET
    position = rest_bodies.get_int(entry, "Position")
    variation.position = variation.position if position is None else position
    variation.name, variation.translations = _texts(entry, variation.name, variation.translations)
    for value in rest_bodies.require_objects(entry["Values"]) if entry.get("Values") else []:
        _value_apply(call, variation, value)


def variations_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    data = call.tenant
    with data.lock:
        key = param_key(call, "item", "itemid")
        if key not in data.items:
            raise validation_error("itemid", "No item with the given ID exists.")
        if body.get("VariationKombinations"):
            raise validation_error("VariationKombinations", "The item has no child items.")
        # staged on copies, so a 400 half-way leaves the store as it was
        staged = {v.key: copy.deepcopy(v) for v in item_variations(data, key)}
        entries = body.get("Variations")
        for entry in rest_bodies.require_objects(entries) if entries else []:
            _variation_apply(call, staged, entry)
        data.variations.update(staged)
    return ok({"ItemId": data.uuid(kind="item", key=key)}, 201)


ROUTES_V2 = {
    ("GET", "/v2/items/{itemid}/variations"): variations,
    ("PATCH", "/v2/items/{itemid}/variations"): variations_update,
}
"""(method, 2.0 path as described) -> handler."""
