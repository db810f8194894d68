"""No token or secret in any span, metric label or Sentry event.

Keys that name a credential are dropped (spans) or redacted (events) whatever their value;
every other string goes through the log scrubber (``jtlapp.logging.scrub``: JWTs,
``Bearer ...``, ``access_token=...``, configured secrets). Metric labels need no scrubbing:
``jtlapp.observability.metrics`` takes only fixed, low-cardinality values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from jtlapp.logging import REDACTED, scrub

SENSITIVE_KEY = re.compile(
    r"(?i)(authori[sz]ation|cookie|token|secret|passw(or)?d|api[_-]?key|signature|"
    r"credential|session|jwt|code_verifier|dsn)"
)


def key_is_sensitive(key: str) -> bool:
    return bool(SENSITIVE_KEY.search(key))


def attributes_scrub(attributes: Mapping[str, Any] | None) -> dict[str, Any]:
    """Span attributes without sensitive keys and with every string value scrubbed."""
    clean: dict[str, Any] = {}
    for key, value in (attributes or {}).items():
        if key_is_sensitive(key):
            continue
        if isinstance(value, str):
            clean[key] = scrub(value)
        elif isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
            clean[key] = tuple(scrub(v) if isinstance(v, str) else v for v in value)
        else:
            clean[key] = value
    return clean


def value_scrub(value: Any) -> Any:
    """A Sentry event (any JSON-like value) with credentials redacted, recursively."""
    if isinstance(value, Mapping):
        return {
            k: (REDACTED if isinstance(k, str) and key_is_sensitive(k) else value_scrub(v))
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        pairs = all(isinstance(v, list | tuple) and len(v) == 2 for v in value) and value
        if pairs:  # header lists: [["Authorization", "Bearer ..."], ...]
            return [
                [k, REDACTED if isinstance(k, str) and key_is_sensitive(k) else value_scrub(v)]
                for k, v in value
            ]
        return [value_scrub(v) for v in value]
    if isinstance(value, str):
        return scrub(value)
    return value
