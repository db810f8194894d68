"""Gateway fixtures: the real ASGI app on a real server, and an ERP that never answers."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

from tests.auth.conftest import keys_clock, keys_cold, service_token_cold  # noqa: F401
from tests.conftest import free_port


@pytest.fixture
def live_asgi(transactional_db) -> Iterator[str]:
    """``jtlapp.asgi`` served by uvicorn on a thread of its own, on the test database."""
    from jtlapp.asgi import application

    config = uvicorn.Config(
        application,
        host="127.0.0.1",
        port=free_port(),
        loop="asyncio",
        lifespan="off",
        log_level="warning",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=lambda: asyncio.run(server.serve()), daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{config.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def black_hole() -> Iterator[str]:
    """A merchant's Wawi that accepts connections and never answers (the worst neighbour)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(256)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/api/eazybusiness"
    finally:
        stop.set()
        thread.join(timeout=5)
        for connection in held:
            connection.close()
        listener.close()
