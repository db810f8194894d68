"""HMAC verification of deliveries at the endpoint, and the switch that admits unverified ones."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest

from jtlapp.webhooks.models import WebhookEvent
from jtlapp.webhooks.verifiers import hmac_sha256_verify, webhook_signature
from tests.webhooks.conftest import django_headers, event_body, now_stamp, signed, tenant_create

pytestmark = pytest.mark.django_db


def _post(client, raw: bytes, headers: dict[str, str]):
    return client.post(
        "/webhooks/erp", data=raw, content_type="application/json", **django_headers(headers)
    )


def test_the_signature_is_hmac_sha256_over_timestamp_dot_body():
    body = b'{"id": "1"}'

    signature = webhook_signature(secret="s3cret", timestamp="1700000000", body=body)

    expected = hmac.new(b"s3cret", b"1700000000." + body, hashlib.sha256).hexdigest()
    assert signature == expected


def test_a_well_signed_delivery_is_accepted_and_recorded_as_verified(client):
    tenant_create()
    raw, headers = signed(event_body(event_id="evt-good"))

    response = _post(client, raw, headers)

    assert response.status_code == 202
    assert response.json() == {
        "received": True,
        "duplicate": False,
        "eventId": "evt-good",
        "state": "received",
    }
    event = WebhookEvent.objects.get(event_id="evt-good")
    assert event.verified is True
    assert event.payload == json.loads(raw)


@pytest.mark.parametrize(
    ("case", "mangle", "reason"),
    [
        ("_bad_signature", lambda h: {**h, "X-JTL-Signature": "sha256=" + "0" * 64}, "match"),
        ("_other_secret", None, "match"),
        ("_old_timestamp", "old", "too old"),
        ("_future_timestamp", "future", "too old"),
        ("_no_signature", lambda h: {k: v for k, v in h.items() if k != "X-JTL-Signature"}, "miss"),
        ("_no_timestamp", lambda h: {k: v for k, v in h.items() if k != "X-JTL-Timestamp"}, "miss"),
        ("_wrong_prefix", lambda h: {**h, "X-JTL-Signature": h["X-JTL-Signature"][7:]}, "match"),
    ],
)
def test_an_unverifiable_delivery_is_refused_with_401(client, case, mangle, reason):
    body = event_body(event_id=f"evt{case}")
    if case == "_other_secret":
        raw, headers = signed(body, secret="not-the-secret")
    elif mangle in ("old", "future"):
        raw, headers = signed(body, timestamp=now_stamp() + (-301 if mangle == "old" else 301))
    else:
        raw, headers = signed(body)
        headers = mangle(headers)

    response = _post(client, raw, headers)

    assert response.status_code == 401
    assert response.json()["code"] == "webhook_unverified"
    assert reason in response.json()["extra"]["reason"]
    assert set(response.json()) == {"message", "code", "extra"}
    assert not WebhookEvent.objects.exists()


def test_a_changed_body_breaks_the_signature(client):
    raw, headers = signed(event_body(event_id="evt-a"))

    response = _post(client, raw.replace(b"evt-a", b"evt-b"), headers)

    assert response.status_code == 401


def test_unverified_deliveries_are_accepted_only_when_allowed(client, settings):
    tenant_create()
    raw = json.dumps(event_body(event_id="evt-unsigned")).encode()

    refused = _post(client, raw, {})
    settings.JTL_WEBHOOK_ALLOW_UNVERIFIED = True
    allowed = _post(client, raw, {})

    assert refused.status_code == 401
    assert allowed.status_code == 202
    event = WebhookEvent.objects.get(event_id="evt-unsigned")
    assert event.verified is False
    assert event.note.startswith("unverified: ")


def test_the_none_verifier_verifies_nothing(client, settings):
    settings.JTL_WEBHOOK_VERIFIER = "none"
    raw, headers = signed(event_body())

    response = _post(client, raw, headers)

    assert response.status_code == 401
    assert response.json()["extra"]["reason"] == "no verifier configured"


def test_a_dotted_path_names_a_custom_verifier(client, settings):
    tenant_create()
    settings.JTL_WEBHOOK_VERIFIER = "tests.webhooks.test_verifiers.always_verify"

    response = _post(client, json.dumps(event_body()).encode(), {})

    assert response.status_code == 202
    assert WebhookEvent.objects.get().verified is True


def always_verify(*, body, headers):
    from jtlapp.webhooks.verifiers import Verification

    return Verification(verified=True, reason="test")


def test_without_a_secret_nothing_verifies(settings):
    settings.JTL_WEBHOOK_SECRET = ""
    raw, headers = signed(event_body())

    result = hmac_sha256_verify(body=raw, headers=headers)

    assert result.verified is False
    assert result.reason == "JTL_WEBHOOK_SECRET is not configured"


def test_a_rotated_signature_list_is_accepted_if_one_matches():
    raw, headers = signed(event_body())
    headers["X-JTL-Signature"] = "sha256=" + "1" * 64 + ", " + headers["X-JTL-Signature"]

    result = hmac_sha256_verify(body=raw, headers=headers)

    assert result.verified is True
