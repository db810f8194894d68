"""Encryption at rest for tokens we store (DB rows, Redis), with dedicated rotating keys.

``JTL_ENCRYPTION_KEYS`` lists Fernet keys newest first: the first encrypts, all decrypt, so a
new key can be rolled out before ``manage.py jtl rotate-keys`` re-encrypts the old rows and
the old key is removed. Decryption fails closed: a value no key can read raises
``SecretUnreadableError`` and is never handed on as if it were the secret (security.md T9).
"""

from __future__ import annotations

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class SecretUnreadableError(Exception):
    """No configured key can decrypt the value (key removed, wrong key, or not ciphertext)."""


@lru_cache(maxsize=4)
def _multi_fernet(keys: tuple[str, ...]) -> MultiFernet:
    """Keyed by the key list itself, so a changed setting (tests, rotation) takes effect."""
    if not keys:
        raise ImproperlyConfigured("JTL_ENCRYPTION_KEYS is empty.")
    try:
        return MultiFernet([Fernet(key.strip().encode()) for key in keys])
    except ValueError:
        # Fernet's message never contains the key; ours must not either.
        raise ImproperlyConfigured(
            "JTL_ENCRYPTION_KEYS must be url-safe base64 Fernet keys (32 bytes each)."
        ) from None


def _fernet() -> MultiFernet:
    return _multi_fernet(tuple(settings.JTL_ENCRYPTION_KEYS))


def secret_encrypt(*, plaintext: str) -> str:
    """Encrypt with the newest key; the result starts with Fernet's ``gAAAAA`` prefix."""
    return _fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def secret_decrypt(*, ciphertext: str) -> str:
    """The plaintext, or ``SecretUnreadableError``; never the ciphertext itself."""
    try:
        return _fernet().decrypt(ciphertext.encode("utf-8")).decode("utf-8")
    except (InvalidToken, UnicodeError, TypeError, ValueError):
        raise SecretUnreadableError("no configured encryption key can read this value") from None


def secret_rotate(*, ciphertext: str) -> str:
    """Re-encrypt under the newest key; ``SecretUnreadableError`` if no key can read it."""
    try:
        return _fernet().rotate(ciphertext.encode("utf-8")).decode("ascii")
    except (InvalidToken, UnicodeError, TypeError, ValueError):
        raise SecretUnreadableError("no configured encryption key can read this value") from None
