"""Each page and state at JTL's pane width (360 px) and at desktop width, in both languages.

The sandbox's host shell runs in its default mode, which behaves as JTL's documented host
(one handshake port re-sent with target "*", handshake on load, silence on unknown methods).
axe-core (vendored test asset, ``axe.min.js``) checks every page; a serious or critical
violation fails the test, as does any horizontal scrolling.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Frame, Page, expect

from jtlapp.tenants.models import Tenant
from tests.browser.test_merchant_pages import SELECT, TENANT, connected, records
from tests.conftest import LiveSandbox, wait_for

pytestmark = pytest.mark.timeout(180)

AXE = (Path(__file__).with_name("axe.min.js")).read_text(encoding="utf-8")
LOCALES = {"de": "de-DE", "en": "en-GB"}
WIDTHS = {"pane": 360, "desktop": 1280}


@pytest.fixture(autouse=True)
def _fast_dashboard_sync(settings):
    settings.DASHBOARD_SYNC_CALLS_PER_SECOND = 0
    settings.JTL_ERP_TENANT_RATE_BURST = 10_000
    settings.JTL_ERP_TENANT_RATE_PER_SECOND = 10_000


def shell(browser: Browser, *, lang: str, width: int) -> Iterator[Page]:
    context = browser.new_context(locale=LOCALES[lang], viewport={"width": width, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield page
    finally:
        context.close()
    assert errors == [], errors


@pytest.fixture(params=["de", "en"])
def lang(request) -> str:
    return str(request.param)


@pytest.fixture
def pane(browser: Browser, lang: str, platform: LiveSandbox) -> Iterator[Page]:
    """The host shell in a window whose pane column is about 360 px wide."""
    yield from shell(browser, lang=lang, width=WIDTHS["pane"])


def pane_url(platform: LiveSandbox, kind: str, record: str | None, lang: str) -> str:
    path = {"customer": "customers", "salesorder": "sales-orders"}[kind]
    param = {"customer": "customer", "salesorder": "order"}[kind]
    chosen = f"&{param}={record}" if record else ""
    return f"{platform.url}/host/{path}?{SELECT}&lang={lang}{chosen}"


AXE_RUN = (
    "async () => (await axe.run(document)).violations"
    ".map((v) => ({id: v.id, impact: v.impact, n: v.nodes.length}))"
)
FITS = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def axe_serious(frame: Frame) -> list[str]:
    """Serious and critical axe violations of the frame's document."""
    frame.evaluate(AXE)
    result = frame.evaluate(AXE_RUN)
    serious = [v for v in result if v["impact"] in ("serious", "critical")]
    return [f"{v['id']} ({v['impact']}, {v['n']} nodes)" for v in serious]


def no_sideways_scroll(frame: Frame) -> bool:
    return bool(frame.evaluate(FITS))


def framed(page: Page, path: str, state: str) -> Frame:
    wait_for(lambda: any(path in f.url for f in page.frames), timeout=20, message=path)
    frame = next(f for f in page.frames if path in f.url)
    frame.wait_for_selector(f"main[data-state={state}]", timeout=20_000)
    return frame


PAGES = {
    "dashboard": ("host/apps/dashboard", "/panes/dashboard"),
    "setup": ("host/install", "/panes/setup"),
    "customer": ("host/customers", "/panes/customer"),
    "sales-order": ("host/sales-orders", "/panes/sales-order"),
}


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_is_accessible_and_fits_at_pane_and_desktop_width(
    browser: Browser, platform: LiveSandbox, live_app: str, lang: str, name: str, width: str
):
    connected(platform)
    shell_path, path = PAGES[name]
    url = f"{platform.url}/{shell_path}?{SELECT}&lang={lang}"
    if name in ("customer", "sales-order"):
        kind = "customer" if name == "customer" else "salesorder"
        url = pane_url(platform, kind, records(platform, kind, 1)[0][0], lang)
    for page in shell(browser, lang=lang, width=WIDTHS[width]):
        page.goto(url)
        frame = framed(page, path, "ready")
        assert frame.evaluate("() => document.documentElement.lang") == lang
        assert axe_serious(frame) == []
        assert no_sideways_scroll(frame)


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_hub_page_is_accessible(
    browser: Browser, platform: LiveSandbox, live_app: str, lang: str, width: str
):
    connected(platform)
    for page in shell(browser, lang=lang, width=WIDTHS[width]):
        page.goto(f"{live_app}/panes/hub?lang={lang}")
        expect(page.get_by_test_id("hub-open-erp")).to_be_visible()
        assert axe_serious(page.main_frame) == []
        assert no_sideways_scroll(page.main_frame)


def test_loading_shows_a_labelled_skeleton(pane: Page, platform: LiveSandbox, live_app: str, lang):
    connected(platform)
    customer = records(platform, "customer", 1)[0][0]
    platform.control("faults", {"area": "erp", "latencyMs": 2500, "count": 1})

    pane.goto(pane_url(platform, "customer", customer, lang))
    frame = framed(pane, "/panes/customer", "loading")

    label = {"de": "Kennzahlen des Kunden werden geladen", "en": "Loading the customer’s figures"}
    expect(frame.get_by_test_id("state")).to_contain_text(label[lang])
    assert frame.locator("main").get_attribute("aria-busy") == "true"
    frame.wait_for_selector("main[data-state=ready]", timeout=20_000)


def test_empty_says_what_it_means_and_what_to_do(pane: Page, platform: LiveSandbox, live_app, lang):
    connected(platform)

    pane.goto(pane_url(platform, "customer", None, lang))
    frame = framed(pane, "/panes/customer", "empty")

    text = {"de": "Kein Kunde ausgewählt", "en": "No customer selected"}
    expect(frame.get_by_test_id("state")).to_contain_text(text[lang])
    assert axe_serious(frame) == []


def test_an_error_names_the_cause_offers_a_retry_by_keyboard_and_a_request_id(
    pane: Page, platform: LiveSandbox, live_app: str, lang: str
):
    connected(platform)
    customer, number = records(platform, "customer", 1)[0]
    platform.control("faults", {"area": "erp", "status": 503, "count": 20})

    pane.goto(pane_url(platform, "customer", customer, lang))
    frame = framed(pane, "/panes/customer", "error")

    cause = {"de": "nicht erreichbar", "en": "cannot be reached"}
    expect(frame.get_by_test_id("state")).to_contain_text(cause[lang])
    assert len(frame.get_by_test_id("request-id").inner_text()) >= 8
    assert axe_serious(frame) == []
    httpx.delete(f"{platform.url}/_sandbox/faults", timeout=10).raise_for_status()
    frame.get_by_test_id("retry").focus()
    pane.keyboard.press("Enter")
    frame.wait_for_selector("main[data-state=ready]", timeout=20_000)
    expect(frame.get_by_test_id("customer-number")).to_have_text(number)


def test_a_missing_permission_says_which_and_who_grants_it(
    pane: Page, platform: LiveSandbox, live_app: str, lang: str
):
    connected(platform)
    Tenant.objects.filter(tenant_id=TENANT).update(granted_scopes=["salesorders.read"])
    order = records(platform, "salesorder", 1)[0][0]

    pane.goto(pane_url(platform, "salesorder", order, lang))
    frame = framed(pane, "/panes/sales-order", "permission")

    which = {"de": "Artikel und Bestände lesen", "en": "read items and stock levels"}
    who = {"de": "Administrator", "en": "administrator"}
    expect(frame.get_by_test_id("state")).to_contain_text(which[lang])
    expect(frame.get_by_test_id("state")).to_contain_text(who[lang])
    assert axe_serious(frame) == []


def test_the_setup_page_saves_a_setting_by_keyboard(
    pane: Page, platform: LiveSandbox, live_app: str, lang: str
):
    from jtlapp.tenant_settings.selectors import tenant_setting_get  # noqa: PLC0415

    platform.control(f"tenants/{TENANT}/uninstall")
    pane.goto(f"{platform.url}/host/install?{SELECT}&lang={lang}")
    frame = framed(pane, "/panes/setup", "ready")

    frame.locator("select[name='dashboard.days']").focus()
    pane.keyboard.press("ArrowUp")  # 30 -> 14 days
    frame.get_by_test_id("settings-save").focus()
    pane.keyboard.press("Enter")

    saved = {"de": "Einstellungen gespeichert", "en": "Settings saved"}
    expect(frame.get_by_test_id("settings-status")).to_contain_text(saved[lang])
    tenant = Tenant.objects.get(tenant_id=TENANT)
    assert tenant_setting_get(tenant=tenant, key="dashboard.days") == 14


def test_a_late_handshake_still_connects_after_the_hint(
    pane: Page, platform: LiveSandbox, live_app: str, lang: str
):
    # given: a host that sends its handshake only after 4 s (the page hints after 3 s)
    connected(platform)
    customer, number = records(platform, "customer", 1)[0]
    url = pane_url(platform, "customer", customer, lang) + "&handshakeDelayMs=4000"

    # when
    pane.goto(url)
    frame = framed(pane, "/panes/customer", "not-embedded")

    # then: the hint shows, and the data arrives once the handshake does
    hint = {"de": "in JTL", "en": "inside JTL"}
    expect(frame.get_by_test_id("state")).to_contain_text(hint[lang])
    frame.wait_for_selector("main[data-state=ready]", timeout=20_000)
    expect(frame.get_by_test_id("customer-number")).to_have_text(number)


def test_a_page_opened_outside_jtl_shows_the_hint(page: Page, live_app: str):
    page.goto(f"{live_app}/panes/customer?lang=en")

    page.wait_for_selector("main[data-state=not-embedded]")
    expect(page.get_by_test_id("state")).to_contain_text("Open this page inside JTL")
    assert axe_serious(page.main_frame) == []
