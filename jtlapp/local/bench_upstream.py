"""``make bench``'s stand-in for a merchant's Wawi: answers after a set latency, cheaply.

The benchmark measures our gateway, so its upstream must cost next to nothing: a bare ASGI
app on uvicorn (httptools) that answers ``GET .../v2/info`` after the latency named in the
path (``/lat50/api/eazybusiness/v2/info`` waits 50 ms), and ``/hang/...`` never answers (the
noisy neighbour's Wawi). Run as ``python -m jtlapp.local.bench_upstream PORT``.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import uvicorn

BODY = json.dumps({"version": "2.0.0", "name": "JTL-Wawi (bench stand-in)"}).encode()
_LATENCY = re.compile(r"^/lat(\d+)/")

Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


async def app(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    if scope["type"] != "http":
        return
    path = scope["path"]
    if path.startswith("/hang/"):
        await asyncio.Event().wait()  # until the client gives up
    match = _LATENCY.match(path)
    if match:
        await asyncio.sleep(int(match.group(1)) / 1000)
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(BODY))]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": BODY})


def main() -> None:
    uvicorn.run(
        app,
        host="127.0.0.1",
        port=int(sys.argv[1]),
        log_level="warning",
        access_log=False,
        http="httptools",
        lifespan="off",
        backlog=4096,
    )


if __name__ == "__main__":
    main()
