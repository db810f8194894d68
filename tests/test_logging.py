import logging

import pytest

from jtlapp.logging import REDACTED, SecretScrubFilter, scrub

JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLWJ5dGVz"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Authorization: Bearer {JWT}", f"Authorization: Bearer {REDACTED}"),
        ("authorization: Basic Zm9vOmJhcg==", f"authorization: Basic {REDACTED}"),
        ("Authorization: Wawi 4f1c-key", f"Authorization: Wawi {REDACTED}"),
        (f"token {JWT} seen", f"token {REDACTED} seen"),
        (
            "grant_type=x&client_secret=s3cr3t&scope=openid",
            f"grant_type=x&client_secret={REDACTED}&scope=openid",
        ),
        (
            '{"refreshToken": "r-1", "expiresIn": 60}',
            f'{{"refreshToken": "{REDACTED}", "expiresIn": 60}}',
        ),
        ("ory_at_abcDEF123 used", f"{REDACTED} used"),
        ("plain words stay", "plain words stay"),
    ],
)
def test_token_shapes_are_redacted(text, expected):
    assert scrub(text) == expected


def test_configured_secrets_are_redacted_wherever_they_appear(settings):
    assert scrub(f"x{settings.JTL_CLIENT_SECRET}y") == f"x{REDACTED}y"


def test_the_filter_redacts_arguments_and_tracebacks():
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "got %s", (JWT,), None)
    try:
        raise ValueError(f"bad token {JWT}")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()

    SecretScrubFilter().filter(record)

    assert record.getMessage() == f"got {REDACTED}"
    assert record.exc_text is not None
    assert JWT not in record.exc_text
    assert f"bad token {REDACTED}" in record.exc_text
