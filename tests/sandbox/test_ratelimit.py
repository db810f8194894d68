from jtlapp.sandbox.ratelimit import RateLimiter


def test_the_window_allows_the_limit_then_refuses_with_headers():
    limiter = RateLimiter(limit=3, interval_seconds=3600)

    decisions = [limiter.hit(tenant_id="t1", endpoint="GET items") for _ in range(4)]

    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    assert decisions[-1].headers() == {
        "X-RateLimit-Limit": "3",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Interval-Length-Seconds": "3600",
    }


def test_tenants_and_endpoints_have_separate_windows():
    limiter = RateLimiter(limit=1, interval_seconds=3600)

    assert limiter.hit(tenant_id="t1", endpoint="GET items").allowed
    assert limiter.hit(tenant_id="t2", endpoint="GET items").allowed
    assert limiter.hit(tenant_id="t1", endpoint="GET customers").allowed
    assert not limiter.hit(tenant_id="t1", endpoint="GET items").allowed
