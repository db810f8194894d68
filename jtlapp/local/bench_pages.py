"""The pages' first data paint, as ``make bench`` reports it (needs Debian's Chromium).

Opens each embedded page inside the sandbox's ERP shell, as a merchant would, and reads the
``jtl:data-ready`` performance mark the page sets when its data is first on screen: the time
from the page's navigation start through the AppBridge handshake, the token and the API call.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import Page, sync_playwright

from jtlapp.local.stack import BASE_DIR, TENANT, Stack

RUNS = 10
FILL = (
    "import sys, django; django.setup(); from jtlapp.tenants.models import Tenant; "
    "from panes.dashboard_sync import dashboard_reconcile; "
    "dashboard_reconcile(tenant=Tenant.objects.get(tenant_id=sys.argv[1]))"
)
FILL_CALLS_PER_SECOND = "8"
"""Below the app's own per-tenant ERP rate (10/s), as the worker's first fill runs."""


def dashboard_fill(stack: Stack) -> None:
    """The dashboard aggregate's first fill, as a worker does it after setup.

    The stack runs no worker; filled once, the dashboard's first data paint is what every
    later view costs.
    """
    env = {**stack.env, "DJANGO_SETTINGS_MODULE": "jtlapp.settings",
           "JTL_DASHBOARD_SYNC_CALLS_PER_SECOND": FILL_CALLS_PER_SECOND}  # fmt: skip
    subprocess.run([sys.executable, "-c", FILL, TENANT], check=True, cwd=BASE_DIR, env=env)  # noqa: S603


PAGES = {
    "dashboard": ("host/apps/dashboard", "/panes/dashboard"),
    "customer pane": ("host/customers", "/panes/customer"),
    "sales-order pane": ("host/sales-orders", "/panes/sales-order"),
}


def _paint_ms(page: Page, url: str, path: str) -> float:
    page.goto(url)
    page.wait_for_function(
        "(p) => [...document.querySelectorAll('iframe')].some((f) => f.src.includes(p))", arg=path
    )
    frame = next(f for f in page.frames if path in f.url)
    frame.wait_for_function(
        "() => performance.getEntriesByName('jtl:data-ready').length > 0", timeout=30_000
    )
    return float(
        frame.evaluate("() => performance.getEntriesByName('jtl:data-ready')[0].startTime")
    )


def _record_url(page: Page, stack: Stack, list_path: str) -> str:
    """A list page with its first record open, so the pane shows that record."""
    page.goto(f"{stack.sandbox_url}/{list_path}?tenant={TENANT}")
    href = page.locator("table a").first.get_attribute("href") or ""
    return urljoin(page.url, href)


def pages_paint_table(stack: Stack) -> str | None:
    """Markdown rows of p50/max first data paint per page, or None without Chromium."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return None
    rows = ["| page | p50 ms | max ms | runs |", "|---|---|---|---|"]
    dashboard_fill(stack)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page()
        for name, (list_path, path) in PAGES.items():
            url = f"{stack.sandbox_url}/{list_path}?tenant={TENANT}"
            if name.endswith("pane"):
                url = _record_url(page, stack, list_path)
            _paint_ms(page, url, path)  # warm: keys, service token, connections
            times = [_paint_ms(page, url, path) for _ in range(RUNS)]
            rows.append(f"| {name} | {statistics.median(times):.0f} | {max(times):.0f} | {RUNS} |")
        browser.close()
    return "\n".join(rows)
