"""ErpClient against the live sandbox: typed reads, pagers, GraphQL, writes, 401 handling."""

import functools
import logging
import math
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from jtlapp.auth.verify import app_token_verify
from jtlapp.erp.schemas import CustomerListItem, SalesOrderLineItemInput
from jtlapp.gateway import authorized as erp_credentials_module
from jtlapp.gateway.erp import ErpClient
from jtlapp.gateway.erp.admission import admission_reset
from jtlapp.gateway.erp.errors import (
    ErpAuthError,
    ErpGraphQLError,
    ErpNotFoundError,
    ErpRateLimitedError,
)
from jtlapp.gateway.erp.policy import ErpPolicy
from jtlapp.gateway.service_token import service_token_get
from jtlapp.tenants.models import Tenant
from jtlapp.tenants.services import tenant_connect

TENANT_A = "8c6d5a1e-4f2b-4c3a-9e1d-2b7f0a5c3d01"
TENANT_B = "3f9e2b7c-1d4a-4e8b-a6c5-9d0e1f2a3b02"
FAST = ErpPolicy(
    connect_timeout_seconds=1.0,
    read_timeout_seconds=2.0,
    deadline_seconds=3.0,
    backoff_base_seconds=0.05,
    backoff_cap_seconds=0.2,
    min_attempt_seconds=0.1,
    rate_per_second=1000.0,
    rate_burst=1000,
)
ALL_SCOPES = [
    "customers.read",
    "items.read",
    "salesorders.read",
    "salesorders.write",
    "inventories.read",
    "warehouse.read",  # GET v2/warehouses, as the 2.0 description names it
]


def erp_calls(platform):
    return httpx.get(f"{platform.url}/_sandbox/erp-calls", timeout=10).json()


def resilience_reset():
    """Breaker and limiter state lives in Redis across tests; start each test closed and full."""
    for tenant_id in (TENANT_A, TENANT_B):
        admission_reset(tenant_id=tenant_id)


def connect(platform, tenant_id: str) -> Tenant:
    return tenant_connect(claims=app_token_verify(token=platform.app_token(tenantId=tenant_id)))


@pytest.fixture(autouse=True)
def _clean_resilience_state():
    resilience_reset()
    yield
    resilience_reset()


@pytest.fixture
def tenant_a(platform, db) -> Tenant:
    tenant = connect(platform, TENANT_A)
    platform.control("counters/reset")
    return tenant


@pytest.fixture
def wide_scopes(platform, monkeypatch):
    """Cloud calls with a tenant-bound app token holding write/inventory scopes.

    The sandbox grants the service token exactly manifest.json's read scopes; the client's
    handling of the calls is the same whichever Bearer token the tenant's credentials give.
    """
    token = platform.app_token(tenantId=TENANT_A, scopes=ALL_SCOPES)
    monkeypatch.setattr(
        erp_credentials_module.ServiceCredentials,
        "headers_async",
        lambda self: _async_value({"Authorization": f"Bearer {token}"}),
    )


async def _async_value(value):
    return value


def test_customers_page_and_customer_get_return_seeded_data(tenant_a):
    client = ErpClient(tenant=tenant_a, policy=FAST)

    page = client.customers_page(page_size=2)
    customer = client.customer_get(customer_id=page.items[0].id)

    assert len(page.items) == 2
    assert page.total_items > 2
    assert page.has_next_page is True
    assert customer.customer_id == page.items[0].id
    assert customer.customer_number == page.items[0].customer_number
    assert customer.customer_addresses


def test_iterate_pages_walks_every_page_once(platform, tenant_a):
    client = ErpClient(tenant=tenant_a, policy=FAST)
    total = client.customers_page(page_size=1).total_items
    platform.control("counters/reset")

    customers = list(
        client.iterate_pages(fetch=functools.partial(client.customers_page, page_size=3))
    )

    assert len(customers) == total
    assert len({c.id for c in customers}) == total
    assert len(erp_calls(platform)) == math.ceil(total / 3)


def test_sales_orders_filter_by_customer_and_date_range(tenant_a):
    client = ErpClient(tenant=tenant_a, policy=FAST)
    first = client.sales_orders_page(page_size=1).items[0]
    since = datetime.now(tz=UTC) - timedelta(days=60)

    of_customer = list(
        client.iterate_pages(
            fetch=functools.partial(client.sales_orders_page, customer_id=first.customer_id)
        )
    )
    recent = client.sales_orders_page(page_size=1000, date_from=since).items

    assert first.id in {o.id for o in of_customer}
    assert {o.customer_id for o in of_customer} == {first.customer_id}
    assert recent
    assert all(o.sales_order_date and o.sales_order_date > since for o in recent)


def test_sales_order_and_its_line_items(tenant_a):
    client = ErpClient(tenant=tenant_a, policy=FAST)
    order_id = client.sales_orders_page(page_size=1).items[0].id

    order = client.sales_order_get(sales_order_id=order_id)
    lines = client.sales_order_line_items(sales_order_id=order_id)

    assert order.id == order_id
    assert order.billing_address is not None
    assert lines
    assert {line.sales_order_id for line in lines} == {order_id}


def test_items_stocks_and_warehouses(tenant_a, wide_scopes):
    client = ErpClient(tenant=tenant_a, policy=FAST)

    item = client.items_page(page_size=1).items[0]
    detail = client.item_get(item_id=item.id)
    stocks = client.stocks_page(item_id=item.id).items
    warehouses = client.warehouses_page().items

    assert detail.identifiers is not None
    assert detail.identifiers.sku == item.sku
    assert {s.item_id for s in stocks} <= {item.id}
    assert warehouses
    assert all(w.name for w in warehouses)


def test_line_items_are_created_updated_and_deleted(platform, tenant_a, wide_scopes):
    # given
    client = ErpClient(tenant=tenant_a, policy=FAST)
    order_id = client.sales_orders_page(page_size=1).items[0].id
    item = client.items_page(page_size=1).items[0]
    try:
        # when
        [created] = client.sales_order_line_items_create(
            sales_order_id=order_id,
            line_items=[SalesOrderLineItemInput(item_id=item.id, quantity=2)],
        )
        client.sales_order_line_items_update(
            sales_order_id=order_id,
            line_item_id=created.id,
            changes=SalesOrderLineItemInput(quantity=5, notice="via client"),
        )
        updated = {li.id: li for li in client.sales_order_line_items(sales_order_id=order_id)}
        client.sales_order_line_items_delete(sales_order_id=order_id, line_item_id=created.id)
        remaining = {li.id for li in client.sales_order_line_items(sales_order_id=order_id)}

        # then
        assert created.item_id == item.id
        assert created.sku == item.sku
        assert updated[created.id].quantity == 5
        assert updated[created.id].notice == "via client"
        assert created.id not in remaining
        methods = [c["method"] for c in erp_calls(platform)]
        assert methods.count("POST") == methods.count("PATCH") == methods.count("DELETE") == 1
    finally:
        platform.control("reset")


def test_graphql_returns_data_and_walks_cursors(tenant_a):
    client = ErpClient(tenant=tenant_a, policy=FAST)
    query = """query Customers($first: Int, $after: String) {
      QueryCustomers(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { id customerNumber }
      }
    }"""

    total = client.graphql(query=query, variables={"first": 1})["QueryCustomers"]["totalCount"]
    nodes = list(
        client.iterate_graphql(
            query=query, connection="QueryCustomers", node_model=CustomerListItem, page_size=3
        )
    )

    assert len(nodes) == total
    assert len({n.id for n in nodes}) == total


def test_graphql_errors_with_200_raise(tenant_a):
    client = ErpClient(tenant=tenant_a, policy=FAST)

    with pytest.raises(ErpGraphQLError) as caught:
        client.graphql(query="{ QueryCustomers(first: 1) { nodes { noSuchField } } }")

    assert caught.value.upstream_status == 200
    assert caught.value.errors
    assert "noSuchField" in caught.value.errors[0]["message"]
    assert caught.value.error_code == "VALIDATION_ERROR"


def test_not_found_carries_jtls_error_code(tenant_a):
    client = ErpClient(tenant=tenant_a, policy=FAST)

    with pytest.raises(ErpNotFoundError) as caught:
        client.customer_get(customer_id="00000000-0000-0000-0000-00000f000000")

    assert caught.value.upstream_status == 404
    assert caught.value.error_code == "NOT_FOUND"
    assert "x-ratelimit-remaining" in caught.value.headers


def test_a_401_refreshes_the_service_token_once_and_retries(platform, tenant_a):
    # given
    before = service_token_get().value
    platform.control("faults", {"area": "erp", "status": 401, "count": 1})

    # when
    page = ErpClient(tenant=tenant_a, policy=FAST).customers_page(page_size=1)

    # then
    assert page.items
    assert [c["status"] for c in erp_calls(platform)] == [401, 200]
    assert service_token_get().value != before


def test_repeated_401_counts_but_never_suspends_by_itself(
    transactional_db, platform, tenant_a, settings
):
    # given: JTL refuses every credential; confirmation tasks go to a queue nobody reads
    settings.CELERY_TASK_DEFAULT_QUEUE = "jtlapp-test-unconsumed-presence"
    platform.control("faults", {"area": "erp", "status": 401})
    client = ErpClient(tenant=tenant_a, policy=FAST)

    # when
    for _ in range(3):
        with pytest.raises(ErpAuthError) as caught:
            client.customers_page(page_size=1)
        assert caught.value.upstream_status == 401

    # then: each call was 401, one renewal, 401; the tenant stays active until JTL confirms
    tenant_a.refresh_from_db()
    assert tenant_a.state == Tenant.State.ACTIVE
    assert tenant_a.consecutive_auth_failures == 3
    assert len(erp_calls(platform)) == 6


def test_a_403_for_a_scope_neither_counts_nor_suspends(transactional_db, platform, tenant_a):
    platform.control("faults", {"area": "erp", "status": 403})
    client = ErpClient(tenant=tenant_a, policy=FAST)

    for _ in range(4):
        with pytest.raises(ErpAuthError):
            client.customers_page(page_size=1)

    tenant_a.refresh_from_db()
    assert tenant_a.state == Tenant.State.ACTIVE
    assert tenant_a.consecutive_auth_failures == 0
    assert len(erp_calls(platform)) == 4  # no renewal: a 403 is about a scope


def test_one_log_line_per_call_without_ids_queries_or_tokens(tenant_a, caplog):
    client = ErpClient(tenant=tenant_a, policy=FAST)
    customer_id = client.customers_page(page_size=1).items[0].id
    caplog.clear()

    with caplog.at_level(logging.INFO, logger="jtlapp.erp.client"):
        client.customer_get(customer_id=customer_id)
        client.customers_page(page_size=1, search="Mustermann")

    lines = [r.getMessage() for r in caplog.records if r.name == "jtlapp.erp.client"]
    assert len(lines) == 2
    assert lines[0].startswith("ERP GET v2/customers/{id} -> 200 in ")
    assert "rate limit remaining" in lines[0]
    text = " ".join(lines)
    assert customer_id not in text
    assert "Mustermann" not in text
    assert "Bearer" not in text


def test_the_default_policy_takes_the_tenant_limit_from_settings(platform, tenant_a, settings):
    settings.JTL_ERP_TENANT_RATE_PER_SECOND = 0.01
    settings.JTL_ERP_TENANT_RATE_BURST = 2
    client = ErpClient(tenant=tenant_a)

    client.send(method="GET", path="v2/info")
    client.send(method="GET", path="v2/info")
    with pytest.raises(ErpRateLimitedError):
        client.send(method="GET", path="v2/info")

    assert len(erp_calls(platform)) == 2
