"""The registration's wire: documented paths per API version, documented headers on every call,
and a key kept whenever an answer carries one (against a recording Wawi of our own)."""

from __future__ import annotations

import http.server
import json
import threading
import uuid
from collections.abc import Iterator

import pytest

from jtlapp.crypto import secret_decrypt
from jtlapp.tenants.models import OnPremiseConnection
from jtlapp.tenants.onpremise import WawiApp, onpremise_register

TENANT = uuid.UUID("8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01")
APP = WawiApp(
    app_id="jtlapp/1.0.0",
    display_name="jtlapp",
    description="test",
    version="1.0.0",
    provider_name="jtlapp",
    provider_website="https://example.com",
    mandatory_scopes=("customers.read",),
)


class _Recording(http.server.BaseHTTPRequestHandler):
    """A Wawi that answers the poll with a key but a status other than "accepted"."""

    seen: list[tuple[str, str, dict[str, str]]] = []

    def _answer(self, status: int, body: object) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.seen.append(("POST", self.path, dict(self.headers.items())))
        self._answer(201, {"AppId": "jtlapp/1.0.0", "RegistrationRequestId": "r-1", "Status": 0})

    def do_GET(self) -> None:  # noqa: N802
        self.seen.append(("GET", self.path, dict(self.headers.items())))
        info = {"AppId": "jtlapp/1.0.0", "RegistrationRequestId": "r-1", "Status": 0}
        body = {"RequestStatusInfo": info, "Token": {"ApiKey": "key-shown-once"}}
        self._answer(200, {**body, "GrantedScopes": ["customers.read"]})

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def wawi() -> Iterator[str]:
    _Recording.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recording)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/eazybusiness"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("api_version", "prefix"), [("1.0", "/api/eazybusiness/"), ("2.0", "/api/eazybusiness/v2/")]
)
def test_documented_paths_headers_and_a_key_kept_whatever_the_status(wawi, api_version, prefix):
    tenant = onpremise_register(
        base_url=wawi,
        challenge_code="challenge-1",
        tenant_id=TENANT,
        app=APP,
        api_version=api_version,
        poll_seconds=0.01,
        timeout_seconds=5,
    )

    assert [(m, p) for m, p, _ in _Recording.seen] == [
        ("POST", f"{prefix}authentication"),
        ("GET", f"{prefix}authentication/r-1"),
    ]
    for _, _, headers in _Recording.seen:
        lowered = {k.lower(): v for k, v in headers.items()}
        assert lowered["x-challengecode"] == "challenge-1"
        assert lowered["api-version"] == api_version
        assert (lowered["x-appid"], lowered["x-appversion"]) == ("jtlapp/1.0.0", "1.0.0")
        assert lowered["tenant-id"] == str(TENANT)
        assert "authorization" not in lowered
    connection = OnPremiseConnection.objects.get(tenant=tenant)
    assert secret_decrypt(ciphertext=connection.api_key_encrypted) == "key-shown-once"
    assert connection.api_version == api_version
