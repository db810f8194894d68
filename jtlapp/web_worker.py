"""The gunicorn worker class of the web process: uvicorn (uvloop) with a bounded header block.

JTL app tokens carry their scopes and can exceed 16 KB (an app with all scopes hit HTTP 431
in JTL's own sample), so they must pass; a header flood must not grow a worker's memory.
uvicorn's httptools parser has no bound at all; h11 refuses a request once its buffer of an
incomplete header block passes ``MAX_HEADER_BLOCK_BYTES``, so the web process parses with
h11 (a block that arrives whole in one read is then capped by the token verifier's size cap).
"""

from __future__ import annotations

from typing import Any

from uvicorn_worker import UvicornWorker

MAX_HEADER_BLOCK_BYTES = 48 * 1024
"""A 32 KB Authorization header plus the browser's own headers."""


class JtlUvicornWorker(UvicornWorker):  # type: ignore[misc]
    CONFIG_KWARGS: dict[str, Any] = {
        "loop": "uvloop",
        "http": "h11",
        "h11_max_incomplete_event_size": MAX_HEADER_BLOCK_BYTES,
    }
