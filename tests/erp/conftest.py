"""Fixtures of the ERP tests."""

from tests.gateway.conftest import live_asgi  # noqa: E402, F401 - the real ASGI server
