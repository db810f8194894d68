"""The README's curl session runs as written against ``manage.py jtl sandbox``."""

import os
import re
import shutil
import subprocess
import sys

import httpx
import pytest

from tests.conftest import REPO, free_port, wait_for


@pytest.fixture
def sandbox_process():
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jtlapp.settings", "JTL_SANDBOX_PORT": str(port)}
    process = subprocess.Popen(
        [sys.executable, "manage.py", "jtl", "sandbox", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def up():
        try:
            return httpx.get(f"http://127.0.0.1:{port}/", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(up, timeout=30, message="the sandbox to listen")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_the_readme_curl_session_works(sandbox_process):
    readme = (REPO / "README.md").read_text()
    block = re.search(r"Try it with curl.*?```sh\n(.*?)```", readme, re.DOTALL)
    assert block is not None
    script = block.group(1)
    script = script.replace("localhost:8001", f"localhost:{sandbox_process}")

    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert '"Type": "JTL-Wawi"' in result.stdout  # 2.0 describes Status in PascalCase
    assert '"totalItems": 120' in result.stdout
    assert '"QuerySalesOrders": {"totalCount":' in result.stdout
    assert '"accessToken": "ey' in result.stdout
