"""The ASGI application: the web process serves every page and API from one event loop.

Async views (the ERP gateway) hold no thread while JTL answers; sync views run in Django's
thread pool as usual.
"""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jtlapp.settings")

application = get_asgi_application()
