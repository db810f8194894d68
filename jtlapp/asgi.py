"""The ASGI application: every page and API from one event loop per worker process.

Async views (the ERP gateway) hold no thread while JTL answers; sync views run in Django's
thread pool as usual. ``/api/erp/`` takes the fast lane (``jtlapp.core.api_lane``): the
same Django, URLs and views, with only native-async middleware in front.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtlapp.settings")

_django = get_asgi_application()

from jtlapp.core.api_lane import ApiHandler, api_lane_is  # noqa: E402 - needs django.setup()

_api = ApiHandler()


async def application(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if api_lane_is(scope):
        await _api(scope, receive, send)
    else:
        await _django(scope, receive, send)
