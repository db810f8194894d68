"""Which encryption key list each running process holds, so a rotation never outruns one.

``rotate-keys`` re-encrypts every stored secret under the first key of
``JTL_ENCRYPTION_KEYS``. A web or worker process still running with the old list cannot read
those rows afterwards (its requests fail, its refreshes stop), so every process must be
restarted with the new list (new key first, old key still listed) before the rotation.
Processes announce a fingerprint of their list in Redis (web: a thread started with the app
under gunicorn/uvicorn; worker: its heartbeat thread), and ``jtl doctor`` and ``rotate-keys``
compare them. The fingerprint is a hash: keys never leave the process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import sys
import threading
from dataclasses import dataclass

import redis
from django.conf import settings

from jtlapp.core.redis import redis_client

logger = logging.getLogger(__name__)

KEY_PREFIX = "jtlapp:keylist:"
ANNOUNCE_INTERVAL_SECONDS = 20.0
ANNOUNCE_TTL_SECONDS = 60


@dataclass(frozen=True, kw_only=True)
class ProcessKeyList:
    process: str
    fingerprint: str


def key_list_fingerprint(keys: list[str] | None = None) -> str:
    """Short hash of the ordered key list (the order matters: the first key encrypts)."""
    material = "\n".join(keys if keys is not None else settings.JTL_ENCRYPTION_KEYS)
    return hashlib.sha256(material.encode()).hexdigest()[:12]


def key_list_announce(*, kind: str) -> None:
    """Announce the fingerprint for ``ANNOUNCE_TTL_SECONDS``; silent while Redis is down."""
    process = f"{kind} {socket.gethostname()}:{os.getpid()}"
    try:
        redis_client().set(
            f"{KEY_PREFIX}{process}",
            json.dumps({"fingerprint": key_list_fingerprint()}),
            ex=ANNOUNCE_TTL_SECONDS,
        )
    except redis.RedisError:
        logger.debug("redis unavailable; key list not announced")


def key_lists_running() -> list[ProcessKeyList]:
    client = redis_client()
    keys = list(client.scan_iter(match=f"{KEY_PREFIX}*", count=500))
    found = []
    for key, raw in zip(keys, client.mget(keys) if keys else [], strict=True):
        if raw is None:
            continue
        process = key.decode().removeprefix(KEY_PREFIX)
        found.append(ProcessKeyList(process=process, fingerprint=json.loads(raw)["fingerprint"]))
    return sorted(found, key=lambda entry: entry.process)


def key_lists_differing() -> list[ProcessKeyList]:
    """Running processes whose key list is not this process's."""
    mine = key_list_fingerprint()
    return [entry for entry in key_lists_running() if entry.fingerprint != mine]


def web_announcer_start() -> None:
    """In a web server process (gunicorn, uvicorn), announce now and every 20 s."""
    if not ({"gunicorn", "uvicorn"} & set(sys.modules)):
        return

    def announce() -> None:
        while True:
            key_list_announce(kind="web")
            threading.Event().wait(ANNOUNCE_INTERVAL_SECONDS)

    threading.Thread(target=announce, name="jtlapp-keylist", daemon=True).start()
