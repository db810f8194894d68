from tests.auth.conftest import keys_clock, keys_cold, service_token_cold  # noqa: F401
