"""Any documented operation by its operationId, through the one transport, typed both ways."""

from __future__ import annotations

import pytest

from jtlapp.auth.verify import app_token_verify
from jtlapp.erp.operations import ErpOperationArgumentError
from jtlapp.gateway.erp import ErpClient
from jtlapp.gateway.erp.admission import admission_reset
from jtlapp.tenants.services import tenant_connect
from tests.erp.test_client import FAST, erp_calls

TENANT = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"


@pytest.fixture
def client(platform, transactional_db) -> ErpClient:
    admission_reset(tenant_id=TENANT)
    tenant = tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=TENANT)))
    platform.control("counters/reset")
    return ErpClient(tenant=tenant, policy=FAST)


def test_a_described_operation_is_called_and_parsed_into_its_model(client, platform):
    # the sandbox refuses described operations without x-appid/x-appversion, so a typed
    # answer shows the client named the app
    page = client.call(operation_id="UnitsOfMeasure_QuerySalesUnitsAsync")

    assert type(page).__module__ == "jtlapp.erp.generated.cloud_v2"
    assert page.Items
    assert all(type(unit).__module__ == "jtlapp.erp.generated.cloud_v2" for unit in page.Items)
    assert [call["path"] for call in erp_calls(platform)] == ["/erp/v2/unitsOfMeasure/salesUnits"]


def test_wrong_arguments_never_leave_the_process(client, platform):
    with pytest.raises(ErpOperationArgumentError):
        client.call(operation_id="SalesOrder_QuerySalesOrderLineItemsAsync", path_params={})

    assert erp_calls(platform) == []


def test_every_call_names_the_app_as_the_manifest_does(client, platform, settings):
    settings.JTL_APP_ID_HEADER = "partner-app"
    settings.JTL_APP_VERSION_HEADER = "9.9.9"

    client.send(method="GET", path="v2/info")

    assert erp_calls(platform)[-1]["app"] == "partner-app/9.9.9"


def test_the_app_is_named_as_manifest_json_says_by_default(client, platform):
    from jtlapp.manifest import manifest_load

    manifest = manifest_load()
    client.send(method="GET", path="v2/info")

    assert erp_calls(platform)[-1]["app"] == f"{manifest.technical_name}/{manifest.version}"


def test_the_typed_methods_call_the_same_operation_with_checked_names(client, platform):
    page = client.v2.units_of_measure_query_sales_units_async(page_size=2)

    assert type(page).__name__.startswith("JTLWawiRestContractsModelsPagedListOf")
    assert 0 < len(page.Items or []) <= 2
    # only what was given is sent: no pageNumber=None
    assert [c["path"] for c in erp_calls(platform)] == [
        "/erp/v2/unitsOfMeasure/salesUnits?pageSize=2"
    ]


def test_a_typed_method_of_the_1_0_description_reaches_its_path(client, platform):
    page = client.v1.item_header_query_items_async(page_size=3)

    assert type(page).__module__ == "jtlapp.erp.generated.cloud_v1"
    assert [call["path"] for call in erp_calls(platform)] == ["/erp/v1/items?pageSize=3"]


def test_the_async_client_has_the_same_typed_methods(client, platform):
    from jtlapp.gateway.sync import gateway_run

    page = gateway_run(client.client.v2.units_of_measure_query_sales_units_async(page_size=1))

    assert len(page.Items or []) == 1
