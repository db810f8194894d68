"""The sync facade's engine: one background event loop per process runs gateway coroutines.

Celery tasks, management commands and webhook handlers are synchronous. Running each call
with ``asyncio.run`` would build a loop, an HTTP pool and a bulkhead per call; one long-lived
loop thread keeps them, so a worker reuses connections exactly like the web process. A fork
(Celery's prefork pool) starts a fresh loop lazily in the child.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import Any, TypeVar

from asgiref.sync import sync_to_async
from django.db import connections

T = TypeVar("T")

_lock = threading.Lock()
_state: dict[str, Any] = {"pid": None, "loop": None}


def _loop() -> asyncio.AbstractEventLoop:
    with _lock:
        loop = _state["loop"]
        if loop is None or _state["pid"] != os.getpid() or loop.is_closed():
            loop = asyncio.new_event_loop()
            thread = threading.Thread(
                target=loop.run_forever, name="jtlapp-gateway-loop", daemon=True
            )
            thread.start()
            _state.update(pid=os.getpid(), loop=loop)
        assert isinstance(loop, asyncio.AbstractEventLoop)  # noqa: S101 - typed for mypy
        return loop


def gateway_run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` on the gateway loop and wait for it (not from inside a loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        coroutine.close()
        raise RuntimeError("inside an event loop: await the async client instead")
    return _submit(coroutine, _loop()).result()


def _submit(coroutine: Coroutine[Any, Any, T], loop: asyncio.AbstractEventLoop) -> Future[T]:
    """Like ``run_coroutine_threadsafe``, but in the caller's context (request id, tenant)."""
    context = contextvars.copy_context()
    result: Future[T] = Future()

    def start() -> None:
        task = loop.create_task(coroutine, context=context)

        def done(finished: asyncio.Task[T]) -> None:
            if finished.cancelled():
                result.cancel()
            elif (error := finished.exception()) is not None:
                result.set_exception(error)
            else:
                result.set_result(finished.result())

        task.add_done_callback(done)

    loop.call_soon_threadsafe(start)
    return result


async def gateway_thread(function: Callable[..., T], /, **kwargs: Any) -> T:
    """Blocking work (database, a shared token refresh) in a pool thread, off the loop.

    The pool's threads outlive the call, so the thread's database connection is closed
    afterwards instead of lingering (and holding a test database open).
    """

    def run() -> T:
        try:
            return function(**kwargs)
        finally:
            connections.close_all()

    return await sync_to_async(run, thread_sensitive=False)()
