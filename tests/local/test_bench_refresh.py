"""The refresh fan-out benchmark, small and untimed: it counts, queues and refreshes right."""

from __future__ import annotations

import pytest

from jtlapp.local.bench_refresh import HEADER, refresh_bench_measure


@pytest.mark.django_db(transaction=True)
def test_the_bench_queues_every_due_tenant_without_expiry_and_refreshes_the_sample(platform):
    bench = refresh_bench_measure(tenants=30, sample=4, sandbox=platform.state)

    assert (bench.tenants, bench.batches, bench.expiring) == (30, 1, 0)
    assert (bench.sample, bench.sample_refreshed) == (4, 4)
    assert bench.refreshes_per_second > 0
    assert bench.window_seconds == 600
    assert bench.row().count("|") == HEADER.splitlines()[0].count("|")
