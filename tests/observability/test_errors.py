"""Sentry: off without a DSN; with one, no token or secret in any event it sends."""

from __future__ import annotations

import json

import pytest
import sentry_sdk
from sentry_sdk.transport import Transport

from jtlapp.observability.errors import sentry_event_scrub, sentry_setup

JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4eHh4eCJ9.c2lnbmF0dXJlc2lnbmF0dXJl"


class Captured(Transport):
    sent: list[str] = []

    def capture_envelope(self, envelope):
        for item in envelope.items:
            Captured.sent.append(item.get_bytes().decode())


@pytest.fixture
def sentry():
    Captured.sent = []
    sentry_sdk.init(
        dsn="http://public@localhost:1/1",
        transport=Captured,
        default_integrations=False,
        before_send=sentry_event_scrub,
        include_local_variables=True,
    )
    yield Captured.sent
    sentry_sdk.get_client().close()
    sentry_sdk.get_global_scope().set_client(None)


def test_sentry_is_off_without_a_dsn(settings):
    settings.SENTRY_DSN = ""

    assert sentry_setup() is False


def test_events_leave_without_tokens_or_secrets(sentry, settings):
    access_token = JWT  # a frame variable Sentry would report
    sentry_sdk.set_context("request", {"headers": {"Authorization": f"Bearer {access_token}"}})
    try:
        raise RuntimeError(f"JTL refused Bearer {access_token}; secret {settings.SECRET_KEY}")
    except RuntimeError:
        sentry_sdk.capture_exception()
    sentry_sdk.flush()

    sent = "\n".join(sentry)
    assert "RuntimeError" in sent
    assert JWT not in sent
    assert settings.SECRET_KEY not in sent


def test_the_scrubber_redacts_keys_and_values():
    event = {
        "request": {"headers": [["Authorization", "Bearer x"], ["Accept", "text/html"]]},
        "extra": {"refresh_token": "abc", "note": f"got {JWT}"},
    }

    clean = json.dumps(sentry_event_scrub(event, None))

    assert "Bearer x" not in clean
    assert '"abc"' not in clean
    assert JWT not in clean
    assert "text/html" in clean
