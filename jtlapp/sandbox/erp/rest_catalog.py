"""Store routes of categories, returns and item data, for ``rest_derived.DERIVED_ROUTES``."""

from __future__ import annotations

from jtlapp.sandbox.erp import (
    rest_categories,
    rest_categories_v2,
    rest_item_fields,
    rest_prices,
    rest_prices_v2,
    rest_returns,
    rest_variations,
    rest_variations_v2,
)
from jtlapp.sandbox.erp.rest_types import Handler

CATALOG_ROUTES: dict[tuple[str, str], Handler] = {
    **rest_categories.ROUTES_V1,
    **rest_categories_v2.ROUTES_V2,
    **rest_returns.ROUTES,
    **rest_prices.ROUTES_V1,
    **rest_prices_v2.ROUTES_V2,
    **rest_variations.ROUTES_V1,
    **rest_variations_v2.ROUTES_V2,
    **rest_item_fields.ROUTES_V1,
}
"""(method, path as the description spells it) -> handler."""
