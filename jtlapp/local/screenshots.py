"""``make screenshots``: every page of the app as a merchant sees it, in German and English.

Starts the app and the sandbox (``jtlapp.local.stack``), connects the demo tenant, and drives
Debian's Chromium through the sandbox's ERP shell: the setup page, the dashboard, the customer
and sales-order panes beside their records, and the Hub page after signing in. PNGs go to
``panes/screenshots/`` (the README shows them).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import Page, sync_playwright

from jtlapp.local.stack import BASE_DIR, TENANT, Stack, stack_running, tenant_setup

OUT = BASE_DIR / "panes" / "screenshots"
LANGUAGES = {"de": "de-DE", "en": "en-US"}


SELECTED = {"/panes/customer": "customer-number", "/panes/sales-order": "order-number"}
"""Panes that show a record: wait until the selected record's number is on screen."""


def _frame_ready(page: Page, path: str) -> None:
    page.wait_for_function(
        "(path) => [...document.querySelectorAll('iframe')].some((f) => f.src.includes(path))",
        arg=path,
    )
    frame = next(f for f in page.frames if path in f.url)
    frame.wait_for_selector("main[data-state=ready]", timeout=30_000)
    if path in SELECTED:
        frame.wait_for_function(
            "(id) => !['', '–', '-'].includes("
            "document.querySelector(`[data-testid=${id}]`)?.textContent.trim() ?? '')",
            arg=SELECTED[path],
            timeout=30_000,
        )


def _erp_pages(stack: Stack) -> dict[str, tuple[str, str]]:
    """Screenshot name -> (host shell URL, the embedded page to wait for)."""
    data = f"tenant={TENANT}"
    return {
        "setup": (f"{stack.sandbox_url}/host/install?{data}", "/panes/setup"),
        "dashboard": (f"{stack.sandbox_url}/host/apps/dashboard?{data}", "/panes/dashboard"),
        "customer-pane": (f"{stack.sandbox_url}/host/customers?{data}", "/panes/customer"),
        "sales-order-pane": (f"{stack.sandbox_url}/host/sales-orders?{data}", "/panes/sales-order"),
    }


def _first_record(page: Page) -> None:
    """Open the first record of a list, so its pane shows beside the detail."""
    href = page.locator("table a").first.get_attribute("href") or ""
    page.goto(urljoin(page.url, href))


def _shoot(page: Page, stack: Stack, lang: str) -> list[Path]:
    shots = []
    for name, (url, path) in _erp_pages(stack).items():
        page.goto(url)
        if name.endswith("-pane"):
            _first_record(page)
        _frame_ready(page, path)
        shots.append(OUT / f"{name}-{lang}.png")
        page.screenshot(path=shots[-1])
    page.goto(f"{stack.app_url}/panes/hub")
    page.get_by_test_id("hub-login").click()
    page.locator("button[value=allow]").click()
    page.get_by_test_id("hub-tenants").wait_for()
    shots.append(OUT / f"hub-{lang}.png")
    page.screenshot(path=shots[-1])
    return shots


def main() -> int:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        sys.stderr.write("make screenshots needs Chromium (Debian package chromium)\n")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with stack_running() as stack, sync_playwright() as playwright:
        tenant_setup(stack)
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for lang, locale in LANGUAGES.items():
            context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 860})
            for shot in _shoot(context.new_page(), stack, lang):
                sys.stdout.write(f"wrote {shot.relative_to(BASE_DIR)}\n")
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
