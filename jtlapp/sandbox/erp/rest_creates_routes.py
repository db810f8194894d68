"""Store routes of the core creates and deletes, for ``rest_derived.DERIVED_ROUTES``.

Customers, items and sales orders created through any of these read back through the store's
1.0, 2.0 and GraphQL reads, because every handler writes through ``mutations_create``.
"""

from __future__ import annotations

from jtlapp.sandbox.erp.rest_creates import ROUTES_V1
from jtlapp.sandbox.erp.rest_creates_v2 import ROUTES_V2
from jtlapp.sandbox.erp.rest_domain_v2 import ROUTES_DOMAIN
from jtlapp.sandbox.erp.rest_types import Handler

CREATE_ROUTES: dict[tuple[str, str], Handler] = {**ROUTES_V1, **ROUTES_V2, **ROUTES_DOMAIN}
"""(method, path as the description spells it) -> handler."""
