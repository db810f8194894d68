"""The AppBridge client's wire protocol and apiFetch's token handling, run in Node if present."""

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("bridge_test.mjs")


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_bridge_and_api_fetch_speak_the_protocol():
    result = subprocess.run(
        ["node", str(SCRIPT)], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "not ok" not in result.stdout
