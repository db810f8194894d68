"""How the pages' reads treat an ERP answer outside JTL's SDL."""

import pytest

from jtlapp.gateway.erp.errors import ErpError
from panes.erp_graphql.orders_page import OrdersPage
from panes.erp_reads import _parsed


def test_an_answer_outside_the_sdl_is_an_erp_error_that_quotes_no_tenant_data():
    answer = {"QuerySalesOrders": {"totalCount": 1, "nodes": [{"id": "secret-customer-name"}]}}

    with pytest.raises(ErpError) as raised:
        _parsed(model=OrdersPage, data=answer)

    assert "OrdersPage" in str(raised.value)
    assert "secret" not in str(raised.value)


def test_an_answer_in_the_sdls_shape_is_the_generated_type():
    answer = {"QuerySalesOrders": {"totalCount": 0, "pageInfo": {"hasNextPage": True,
              "endCursor": "c2"}, "nodes": []}}  # fmt: skip

    page = _parsed(model=OrdersPage, data=answer)

    assert page.query_sales_orders.page_info.end_cursor == "c2"
    assert page.query_sales_orders.page_info.has_next_page == 1
