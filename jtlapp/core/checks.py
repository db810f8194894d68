"""``manage.py check --deploy``: the sandbox profile is never a deployment.

The sandbox profile ships published secrets (Django key, Fernet key, client secret) and DEBUG;
``JTL_ENVIRONMENT`` defaults to ``prod`` so a forgotten setting cannot select it, and this check
fails a deploy check that runs with it chosen explicitly.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security, deploy=True)
def sandbox_profile_check(app_configs: Any = None, **_kwargs: Any) -> list[CheckMessage]:
    if settings.JTL_ENVIRONMENT != "sandbox":
        return []
    return [
        Error(
            "JTL_ENVIRONMENT is 'sandbox': published secrets, a known Fernet key and DEBUG.",
            hint="Set JTL_ENVIRONMENT to prod (or dev/qa) and the secrets in README.md.",
            id="jtlapp.E010",
        )
    ]
