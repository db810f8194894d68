"""Fixtures for the sandbox identity provider: a real key ring, a movable clock, a Flask app."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from jtlapp.sandbox.config import DEMO_TENANTS, DEMO_USERS, SandboxClient, SandboxConfig
from jtlapp.sandbox.identity import (
    IdentityState,
    OnPremiseRegistry,
    identity_blueprint,
    onpremise_blueprint,
)

ISSUER = "http://sandbox.test"
TENANT_A, TENANT_B = list(DEMO_TENANTS)
USER_A, USER_B = list(DEMO_USERS)
HUB_REDIRECT = "http://app.test/hub/callback"


class Clock:
    """Injected time source; tests move it instead of sleeping."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def service_client() -> SandboxClient:
    return SandboxClient(
        client_id="app-111",
        client_secret="s3cret-111",
        app_id="111",
        scopes=("items.read", "customers.read"),
    )


@pytest.fixture
def hub_client() -> SandboxClient:
    return SandboxClient(
        client_id="hub-222",
        client_secret="s3cret-222",
        app_id="222",
        scopes=("salesorders.read",),
        redirect_uris=(HUB_REDIRECT,),
    )


@pytest.fixture
def config(service_client, hub_client) -> SandboxConfig:
    return SandboxConfig(base_url=f"{ISSUER}/", clients=(service_client, hub_client))


@pytest.fixture
def installed() -> set[tuple[str, str]]:
    """(app_id, tenant_id) pairs that are *un*installed; empty means installed everywhere."""
    return set()


@pytest.fixture
def state(config, clock, installed) -> IdentityState:
    return IdentityState(
        config=config, clock=clock, is_installed=lambda app, tenant: (app, tenant) not in installed
    )


@pytest.fixture
def registry(clock) -> OnPremiseRegistry:
    return OnPremiseRegistry(clock=clock)


@pytest.fixture
def http(state, registry):
    app = Flask(__name__)
    app.register_blueprint(identity_blueprint(state=state))
    app.register_blueprint(onpremise_blueprint(registry=registry, counters=state.counters))
    return app.test_client()


def basic(client_id: str, secret: str) -> dict[str, str]:
    encoded = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {encoded}"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
