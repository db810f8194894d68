"""x-appid / x-appversion name the app as manifest.json does; x-runas carries only a user id."""

from __future__ import annotations

import json

import pytest

from jtlapp.erp.app_identity import erp_app_identity_headers, erp_runas_header
from jtlapp.erp.generated import operations_v1, operations_v2
from jtlapp.manifest import manifest_path


def test_the_headers_name_the_app_as_its_manifest_does():
    manifest = json.loads(manifest_path().read_text())

    assert erp_app_identity_headers() == {
        "x-appid": manifest["technicalName"],
        "x-appversion": manifest["version"],
    }


def test_settings_override_each_header(settings):
    settings.JTL_APP_ID_HEADER = "MyApp/1.0.0"

    headers = erp_app_identity_headers()

    assert headers["x-appid"] == "MyApp/1.0.0"
    assert headers["x-appversion"] == json.loads(manifest_path().read_text())["version"]
    settings.JTL_APP_VERSION_HEADER = "2.0.1"
    assert erp_app_identity_headers() == {"x-appid": "MyApp/1.0.0", "x-appversion": "2.0.1"}


def test_the_descriptions_require_these_headers_on_all_but_registration_and_status_calls():
    """Registration, info, feature and file calls omit them; sending them there is harmless."""
    counts = {}
    for api, table in (("v1", operations_v1.OPERATIONS), ("v2", operations_v2.OPERATIONS)):
        counts[api] = sum(
            set(erp_app_identity_headers())
            <= {p.name for p in spec.parameters if p.location == "header" and p.required}
            for spec in table.values()
        )

    assert counts == {"v1": 209 - 8, "v2": 295 - 10}


@pytest.mark.parametrize(
    ("user_id", "header"),
    [
        ("12", "12"),
        (" 7c9e6679-7425-40de-944b-e07fc1f90ae7", "7c9e6679-7425-40de-944b-e07fc1f90ae7"),
        (
            "7C9E667974254 0DE944BE07FC1F90AE7".replace(" ", ""),
            "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        ),
    ],
)
def test_runas_takes_an_int_or_uuid_user_id(user_id, header):
    assert erp_runas_header(user_id=user_id) == {"x-runas": header}


@pytest.mark.parametrize("user_id", ["", "admin", "12\r\nx-appid: evil", "-1", "1" * 11])
def test_runas_refuses_anything_but_an_id(user_id):
    with pytest.raises(ValueError, match="x-runas takes a Wawi user id"):
        erp_runas_header(user_id=user_id)


def test_runas_is_a_documented_header_of_the_operations():
    spec = operations_v2.OPERATIONS["SalesOrder_QuerySalesOrderLineItemsAsync"]

    assert "x-runas" in {p.name for p in spec.parameters if p.location == "header"}
