"""Our suite's own fixtures; the generic ones come from the test kit, ``jtlapp.testing.plugin``.

The plugin is loaded with ``-p jtlapp.testing.plugin`` (``addopts`` in ``pyproject.toml``), the
same fixtures a partner's suite gets, so the kit cannot rot. The names below stay importable
from here for the tests that import them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from jtlapp.testing.browser import CHROMIUM
from jtlapp.testing.live import LiveSandbox, app_url, free_port, wait_for
from jtlapp.testing.plugin import worker_database_url

__all__ = ["CHROMIUM", "REPO", "LiveSandbox", "app_url", "free_port", "wait_for"]

REPO = Path(__file__).resolve().parent.parent
_test_database_url = worker_database_url


@pytest.fixture(autouse=True)
def _language_reset() -> Iterator[None]:
    """A request activates its language on the test thread; the next test starts neutral."""
    yield
    translation.deactivate()
