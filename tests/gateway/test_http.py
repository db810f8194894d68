"""The one outbound HTTP client against misbehaving servers (security.md cases 70, 71, 77)."""

from __future__ import annotations

import asyncio
import datetime
import http.server
import socket
import ssl
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from jtlapp.gateway.http import (
    MAX_RESPONSE_BYTES,
    OutboundConnectionError,
    OutboundStatusError,
    OutboundTimeoutError,
    OutboundTooLargeError,
    OutboundUnavailableError,
    outbound_request,
    outbound_request_async,
)

CHUNK = b"\0" * 65536


class _Misbehaving(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            for _ in range(50 * 16):
                try:
                    self.wfile.write(CHUNK)
                except OSError:
                    return
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            for _ in range(100):
                try:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                except OSError:
                    return
                time.sleep(0.1)
        else:
            self.send_response(302)
            self.send_header("Location", "https://evil.example/")
            self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def _serve(server: http.server.ThreadingHTTPServer) -> Iterator[str]:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def plain_server() -> Iterator[str]:
    yield from _serve(http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Misbehaving))


def _self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Misbehaving)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*_self_signed(tmp_path))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    yield from _serve(server)


def test_case_70_a_huge_response_is_cut_off_at_the_cap_without_holding_it(plain_server):
    tracemalloc.start()
    try:
        with pytest.raises(OutboundTooLargeError):
            outbound_request(method="GET", url=f"http://{plain_server}/huge", timeout=10)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert peak < 2 * MAX_RESPONSE_BYTES


def test_a_dripping_response_ends_at_the_total_timeout(plain_server):
    started = time.monotonic()

    with pytest.raises(OutboundTimeoutError):
        outbound_request(
            method="GET", url=f"http://{plain_server}/drip", timeout=5, total_timeout=1
        )

    assert time.monotonic() - started < 3


def test_case_71_a_redirect_is_returned_not_followed(plain_server):
    response = outbound_request(method="GET", url=f"http://{plain_server}/elsewhere")

    assert response.status == 302


def test_case_77_an_untrusted_certificate_fails_without_fallback(tls_server):
    with pytest.raises(OutboundConnectionError):
        outbound_request(method="GET", url=f"https://{tls_server}/huge", timeout=5)


def _run_async(**request):
    return asyncio.run(outbound_request_async(**request))


def test_the_async_client_classifies_failures_by_type_too(plain_server, tls_server):
    with pytest.raises(OutboundTooLargeError):
        _run_async(method="GET", url=f"http://{plain_server}/huge", timeout=10)
    with pytest.raises(OutboundTimeoutError):
        _run_async(method="GET", url=f"http://{plain_server}/drip", timeout=5, total_timeout=1)
    with pytest.raises(OutboundConnectionError):
        _run_async(method="GET", url=f"https://{tls_server}/huge", timeout=5)
    assert _run_async(method="GET", url=f"http://{plain_server}/elsewhere").status == 302


def test_a_refused_connection_is_a_connection_error_in_both_clients():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    with pytest.raises(OutboundConnectionError):
        outbound_request(method="GET", url=url, timeout=2)
    with pytest.raises(OutboundConnectionError):
        _run_async(method="GET", url=url, timeout=2)


def test_every_failure_is_an_unavailable_error_and_a_bad_body_a_status_error(plain_server):
    assert issubclass(OutboundTimeoutError, OutboundUnavailableError)
    assert issubclass(OutboundConnectionError, OutboundUnavailableError)
    assert issubclass(OutboundTooLargeError, OutboundUnavailableError)
    response = outbound_request(method="GET", url=f"http://{plain_server}/elsewhere")
    with pytest.raises(OutboundStatusError) as caught:
        response.json()
    assert caught.value.status == 302
