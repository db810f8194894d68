"""``make screenshots``: every page of the app as a merchant sees it, in German and English.

Starts the app and the sandbox (``jtlapp.local.stack``), connects the demo tenant, fills its
dashboard aggregate, and drives Debian's Chromium through the sandbox's ERP shell: the setup
page, the dashboard, the customer and sales-order panes beside their records, and the Hub page
after signing in. Each page is shot twice: as JTL's pane column shows it (the page itself at
360 px) and in a wide window (the whole shell at 1280 px). PNGs go to ``panes/screenshots/``
(the README shows them).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import Browser, Frame, Page, ViewportSize, sync_playwright

from jtlapp.local.bench_pages import dashboard_fill
from jtlapp.local.stack import BASE_DIR, TENANT, Stack, stack_running, tenant_setup

OUT = BASE_DIR / "panes" / "screenshots"
LANGUAGES = {"de": "de-DE", "en": "en-GB"}
PANE_WIDTH = 360
WIDE: ViewportSize = {"width": 1280, "height": 860}
SHELL: ViewportSize = {"width": 1280, "height": 900}


SELECTED = {"/panes/customer": "customer-number", "/panes/sales-order": "order-number"}
"""Panes that show a record: wait until the selected record's number is on screen."""


def _frame_ready(page: Page, path: str) -> Frame:
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
    return frame


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


def _shoot(page: Page, stack: Stack, lang: str, *, width: str) -> list[Path]:
    """Every page at ``width``: "pane" shoots the embedded page alone at JTL's pane width."""
    shots = []
    for name, (url, path) in _erp_pages(stack).items():
        page.goto(f"{url}&lang={lang}")
        if name.endswith("-pane"):
            _first_record(page)
        frame = _frame_ready(page, path)
        shots.append(OUT / f"{name}-{lang}-{width}.png")
        if width == "pane":
            _pane_shot(page, frame, path, shots[-1])
        else:
            page.screenshot(path=shots[-1])
    if width == "pane":
        page.set_viewport_size({"width": PANE_WIDTH, "height": 800})
    page.goto(f"{stack.app_url}/panes/hub?lang={lang}")
    page.get_by_test_id("hub-login").click()
    page.locator("button[value=allow]").click()
    page.get_by_test_id("hub-tenants").wait_for()
    shots.append(OUT / f"hub-{lang}-{width}.png")
    page.screenshot(path=shots[-1], full_page=True)
    return shots


def _pane_shot(page: Page, frame: Frame, path: str, out: Path) -> None:
    """The embedded page as its iframe shows it, resized to the pane column's width."""
    iframe = page.locator(f"iframe[src*='{path}']").first
    iframe.evaluate(
        f"(el) => {{ el.style.width = '{PANE_WIDTH}px'; el.style.maxWidth = 'none';"
        " el.style.height = '1600px'; }"
    )
    page.wait_for_timeout(200)
    bottom = "() => Math.ceil(document.querySelector('main').getBoundingClientRect().bottom)"
    height = min(int(frame.evaluate(bottom)) + 8, 2400)
    iframe.evaluate(f"(el) => {{ el.style.height = '{height}px'; }}")
    page.wait_for_timeout(100)
    iframe.screenshot(path=out)


def _run(browser: Browser, stack: Stack) -> None:
    for lang, locale in LANGUAGES.items():
        for width, viewport in (("pane", SHELL), ("wide", WIDE)):
            context = browser.new_context(locale=locale, viewport=viewport)
            for shot in _shoot(context.new_page(), stack, lang, width=width):
                sys.stdout.write(f"wrote {shot.relative_to(BASE_DIR)}\n")
            context.close()


def main() -> int:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        sys.stderr.write("make screenshots needs Chromium (Debian package chromium)\n")
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    with stack_running() as stack, sync_playwright() as playwright:
        tenant_setup(stack)
        dashboard_fill(stack)
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        _run(browser, stack)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
