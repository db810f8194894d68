"""DRF authentication for calls from the embedded app: ``Authorization: Bearer <caller token>``.

Contract (``jtl/security.md`` §1.3, cases 15, 16, 18):

* Only the ``Authorization`` header; never a query string or cookie. The scheme is matched
  case-insensitively (RFC 9110 §11.1), then exactly one space and one compact JWS.
* A missing header or another scheme is "not ours" (``None``), so the view's permissions answer
  401. A malformed, invalid or expired Bearer token is a 401 with ``WWW-Authenticate: Bearer``
  and ``X-JTL-Retry-With-Fresh-Token: 1``: the frontend asks AppBridge for a new token and
  retries once (Shopify's contract, ``security.md`` §1.2).
* Keys unavailable (cold start while JTL is down) is a 503 with ``Retry-After``: the token may
  be fine, so the frontend must not be told to fetch another.
* The token never appears in a message or a log line; only the failure's short reason does.
"""

from __future__ import annotations

import logging
import re

from rest_framework import exceptions, status
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from jtlapp.auth.exceptions import KeysUnavailableError, TokenInvalidError
from jtlapp.auth.types import CallerClaims, JtlCaller
from jtlapp.auth.verify import MAX_APP_TOKEN_BYTES, caller_token_verify
from jtlapp.log_context import log_tenant_bind

logger = logging.getLogger(__name__)

RETRY_HEADER = "X-JTL-Retry-With-Fresh-Token"
_BEARER = re.compile(r"(?i:bearer) ([A-Za-z0-9_.-]+)")
_SCHEME = re.compile(r"(?i:bearer)(?:\s|$)")


class TokenRejected(exceptions.AuthenticationFailed):
    """401 in the project error shape; DRF adds ``WWW-Authenticate`` from the authenticator."""


class VerificationUnavailable(exceptions.APIException):
    """503 in the project error shape; DRF turns ``wait`` into ``Retry-After``."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE

    def __init__(self, *, detail: str, code: str, wait: int) -> None:
        super().__init__(detail=detail, code=code)
        self.wait = wait


class AppTokenAuthentication(BaseAuthentication):
    """``request.user`` is a ``JtlCaller``; ``request.auth`` the verified ``CallerClaims``."""

    def authenticate(self, request: Request) -> tuple[JtlCaller, CallerClaims] | None:
        header = request.META.get("HTTP_AUTHORIZATION")
        if not bearer_scheme_is(header):
            return None
        try:
            claims = bearer_header_verify(header=str(header))
        except TokenInvalidError as exc:
            logger.info("caller token rejected: %s", exc.reason)
            _retry_header_set(request)
            raise TokenRejected(detail=exc.message, code=exc.code) from None
        except KeysUnavailableError as exc:
            logger.warning("caller token not verifiable now: %s", exc.reason)
            raise VerificationUnavailable(
                detail=exc.message, code=exc.code, wait=exc.retry_after_seconds
            ) from None
        log_tenant_bind(tenant_id=claims.tenant_id)
        return JtlCaller.from_claims(claims), claims

    def authenticate_header(self, request: Request) -> str:
        """Makes DRF answer 401 (not 403) to unauthenticated calls (RFC 6750 §3)."""
        return 'Bearer realm="api"'


def bearer_scheme_is(header: object) -> bool:
    """Whether the ``Authorization`` value claims the Bearer scheme (else: not ours)."""
    return isinstance(header, str) and _SCHEME.match(header) is not None


def bearer_header_verify(*, header: str) -> CallerClaims:
    """The verified claims of ``Authorization: Bearer <token>`` (DRF and the async views)."""
    return caller_token_verify(token=_bearer_token(header))


def _bearer_token(header: str) -> str:
    if len(header) > MAX_APP_TOKEN_BYTES + len("Bearer "):
        raise TokenInvalidError("oversize")
    match = _BEARER.fullmatch(header)
    if match is None:
        raise TokenInvalidError("authorization_header_malformed")
    return match.group(1)


def _retry_header_set(request: Request) -> None:
    """Ask the frontend for one retry with a fresh token.

    DRF copies the view's per-request ``headers`` onto every response it finalises, error
    responses included; the project's exception handler has no other hook for extra headers.
    """
    view = request.parser_context.get("view") if request.parser_context else None
    headers = getattr(view, "headers", None)
    if isinstance(headers, dict):
        headers[RETRY_HEADER] = "1"


def request_claims(request: Request) -> CallerClaims:
    """The verified claims ``AppTokenAuthentication`` put on an authenticated request."""
    claims = request.auth
    if not isinstance(claims, CallerClaims):
        raise exceptions.NotAuthenticated
    return claims
