"""Framing and language for every response (security.md §4.2, the pages' ``?lang=``).

Two header profiles: the pages JTL embeds allow exactly ``JTL_FRAME_ANCESTORS`` as framing
origins (``embedded_page``), everything else, JSON and error pages included, may not be framed
at all (``frame-ancestors 'none'`` here plus Django's ``X-Frame-Options: DENY``).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils import translation
from django.utils.deprecation import MiddlewareMixin
from django.views.decorators.clickjacking import xframe_options_exempt

CSP = "Content-Security-Policy"
FRAME_NONE = "frame-ancestors 'none'"
PAGE_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"
View = Callable[..., HttpResponseBase]


EARLY_SCRIPT = (Path(__file__).parent / "static" / "panes" / "early.js").read_text(encoding="utf-8")
"""Inlined into every embedded page's <head>: the AppBridge handshake listener (bridge.js)."""
EARLY_HASH = base64.b64encode(hashlib.sha256(EARLY_SCRIPT.encode()).digest()).decode()


def embedded_policy() -> str:
    """The embedded pages' CSP; an empty allow-list means nobody may frame them.

    Scripts come from our origin, plus exactly the one inline listener, allowed by its hash.
    """
    ancestors = " ".join(settings.JTL_FRAME_ANCESTORS) or "'none'"
    scripts = f"script-src 'self' 'sha256-{EARLY_HASH}'"
    return f"{PAGE_POLICY}; {scripts}; form-action 'self'; frame-ancestors {ancestors}"


def top_level_policy() -> str:
    """The Hub launcher: never framed; its sign-out form redirects to JTL's identity provider."""
    return f"{PAGE_POLICY}; form-action 'self' {settings.JTL_ISSUER}; {FRAME_NONE}"


def embedded_page(view: View) -> View:
    """Mark a page JTL embeds: no ``X-Frame-Options``, CSP ``frame-ancestors`` = JTL hosts."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response[CSP] = embedded_policy()
        return response

    return xframe_options_exempt(wrapped)


def top_level_page(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response[CSP] = top_level_policy()
        return response

    return wrapped


class FrameAncestorsMiddleware(MiddlewareMixin):
    """``frame-ancestors 'none'`` on every response that did not choose a policy itself.

    ``MiddlewareMixin`` hooks, so the middleware runs on the event loop for async views and
    never makes the ASGI server hold a thread for them.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if CSP not in response:
            response[CSP] = FRAME_NONE
        return response


class QueryLanguageMiddleware(MiddlewareMixin):
    """``?lang=de|en`` (the host may pass the ERP's language) wins over Accept-Language.

    Runs after ``LocaleMiddleware``; the choice lasts for this request only, so nothing is
    stored in a cookie the embedded (third-party) page could not keep anyway.
    """

    def process_request(self, request: HttpRequest) -> None:
        wanted = request.GET.get("lang", "").strip().lower()[:2]
        if wanted in dict(settings.LANGUAGES):
            translation.activate(wanted)
            request.LANGUAGE_CODE = wanted
