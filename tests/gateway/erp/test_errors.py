"""How a non-2xx answer becomes a typed error, and which wait it names."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest

from jtlapp.gateway.erp.errors import (
    DEFAULT_RATE_LIMIT_WAIT_SECONDS,
    ErpRateLimitedError,
    ErpUnavailableError,
    erp_error_from_response,
    retry_after_parse,
)


def _error(status: int, **headers: str):
    return erp_error_from_response(status=status, headers=headers, content=b"", operation="GET x")


def test_retry_after_accepts_seconds_and_http_dates():
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True)

    assert retry_after_parse("7") == 7
    assert 85 <= (retry_after_parse(soon) or 0) <= 90
    assert retry_after_parse("in a while") is None
    assert retry_after_parse("") is None


@pytest.mark.parametrize(
    ("headers", "wait"),
    [
        ({}, DEFAULT_RATE_LIMIT_WAIT_SECONDS),
        ({"retry-after": "3"}, 3),
        ({"x-ratelimit-interval-length-seconds": "60"}, 60),
        ({"retry-after": "0"}, 1),
    ],
)
def test_a_429_always_names_a_wait(headers, wait):
    error = _error(429, **headers)

    assert isinstance(error, ErpRateLimitedError)
    assert error.retry_after_seconds == wait


def test_a_429_with_an_http_date_names_the_seconds_until_then():
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)

    error = _error(429, **{"retry-after": later})

    assert 25 <= (error.retry_after_seconds or 0) <= 30


def test_a_5xx_names_a_wait_only_through_its_own_retry_after():
    window_only = _error(503, **{"x-ratelimit-interval-length-seconds": "60"})
    told = _error(503, **{"retry-after": "12"})

    assert isinstance(window_only, ErpUnavailableError)
    assert window_only.retry_after_seconds is None
    assert told.retry_after_seconds == 12
