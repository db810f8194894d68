"""Chromium per test module, so that Playwright's event loop ends with the module.

Playwright's sync API keeps an asyncio loop "running" on the test thread for as long as it
is started; the suite-wide ``browser`` fixture would leave it running for every later test,
where the gateway's sync facade (rightly) refuses to block inside an event loop. The browser
test modules override ``browser`` with this module-scoped one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, sync_playwright

from tests.conftest import CHROMIUM


def module_browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (Debian package chromium; .ci/run installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()
