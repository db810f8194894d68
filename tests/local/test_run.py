"""``make run`` end to end: a cold start on embedded defaults, then Ctrl-C."""

import http.client
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, free_port, wait_for


def get(port: int, path: str) -> tuple[int, bytes] | None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers={"Host": "localhost"})
        response = connection.getresponse()
        return response.status, response.read()
    except OSError:
        return None
    finally:
        connection.close()


def processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_run_serves_healthz_and_the_sandbox_then_ctrl_c_stops_everything(tmp_path):
    # given: nothing configured, as on a fresh machine
    web_port, sandbox_port = free_port(), free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_URL", "REDIS_URL", "DJANGO_", "JTL_"))
    }
    env |= {
        "JTL_RUN_DIR": str(tmp_path),
        "JTL_WEB_PORT": str(web_port),
        "JTL_SANDBOX_PORT": str(sandbox_port),
    }
    log = (tmp_path / "run.log").open("wb")
    runner = subprocess.Popen(
        [sys.executable, "-m", "jtlapp.local.run"], cwd=REPO, env=env, stdout=log, stderr=log
    )

    try:
        # when
        def healthy():
            answer = get(web_port, "/healthz")
            return answer if answer and answer[0] == 200 else None

        status, body = wait_for(healthy, timeout=120, interval=0.5, message="/healthz 200")
        sandbox = get(sandbox_port, "/")

        # then
        assert json.loads(body)["status"] == "ok"
        assert sandbox is not None
        assert sandbox[0] == 200
        assert f"http://localhost:{web_port}/" in (tmp_path / "run.log").read_text()
    finally:
        runner.send_signal(signal.SIGINT)
        runner.wait(timeout=60)
        log.close()

    assert runner.returncode == 0
    assert get(web_port, "/healthz") is None
    assert get(sandbox_port, "/") is None
    assert processes_with(f"JTL_RUN_DIR={tmp_path}\0") == []
