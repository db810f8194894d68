"""Item categories in 1.0 (``/categories…``): a seeded tree whose writes later reads show.

The 2.0 description spells categories differently (``rest_categories_v2``); both work on the
same ``TenantData.categories``, so a category made in one generation is read in the other.
"""

from __future__ import annotations

from jtlapp.sandbox.erp import rest_bodies
from jtlapp.sandbox.erp.records_catalog import Category
from jtlapp.sandbox.erp.rest_catalog_base import (
    Dto,
    body_object,
    category_of,
    in_key,
    next_key,
    ok,
    paged,
    param_key,
)
from jtlapp.sandbox.erp.rest_common import validation_error
from jtlapp.sandbox.erp.rest_types import ErpRestResponse, RestCall
from jtlapp.sandbox.erp.tenant import TenantData

MAX_LEVEL = 32


def category_level(data: TenantData, category: Category) -> int:
    """Depth in the tree, 1 for a top-level category (guarded against cycles)."""
    level, parent = 1, data.categories.get(category.parent_key)
    while parent is not None and level < MAX_LEVEL:
        level, parent = level + 1, data.categories.get(parent.parent_key)
    return level


def sorted_categories(data: TenantData) -> list[Category]:
    return sorted(data.categories.values(), key=lambda c: (c.parent_key, c.sort_number, c.key))


def category_dto(call: RestCall, category: Category) -> Dto:
    return {
        "Id": category.key,
        "Name": category.name,
        "Description": category.description,
        "ParentCategoryId": category.parent_key,
        "Level": category_level(call.tenant, category),
        "SortNumber": category.sort_number,
        "ActiveSalesChannels": category.active_sales_channels,
    }


def parent_key_checked(call: RestCall, value: object, *, name: str) -> int:
    """0 (top level) or the key of an existing category; anything else is a 400."""
    if value is None or value == 0:
        return 0
    key = in_key(call, "category", value)
    if key is None or (key != 0 and key not in call.tenant.categories):
        raise validation_error(name, "No category with the given ID exists.")
    return key


def categories_list(call: RestCall) -> ErpRestResponse:
    return paged(call, [category_dto(call, c) for c in sorted_categories(call.tenant)])


def category_read(call: RestCall) -> ErpRestResponse:
    category = category_of(call, param_key(call, "category", "categoryId"))
    return ok(category_dto(call, category))


def category_create(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    name = rest_bodies.get_str(body, "Name")
    if not name:
        raise validation_error("Name", "The Name field is required.")
    data = call.tenant
    with data.lock:
        parent = parent_key_checked(call, body.get("ParentCategoryId"), name="ParentCategoryId")
        key = next_key(data, kind="category", keys=data.categories)
        data.categories[key] = Category(
            key=key,
            name=name,
            description=rest_bodies.get_str(body, "Description") or "",
            parent_key=parent,
            sort_number=rest_bodies.get_int(body, "SortNumber") or 0,
            active_sales_channels=rest_bodies.get_str(body, "ActiveSalesChannels") or "",
        )
    return ok(category_dto(call, data.categories[key]), 201)


def category_update(call: RestCall) -> ErpRestResponse:
    body = body_object(call)
    with call.tenant.lock:
        category = category_of(call, param_key(call, "category", "categoryId"))
        if "ParentCategoryId" in body:
            parent = parent_key_checked(call, body["ParentCategoryId"], name="ParentCategoryId")
            if parent == category.key:
                raise validation_error("ParentCategoryId", "A category cannot be its own parent.")
            category.parent_key = parent
        category.name = rest_bodies.get_str(body, "Name") or category.name
        description = rest_bodies.get_str(body, "Description")
        category.description = category.description if description is None else description
        sort_number = rest_bodies.get_int(body, "SortNumber")
        category.sort_number = category.sort_number if sort_number is None else sort_number
        channels = rest_bodies.get_str(body, "ActiveSalesChannels")
        if channels is not None:
            category.active_sales_channels = channels
    return ok(category_dto(call, category), 201)


def category_descriptions(call: RestCall) -> ErpRestResponse:
    """The category's name and text per active sales channel, in German (the seed's language)."""
    category = category_of(call, param_key(call, "category", "categoryId"))
    channels = [c for c in category.active_sales_channels.split(",") if c] or ["1-1-1"]
    views = [
        {
            "CategoryId": category.key,
            "Name": category.name,
            "Description": category.description,
            "SeoPath": category.name.lower().replace(" ", "-"),
            "SeoMetaDescription": category.description,
            "SeoTitleTag": category.name,
            "SeoMetaKeywords": "",
            "LanguageIso": "DE",
            "SalesChannelId": channel,
        }
        for channel in channels
    ]
    return ok(views)


def category_items_add(call: RestCall) -> ErpRestResponse:
    """Assign items; 201 with the ids now assigned (duplicates are kept once)."""
    body = call.request.body
    if not isinstance(body, list):
        raise validation_error("body", "A JSON array of item ids is required.")
    data = call.tenant
    with data.lock:
        category = category_of(call, param_key(call, "category", "categoryId"))
        keys = [in_key(call, "item", value) for value in body]
        if any(key is None or key not in data.items for key in keys):
            raise validation_error("body", "No item with the given ID exists.")
        for key in keys:
            if key is not None and key not in category.item_keys:
                category.item_keys.append(key)
    return ok([key for key in keys if key is not None], 201)


ROUTES_V1 = {
    ("GET", "/categories"): categories_list,
    ("POST", "/categories"): category_create,
    ("GET", "/categories/{categoryId}"): category_read,
    ("PATCH", "/categories/{categoryId}"): category_update,
    ("GET", "/categories/{categoryId}/descriptions"): category_descriptions,
    ("POST", "/categories/{categoryId}/items"): category_items_add,
}
"""(method, 1.0 path as described) -> handler."""
