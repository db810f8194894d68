"""Who may deliver webhooks: pluggable verifiers, chosen by ``JTL_WEBHOOK_VERIFIER``.

JTL does not document how webhook deliveries are authenticated (platform.md §9, §13.4), so
the check is a setting: a dotted path to a callable ``(*, body, headers) -> Verification``,
or one of the names below. ``hmac`` is our assumption, modelled on Standard Webhooks and
Stripe (security.md §5.1): ``X-JTL-Signature: sha256=<hex>`` is HMAC-SHA256 with
``JTL_WEBHOOK_SECRET`` over ``<X-JTL-Timestamp>.<raw body>``; the timestamp (Unix seconds)
must be within ``JTL_WEBHOOK_MAX_AGE_SECONDS`` of now, so a captured delivery cannot be
replayed later. Several ``sha256=`` values (comma-separated) are accepted, for rotation.
Reasons never contain the secret or a signature.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

SIGNATURE_HEADER = "X-JTL-Signature"
TIMESTAMP_HEADER = "X-JTL-Timestamp"
SIGNATURE_PREFIX = "sha256="


@dataclass(frozen=True, kw_only=True)
class Verification:
    verified: bool
    reason: str


Verifier = Callable[..., Verification]


def webhook_signature(*, secret: str, timestamp: str, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``<timestamp>.<body>``; the sandbox signs the same way."""
    message = timestamp.encode("ascii") + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def _timestamp_fresh(raw: str, *, max_age: int) -> bool:
    if not raw.isdigit():
        return False
    return abs(time.time() - int(raw)) <= max_age


def hmac_sha256_verify(*, body: bytes, headers: Mapping[str, str]) -> Verification:
    secret: str = settings.JTL_WEBHOOK_SECRET
    if not secret:
        return Verification(verified=False, reason="JTL_WEBHOOK_SECRET is not configured")
    signature_header = headers.get(SIGNATURE_HEADER, "")
    timestamp = headers.get(TIMESTAMP_HEADER, "").strip()
    if not signature_header or not timestamp:
        return Verification(
            verified=False, reason=f"{SIGNATURE_HEADER} or {TIMESTAMP_HEADER} is missing"
        )
    if not _timestamp_fresh(timestamp, max_age=settings.JTL_WEBHOOK_MAX_AGE_SECONDS):
        return Verification(verified=False, reason="the timestamp is invalid or too old")
    expected = webhook_signature(secret=secret, timestamp=timestamp, body=body)
    offered = [
        part.strip().removeprefix(SIGNATURE_PREFIX)
        for part in signature_header.split(",")
        if part.strip().startswith(SIGNATURE_PREFIX)
    ]
    # compare_digest for every candidate: the time taken says nothing about a match.
    matches = [hmac.compare_digest(candidate, expected) for candidate in offered]
    if any(matches):
        return Verification(verified=True, reason="hmac-sha256 signature valid")
    return Verification(verified=False, reason="the signature does not match")


def none_verify(*, body: bytes, headers: Mapping[str, str]) -> Verification:
    """Verifies nothing: deliveries count as unverified (accepted only if allowed)."""
    return Verification(verified=False, reason="no verifier configured")


VERIFIERS: dict[str, str] = {
    "hmac": "jtlapp.webhooks.verifiers.hmac_sha256_verify",
    "none": "jtlapp.webhooks.verifiers.none_verify",
}


def webhook_verifier_get() -> Verifier:
    name: str = settings.JTL_WEBHOOK_VERIFIER
    verifier: Verifier = import_string(VERIFIERS.get(name, name))
    return verifier
