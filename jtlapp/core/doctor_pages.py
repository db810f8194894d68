"""The doctor's look at the pages JTL will load: reachable, and frameable by JTL only."""

from __future__ import annotations

from django.conf import settings

from jtlapp.gateway.http import OutboundError, outbound_request
from jtlapp.manifest import ManifestInvalidError, manifest_path
from jtlapp.manifest.models import Manifest
from jtlapp.manifest.render import ManifestBaseUrlError, manifest_render
from jtlapp.manifest.validate import manifest_parse


class DoctorProblem(Exception):
    """A failed check; the message says what to fix."""


def _embedded_urls(manifest: Manifest) -> list[str]:
    erp = manifest.capabilities.erp
    urls = [manifest.lifecycle.configuration_url] + [item.url for item in erp.menu_items]
    return [url for url in [*urls, *(pane.url for pane in erp.pane)] if url]


def _frame_problem(url: str) -> str | None:
    """Why JTL could not embed ``url``, or None."""
    try:
        response = outbound_request(method="GET", url=url, timeout=5)
    except OutboundError as exc:
        return f"{url} unreachable ({exc}); is the web server running?"
    if response.status != 200:
        return f"{url} answered HTTP {response.status}"
    if "x-frame-options" in response.headers:
        return f"{url} sends X-Frame-Options, so JTL cannot frame it"
    policy = response.headers.get("content-security-policy", "")
    ancestors = next(
        (part.split()[1:] for part in policy.split(";") if part.split()[:1] == ["frame-ancestors"]),
        [],
    )
    missing = [origin for origin in settings.JTL_FRAME_ANCESTORS if origin not in ancestors]
    if missing:
        return f"{url} does not allow framing by {', '.join(missing)}"
    return None


def manifest_pages_check(*, base_url: str | None) -> str:
    """Every embedded page answers 200 and lets exactly JTL's hosts frame it."""
    text = manifest_path().read_text(encoding="utf-8")
    base_url = base_url or settings.JTL_APP_BASE_URL  # follows JTL_WEB_PORT (issue 15)
    try:
        if base_url:
            text = manifest_render(manifest_text=text, base_url=base_url)
        manifest = manifest_parse(text=text)
    except (ManifestInvalidError, ManifestBaseUrlError) as exc:
        raise DoctorProblem(str(exc)) from None
    urls = _embedded_urls(manifest)
    problems = [problem for url in urls if (problem := _frame_problem(url))]
    if manifest.capabilities.hub and manifest.capabilities.hub.app_launcher:
        hub = manifest.capabilities.hub.app_launcher.redirect_url
        try:
            status = outbound_request(method="GET", url=hub, timeout=5).status
            if status >= 400:
                problems.append(f"{hub} answered HTTP {status}")
        except OutboundError as exc:
            problems.append(f"{hub} unreachable ({exc})")
    if problems:
        raise DoctorProblem("; ".join(problems))
    hub_note = " (and the Hub launcher)" if manifest.capabilities.hub else ""
    frames = " ".join(settings.JTL_FRAME_ANCESTORS)
    return f"{len(urls)} embedded page(s) load{hub_note} and allow {frames}"
