"""Fault switches: make the sandbox slow, failing or rate-limited on demand.

The real ERP API is tunnelled to the merchant's own Wawi, so latency, 5xx, 504 "Wawi offline"
and HTML error pages are everyday events (shared/jtl/platform.md §7.4). Tests and demos switch
them on per area; a fault can be limited to the next N requests to test retries.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

FAULT_AREAS = ("erp", "token", "keys", "account")


class FaultError(ValueError):
    pass


@dataclass(frozen=True, kw_only=True)
class Fault:
    status: int | None = None
    latency_ms: int = 0
    html: bool = False
    remaining: int | None = None
    """How many more requests the fault applies to; None means until cleared."""

    def as_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "latencyMs": self.latency_ms,
            "html": self.html,
            "remaining": self.remaining,
        }


class FaultSwitches:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: dict[str, Fault] = {}

    def set(self, *, area: str, fault: Fault) -> None:
        if area not in FAULT_AREAS:
            raise FaultError(f"unknown area {area!r}; one of {', '.join(FAULT_AREAS)}")
        if fault.status is not None and not 400 <= fault.status <= 599:
            raise FaultError("status must be an HTTP error status (400-599)")
        if not 0 <= fault.latency_ms <= 120_000:
            raise FaultError("latencyMs must be between 0 and 120000")
        with self._lock:
            self._faults[area] = fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, *, area: str) -> Fault | None:
        """The fault for this request, counting it against ``remaining``."""
        with self._lock:
            fault = self._faults.get(area)
            if fault is None:
                return None
            if fault.remaining is not None:
                if fault.remaining <= 1:
                    del self._faults[area]
                else:
                    self._faults[area] = replace(fault, remaining=fault.remaining - 1)
            return fault

    def snapshot(self) -> dict[str, dict[str, object]]:
        with self._lock:
            return {area: fault.as_dict() for area, fault in self._faults.items()}


def fault_from_json(data: object) -> tuple[str, Fault]:
    """Parse a control-surface request body ``{"area", "status", "latencyMs", "html", "count"}``."""
    if not isinstance(data, dict):
        raise FaultError("body must be a JSON object")
    area, status, latency, html, count = (
        data.get("area", "erp"),
        data.get("status"),
        data.get("latencyMs", 0),
        data.get("html", False),
        data.get("count"),
    )
    if not isinstance(area, str):
        raise FaultError("area must be a string")
    if status is not None and not isinstance(status, int):
        raise FaultError("status must be an integer or null")
    if not isinstance(latency, int) or not isinstance(html, bool):
        raise FaultError("latencyMs must be an integer and html a boolean")
    if count is not None and (not isinstance(count, int) or count < 1):
        raise FaultError("count must be a positive integer or null")
    return area, Fault(status=status, latency_ms=latency, html=html, remaining=count)
