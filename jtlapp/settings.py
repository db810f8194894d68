"""The only settings module: every value that differs per deployment comes from the environment.

``JTL_ENVIRONMENT`` picks a coherent set of JTL hosts (issuer, API base, frame ancestors);
each host can be overridden on its own. Secrets have no default outside the sandbox profile,
so a production process with a missing secret refuses to start instead of running half-set-up.
"""

from __future__ import annotations

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from jtlapp.profiles import JTL_PROFILES, JtlProfile
from jtlapp.scaffold.discovery import partner_apps

BASE_DIR = Path(__file__).resolve().parent.parent
RUN_DIR = Path(os.environ.get("JTL_RUN_DIR") or BASE_DIR / ".run")
SETTING_PREFIXES = ("JTL_", "DJANGO_", "DATABASE_URL", "REDIS_URL")

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=True) and (BASE_DIR / ".env").exists():
    env.read_env(BASE_DIR / ".env")
# An empty value means "use the default", so a copied .env.example works as it is.
for _name in [n for n, v in os.environ.items() if not v and n.startswith(SETTING_PREFIXES)]:
    del os.environ[_name]

# Unset means production: a deployment that forgets it gets no published secret, Fernet key
# or DEBUG, and refuses to start until its secrets are set. make run, make bench and the tests
# choose "sandbox" themselves (jtlapp/local, tests/settings.py).
JTL_ENVIRONMENT: str = env.str("JTL_ENVIRONMENT", default="prod")
if JTL_ENVIRONMENT not in JTL_PROFILES:
    raise ImproperlyConfigured(
        f"JTL_ENVIRONMENT={JTL_ENVIRONMENT!r} is not one of: {', '.join(JTL_PROFILES)}."
    )
_profile: JtlProfile = JTL_PROFILES[JTL_ENVIRONMENT]
JTL_SANDBOX_PORT: int = env.int("JTL_SANDBOX_PORT", default=8001)


def _secret(name: str, *, sandbox_default: str) -> str:
    """Read a required secret; only the sandbox profile may fall back to a known dev value."""
    value: str = env.str(name, default="")
    if value:
        return value
    if _profile.is_local:
        return sandbox_default
    raise ImproperlyConfigured(
        f"{name} is not set. It is required when JTL_ENVIRONMENT={JTL_ENVIRONMENT!r}; "
        "see .env.example and the configuration table in README.md."
    )


# --- Django core -------------------------------------------------------------------------
DEBUG: bool = env.bool("DJANGO_DEBUG", default=_profile.is_local)
SECRET_KEY = _secret("DJANGO_SECRET_KEY", sandbox_default="sandbox-only-insecure-secret-key")
ALLOWED_HOSTS: list[str] = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if _profile.is_local else []
)
CSRF_TRUSTED_ORIGINS: list[str] = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "jtlapp.core",
    "jtlapp.tenants",
    "jtlapp.webhooks",
    "jtlapp.tenant_settings",
    "panes",
]

MIDDLEWARE = [
    "jtlapp.log_context.RequestIdMiddleware",
    # First, so that its response hook sees every response, static files and errors included.
    "panes.middleware.FrameAncestorsMiddleware",
    # Every error answer in the JSON error shape; outages are 503 + Retry-After (errors_http).
    "jtlapp.errors_http.JsonErrorMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "jtlapp.core.static_files.AsyncWhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "panes.middleware.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "jtlapp.urls"
# Debug pages and error reports never show tokens (headers, body, query, local variables).
DEFAULT_EXCEPTION_REPORTER = "jtlapp.errors_http.TokenSafeExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "jtlapp.errors_http.TokenSafeExceptionReporterFilter"
ASGI_APPLICATION = "jtlapp.asgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{RUN_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 5
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web threads and the Celery worker write concurrently; IMMEDIATE transactions wait for
    # the write lock instead of failing with "database is locked" on upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=str(RUN_DIR / "static"))
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed, cached for good; ES module imports rewritten to the hashed names.
    "staticfiles": {"BACKEND": "panes.staticfiles.PanesStaticFilesStorage"},
}

# --- Security headers ----------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
    else None
)
SECURE_SSL_REDIRECT: bool = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not _profile.is_local)
SECURE_REDIRECT_EXEMPT = [r"^healthz(/|$)"]  # probes speak plain HTTP inside the network
SECURE_HSTS_SECONDS: int = env.int(
    "DJANGO_SECURE_HSTS_SECONDS", default=0 if _profile.is_local else 31536000
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not _profile.is_local
# Preloading binds the whole domain to https in browsers for good; a deployment on a shared
# parent domain it does not own can turn it off.
SECURE_HSTS_PRELOAD: bool = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=not _profile.is_local)
SESSION_COOKIE_SECURE = not _profile.is_local
CSRF_COOKIE_SECURE = not _profile.is_local

# --- Redis, cache, Celery ------------------------------------------------------------------
REDIS_URL: str = env.str("REDIS_URL", default=f"unix://{RUN_DIR / 'redis.sock'}?db=0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "jtlapp",
    }
}

# Redis as broker redelivers an unacknowledged task after the visibility timeout; it must be
# longer than any countdown/eta we use and any task's run time, or tasks run twice. Redis must
# run with maxmemory-policy noeviction: an evicted broker key is a lost task.
CELERY_BROKER_URL = (
    # kombu spells a Redis unix socket differently from redis-py.
    "redis+socket://" + REDIS_URL.removeprefix("unix://").replace("?db=", "?virtual_host=")
    if REDIS_URL.startswith("unix://")
    else REDIS_URL
)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    # A producer (a web request enqueueing work) gives up on a down broker after one quick
    # retry instead of blocking for seconds; callers fall back (the webhook sweep, beat).
    # The worker's consumer reconnects on its own schedule (CELERY_BROKER_CONNECTION_*), and
    # the worker publishes nothing of its own meanwhile (no gossip/heartbeat, jtlapp.celery).
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
    "socket_connect_timeout": 2,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 60
CELERY_TASK_SOFT_TIME_LIMIT = 45
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE_FILENAME = str(RUN_DIR / "celerybeat-schedule")
# Beat marks itself alive from its own loop (python -m jtlapp.core.healthcheck beat).
CELERY_BEAT_SCHEDULER = "jtlapp.core.beat:HeartbeatScheduler"
CELERY_BEAT_MAX_LOOP_INTERVAL = 5
# A lost broker is waited for, not fatal: the worker reconnects for as long as it takes.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BEAT_SCHEDULE = {
    # Refresh delegated tenant tokens ahead of expiry; requests also refresh lazily.
    "tenant-credentials-refresh-due": {
        "task": "jtlapp.tenants.tasks.tenant_credentials_refresh_due_task",
        "schedule": 300.0,
        "options": {"expires": 240.0},
    },
    # Purge the data of tenants uninstalled longer than JTL_TENANT_PURGE_GRACE_DAYS ago.
    "tenant-purge-due": {
        "task": "jtlapp.tenants.tasks.tenant_purge_due_task",
        "schedule": 3600.0,
        "options": {"expires": 3000.0},
    },
    # Refresh the service-account token in its advisory window so requests never wait.
    "service-token-refresh": {
        "task": "jtlapp.tenants.tasks.service_token_refresh_task",
        "schedule": 60.0,
        "options": {"expires": 50.0},
    },
    # Reconcile every active tenant's dashboard aggregate with its ERP (webhooks keep it
    # current in between; each tenant's pass paces its ERP calls).
    "dashboard-reconcile": {
        "task": "panes.tasks.dashboard_reconcile_all_task",
        "schedule": 3600.0,
        "options": {"expires": 3000.0},
    },
    # Re-enqueue webhook events whose message was lost or whose retry is due.
    "webhook-events-sweep": {
        "task": "jtlapp.webhooks.tasks.webhook_events_sweep_task",
        "schedule": 60.0,
        "options": {"expires": 50.0},
    },
}

# How many ERP calls per second one tenant's dashboard reconciliation may make.
DASHBOARD_SYNC_CALLS_PER_SECOND: float = env.float(
    "JTL_DASHBOARD_SYNC_CALLS_PER_SECOND", default=5.0
)

# --- REST framework ------------------------------------------------------------------------
# Deny by default: a new API view needs a verified app token unless it opts out explicitly
# (and tests/test_urls.py's allow-list names it).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["jtlapp.auth.authentication.AppTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "jtlapp.errors.api_exception_handler",
    "UNAUTHENTICATED_USER": None,
}

# --- JTL -----------------------------------------------------------------------------------
JTL_ISSUER: str = env.str(
    "JTL_ISSUER", default=_profile.issuer.format(sandbox_port=JTL_SANDBOX_PORT)
).rstrip("/")
JTL_API_BASE_URL: str = env.str(
    "JTL_API_BASE_URL", default=_profile.api_base_url.format(sandbox_port=JTL_SANDBOX_PORT)
).rstrip("/")
JTL_FRAME_ANCESTORS: list[str] = env.list(
    "JTL_FRAME_ANCESTORS",
    default=[origin.format(sandbox_port=JTL_SANDBOX_PORT) for origin in _profile.frame_ancestors],
)
JTL_APP_ID = _secret("JTL_APP_ID", sandbox_default="sandbox-app")
JTL_CLIENT_ID = _secret("JTL_CLIENT_ID", sandbox_default="sandbox-client")
JTL_CLIENT_SECRET = _secret("JTL_CLIENT_SECRET", sandbox_default="sandbox-client-secret")
JTL_ENCRYPTION_KEYS: list[str] = _secret(
    "JTL_ENCRYPTION_KEYS", sandbox_default="c2FuZGJveC1vbmx5LWZlcm5ldC1rZXktMzItYnl0ZSE="
).split(",")
# Which app-token generations our API accepts: "current" (RS256 app token from the OIDC
# issuer) and/or "legacy" (EdDSA session token, keys from the bearer-protected JWKS).
JTL_AUTH_GENERATIONS: list[str] = env.list("JTL_AUTH_GENERATIONS", default=["current"])
JTL_TOKEN_LEEWAY_SECONDS: int = env.int("JTL_TOKEN_LEEWAY_SECONDS", default=10)
# Legacy session tokens carry no iat, so their exp is bounded by this lifetime. JTL signs
# them with alg "EdDSA"; the RFC 9864 name "Ed25519" is accepted only when switched on.
JTL_SESSION_TOKEN_MAX_LIFETIME_SECONDS: int = env.int(
    "JTL_SESSION_TOKEN_MAX_LIFETIME_SECONDS", default=3600
)
JTL_LEGACY_ACCEPT_ED25519_ALG: bool = env.bool("JTL_LEGACY_ACCEPT_ED25519_ALG", default=False)
JTL_KEYS_REFETCH_COOLDOWN_SECONDS: int = env.int("JTL_KEYS_REFETCH_COOLDOWN_SECONDS", default=30)
JTL_LEGACY_TOKEN_URL: str = env.str(
    "JTL_LEGACY_TOKEN_URL",
    default=_profile.legacy_token_url.format(sandbox_port=JTL_SANDBOX_PORT),
)
# The token the app uses for a tenant's ERP calls: "service_account" (app-wide token plus
# X-Tenant-ID) or "delegated" (per-tenant token from the account service).
JTL_TENANT_TOKEN_MODE: str = env.str("JTL_TENANT_TOKEN_MODE", default="service_account")
if JTL_TENANT_TOKEN_MODE not in ("service_account", "delegated"):
    raise ImproperlyConfigured("JTL_TENANT_TOKEN_MODE must be service_account or delegated.")
# Days a tenant's data is kept after it uninstalled the app (a reinstall within them keeps it);
# its tokens are deleted at the uninstall itself.
JTL_TENANT_PURGE_GRACE_DAYS: int = env.int("JTL_TENANT_PURGE_GRACE_DAYS", default=30)
if JTL_TENANT_PURGE_GRACE_DAYS < 0:
    raise ImproperlyConfigured("JTL_TENANT_PURGE_GRACE_DAYS must be 0 or more.")
JTL_OUTBOUND_TIMEOUT_SECONDS: float = env.float("JTL_OUTBOUND_TIMEOUT_SECONDS", default=5.0)
JTL_HEALTH_TIMEOUT_SECONDS: float = env.float("JTL_HEALTH_TIMEOUT_SECONDS", default=2.0)
# Each tenant's share of ERP calls (a token bucket in Redis shared by all processes), so one
# merchant's burst cannot use up a quota JTL may count per app.
JTL_ERP_TENANT_RATE_PER_SECOND: float = env.float("JTL_ERP_TENANT_RATE_PER_SECOND", default=10.0)
JTL_ERP_TENANT_RATE_BURST: int = env.int("JTL_ERP_TENANT_RATE_BURST", default=20)
# Per-tenant bulkhead: ERP calls of one tenant in flight per process; more wait this long, then 429.
JTL_ERP_TENANT_MAX_IN_FLIGHT: int = env.int("JTL_ERP_TENANT_MAX_IN_FLIGHT", default=10)
JTL_ERP_TENANT_QUEUE_SECONDS: float = env.float("JTL_ERP_TENANT_QUEUE_SECONDS", default=0.5)
# ERP webhooks. JTL documents no delivery signature, so the check is pluggable: "hmac"
# (HMAC-SHA256 with JTL_WEBHOOK_SECRET, our assumption), "none", or a dotted path. Without a
# secret outside the sandbox, "hmac" verifies nothing and deliveries are refused.
JTL_WEBHOOK_VERIFIER: str = env.str("JTL_WEBHOOK_VERIFIER", default="hmac")
JTL_WEBHOOK_SECRET: str = env.str(
    "JTL_WEBHOOK_SECRET", default="sandbox-webhook-secret" if _profile.is_local else ""
)
JTL_WEBHOOK_ALLOW_UNVERIFIED: bool = env.bool("JTL_WEBHOOK_ALLOW_UNVERIFIED", default=False)
JTL_WEBHOOK_MAX_AGE_SECONDS: int = env.int("JTL_WEBHOOK_MAX_AGE_SECONDS", default=300)
JTL_WEBHOOK_MAX_BODY_BYTES: int = env.int("JTL_WEBHOOK_MAX_BODY_BYTES", default=256 * 1024)
JTL_WEBHOOK_MAX_ATTEMPTS: int = env.int("JTL_WEBHOOK_MAX_ATTEMPTS", default=8)
JTL_WEBHOOK_RETRY_BASE_SECONDS: float = env.float("JTL_WEBHOOK_RETRY_BASE_SECONDS", default=30.0)
# x-appid / x-appversion on every ERP call; empty = manifest.json's technicalName / version.
JTL_APP_ID_HEADER: str = env.str("JTL_APP_ID_HEADER", default="")
JTL_APP_VERSION_HEADER: str = env.str("JTL_APP_VERSION_HEADER", default="")

# --- Logging -------------------------------------------------------------------------------
# "json" (one object per line, for log shippers) or "plain" (readable); both carry the request
# id, tenant id and Celery task of each line.
LOG_FORMAT: str = env.str("DJANGO_LOG_FORMAT", default="plain" if _profile.is_local else "json")
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured("DJANGO_LOG_FORMAT must be json or plain.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "jtlapp.logging.ContextFilter"},
        "scrub": {"()": "jtlapp.logging.SecretScrubFilter"},
    },
    "formatters": {
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(tenant_id)s "
            "%(task_name)s] %(message)s"
        },
        "json": {"()": "jtlapp.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context", "scrub"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # The gateway logs one line per ERP call itself; httpx's own INFO line per request would
    # double that (and its CPU) and leak query strings into command output.
    # The web server's access and error lines (query strings included) take the app's handler:
    # one format, the same context and the same token scrubbing as every other line.
    "loggers": {
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
        **{
            name: {"handlers": ["console"], "level": "INFO", "propagate": False}
            for name in ("gunicorn.access", "gunicorn.error", "uvicorn.access", "uvicorn.error")
        },
    },
}

# --- Platform: metrics, traces, errors, GDPR, base URL (issue 15) ----------------------------
# The port `make run` serves the app on; the sandbox's host shell, lifecycle calls and webhooks,
# `jtl doctor` and `jtl webhook send` all follow it (JTL_APP_BASE_URL is derived from it).
JTL_WEB_PORT: int = env.int("JTL_WEB_PORT", default=8000)
JTL_APP_BASE_URL: str = f"http://localhost:{JTL_WEB_PORT}"
INSTALLED_APPS += ["jtlapp.observability", "jtlapp.gdpr", "jtlapp.listing"]
# Partner apps (``manage.py jtl startpane``) install themselves from panes/partners/<app>/.
INSTALLED_APPS += partner_apps(base_dir=BASE_DIR)
# Bearer token for GET /metrics (staff sessions may read it too); empty outside the sandbox
# means: only staff. PROMETHEUS_MULTIPROC_DIR (read by prometheus-client itself) turns on
# multiprocess mode for several gunicorn and Celery worker processes.
JTL_METRICS_TOKEN: str = env.str(
    "JTL_METRICS_TOKEN", default="sandbox-metrics-token" if _profile.is_local else ""
)
# OTLP/HTTP endpoint (e.g. http://collector:4318): set it and traces are exported; empty: off.
JTL_OTLP_ENDPOINT: str = env.str("JTL_OTLP_ENDPOINT", default="")
SENTRY_DSN: str = env.str("SENTRY_DSN", default="")
