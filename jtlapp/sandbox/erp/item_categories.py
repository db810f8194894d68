"""Which categories an item is in, read from the category store (``Category.item_keys``).

The link lives on the category because ``POST /categories/{categoryId}/items`` writes it there;
the item views (1.0 ``Item.Categories``, GraphQL ``ItemCategories``) and the item writes
(1.0 ``CreateItem.Categories``, 2.0 ``MainCategoryId``, GraphQL ``categories``) go through
these helpers so every API sees the same assignment.
"""

from __future__ import annotations

from collections.abc import Iterable

from jtlapp.sandbox.erp.records_catalog import Category
from jtlapp.sandbox.erp.rest_common import validation_error
from jtlapp.sandbox.erp.tenant import TenantData


def item_categories_of(*, data: TenantData, item_key: int) -> list[Category]:
    """The item's categories in key order, so every read lists them alike."""
    ordered = sorted(data.categories.values(), key=lambda category: category.key)
    return [category for category in ordered if item_key in category.item_keys]


def item_categories_check(*, data: TenantData, category_keys: Iterable[int | None]) -> list[int]:
    """Every key must name a category: an unknown one refuses the whole write (400)."""
    keys = list(category_keys)
    if any(key is None or key not in data.categories for key in keys):
        raise validation_error("Categories", "No category with the given ID exists.")
    return [key for key in dict.fromkeys(keys) if key is not None]


def item_categories_set(*, data: TenantData, item_key: int, category_keys: list[int]) -> None:
    """The given categories replace the item's assignments (GraphQL ``categories`` input)."""
    with data.lock:
        wanted = set(item_categories_check(data=data, category_keys=category_keys))
        for category in data.categories.values():
            if category.key in wanted and item_key not in category.item_keys:
                category.item_keys.append(item_key)
            elif category.key not in wanted and item_key in category.item_keys:
                category.item_keys.remove(item_key)
