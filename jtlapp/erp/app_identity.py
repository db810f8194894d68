"""Who is calling: the ``x-appid``/``x-appversion`` headers JTL requires on every ERP call.

Both Cloud descriptions list the two headers as required on every operation, and OnPremise
Wawis reject calls without them (erp-api.md §3). They name the app as ``manifest.json`` does
(``technicalName``, ``version``), so the merchant's Wawi shows the app JTL registered;
``JTL_APP_ID_HEADER``/``JTL_APP_VERSION_HEADER`` override them, e.g. for an app registered
under another name on an OnPremise Wawi.
"""

from __future__ import annotations

import re
from uuid import UUID

from django.conf import settings

from jtlapp.manifest import manifest_load

RUNAS_SCOPE = "Application.RunAs"
_USER_ID = re.compile(r"[0-9]{1,10}")


def erp_app_identity_headers() -> dict[str, str]:
    """``x-appid`` and ``x-appversion`` for every ERP request (Cloud and OnPremise)."""
    app_id: str = settings.JTL_APP_ID_HEADER
    app_version: str = settings.JTL_APP_VERSION_HEADER
    if not app_id or not app_version:
        manifest = manifest_load()
        app_id = app_id or manifest.technical_name
        app_version = app_version or manifest.version
    return {"x-appid": app_id, "x-appversion": app_version}


def erp_runas_header(*, user_id: str) -> dict[str, str]:
    """``x-runas``: run the call as this Wawi user (an int or a UUID, as JTL documents).

    JTL executes the call with that user's rights only if the app holds the scope
    ``Application.RunAs`` (both descriptions); declare it in ``manifest.json`` before use.
    Anything else is refused here, so a header value cannot carry more than an id.
    """
    value = user_id.strip()
    if not _USER_ID.fullmatch(value):
        try:
            value = str(UUID(value))
        except ValueError:
            raise ValueError(
                f"x-runas takes a Wawi user id (an int or a UUID), not {user_id!r}."
            ) from None
    return {"x-runas": value}
