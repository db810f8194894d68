"""The merchant's view, end to end: the sandbox's ERP shell embeds our pages in Chromium.

Each test drives the host shell like a merchant (install, open a customer, pick another one)
and reads what our cross-origin pages show from the sandbox's seeded data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import httpx
import pytest
from django.db import connections
from playwright.sync_api import Frame, Page, expect

from jtlapp.auth.keys import keys_cache_clear
from jtlapp.auth.verify import app_token_verify
from jtlapp.sandbox.config import DEMO_USERS
from jtlapp.tenants.models import LifecycleCall, Tenant
from jtlapp.tenants.services import tenant_connect
from panes.dashboard_sync import dashboard_reconcile
from tests.conftest import LiveSandbox, wait_for

pytestmark = pytest.mark.timeout(120)

TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
USER = next(iter(DEMO_USERS))
SELECT = f"tenant={TENANT}&user={USER}"


def connected(platform: LiveSandbox) -> None:
    """The tenant as after its setup: active in our database, installed in the sandbox, and
    its dashboard aggregate filled (the worker's first fill)."""
    tenant = tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=TENANT)))
    platform.control(f"tenants/{TENANT}/install")
    off_the_loop(lambda: dashboard_reconcile(tenant=tenant))


def off_the_loop(work: Callable[[], object]) -> None:
    """Run sync ERP code on a thread of its own: Playwright's sync API keeps an event loop
    running on the test's thread, where the gateway's sync facade refuses to block."""
    failure: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 - re-raised on the test's thread
            failure.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    if failure:
        raise failure[0]


@pytest.fixture(autouse=True)
def _fast_dashboard_sync(settings):
    settings.DASHBOARD_SYNC_CALLS_PER_SECOND = 0
    settings.JTL_ERP_TENANT_RATE_BURST = 10_000
    settings.JTL_ERP_TENANT_RATE_PER_SECOND = 10_000


def app_frame(page: Page, path: str) -> Frame:
    wait_for(lambda: any(path in frame.url for frame in page.frames), timeout=20, message=path)
    frame = next(frame for frame in page.frames if path in frame.url)
    frame.wait_for_selector("main[data-state=ready]", timeout=20_000)
    return frame


def records(platform: LiveSandbox, kind: str, count: int) -> list[tuple[str, str]]:
    """(uuid, number) of the first seeded customers or sales orders of the tenant."""
    data = platform.state.store.tenant(TENANT)
    rows = data.customers if kind == "customer" else data.orders
    return [(data.uuid(kind=kind, key=key), rows[key].number) for key in sorted(rows)[:count]]


def test_installing_through_the_host_runs_our_setup_and_connects_the_tenant(
    page: Page, platform: LiveSandbox, live_app: str
):
    platform.control(f"tenants/{TENANT}/uninstall")

    page.goto(f"{platform.url}/host/install?{SELECT}")
    setup = app_frame(page, "/panes/setup")

    expect(setup.get_by_test_id("setup-status")).to_be_visible()
    expect(setup.get_by_test_id("setup-granted")).to_contain_text("read customers")
    assert "customers.read" not in setup.locator("main").inner_text()  # no developer words
    wait_for(lambda: platform.state.tenant_installed(TENANT), timeout=10, message="install")
    tenant = Tenant.objects.get(tenant_id=TENANT)
    assert tenant.state == Tenant.State.ACTIVE
    assert tenant.set_up_by is not None
    wait_for(
        lambda: LifecycleCall.objects.filter(kind="connect").exists(),
        timeout=10,
        message="the connect call",
    )


def test_the_customer_pane_shows_the_selected_customer_and_follows_the_selection(
    page: Page, platform: LiveSandbox, live_app: str
):
    connected(platform)
    (first, first_number), (second, second_number) = records(platform, "customer", 2)

    page.goto(f"{platform.url}/host/customers?customer={first}&{SELECT}")
    pane = app_frame(page, "/panes/customer")
    expect(pane.get_by_test_id("customer-number")).to_have_text(first_number)
    expect(pane.get_by_test_id("customer-orders")).to_be_visible()
    pane.evaluate("() => { window.loadedOnce = true; }")

    page.evaluate(f"() => window.jtlHost.selectCustomer('{second}')")

    expect(pane.get_by_test_id("customer-number")).to_have_text(second_number)
    assert pane.evaluate("() => window.loadedOnce") is True  # followed, not reloaded


def test_the_sales_order_pane_shows_line_items_and_follows_the_selection(
    page: Page, platform: LiveSandbox, live_app: str
):
    connected(platform)
    (first, first_number), (second, second_number) = records(platform, "salesorder", 2)

    page.goto(f"{platform.url}/host/sales-orders?order={first}&{SELECT}")
    pane = app_frame(page, "/panes/sales-order")
    expect(pane.get_by_test_id("order-number")).to_have_text(first_number)
    expect(pane.locator("[data-testid=line-items] li.row").first).to_be_visible()
    pane.evaluate("() => { window.loadedOnce = true; }")

    page.evaluate(f"() => window.jtlHost.selectSalesOrder('{second}')")

    expect(pane.get_by_test_id("order-number")).to_have_text(second_number)
    assert pane.evaluate("() => window.loadedOnce") is True


def test_the_dashboard_draws_its_revenue_chart_from_sandbox_data(
    page: Page, platform: LiveSandbox, live_app: str
):
    connected(platform)

    page.goto(f"{platform.url}/host/apps/dashboard?{SELECT}")
    dashboard = app_frame(page, "/panes/dashboard")

    chart = dashboard.get_by_test_id("revenue-chart")
    expect(chart.locator("svg")).to_be_visible()
    assert chart.locator("svg rect, svg path, svg polyline").count() > 0
    expect(dashboard.get_by_test_id("top-items").locator("li.row").first).to_be_visible()


def test_an_invalid_token_is_replaced_transparently(
    page: Page, platform: LiveSandbox, live_app: str, settings
):
    # given: a pane holding a token whose signing key JTL then retires, and an app that
    # has since refreshed its copy of JTL's keys
    settings.JTL_KEYS_REFETCH_COOLDOWN_SECONDS = 0
    connected(platform)
    (first, _), (second, second_number) = records(platform, "customer", 2)
    page.goto(f"{platform.url}/host/customers?customer={first}&{SELECT}")
    pane = app_frame(page, "/panes/customer")
    platform.control("keys/rotate")
    platform.control("keys/retire")
    keys_cache_clear()

    # when: the pane loads the next customer with its cached token
    page.evaluate(f"() => window.jtlHost.selectCustomer('{second}')")

    # then: 401 + retry header -> fresh token from the host -> the data arrives
    expect(pane.get_by_test_id("customer-number")).to_have_text(second_number)
    calls = page.evaluate(
        "() => window.jtlHost.log.filter((e) => e.message.type === 'METHOD_CALL'"
        " && e.message.body.methodName === 'getAppToken').length"
    )
    assert calls >= 2


def test_the_hub_page_signs_in_through_the_identity_provider(
    page: Page, platform: LiveSandbox, live_app: str
):
    connected(platform)

    page.goto(f"{live_app}/panes/hub")
    page.get_by_test_id("hub-login").click()
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_test_id("hub-user-name")).to_be_visible()
    row = page.locator(f"[data-testid=hub-tenants] li[data-tenant-id='{TENANT}']")
    expect(row).to_have_attribute("data-tenant-state", "active")
    expect(row).to_contain_text("Mustermann Handels GmbH")
    # and: a browser without the session cookie is not signed in
    assert "hub-user-name" not in httpx.get(f"{live_app}/panes/hub").text
