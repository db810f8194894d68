"""Parsing JSON request bodies (v1 PascalCase or v2 camelCase) into the write specs."""

from __future__ import annotations

from collections.abc import Callable

from jtlapp.sandbox.erp.mutations import CustomerChanges, ItemChanges, LineItemSpec
from jtlapp.sandbox.erp.rest_common import validation_error

JsonObject = dict[str, object]
KeyParser = Callable[[object], int | None]

V1_ADDRESS = {
    "FormOfAddress": "salutation",
    "FirstName": "first_name",
    "LastName": "last_name",
    "Company": "company",
    "Street": "street",
    "PostalCode": "postal_code",
    "City": "city",
    "CountryIso": "country_iso",
    "EmailAddress": "email",
    "PhoneNumber": "phone",
    "VatID": "vat_id",
}
V2_ADDRESS = {
    "salutation": "salutation",
    "firstName": "first_name",
    "lastName": "last_name",
    "companyName": "company",
    "street": "street",
    "postalCode": "postal_code",
    "city": "city",
    "countryIso": "country_iso",
    "emailAddress": "email",
    "phoneNumber": "phone",
    "vatId": "vat_id",
}


def require_object(body: object, *, name: str = "body") -> JsonObject:
    if not isinstance(body, dict):
        raise validation_error(name, "A JSON object is required.")
    return body


def require_objects(body: object) -> list[JsonObject]:
    if not isinstance(body, list) or not body:
        raise validation_error("body", "A non-empty JSON array is required.")
    return [require_object(entry, name=f"[{index}]") for index, entry in enumerate(body)]


def get_str(obj: JsonObject, name: str) -> str | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise validation_error(name, "A string is required.")
    return value


def get_number(obj: JsonObject, name: str) -> float | None:
    value = obj.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise validation_error(name, "A number is required.")
    return float(value)


def get_int(obj: JsonObject, name: str) -> int | None:
    value = obj.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise validation_error(name, "An integer is required.")
    return value


def get_bool(obj: JsonObject, name: str) -> bool | None:
    value = obj.get(name)
    if value is None:
        return None
    if not isinstance(value, bool):
        raise validation_error(name, "A boolean is required.")
    return value


def get_object(obj: JsonObject, name: str) -> JsonObject:
    value = obj.get(name)
    return {} if value is None else require_object(value, name=name)


def line_item_spec(obj: JsonObject, *, pascal: bool, item_key: KeyParser) -> LineItemSpec:
    """v1 ``CreateSalesOrderLineItem``/``Update…`` or the early-v2 camel twin (``sKU``)."""

    def name(camel: str) -> str:
        return camel[0].upper() + camel[1:] if pascal else camel

    raw_item = obj.get(name("itemId"))
    key = None if raw_item is None else item_key(raw_item)
    if raw_item is not None and key is None:
        raise validation_error(name("itemId"), "No item with the given ID exists.")
    return LineItemSpec(
        item_key=key,
        type=get_int(obj, name("type")),
        name=get_str(obj, name("name")),
        sku=get_str(obj, "SKU" if pascal else "sKU") or (None if pascal else get_str(obj, "sku")),
        quantity=get_number(obj, name("quantity")),
        sales_unit=get_str(obj, name("salesUnit")),
        sales_price_net=get_number(obj, name("salesPriceNet")),
        sales_price_gross=get_number(obj, name("salesPriceGross")),
        discount=get_number(obj, name("discount")),
        purchase_price_net=get_number(obj, name("purchasePriceNet")),
        tax_rate=get_number(obj, name("taxRate")),
        notice=get_str(obj, name("notice")),
    )


def item_changes_v1(obj: JsonObject) -> ItemChanges:
    """v1 ``UpdateItem`` subset (note JTL's ``ItemWeigth`` spelling, erp-api.md §10.2)."""
    prices = get_object(obj, "ItemPriceData")
    identifiers = get_object(obj, "Identifiers")
    return ItemChanges(
        name=get_str(obj, "Name"),
        sku=get_str(obj, "SKU"),
        description=get_str(obj, "Description"),
        short_description=get_str(obj, "ShortDescription"),
        gtin=get_str(identifiers, "Gtin"),
        manufacturer_number=get_str(identifiers, "ManufacturerNumber"),
        sales_price_net=get_number(prices, "SalesPriceNet"),
        purchase_price_net=get_number(prices, "PurchasePriceNet"),
        suggested_retail_price=get_number(prices, "SuggestedRetailPrice"),
        minimum_stock=get_number(get_object(obj, "StorageOptions"), "GlobalMinimumStockLevel"),
        weight=get_number(get_object(obj, "Weights"), "ItemWeigth"),
    )


def item_changes_v2(obj: JsonObject) -> ItemChanges:
    """A partial ``ItemdetailsItem`` (identifiers, default description, prices, weight)."""
    identifiers = get_object(obj, "identifiers")
    prices = get_object(obj, "prices")
    defaults = get_object(obj, "descriptions").get("defaultDescriptions") or []
    first = (
        require_object(defaults[0], name="defaultDescriptions")
        if isinstance(defaults, list) and defaults
        else {}
    )
    text = get_object(first, "descriptionData")
    return ItemChanges(
        name=get_str(text, "itemName"),
        sku=get_str(identifiers, "sku"),
        description=get_str(text, "description"),
        short_description=get_str(text, "shortDescription"),
        gtin=get_str(identifiers, "gtin"),
        manufacturer_number=get_str(identifiers, "manufacturerNumber"),
        sales_price_net=get_number(prices, "salesPriceNet"),
        purchase_price_net=get_number(prices, "purchasePriceNet"),
        suggested_retail_price=get_number(prices, "suggestedRetailPrice"),
        weight=get_number(get_object(obj, "measurements"), "weight"),
    )


def _address(obj: JsonObject, name: str, mapping: dict[str, str]) -> dict[str, str] | None:
    raw = get_object(obj, name)
    updates = {
        attr: value for key, attr in mapping.items() if (value := get_str(raw, key)) is not None
    }
    return updates or None


def customer_changes(obj: JsonObject, *, pascal: bool, group_key: KeyParser) -> CustomerChanges:
    """v1 ``UpdateCustomer`` or its v2 camel counterpart (``customerNumber``, addresses)."""
    group_name = "CustomerGroupId" if pascal else "customerGroupId"
    raw_group = obj.get(group_name)
    key = None if raw_group is None else group_key(raw_group)
    if raw_group is not None and key is None:
        raise validation_error(group_name, "No customer group with the given ID exists.")
    mapping = V1_ADDRESS if pascal else V2_ADDRESS
    return CustomerChanges(
        number=get_str(obj, "Number" if pascal else "customerNumber"),
        group_key=key,
        language_iso=get_str(obj, "LanguageIso" if pascal else "languageIso"),
        is_locked=get_bool(obj, "IsLocked" if pascal else "isLocked"),
        billing=_address(obj, "BillingAddress" if pascal else "billingAddress", mapping),
        shipment=_address(obj, "Shipmentaddress" if pascal else "shipmentAddress", mapping),
    )
