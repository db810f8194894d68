"""Item categories in 2.0: ``/v2/categories``, the ``/v2/CreateCategory`` commands, item links.

Same store as 1.0 (``rest_categories``). Keys are ``category`` UUIDs; a top-level category's
parent is the UUID of key 0, so a parent id always decodes. ``GET /v2/category/{CategoryId}``
and the command routes document no body; they answer the PascalCase spelling of what the
SDL's ``CategoryDetails`` / ``CreateCategoryCommandResponse`` / ``Boolean`` carry. The
command routes document 404 as their only client error, so every unknown id answers 404.
``GET /v2/category/{CategoryId}`` documents only 200; an unknown id still answers the JTL
404 ``ErrorResponse`` rather than a made-up category.
"""

from __future__ import annotations

from jtlapp.sandbox.casing import pascal_keys
from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.item_categories import item_categories_check, item_categories_set
from jtlapp.sandbox.erp.records_catalog import Category
from jtlapp.sandbox.erp.rest_catalog_base import (
    Dto,
    body_object,
    category_of,
    in_key,
    next_key,
    ok,
    param_key,
)
from jtlapp.sandbox.erp.rest_categories import parent_key_checked
from jtlapp.sandbox.erp.rest_common import not_found, validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.tenant import TenantData

LANGUAGE = "DE"
PLATFORM_KEY = 1


def _description_data(category: Category) -> Dto:
    return {
        "ItemName": category.name,
        "ShortDescription": category.description,
        "Description": category.description,
        "MetaDescription": category.description,
        "MetaKeywords": "",
        "TitleTag": category.name,
        "UrlPath": category.name.lower().replace(" ", "-"),
    }


def category_view(data: TenantData, category: Category) -> Dto:
    """``V2.Category.Category``."""
    default = {
        "PlatformId": data.uuid(kind="platform", key=PLATFORM_KEY),
        "LanguageId": LANGUAGE,
        "DescriptionData": _description_data(category),
    }
    return {
        "Id": data.uuid(kind="category", key=category.key),
        "ParentCategoryId": data.uuid(kind="category", key=category.parent_key),
        "SortNumber": category.sort_number,
        "Descriptions": {"DefaultDescriptions": [default], "SalesChannelDescriptions": []},
        "Attributes": {"Values": []},
        "CustomFields": {"Values": []},
        "Discounts": {"Values": []},
        "HiddenForCustomerGroups": {"Values": []},
        "Shops": {"Values": []},
    }


def category_details(data: TenantData, category: Category) -> Dto:
    """The SDL's ``CategoryDetails`` fields, camelCase (GraphQL spells them so)."""
    text = _description_data(category)
    description = {
        "categoryId": data.uuid(kind="category", key=category.key),
        "platformId": data.uuid(kind="platform", key=PLATFORM_KEY),
        "salesChannelId": data.uuid(kind="saleschannel", key=1),
        "languageId": LANGUAGE,
        "name": category.name,
        "description": category.description,
        "metaDescription": text["MetaDescription"],
        "metaKeywords": text["MetaKeywords"],
        "titleTag": text["TitleTag"],
        "urlPath": text["UrlPath"],
    }
    return {
        "id": data.uuid(kind="category", key=category.key),
        "parentId": data.uuid(kind="category", key=category.parent_key),
        "sortNumber": category.sort_number,
        "descriptions": [description],
    }


def _name_from(body: Dto) -> str | None:
    descriptions = rest_bodies.get_object(body, "Descriptions")
    defaults = descriptions.get("DefaultDescriptions")
    for entry in defaults if isinstance(defaults, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("DescriptionData"), dict):
            name = entry["DescriptionData"].get("ItemName")
            if isinstance(name, str) and name:
                return name
    return None


def category_add(*, data: TenantData, name: str, parent_key: int, sort_number: int) -> Category:
    """Create a category (caller holds ``data.lock``); shared with the GraphQL mutation."""
    key = next_key(data, kind="category", keys=data.categories)
    data.categories[key] = Category(
        key=key, name=name, description="", parent_key=parent_key, sort_number=sort_number
    )
    return data.categories[key]


def category_remove(*, data: TenantData, key: int, children_to: int | None) -> None:
    """Delete a category; its children move to ``children_to`` (default: its parent)."""
    category = data.categories.pop(key)
    target = category.parent_key if children_to is None else children_to
    for child in data.categories.values():
        if child.parent_key == key:
            child.parent_key = target


def create(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        parent = parent_key_checked(call, body.get("ParentCategoryId"), name="ParentCategoryId")
        category = category_add(
            data=call.tenant,
            name=_name_from(body) or "Neue Kategorie",
            parent_key=parent,
            sort_number=rest_bodies.get_int(body, "SortNumber") or 0,
        )
    return ok(category_view(call.tenant, category), 201)


def update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        category = category_of(call, param_key(call, "category", "categoryId"))
        if "ParentCategoryId" in body:
            category.parent_key = _parent(
                call, category, body["ParentCategoryId"], "ParentCategoryId"
            )
        category.name = _name_from(body) or category.name
        sort_number = rest_bodies.get_int(body, "SortNumber")
        category.sort_number = category.sort_number if sort_number is None else sort_number
    return ok(category_view(call.tenant, category), 201)


def _parent(call: RestCall, category: Category, value: object, name: str) -> int:
    parent = parent_key_checked(call, value, name=name)
    if parent == category.key:
        raise validation_error(name, "A category cannot be its own parent.")
    return parent


def delete(call: RestCall) -> ErpRestResponse:
    body = call.request.body if isinstance(call.request.body, dict) else {}
    with call.tenant.lock:
        key = category_of(call, param_key(call, "category", "categoryId")).key
        target = body.get("ChildCategoryDestination")
        children_to = None
        if target is not None:
            children_to = _checked_target(call, target, key, name="ChildCategoryDestination")
        category_remove(data=call.tenant, key=key, children_to=children_to)
    return ok(None, 204)


def _checked_target(call: RestCall, value: object, key: int, *, name: str) -> int:
    target = parent_key_checked(call, value, name=name)
    if target == key:
        raise validation_error(name, "The children cannot move into the deleted category.")
    return target


def details(call: RestCall) -> ErpRestResponse:
    category = category_of(call, param_key(call, "category", "CategoryId"))
    return ok(pascal_keys(category_details(call.tenant, category)))


def command_create(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    name = rest_bodies.get_str(body, "Name")
    if not name:
        raise validation_error("Name", "The Name field is required.")
    with call.tenant.lock:
        parent = _command_category(call, body.get("ParentId"), top_level_ok=True)
        sort_number = rest_bodies.get_int(body, "SortNumber") or 0
        category = category_add(
            data=call.tenant, name=name, parent_key=parent, sort_number=sort_number
        )
    return ok({"CategoryId": call.tenant.uuid(kind="category", key=category.key)}, 201)


def _command_category(call: RestCall, value: object, *, top_level_ok: bool) -> int:
    """The command routes document 404 as their only client error, so an unknown id is one."""
    key = in_key(call, "category", value)
    if top_level_ok and (value is None or key == 0):
        return 0
    if key is None or key not in call.tenant.categories:
        raise not_found("No category with the given ID exists.")
    return key


def _command_target(call: RestCall, body: Dto) -> Category:
    return call.tenant.categories[_command_category(call, body.get("Id"), top_level_ok=False)]


def command_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        category = _command_target(call, body)
        if body.get("ParentId") is not None:
            parent = _command_category(call, body["ParentId"], top_level_ok=True)
            if parent == category.key:
                raise not_found("The parent must be another existing category.")
            category.parent_key = parent
        category.name = rest_bodies.get_str(body, "Name") or category.name
        sort_number = rest_bodies.get_int(body, "SortNumber")
        category.sort_number = category.sort_number if sort_number is None else sort_number
    return ok(True)


def command_delete(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        key = _command_target(call, body).key
        target = body.get("MoveChildrenTargetId")
        children_to = None
        if target is not None:
            children_to = _command_category(call, target, top_level_ok=True)
            if children_to == key:
                raise not_found("The children cannot move into the deleted category.")
        category_remove(data=call.tenant, key=key, children_to=children_to)
    return ok(True)


def _item_key(call: RestCall) -> int:
    key = param_key(call, "item", "itemid")
    if key not in call.tenant.items:
        raise not_found("No item with the given ID exists.")
    return key


def item_categories(call: RestCall) -> ErpRestResponse:
    key = _item_key(call)
    data = call.tenant
    assigned = [
        c for c in sorted(data.categories.values(), key=lambda c: c.key) if key in c.item_keys
    ]
    return ok(
        {"Categories": [{"CategoryId": data.uuid(kind="category", key=c.key)} for c in assigned]}
    )


def item_categories_update(call: RestCall) -> ErpRestResponse:
    """``UpdateItemCategories``: the given list replaces the item's category assignments."""
    body = body_object(call)
    entries = body.get("Categories")
    data = call.tenant
    with data.lock:
        key = _item_key(call)
        if entries is None:
            return ok({"ItemId": data.uuid(kind="item", key=key)}, 201)
        if not isinstance(entries, list):
            raise validation_error("Categories", "A JSON array is required.")
        wanted = [
            in_key(call, "category", e.get("CategoryId")) if isinstance(e, dict) else None
            for e in entries
        ]
        item_categories_set(
            data=data,
            item_key=key,
            category_keys=item_categories_check(data=data, category_keys=wanted),
        )
    return ok({"ItemId": data.uuid(kind="item", key=key)}, 201)


ROUTES_V2 = {
    ("POST", "/v2/categories"): create,
    ("PATCH", "/v2/categories/{categoryId}"): update,
    ("DELETE", "/v2/categories/{categoryId}"): delete,
    ("GET", "/v2/category/{CategoryId}"): details,
    ("POST", "/v2/CreateCategory"): command_create,
    ("PATCH", "/v2/UpdateCategory"): command_update,
    ("DELETE", "/v2/DeleteCategory"): command_delete,
    ("GET", "/v2/items/{itemid}/categories"): item_categories,
    ("PATCH", "/v2/items/{itemid}/categories"): item_categories_update,
}
"""(method, 2.0 path as described) -> handler."""
