"""``jtl doctor``: every way the running configuration can be wrong, checked at once.

Each check returns a line that says what is fine or what to fix; none raises. Order follows
dependency: configuration first (a mixed environment explains every later failure), then
JTL, then our own services, then the pages JTL will load.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from jtlapp.auth.keys_fetch import jwks_fetch
from jtlapp.core.doctor_listing import listing_check
from jtlapp.core.doctor_pages import DoctorProblem, manifest_pages_check
from jtlapp.core.key_lists import key_list_fingerprint, key_lists_running
from jtlapp.core.selectors import health_report
from jtlapp.gateway.http import OutboundError, outbound_request
from jtlapp.gateway.service_token_fetch import TokenFetchError, token_fetch
from jtlapp.manifest import ManifestInvalidError, manifest_load

CLOCK_TOLERANCE_SECONDS = 30


@dataclass(frozen=True, kw_only=True)
class DoctorLine:
    ok: bool
    name: str
    detail: str


def _environment_of(url: str) -> str:
    """``sandbox`` (localhost), ``prod``, ``dev``, ``qa`` or ``other`` from a JTL host name."""
    host = urlsplit(url).hostname or ""
    if host in ("localhost", "127.0.0.1"):
        return "sandbox"
    if not host.endswith(".jtl-cloud.com"):
        return "other"
    labels = host.removesuffix(".jtl-cloud.com").split(".")
    return labels[1] if len(labels) == 2 and labels[1] in ("dev", "qa") else "prod"


def _profile() -> str:
    issuer, api = _environment_of(settings.JTL_ISSUER), _environment_of(settings.JTL_API_BASE_URL)
    if issuer != api:
        raise DoctorProblem(
            f"JTL_ISSUER is a {issuer} host but JTL_API_BASE_URL is a {api} host; "
            "tokens from one environment are rejected by the other"
        )
    if issuer not in (settings.JTL_ENVIRONMENT, "other"):
        raise DoctorProblem(
            f"JTL_ENVIRONMENT is {settings.JTL_ENVIRONMENT} but the JTL hosts are {issuer} hosts"
        )
    return f"{settings.JTL_ENVIRONMENT}: issuer and API on the same environment"


def _credentials() -> str:
    try:
        token_fetch(generation="current")
    except TokenFetchError as exc:
        hint = " (check JTL_CLIENT_ID and JTL_CLIENT_SECRET)" if exc.rejected else ""
        raise DoctorProblem(f"{exc}{hint}") from None
    return "the identity provider issued a service-account token"


def _keys() -> str:
    try:
        keys = jwks_fetch(generation="current")
    except (OutboundError, ValueError) as exc:
        raise DoctorProblem(f"key endpoint unusable: {exc}") from None
    return f"{len(keys)} signing key(s) published"


def _clock() -> str:
    url = f"{settings.JTL_ISSUER.rstrip('/')}/.well-known/openid-configuration"
    try:
        response = outbound_request(method="GET", url=url, timeout=5)
    except OutboundError as exc:
        raise DoctorProblem(f"identity provider unreachable: {exc}") from None
    date = response.headers.get("date")
    if not date:
        return "the identity provider sends no Date header; not compared"
    skew = time.time() - email.utils.parsedate_to_datetime(date).timestamp()
    if abs(skew) > CLOCK_TOLERANCE_SECONDS:
        raise DoctorProblem(f"this clock is {skew:+.0f} s off the identity provider's; sync NTP")
    return f"within {abs(skew):.0f} s of the identity provider"


def _services() -> str:
    report = health_report()
    failed = [f"{name}: {check.detail}" for name, check in report.checks.items() if not check.ok]
    if failed:
        raise DoctorProblem("; ".join(failed))
    return ", ".join(f"{name} ok" for name in report.checks)


def _encryption_keys() -> str:
    """Every running process holds this process's JTL_ENCRYPTION_KEYS (rotate-keys needs it)."""
    try:
        running = key_lists_running()
    except redis.RedisError as exc:
        raise DoctorProblem(f"cannot read the processes' key lists: {exc}") from None
    differing = [entry.process for entry in running if entry.fingerprint != key_list_fingerprint()]
    if differing:
        raise DoctorProblem(
            f"{len(differing)} running process(es) hold another JTL_ENCRYPTION_KEYS "
            f"({', '.join(differing[:5])}); restart them with this list before rotate-keys"
        )
    return f"{len(running)} running process(es) hold this key list"


def _migrations() -> str:
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        raise DoctorProblem(f"cannot read migrations: {exc}") from None
    if plan:
        raise DoctorProblem(f"{len(plan)} migration(s) not applied: run manage.py migrate")
    return "all applied"


def _manifest() -> str:
    try:
        manifest = manifest_load()
    except ManifestInvalidError as exc:
        raise DoctorProblem(str(exc)) from None
    return f"{manifest.technical_name} {manifest.version} is valid"


def doctor_run(*, base_url: str | None) -> list[DoctorLine]:
    checks: list[tuple[str, Callable[[], str]]] = [
        ("environment profile", _profile),
        ("credentials", _credentials),
        ("signing keys", _keys),
        ("clock", _clock),
        ("database, Redis, Celery", _services),
        ("encryption keys", _encryption_keys),
        ("migrations", _migrations),
        ("manifest", _manifest),
        ("pages", lambda: manifest_pages_check(base_url=base_url)),
        ("listing", lambda: listing_check(base_url=base_url)),  # issue 15: doctor_listing
    ]
    lines = []
    for name, check in checks:
        try:
            lines.append(DoctorLine(ok=True, name=name, detail=check()))
        except DoctorProblem as exc:
            lines.append(DoctorLine(ok=False, name=name, detail=str(exc)))
    return lines
