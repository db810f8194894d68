"""ID-token checks for the Hub sign-in: the one verifier (``jtlapp.auth.verify_id_token``).

Only the translation into a message the user can read lives here; every check (signature,
algorithm, issuer, audience, validity window, nonce) is the verifier's.
"""

from __future__ import annotations

from typing import Any

from jtlapp.auth.exceptions import KeysUnavailableError, TokenInvalidError
from jtlapp.auth.verify_id_token import id_token_verify


class HubSignInError(Exception):
    """The sign-in cannot complete; the message is safe to show to the user."""


def id_token_claims(*, id_token: str, nonce: str) -> dict[str, Any]:
    try:
        return id_token_verify(token=id_token, nonce=nonce)
    except TokenInvalidError as exc:
        raise HubSignInError(f"JTL's ID token failed its checks ({exc.reason}).") from None
    except KeysUnavailableError as exc:
        raise HubSignInError("JTL's signing keys are not reachable right now.") from exc
