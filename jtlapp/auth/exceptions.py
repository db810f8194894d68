"""Why a caller token was refused, in the project's one error family (``jtlapp.errors``).

``reason`` is a short machine word for logs and tests; it is deliberately not part of the
response body, so a prober learns only "invalid" or "expired". No message ever contains the token.
"""

from __future__ import annotations

from rest_framework import status

from jtlapp.errors import ApplicationError


class TokenInvalidError(ApplicationError):
    """The token is malformed, forged, for another app or issuer, or signed by an unknown key."""

    http_status = status.HTTP_401_UNAUTHORIZED
    code = "token_invalid"
    default_message = "The token is invalid. Fetch a fresh token and retry once."

    def __init__(self, reason: str, *, message: str | None = None) -> None:
        super().__init__(message or self.default_message)
        self.reason = reason


class TokenExpiredError(TokenInvalidError):
    """Correctly signed, but outside its validity window (``exp``/``nbf``/``iat``/max lifetime)."""

    code = "token_expired"
    default_message = "The token has expired. Fetch a fresh token and retry once."


class KeysUnavailableError(ApplicationError):
    """No verification keys at all (cold start while JTL's key endpoint is down): 503, not 401.

    A 401 would make the frontend fetch new tokens in a loop although the tokens are fine.
    """

    http_status = status.HTTP_503_SERVICE_UNAVAILABLE
    code = "keys_unavailable"

    def __init__(self, reason: str, *, retry_after_seconds: int) -> None:
        super().__init__(
            "Token verification is temporarily unavailable. Retry later.",
            extra={"retryAfterSeconds": retry_after_seconds},
        )
        self.reason = reason
        self.retry_after_seconds = retry_after_seconds
