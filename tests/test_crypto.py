"""Encryption at rest: Fernet prefix, fail-closed decryption, rotation (security.md D 44-46)."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet

from jtlapp.crypto import SecretUnreadableError, secret_decrypt, secret_encrypt, secret_rotate

SECRET = "eyJhbGciOiJSUzI1NiJ9.payload-of-a-token.signature"


def test_ciphertext_has_fernet_prefix_and_no_plaintext(settings):
    settings.JTL_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    ciphertext = secret_encrypt(plaintext=SECRET)

    assert ciphertext.startswith("gAAAAA")
    assert "payload-of-a-token" not in ciphertext
    assert secret_decrypt(ciphertext=ciphertext) == SECRET


def test_decrypt_with_keys_lacking_the_writer_fails_closed(settings):
    # given
    settings.JTL_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    ciphertext = secret_encrypt(plaintext=SECRET)
    # when
    settings.JTL_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    # then
    with pytest.raises(SecretUnreadableError) as caught:
        secret_decrypt(ciphertext=ciphertext)
    assert ciphertext not in str(caught.value)
    assert SECRET not in str(caught.value)


@pytest.mark.parametrize("stored", [SECRET, "", "gAAAAAnot-really-fernet", "\u00e4\u00f6"])
def test_plaintext_or_garbage_is_never_returned(stored):
    with pytest.raises(SecretUnreadableError):
        secret_decrypt(ciphertext=stored)


def test_rotation_moves_values_to_the_newest_key(settings):
    # given: written under K1
    old_key, new_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.JTL_ENCRYPTION_KEYS = [old_key]
    ciphertext = secret_encrypt(plaintext=SECRET)
    # when: K2 is added in front, the value still reads, and rotation re-encrypts it
    settings.JTL_ENCRYPTION_KEYS = [new_key, old_key]
    assert secret_decrypt(ciphertext=ciphertext) == SECRET
    rotated = secret_rotate(ciphertext=ciphertext)
    # then: K1 can be removed
    settings.JTL_ENCRYPTION_KEYS = [new_key]
    assert secret_decrypt(ciphertext=rotated) == SECRET
    with pytest.raises(SecretUnreadableError):
        secret_decrypt(ciphertext=ciphertext)


def test_rotating_an_unreadable_value_fails_closed(settings):
    settings.JTL_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    ciphertext = secret_encrypt(plaintext=SECRET)
    settings.JTL_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(SecretUnreadableError):
        secret_rotate(ciphertext=ciphertext)
