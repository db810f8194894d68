"""An open-loop load generator on raw asyncio streams, so the generator is not the bottleneck.

Requests start on a fixed schedule whether or not earlier ones finished (a slow gateway must
not slow the load down and hide its own latency); each runs on an idle keep-alive connection
or a new one. HTTP/1.1 with ``Content-Length`` answers only, which is what our app and the
bench upstream send. Latency is measured from the scheduled start.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    seconds: float = 0.0

    @property
    def sent(self) -> int:
        return len(self.latencies_ms) + self.errors

    def quantile(self, q: int) -> float:
        if len(self.latencies_ms) < 2:
            return self.latencies_ms[0] if self.latencies_ms else float("nan")
        return statistics.quantiles(self.latencies_ms, n=100)[q - 1]

    @property
    def failures(self) -> int:
        return self.errors + sum(n for status, n in self.statuses.items() if status != 200)


Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def _exchange(connection: Connection, request: bytes) -> tuple[int, bool]:
    """Status, and whether the connection may carry another request."""
    reader, writer = connection
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    reusable = head.startswith(b"HTTP/1.1")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"connection" and value.strip().lower() == b"close":
            reusable = False
    await reader.readexactly(length)
    return status, reusable


async def load_run(
    *, url: str, headers: dict[str, str], rate: float, seconds: float, timeout: float = 30
) -> LoadResult:
    """Send ``GET url`` at ``rate`` per second for ``seconds``; wait for the stragglers."""
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    lines = [f"GET {parts.path}{'?' + parts.query if parts.query else ''} HTTP/1.1"]
    lines += [f"Host: {host}:{port}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    request = "\r\n".join(lines).encode()
    idle: list[Connection] = []
    result = LoadResult()

    def settle(connection: Connection, scheduled: float, status: int, reusable: bool) -> None:
        result.latencies_ms.append((time.perf_counter() - scheduled) * 1000)
        result.statuses[status] = result.statuses.get(status, 0) + 1
        if reusable:
            idle.append(connection)
        else:
            connection[1].close()

    async def one(scheduled: float, *, fresh: bool = False) -> None:
        reused = bool(idle) and not fresh
        try:
            connection = idle.pop() if reused else await asyncio.open_connection(host, port)
            status, reusable = await asyncio.wait_for(_exchange(connection, request), timeout)
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
            if reused and time.perf_counter() - scheduled < 1:
                # the server closed an idle keep-alive connection: send again on a new one,
                # as every HTTP client does for a GET
                await one(scheduled, fresh=True)
            else:
                result.errors += 1
            return
        settle(connection, scheduled, status, reusable)

    tasks = []
    start = time.perf_counter()
    for index in range(int(rate * seconds)):
        scheduled = start + index / rate
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        tasks.append(asyncio.create_task(one(scheduled)))
    await asyncio.gather(*tasks)
    result.seconds = time.perf_counter() - start
    for _, writer in idle:
        writer.close()
    return result
