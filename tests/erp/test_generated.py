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
