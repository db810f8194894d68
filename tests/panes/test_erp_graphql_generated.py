"""The typed GraphQL results in panes/erp_graphql/ are what ``make generate`` writes today."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from panes.erp_graphql.enums import SalesOrderInvoicePaymentStatus
from panes.erp_graphql.orders_page import OrdersPage

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "panes" / "erp_graphql"


def _sources(folder):
    return {path.name: path.read_text() for path in sorted(folder.glob("*.py"))}


def test_make_generate_reproduces_the_committed_package(tmp_path):
    target = tmp_path / "erp_graphql"
    subprocess.run(
        ["make", "--no-print-directory", "-s", "generate-graphql", f"ERP_GRAPHQL={target}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )

    fresh, committed = _sources(target), _sources(PACKAGE)
    stale = sorted(
        name for name in fresh.keys() | committed.keys() if fresh.get(name) != committed.get(name)
    )
    assert stale == [], f"run `make generate` and commit: {stale} are stale"


def _imported_top_level_names():
    names = set()
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
    return names


def test_the_generated_package_needs_only_what_the_production_lock_installs():
    lock = (ROOT / ".ci" / "requirements.lock").read_text()
    locked = {name.replace("-", "_") for name in re.findall(r"^([a-z0-9_.-]+)==", lock, re.M)}
    imported = _imported_top_level_names()

    assert imported - set(sys.stdlib_module_names) - locked == set()
    assert "ariadne_codegen" not in imported


def test_a_generated_result_reads_jtls_camel_case_answer():
    answer = OrdersPage.model_validate(
        {
            "QuerySalesOrders": {
                "totalCount": 1,
                "pageInfo": {"hasNextPage": 0, "endCursor": None},
                "nodes": [
                    {
                        "id": "a1", "salesOrderNumber": "AU-1",
                        "salesOrderDate": "2026-01-02T03:04:05Z",
                        "customerId": None, "customerNumber": None, "currencyIso": "EUR",
                        "totalGrossAmount": 11.9, "totalNetAmount": 10, "alreadyPaidAmount": 0,
                        "stillToPay": 11.9, "paymentStatus": "UNPAID", "deliveryStatus": "OPEN",
                        "isCancelled": False, "isPending": False, "billingAddressFirstName": None,
                        "billingAddressLastName": None, "billingAddressCompany": "ACME",
                    }
                ],
            }
        }
    )  # fmt: skip

    (order,) = answer.query_sales_orders.nodes or []
    assert order is not None
    assert order.sales_order_number == "AU-1"
    assert order.sales_order_date.year == 2026
    assert order.payment_status is SalesOrderInvoicePaymentStatus.UNPAID
    assert order.total_net_amount == 10.0
