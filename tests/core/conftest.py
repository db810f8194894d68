from tests.gateway.conftest import live_asgi  # noqa: F401
