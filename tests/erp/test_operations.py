"""Any operation by operationId: requests built and answers parsed from the descriptions."""

from __future__ import annotations

import enum
import json
from decimal import Decimal

import httpx
import pytest
from pydantic import TypeAdapter, ValidationError

from jtlapp.erp.app_identity import erp_app_identity_headers
from jtlapp.erp.generated import cloud_v1, cloud_v2, operations_v1, operations_v2
from jtlapp.erp.operations import (
    TRANSPORT_HEADERS,
    ErpOperationArgumentError,
    ErpOperationNotDescribedError,
    ErpOperationResponseError,
    erp_operation_build,
    erp_operation_parse,
    erp_operation_spec,
)

ORDER = "0f8fad5b-d9cb-469f-a165-70867728950e"
LINE = "7c9e6679-7425-40de-944b-e07fc1f90ae7"


def test_a_patch_puts_each_id_in_one_segment_and_sends_only_the_fields_set():
    request = erp_operation_build(
        operation_id="SalesOrder_UpdateSalesOrderLineItemAsync",
        path_params={"salesOrderId": ORDER, "salesOrderLineItemId": LINE},
        body={"Id": LINE, "Quantity": 3, "Note": "gift wrap"},
    )

    assert (request.method, request.path, request.query) == (
        "PATCH",
        f"v2/salesOrders/{ORDER}/lineitems/{LINE}",
        "",
    )
    assert json.loads(request.body or b"") == {"Id": LINE, "Quantity": 3, "Note": "gift wrap"}
    assert (request.scope, request.scopes, request.stability) == (
        "salesorders.write",
        ("salesorders.write",),
        erp_operation_spec(operation_id="SalesOrder_UpdateSalesOrderLineItemAsync").stability,
    )


def test_a_generated_model_body_is_sent_with_jtl_field_names():
    body = cloud_v2.JTLWawiRestContractsModelsV2SalesOrderUpdateSalesOrderLineItem(
        Id=LINE, Quantity=Decimal("2.5"), BillOfMaterialsType_1=None
    )

    request = erp_operation_build(
        operation_id="SalesOrder_UpdateSalesOrderLineItemAsync",
        path_params={"salesOrderId": ORDER, "salesOrderLineItemId": LINE},
        body=body,
    )

    assert json.loads(request.body or b"") == {
        "Id": LINE,
        "Quantity": 2.5,
        "BillOfMaterialsType": None,
    }


def test_a_list_body_is_validated_item_by_item():
    with pytest.raises(ErpOperationArgumentError, match=r"body\.0\.LineItemType: Field required"):
        erp_operation_build(
            operation_id="SalesOrder_CreateSalesOrderLineItemAsync",
            path_params={"salesOrderId": ORDER},
            body=[{"Quantity": "many"}],
        )


def test_a_slash_in_a_string_id_cannot_reach_another_route():
    request = erp_operation_build(
        operation_id="ItemHeader_DeleteItemDescriptionAsync",
        api="v1",
        path_params={"itemId": 7, "salesChannelId": "1-../x", "languageIso": "de"},
    )

    assert request.path == "v1/items/7/descriptions/1-..%2Fx/de"


def test_a_v1_operation_gets_the_v1_prefix_and_typed_query_values():
    request = erp_operation_build(
        operation_id="ItemHeader_QueryItemsAsync",
        api="v1",
        query={"searchKeyWord": "Tee & Kaffee", "pageSize": 50, "categoryId": None},
    )

    assert (request.method, request.path) == ("GET", "v1/items")
    assert request.query == "searchKeyWord=Tee+%26+Kaffee&pageSize=50"


def test_booleans_and_keys_are_written_as_jtl_reads_them():
    request = erp_operation_build(
        operation_id="AccountingData_QueryAccountingDataAsync",
        query={"exportCurrencyInDepartureCountry": True, "companyId": ORDER},
    )

    assert request.query == f"exportCurrencyInDepartureCountry=true&companyId={ORDER}"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"path_params": {"salesOrderId": ORDER}}, "needs the path parameter salesOrderLineItemId"),
        (
            {"path_params": {"salesOrderId": ORDER, "salesOrderLineItemId": LINE, "x": 1}},
            "has no path parameter x",
        ),
        (
            {
                "path_params": {"salesOrderId": "42", "salesOrderLineItemId": LINE},
                "body": {"Quantity": 1},
            },
            "path parameter salesOrderId: Input should be a valid UUID",
        ),
        (
            {
                "path_params": {"salesOrderId": ORDER, "salesOrderLineItemId": LINE},
                "query": {"pageSize": 1},
                "body": {"Id": LINE},
            },
            "has no query parameter pageSize; it takes: none",
        ),
        (
            {"path_params": {"salesOrderId": ORDER, "salesOrderLineItemId": LINE}},
            "needs a request body",
        ),
        (
            {
                "path_params": {"salesOrderId": ORDER, "salesOrderLineItemId": LINE},
                "body": {"Id": LINE},
                "headers": {"x-appid": "me"},
            },
            "The transport sets x-appid",
        ),
        (
            {
                "path_params": {"salesOrderId": ORDER, "salesOrderLineItemId": LINE},
                "body": {"Id": LINE},
                "headers": {"X-Forwarded-For": "1.2.3.4"},
            },
            "has no header parameter X-Forwarded-For",
        ),
    ],
)
def test_arguments_that_do_not_fit_the_description_are_refused_by_name(arguments, message):
    with pytest.raises(ErpOperationArgumentError, match=message) as caught:
        erp_operation_build(operation_id="SalesOrder_UpdateSalesOrderLineItemAsync", **arguments)

    assert isinstance(caught.value, ValueError)


def test_a_body_for_an_operation_without_one_is_refused():
    with pytest.raises(ErpOperationArgumentError, match="takes no request body"):
        erp_operation_build(
            operation_id="SalesOrder_QuerySalesOrderLineItemsAsync",
            path_params={"salesOrderId": ORDER},
            body={"a": 1},
        )


def test_the_documented_optional_headers_pass_with_their_documented_spelling():
    request = erp_operation_build(
        operation_id="SalesOrder_QuerySalesOrderLineItemsAsync",
        path_params={"salesOrderId": ORDER},
        headers={"X-RunAs": "12", "x-sessionid": LINE},
    )

    assert request.headers == {"x-runas": "12", "X-SessionId": LINE}


def test_the_scopes_are_those_the_gateway_checks_and_registration_is_marked():
    item = erp_operation_build(
        operation_id="ItemHeader_GetItemAsync", api="v1", path_params={"itemId": 7}
    )
    twin = erp_operation_build(operation_id="Itemdetails_GetItemById", path_params={"Id": ORDER})
    registration = erp_operation_build(
        operation_id="Authentication_FetchRegistrationStatusAsync",
        path_params={"registrationId": "r-1"},
        headers={"x-challengecode": "abc"},
    )

    assert (item.scope, item.described_scopes) == ("items.read", ("item.getitem", "all.read"))
    assert (twin.scopes, twin.described_scopes) == (("items.read",), ())
    assert registration.refused_for_pages
    assert registration.headers == {"x-challengecode": "abc"}


def test_an_unknown_operation_id_names_the_description():
    with pytest.raises(ErpOperationNotDescribedError, match="Cloud v1 description"):
        erp_operation_build(operation_id="SalesOrder_QuerySalesOrderLineItemsAsync", api="v1")


def test_an_answer_parses_into_the_generated_model_of_its_status():
    line = {
        "Id": LINE,
        "Variants": [],
        "BillOfMaterialsType": 0,
        "ConfigurationItemType": 0,
        "Discount": 0,
        "FNSKU": "",
        "LineItemType": 1,
        "Name": "Tee",
        "Note": "",
        "ParentSalesOrderLineItemId": LINE,
        "PurchasePriceNet": 1.5,
        "Quantity": 2,
        "SalesPriceNet": 3.2,
        "SalesUnit": "Stk",
        "SKU": "T-1",
        "TaxRate": 19,
        "ItemId": ORDER,
        "TaxClassId": ORDER,
        "TaxCodeId": ORDER,
    }

    lines = erp_operation_parse(
        operation_id="SalesOrder_QuerySalesOrderLineItemsAsync",
        status=200,
        content=json.dumps([line]).encode(),
    )

    assert isinstance(lines[0], cloud_v2.JTLWawiRestContractsModelsV2SalesOrderSalesOrderLineItem)
    assert (lines[0].SKU, lines[0].Quantity) == ("T-1", Decimal(2))
    assert str(lines[0].ItemId.root) == ORDER


def test_error_answers_and_bodiless_answers_parse_as_documented():
    error = erp_operation_parse(
        operation_id="SalesOrder_UpdateSalesOrderLineItemAsync",
        status=404,
        content=b'{"ErrorCode": "NotFound", "ErrorMessage": "no such line item"}',
    )

    assert isinstance(error, cloud_v2.JTLWawiRestAbstractionExceptionsErrorResponse)
    assert error.ErrorCode == "NotFound"
    assert (
        erp_operation_parse(
            operation_id="SalesOrder_UpdateSalesOrderLineItemAsync", status=204, content=b""
        )
        is None
    )


def test_an_undocumented_status_or_a_body_off_the_schema_is_refused():
    with pytest.raises(ErpOperationResponseError, match="does not document status 418"):
        erp_operation_parse(
            operation_id="SalesOrder_UpdateSalesOrderLineItemAsync", status=418, content=b"{}"
        )
    with pytest.raises(ErpOperationResponseError, match=r"at 0: Input should be"):
        erp_operation_parse(
            operation_id="SalesOrder_QuerySalesOrderLineItemsAsync", status=200, content=b"[1]"
        )


def test_a_v1_answer_parses_into_a_v1_model():
    status = erp_operation_parse(
        operation_id="InfoHeader_GetStatusAsync",
        api="v1",
        status=200,
        content=b'{"Version": "1.10.12.0", "Timestamp": "2026-12-01T12:45:00+00:00",'
        b' "Tenant": "eazybusiness", "Type": "WAWI-Api"}',
    )

    assert isinstance(status, cloud_v1.Status1)  # the name Status went to an enum
    assert (status.Tenant, status.Timestamp.year) == ("eazybusiness", 2026)


def _sample(annotation):
    """A value each generated path-parameter type accepts (ids, ints, enums, strings)."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return next(iter(annotation)).value
    for candidate in (ORDER, 1, "x"):
        try:
            TypeAdapter(annotation).validate_python(candidate)
        except ValidationError:
            continue
        return candidate
    raise AssertionError(annotation)


@pytest.mark.parametrize(
    ("api", "spec"),
    [("v1", spec) for spec in operations_v1.OPERATIONS.values()]
    + [("v2", spec) for spec in operations_v2.OPERATIONS.values()],
    ids=lambda value: getattr(value, "operation_id", value),
)
def test_every_operation_of_both_descriptions_can_be_built(api, spec):
    path_params = {p.name: _sample(p.annotation) for p in spec.parameters if p.location == "path"}
    headers = {
        p.name: "x"
        for p in spec.parameters
        if p.location == "header" and p.required and p.name.lower() not in TRANSPORT_HEADERS
    }

    if spec.body_required:
        with pytest.raises(ErpOperationArgumentError, match="needs a request body"):
            erp_operation_build(
                operation_id=spec.operation_id, api=api, path_params=path_params, headers=headers
            )
        return
    request = erp_operation_build(
        operation_id=spec.operation_id, api=api, path_params=path_params, headers=headers
    )

    assert request.path.startswith(f"{api}/")
    assert "{" not in request.path
    assert request.method == spec.method
    assert request.described_scopes == spec.scopes
    if api == "v2" and spec.scopes and not request.refused_for_pages:
        assert request.scopes == spec.scopes


def test_wawis_first_letter_lower_cased_answers_parse_and_bodies_keep_the_described_names():
    error = erp_operation_parse(
        operation_id="SalesOrder_UpdateSalesOrderLineItemAsync",
        status=404,
        content=b'{"errorCode": "NotFound", "errorMessage": "gone"}',
    )
    request = erp_operation_build(
        operation_id="SalesOrder_UpdateSalesOrderLineItemAsync",
        path_params={"salesOrderId": ORDER, "salesOrderLineItemId": LINE},
        body={"id": LINE, "sKU": "T-1"},
    )

    assert (error.ErrorCode, error.ErrorMessage) == ("NotFound", "gone")
    assert json.loads(request.body or b"") == {"Id": LINE, "SKU": "T-1"}


def test_an_operation_built_here_is_answered_by_the_sandbox_and_parses(platform):
    """The one end-to-end check: build, send over HTTP with the app's identity, parse."""
    request = erp_operation_build(operation_id="Info_GetStatusAsync")
    headers = {
        "Authorization": f"Bearer {platform.app_token()}",
        **erp_app_identity_headers(),
        **request.headers,
    }

    response = httpx.request(
        request.method, f"{platform.url}/erp/{request.path}", headers=headers, timeout=10
    )
    status = erp_operation_parse(
        operation_id=request.operation_id, status=response.status_code, content=response.content
    )

    assert isinstance(status, cloud_v2.JTLWawiRestContractsModelsV1InfoStatus)
    assert status.Version
    assert status.Tenant
