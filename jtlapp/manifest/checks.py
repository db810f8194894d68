"""``manage.py check`` for the manifest: does what we submit to JTL match what we serve?

A manifest URL that resolves to none of our views installs an app whose page 404s inside the
ERP; an embedded view missing from the manifest is dead code reachable by anyone; scopes must
cover what the code calls and not much more; framing must allow exactly JTL's hosts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from jtlapp.erp.scopes import ErpOperationUnknownError, erp_graphql_scopes, erp_rest_scope
from jtlapp.erp.usage import erp_operations_used
from jtlapp.manifest import ManifestInvalidError, manifest_load
from jtlapp.manifest.checks_webhooks import webhook_checks
from jtlapp.manifest.models import Manifest

ORIGIN = re.compile(r"^https?://[^/\s?#]+$")
SANDBOX_ONLY_SCHEMES = ("http://",)


def _views(
    patterns: Iterable[URLPattern | URLResolver], prefix: str = ""
) -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.callback


def _route_checks(manifest: Manifest) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    served: set[Any] = set()
    for where, url in manifest.urls():
        try:
            served.add(resolve(urlsplit(url).path).func)
        except Resolver404:
            problems.append(
                Error(
                    f"manifest.json {where} = {url} is served by none of our views.",
                    hint="Fix the URL or add the route in jtlapp/urls.py.",
                    id="jtlapp.E001",
                )
            )
    for route, view in _views(get_resolver().url_patterns):
        if getattr(view, "xframe_options_exempt", False) and view not in served:
            problems.append(
                Error(
                    f"The embedded view at /{route} is not referenced by manifest.json.",
                    hint="Reference it (menu item, pane, configurationUrl) or stop exempting "
                    "it from X-Frame-Options.",
                    id="jtlapp.E002",
                )
            )
    return problems


def _scope_of(method: str, path: str) -> str | None:
    if method == "GRAPHQL":
        return erp_graphql_scopes(query=f"{{ {path} {{ __typename }} }}", operation_name=None)[path]
    return erp_rest_scope(method=method, path=path.replace("{id}", "0"))


def _scope_checks(manifest: Manifest) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    declared = set(manifest.capabilities.erp.api.scopes)
    needed = {scope for pane in manifest.capabilities.erp.pane for scope in pane.required_scopes}
    for (method, path), user in sorted(erp_operations_used().items()):
        try:
            scope = _scope_of(method, path)
        except ErpOperationUnknownError:
            problems.append(
                Error(
                    f"{user} calls {method} {path}, which JTL's API does not describe.",
                    id="jtlapp.E003",
                )
            )
            continue
        if scope is None:
            continue
        needed.add(scope)
        if scope not in declared:
            problems.append(
                Error(
                    f"{user} calls {method} {path}, which needs {scope!r}; manifest.json "
                    "does not declare it in capabilities.erp.api.scopes.",
                    id="jtlapp.E004",
                )
            )
    for scope in sorted(declared - needed):
        problems.append(
            Warning(
                f"manifest.json declares {scope!r}, but no code or pane needs it.",
                hint="Ask merchants only for what the app uses (least privilege).",
                id="jtlapp.W001",
            )
        )
    return problems


def _framing_checks() -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    ancestors = list(settings.JTL_FRAME_ANCESTORS)
    if not ancestors:
        problems.append(
            Error("JTL_FRAME_ANCESTORS is empty: JTL could not embed any page.", id="jtlapp.E005")
        )
    for origin in ancestors:
        if not ORIGIN.match(origin):
            problems.append(
                Error(
                    f"JTL_FRAME_ANCESTORS entry {origin!r} is not an origin (scheme://host[:port]).",
                    id="jtlapp.E006",
                )
            )
        elif settings.JTL_ENVIRONMENT != "sandbox" and origin.startswith(SANDBOX_ONLY_SCHEMES):
            problems.append(
                Error(
                    f"JTL_FRAME_ANCESTORS entry {origin!r} is plain http outside the sandbox.",
                    id="jtlapp.E007",
                )
            )
    if getattr(settings, "X_FRAME_OPTIONS", "DENY") != "DENY":
        problems.append(
            Error(
                "X_FRAME_OPTIONS must be DENY; embedded pages opt out one by one.", id="jtlapp.E008"
            )
        )
    if "django.middleware.clickjacking.XFrameOptionsMiddleware" not in settings.MIDDLEWARE:
        problems.append(
            Error(
                "XFrameOptionsMiddleware is missing: pages could be framed by anyone.",
                id="jtlapp.E009",
            )
        )
    return problems


@register("jtlapp")
def manifest_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Routes, scopes and framing against ``manifest.json`` (see the module docstring)."""
    try:
        manifest = manifest_load()
    except ManifestInvalidError as exc:
        return [Error(str(exc), id="jtlapp.E000")]
    get_resolver().url_patterns  # noqa: B018 - import the views so their erp_uses register
    checks = [*_route_checks(manifest), *_scope_checks(manifest), *_framing_checks()]
    return [*checks, *webhook_checks(manifest)]  # issue 15: handlers and subscriptions agree
