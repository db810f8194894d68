"""``manage.py check``: manifest routes, scopes and framing against what the code serves."""

from __future__ import annotations

import json

import pytest
from django.core.checks import Error, Warning

from jtlapp.erp import usage
from jtlapp.manifest import manifest_parse, manifest_path
from jtlapp.manifest.checks import _framing_checks, _route_checks, _scope_checks


def manifest_with(change):
    data = json.loads(manifest_path().read_text())
    change(data)
    return manifest_parse(text=json.dumps(data))


@pytest.fixture
def operations():
    """The code's declared ERP operations, restored after the test."""
    saved = dict(usage._USED)
    usage._USED.clear()
    yield usage._USED
    usage._USED.clear()
    usage._USED.update(saved)


def test_a_manifest_url_no_view_serves_is_an_error():
    def broken(data):
        data["capabilities"]["erp"]["menuItems"][0]["url"] = "http://localhost:8000/panes/nope"

    problems = _route_checks(manifest_with(broken))

    assert any(
        p.id == "jtlapp.E001" and "menuItems[0].url = http://localhost:8000/panes/nope" in p.msg
        for p in problems
    )


def test_a_scope_the_code_needs_but_the_manifest_lacks_is_an_error(operations):
    @usage.erp_uses("GET v2/stocks")
    def stock_report() -> None: ...

    problems = _scope_checks(manifest_with(lambda data: None))

    (error,) = [p for p in problems if isinstance(p, Error)]
    assert error.id == "jtlapp.E004"
    assert "needs 'inventories.read'" in error.msg
    assert "stock_report" in error.msg


def test_a_declared_scope_nothing_needs_is_a_warning(operations):
    def extra(data):
        data["capabilities"]["erp"]["api"]["scopes"].append("taxes.read")

    problems = _scope_checks(manifest_with(extra))

    assert [p.id for p in problems if isinstance(p, Warning)] == ["jtlapp.W001"]
    assert "'taxes.read'" in problems[0].msg


def test_an_operation_jtl_does_not_describe_is_an_error(operations):
    usage.erp_uses("GET v2/made-up")(lambda: None)

    problems = _scope_checks(manifest_with(lambda data: None))

    assert [p.id for p in problems if isinstance(p, Error)] == ["jtlapp.E003"]


def test_erp_uses_refuses_a_malformed_operation():
    with pytest.raises(ValueError, match="METHOD path"):
        usage.erp_uses("v2/items")


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"JTL_FRAME_ANCESTORS": []}, "jtlapp.E005"),
        ({"JTL_FRAME_ANCESTORS": ["https://erp.jtl-cloud.com/path"]}, "jtlapp.E006"),
        (
            {"JTL_FRAME_ANCESTORS": ["http://erp.jtl-cloud.com"], "JTL_ENVIRONMENT": "prod"},
            "jtlapp.E007",
        ),
        ({"X_FRAME_OPTIONS": "SAMEORIGIN"}, "jtlapp.E008"),
    ],
)
def test_incoherent_framing_settings_are_errors(settings, overrides, code):
    for name, value in overrides.items():
        setattr(settings, name, value)

    assert [p.id for p in _framing_checks()] == [code]


def test_the_sandbox_framing_settings_are_coherent():
    assert _framing_checks() == []


def test_a_graphql_field_the_manifest_does_not_cover_is_an_error(operations):
    usage.erp_uses("GRAPHQL QueryStockItem")(lambda: None)

    problems = _scope_checks(manifest_with(lambda data: None))

    (error,) = problems
    assert error.id == "jtlapp.E004"
    assert "needs 'inventories.read'" in error.msg


def test_the_project_passes_its_own_checks():
    from jtlapp.manifest.checks import manifest_check

    assert manifest_check() == []
