"""Log records on their way out: secrets scrubbed, context added, JSON or readable text.

The scrub filter sits on the handlers, not on loggers, so it also covers third-party loggers
(httpx, celery, kombu, django) at DEBUG. It rewrites the formatted message and drops
arguments, so a secret passed as ``%s`` argument is redacted too. The context filter adds the
request id, tenant id and Celery task (``jtlapp.log_context``) to every record.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from jtlapp.log_context import request_id_var, task_var, tenant_id_var

REDACTED = "[redacted]"
_PATTERNS = (
    # JWTs (app tokens, session tokens, service-account tokens): header.payload.signature
    re.compile(r"eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*"),
    # Authorization header values of any scheme we use
    re.compile(r"(?i)\b(bearer|basic|wawi)\s+[^\s'\",;]+"),
    # token-ish fields in form bodies, query strings and JSON
    re.compile(
        r"(?i)([\"']?(?:access_?token|refresh_?token|id_?token|client_?secret|api_?key|"
        r"session_?token|password|code_verifier)[\"']?\s*[:=]\s*[\"']?)[^\s'\",&}]+"
    ),
    # query-string parameters that carry credentials (access logs show the request line):
    # any *token*, an OAuth authorization ``code``, keys, secrets and signatures
    re.compile(
        r"(?i)([?&;](?:[\w.-]*token[\w.-]*|code|key|api_?key|secret|signature|sig|"
        r"password|assertion|jwt)=)[^&\s\"']+"
    ),
    # opaque tokens the sandbox and Ory issue
    re.compile(r"\bory_[a-z]{2}_[\w-]+"),
)
WEB_SERVER_LOGGERS = ("gunicorn.access", "gunicorn.error", "uvicorn.access", "uvicorn.error")
"""The web server's own loggers: their lines (request lines included) are scrubbed too."""


def _known_secrets() -> tuple[str, ...]:
    """Configured secrets; none yet in a process without Django settings (gunicorn's master)."""
    try:
        return _configured_secrets()
    except ImproperlyConfigured:
        return ()


@cache
def _configured_secrets() -> tuple[str, ...]:
    values = [
        getattr(settings, "JTL_CLIENT_SECRET", ""),
        getattr(settings, "JTL_WEBHOOK_SECRET", ""),
        getattr(settings, "SECRET_KEY", ""),
        *getattr(settings, "JTL_ENCRYPTION_KEYS", []),
    ]
    return tuple(sorted({v for v in values if isinstance(v, str) and len(v) >= 8}, key=len))[::-1]


def scrub(text: str) -> str:
    """``text`` with every token-shaped substring and every configured secret replaced."""
    for secret in _known_secrets():
        text = text.replace(secret, REDACTED)
    for pattern in _PATTERNS:
        text = pattern.sub(_replacement, text)
    return text


def _replacement(match: re.Match[str]) -> str:
    """Keep a captured prefix (``access_token=``, ``Bearer``), redact the value after it."""
    if match.lastindex:
        separator = "" if match.group(1)[-1:] in "=:\"'" else " "
        return match.group(1) + separator + REDACTED
    return REDACTED


class SecretScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


class ContextFilter(logging.Filter):
    """``request_id``, ``tenant_id``, ``task_id``, ``task_name`` on every record ("-" if none)."""

    def filter(self, record: logging.LogRecord) -> bool:
        task = task_var.get()
        record.request_id = request_id_var.get() or "-"
        record.tenant_id = tenant_id_var.get() or "-"
        record.task_id, record.task_name = task if task else ("-", "-")
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line for log shippers; fields absent from a record are left out."""

    FIELDS = ("request_id", "tenant_id", "task_id", "task_name")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in self.FIELDS:
            value = getattr(record, name, "-")
            if value != "-":
                entry[name] = value
        if record.exc_text or record.exc_info:
            entry["exception"] = record.exc_text or self.formatException(record.exc_info)  # type: ignore[arg-type]
        return json.dumps(entry, ensure_ascii=False)


def gunicorn_logconfig_dict(*, access_stream: str = "ext://sys.stdout") -> dict[str, object]:
    """Gunicorn's ``logconfig_dict``: its access and error logs, and uvicorn's, scrubbed.

    Applies from gunicorn's start, before Django is set up; once Django configures ``LOGGING``
    in a worker, the same loggers move to the app's handler (same format, context and scrub).
    """
    handler = {"class": "logging.StreamHandler", "filters": ["scrub"], "formatter": "line"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"scrub": {"()": "jtlapp.logging.SecretScrubFilter"}},
        "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
        "handlers": {
            "access": {**handler, "stream": access_stream},
            "error": {**handler, "stream": "ext://sys.stderr"},
        },
        "root": {"handlers": ["error"], "level": "INFO"},
        "loggers": {
            name: {
                "handlers": ["access" if name.endswith(".access") else "error"],
                "level": "INFO",
                "propagate": False,
            }
            for name in WEB_SERVER_LOGGERS
        },
    }
