"""The committed generated code is what ``make generate`` writes from the descriptions today."""

from __future__ import annotations

import subprocess
from pathlib import Path

from jtlapp.erp.generated import cloud_v2, operations_v1, operations_v2

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "jtlapp" / "erp" / "generated"
OUTPUTS = [
    "cloud_v1.py",
    "cloud_v2.py",
    "operations_v1.py",
    "operations_v2.py",
    "calls_v1.py",
    "calls_v2.py",
]


def test_make_generate_reproduces_the_committed_files(tmp_path):
    subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "generate-rest",
            f"GENERATED={tmp_path}",
            f"SCOPE_TABLE={tmp_path / 'scope_table.json'}",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )

    stale = [
        name for name in OUTPUTS if (tmp_path / name).read_text() != (GENERATED / name).read_text()
    ]
    assert stale == [], f"run `make generate` and commit: {stale} are stale"
    table = ROOT / "jtlapp" / "erp" / "scope_table.json"
    assert (tmp_path / "scope_table.json").read_text() == table.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*OUTPUTS, "scope_table.json"])


def test_every_operation_of_both_descriptions_is_in_the_tables():
    assert len(operations_v2.OPERATIONS) == 295
    assert len(operations_v1.OPERATIONS) == 209


def test_a_generated_model_reads_jtl_json_and_keeps_fields_jtl_adds_later():
    error = cloud_v2.JTLWawiRestAbstractionExceptionsErrorResponse.model_validate(
        {"ErrorCode": "E1", "ErrorMessage": "bad", "NewerField": 1}
    )

    assert error.model_extra == {"NewerField": 1}


def test_every_operation_has_a_typed_method_named_after_its_operation_id():
    import inspect

    from jtlapp.erp.generated.calls_build import snake
    from jtlapp.erp.generated.calls_v1 import AsyncErpCallsV1, ErpCallsV1
    from jtlapp.erp.generated.calls_v2 import AsyncErpCallsV2, ErpCallsV2

    for table, classes in (
        (operations_v1.OPERATIONS, (ErpCallsV1, AsyncErpCallsV1)),
        (operations_v2.OPERATIONS, (ErpCallsV2, AsyncErpCallsV2)),
    ):
        for facade in classes:
            assert all(hasattr(facade, snake(name)) for name in table)
    assert inspect.iscoroutinefunction(AsyncErpCallsV2.info_get_status_async)
    assert not inspect.iscoroutinefunction(ErpCallsV2.info_get_status_async)


def test_a_typed_method_asks_for_what_the_operation_requires_and_no_transport_header():
    import inspect

    from jtlapp.erp.generated.calls_v2 import ErpCallsV2

    parameters = inspect.signature(ErpCallsV2.sales_order_update_sales_order_line_item_async)
    required = [p.name for p in parameters.parameters.values() if p.default is p.empty]

    assert required == ["self", "sales_order_id", "sales_order_line_item_id", "body"]
    assert parameters.parameters["x_runas"].default is None
    assert not {"x_appid", "x_appversion", "tenant_id", "x_api_key"} & set(parameters.parameters)
