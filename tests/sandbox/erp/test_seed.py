import time
from dataclasses import asdict
from datetime import date, timedelta

import pytest

from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.sandbox.erp.ids import erp_uuid, erp_uuid_key, erp_uuid_sort_key
from jtlapp.sandbox.erp.records import LINE_TYPE_ITEM
from jtlapp.sandbox.erp.store import ErpUnknownTenantError, erp_store_seed

TODAY = date(2026, 11, 23)
TENANTS = list(DEMO_TENANTS)


def _snapshot(store, tenant_id):
    data = store.tenant(tenant_id)
    return repr(
        (
            [asdict(c) for c in data.customers.values()],
            [asdict(i) for i in data.items.values()],
            [asdict(s) for s in data.stocks],
            [asdict(o) for o in data.orders.values()],
        )
    )


def test_same_seed_and_today_give_identical_data():
    first = erp_store_seed(seed=7, today=TODAY, tenant_ids=TENANTS)
    second = erp_store_seed(seed=7, today=TODAY, tenant_ids=TENANTS)

    assert _snapshot(first, TENANTS[0]) == _snapshot(second, TENANTS[0])
    assert _snapshot(first, TENANTS[1]) == _snapshot(second, TENANTS[1])


def test_tenants_and_seeds_get_different_data():
    store = erp_store_seed(seed=7, today=TODAY, tenant_ids=TENANTS)
    other_seed = erp_store_seed(seed=8, today=TODAY, tenant_ids=TENANTS)

    assert _snapshot(store, TENANTS[0]) != _snapshot(store, TENANTS[1])
    assert _snapshot(store, TENANTS[0]) != _snapshot(other_seed, TENANTS[0])


def test_seeding_two_tenants_is_fast():
    started = time.perf_counter()
    erp_store_seed(seed=1, today=TODAY, tenant_ids=TENANTS)
    assert time.perf_counter() - started < 1.0


def test_seed_sizes_and_german_merchant_data():
    # given
    data = erp_store_seed(seed=1, today=TODAY, tenant_ids=TENANTS).tenant(TENANTS[0])
    # then
    assert data.company_name == "Mustermann Handels GmbH"
    assert len(data.customers) == 120
    assert len(data.items) == 80
    assert len(data.warehouses) == 3
    assert 430 <= len(data.orders) <= 470
    assert {c.billing.country_iso for c in data.customers.values()} == {"DE", "AT", "CH"}
    assert {i.tax_rate for i in data.items.values()} == {7.0, 19.0}
    assert all(i.purchase_price_net < i.sales_price_net for i in data.items.values())
    assert all(c.billing.postal_code and c.billing.street for c in data.customers.values())


def test_orders_span_fourteen_months_before_today_with_mixed_states():
    # given
    orders = list(
        erp_store_seed(seed=1, today=TODAY, tenant_ids=TENANTS).tenant(TENANTS[1]).orders.values()
    )
    # then
    dates = [o.date.date() for o in orders]
    assert max(dates) <= TODAY
    assert min(dates) >= TODAY - timedelta(days=426)
    assert sum(d >= TODAY - timedelta(days=30) for d in dates) >= 20
    assert {o.payment_status for o in orders} == {"UNPAID", "PARTIALLY_PAID", "PAID"}
    assert {"OPEN", "PARTIALLY_SHIPPED", "COMPLETELY_SHIPPED", "CANCELLED"} <= {
        o.delivery_status for o in orders
    }
    assert any(o.is_pending for o in orders)
    assert all(
        1 <= len([li for li in o.line_items if li.type == LINE_TYPE_ITEM]) <= 6 for o in orders
    )
    assert all(o.number.startswith("A") and len(o.number) == 8 for o in orders)
    assert all(o.date.tzinfo is not None for o in orders)


def test_some_items_are_below_minimum_stock():
    data = erp_store_seed(seed=1, today=TODAY, tenant_ids=TENANTS).tenant(TENANTS[0])
    totals = data.stock_total()

    below = [i for i in data.items.values() if totals.get(i.key, 0.0) < i.minimum_stock]

    assert 3 <= len(below) <= 20


def test_uuid_carries_little_endian_key_like_jtl():
    value = erp_uuid(tenant_id=TENANTS[0], kind="item", key=1)

    assert value.endswith("01000000")
    assert len(value) == 36
    assert erp_uuid_key(tenant_id=TENANTS[0], kind="item", value=value) == 1
    assert erp_uuid_key(tenant_id=TENANTS[0], kind="customer", value=value) is None
    assert erp_uuid_key(tenant_id=TENANTS[1], kind="item", value=value) is None
    assert erp_uuid_sort_key(erp_uuid(tenant_id=TENANTS[0], kind="item", key=306)) == 306


def test_unknown_tenant_raises_specific_error():
    store = erp_store_seed(seed=1, today=TODAY, tenant_ids=TENANTS[:1])

    with pytest.raises(ErpUnknownTenantError) as excinfo:
        store.tenant(TENANTS[1])

    assert excinfo.value.tenant_id == TENANTS[1]
