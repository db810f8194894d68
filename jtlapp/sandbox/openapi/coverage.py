"""How much of each description the seeded store answers, per tag: README's coverage table.

The table is computed by the engine's own choice (``engine_store_route``), never kept by
hand, so it cannot drift from what the sandbox does: ``tests/sandbox/test_coverage.py`` fails
when README's table differs from ``python -m jtlapp.sandbox.openapi.coverage``.
"""

from __future__ import annotations

import sys
from collections import Counter

from jtlapp.sandbox.erp.rest import ErpRestMethodNotAllowedError, erp_rest_resolve
from jtlapp.sandbox.openapi.engine import engine_store_route
from jtlapp.sandbox.openapi.spec import Operation, spec_operations

GENERATIONS = ("1.0", "2.0")
HEADER = "| Tag | 1.0: store | 1.0: generated | 2.0: store | 2.0: generated |"


def operation_source(operation: Operation) -> str:
    """``store`` when a store handler answers the operation, else ``generated``."""
    params = {s[1:-1]: s for s in operation.segments if s.startswith("{")}
    try:
        store = erp_rest_resolve(method=operation.method, path=operation.path)
    except ErpRestMethodNotAllowedError:
        store = None
    chosen = engine_store_route(operation, params=params, store=store)
    return "generated" if chosen is None else "store"


def coverage_counts() -> Counter[tuple[str, str, str]]:
    """(tag in lower case, generation, source) -> number of operations."""
    return Counter(
        (operation.tag.lower(), generation, operation_source(operation))
        for generation in GENERATIONS
        for operation in spec_operations(generation)
    )


def coverage_table() -> str:
    """The Markdown table README shows, one row per tag, then the totals."""
    counts = coverage_counts()
    columns = [(g, s) for g in GENERATIONS for s in ("store", "generated")]

    def row(label: str, values: list[int]) -> str:
        return f"| {label} | " + " | ".join(str(v) if v else "" for v in values) + " |"

    rows = [
        row(tag, [counts[(tag, g, s)] for g, s in columns])
        for tag in sorted({tag for tag, _, _ in counts})
    ]
    totals = [sum(n for (_, g, s), n in counts.items() if (g, s) == c) for c in columns]
    sizes = ", ".join(f"{g}: {len(spec_operations(g))}" for g in GENERATIONS)
    total = f"| **all ({sizes})** | " + " | ".join(f"**{v}**" for v in totals) + " |"
    return "\n".join([HEADER, "|---|---:|---:|---:|---:|", *rows, total])


if __name__ == "__main__":
    sys.stdout.write(coverage_table() + "\n")
