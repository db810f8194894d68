"""``manage.py check``: the manifest's webhook subscriptions and our handlers say the same.

A subscribed topic without a handler makes JTL deliver events we only mark done; a handler
for a topic we do not subscribe never runs. Declared once, on both sides, and compared here.
"""

from __future__ import annotations

from django.core.checks import CheckMessage, Error

from jtlapp.manifest.models import Manifest


def manifest_subscribed_topics(manifest: Manifest) -> set[str]:
    webhooks = manifest.capabilities.erp.webhooks
    if webhooks is None:
        return set()
    return {topic for subscription in webhooks.subscriptions for topic in subscription.topics}


def webhook_checks(manifest: Manifest) -> list[CheckMessage]:
    """``jtlapp.E010``: subscribed but unhandled; ``jtlapp.E011``: handled but unsubscribed."""
    from jtlapp.webhooks.handlers import webhook_handled_topics  # noqa: PLC0415 - app registry

    handled = webhook_handled_topics()
    subscribed = manifest_subscribed_topics(manifest)
    problems: list[CheckMessage] = [
        Error(
            f"manifest.json subscribes to {topic!r}, but no @webhook_handler handles it.",
            hint="Register a handler with @webhook_handler(topic) in an app's ready() "
            "(see jtlapp/webhooks/handlers.py), or drop the topic from the subscriptions.",
            id="jtlapp.E010",
        )
        for topic in sorted(subscribed - set(handled))
    ]
    problems += [
        Error(
            f"{handled[topic]} handles {topic!r}, which manifest.json does not subscribe to.",
            hint="Add the topic to capabilities.erp.webhooks.subscriptions, or remove the handler.",
            id="jtlapp.E011",
        )
        for topic in sorted(set(handled) - subscribed)
    ]
    return problems
