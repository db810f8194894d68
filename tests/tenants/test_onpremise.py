"""Registering with the sandbox's OnPremise Wawi, end to end over HTTP."""

import io
import threading
import uuid

import pytest
from django.core.management import call_command

from jtlapp.crypto import secret_decrypt
from jtlapp.tenants.models import OnPremiseConnection, Tenant
from jtlapp.tenants.onpremise import OnPremiseRegistrationError, WawiApp, onpremise_register
from tests.conftest import wait_for

CHALLENGE = "jtlapp-test"


def app(app_id: str) -> WawiApp:
    return WawiApp(
        app_id=app_id,
        display_name="Merchant insights",
        description="test",
        version="0.1.0",
        provider_name="jtlapp",
        provider_website="https://example.com",
        mandatory_scopes=("customers.read", "salesorders.read"),
        optional_scopes=("items.read",),
    )


def decide_when_requested(platform, app_id: str, decision: str, scopes=None):
    """The merchant, in Wawi: waits for the registration to show up, then decides."""

    def merchant():
        registry = platform.state.onpremise
        registration = wait_for(
            lambda: next(
                (r for r in registry.registration_list() if r.request.app_id == app_id), None
            ),
            timeout=20,
            message="the registration to arrive",
        )
        platform.control(
            f"onpremise/registrations/{registration.registration_id}/{decision}",
            {"grantedScopes": scopes} if scopes else {},
        )

    thread = threading.Thread(target=merchant, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def wawi_url(platform):
    platform.control("onpremise/open")
    return f"{platform.url}/api/eazybusiness"


@pytest.mark.django_db(transaction=True)
def test_an_approved_registration_stores_the_key_encrypted_and_activates_the_tenant(
    platform, wawi_url
):
    # given
    app_id = f"jtlapp/test-{uuid.uuid4().hex[:8]}"
    tenant_id = uuid.UUID("8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01")
    merchant = decide_when_requested(
        platform, app_id, "approve", ["customers.read", "salesorders.read"]
    )

    # when
    tenant = onpremise_register(
        base_url=wawi_url,
        challenge_code=CHALLENGE,
        tenant_id=tenant_id,
        app=app(app_id),
        poll_seconds=0.1,
    )
    merchant.join(timeout=5)

    # then
    connection = OnPremiseConnection.objects.get(tenant=tenant)
    assert tenant.connection == Tenant.Connection.ONPREMISE
    assert tenant.state == Tenant.State.ACTIVE
    assert tenant.granted_scopes == ["customers.read", "salesorders.read"]
    assert connection.api_key_encrypted.startswith("gAAAAA")
    assert platform.state.onpremise.principal(
        api_key=secret_decrypt(ciphertext=connection.api_key_encrypted)
    )


@pytest.mark.django_db(transaction=True)
def test_a_rejected_registration_says_so_and_stores_nothing(platform, wawi_url):
    app_id = f"jtlapp/test-{uuid.uuid4().hex[:8]}"
    decide_when_requested(platform, app_id, "reject")

    with pytest.raises(OnPremiseRegistrationError, match="rejected"):
        onpremise_register(
            base_url=wawi_url,
            challenge_code=CHALLENGE,
            tenant_id=uuid.uuid4(),
            app=app(app_id),
            poll_seconds=0.1,
        )

    assert OnPremiseConnection.objects.count() == 0


@pytest.mark.django_db
def test_a_closed_registration_dialog_is_explained(platform):
    platform.state.onpremise.registration_close()

    with pytest.raises(OnPremiseRegistrationError, match="open Admin > App-Registrierung"):
        onpremise_register(
            base_url=f"{platform.url}/api/eazybusiness",
            challenge_code=CHALLENGE,
            tenant_id=uuid.uuid4(),
            app=app("jtlapp/closed"),
        )


@pytest.mark.django_db(transaction=True)
def test_an_already_registered_app_is_explained(platform, wawi_url):
    app_id = f"jtlapp/test-{uuid.uuid4().hex[:8]}"
    decide_when_requested(platform, app_id, "approve")
    onpremise_register(
        base_url=wawi_url,
        challenge_code=CHALLENGE,
        tenant_id=uuid.uuid4(),
        app=app(app_id),
        poll_seconds=0.1,
    )

    with pytest.raises(OnPremiseRegistrationError, match="already registered"):
        onpremise_register(
            base_url=wawi_url, challenge_code=CHALLENGE, tenant_id=uuid.uuid4(), app=app(app_id)
        )


@pytest.mark.django_db(transaction=True)
def test_the_command_shows_progress_and_the_outcome(platform, wawi_url):
    # given: the command registers under the manifest's technical name and version
    from jtlapp.manifest import manifest_load

    manifest = manifest_load()
    decide_when_requested(platform, f"{manifest.technical_name}/{manifest.version}", "approve")
    out = io.StringIO()

    # when
    call_command(
        "jtl",
        "onpremise-register",
        "--url",
        wawi_url,
        "--challenge-code",
        CHALLENGE,
        "--tenant-id",
        "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02",
        "--poll-seconds",
        "0.1",
        stdout=out,
    )

    # then
    text = out.getvalue()
    assert "approve it in JTL-Wawi" in text
    assert "Registered. Tenant 3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02 is active" in text
    assert "stored encrypted" in text
