"""``manage.py check``: webhook handlers and the manifest's subscriptions cannot disagree."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from jtlapp.manifest import manifest_parse, manifest_path
from jtlapp.manifest.checks_webhooks import webhook_checks
from jtlapp.webhooks import handlers

EXTRA = "com.jtl.erp.workflow.v1.stock.changed"


def manifest_with(change):
    data = json.loads(manifest_path().read_text())
    change(data)
    return manifest_parse(text=json.dumps(data))


@pytest.fixture
def registry():
    saved = dict(handlers._HANDLERS)
    yield handlers._HANDLERS
    handlers._HANDLERS.clear()
    handlers._HANDLERS.update(saved)


def test_the_shipped_manifest_and_handlers_agree():
    assert webhook_checks(manifest_with(lambda data: None)) == []


def test_a_subscribed_topic_without_a_handler_is_an_error():
    def subscribe(data):
        data["capabilities"]["erp"]["webhooks"]["subscriptions"][0]["topics"].append(EXTRA)

    (problem,) = webhook_checks(manifest_with(subscribe))

    assert problem.id == "jtlapp.E010"
    assert EXTRA in problem.msg


def test_a_handler_for_an_unsubscribed_topic_is_an_error_naming_it(registry):
    @handlers.webhook_handler(EXTRA)
    def stock_changed(*, event, tenant):
        return None

    (problem,) = webhook_checks(manifest_with(lambda data: None))

    assert problem.id == "jtlapp.E011"
    assert "stock_changed" in problem.msg
    assert EXTRA in problem.msg


def test_manage_py_check_fails_on_a_disagreement(registry):
    handlers.webhook_handler(EXTRA)(lambda *, event, tenant: None)

    with pytest.raises(SystemCheckError, match="jtlapp.E011"):
        call_command("check")
