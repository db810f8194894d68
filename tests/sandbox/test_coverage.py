"""README's sandbox coverage table is the one the engine's own routing choice gives."""

from __future__ import annotations

from pathlib import Path

from jtlapp.sandbox.openapi.coverage import HEADER, coverage_counts, coverage_table

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme_table() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(HEADER)
    end = text.index("\n\n", start)
    return text[start:end]


def test_readme_shows_the_coverage_table_the_engine_computes():
    assert _readme_table() == coverage_table(), (
        "README's table is stale: paste `python -m jtlapp.sandbox.openapi.coverage`"
    )


def test_the_store_answers_the_customer_and_order_reads_apps_use():
    counts = coverage_counts()

    assert counts[("customer", "2.0", "store")] >= 1
    assert counts[("salesorder", "1.0", "store")] >= 1
