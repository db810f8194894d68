"""The shell's server-rendered pages: seeded records, pane frames, selection and headers."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from jtlapp.sandbox.config import DEMO_TENANTS
from jtlapp.sandbox.host.records import PAGE_SIZE
from jtlapp.sandbox.state import SandboxState
from tests.sandbox.conftest import TENANT_A, TENANT_B
from tests.sandbox.host.conftest import PROJECT_MANIFEST, AppServer, host_sandbox_create


def _frames(html: str) -> list[dict[str, str]]:
    tags = re.findall(r"<iframe\b[^>]*>", html)
    return [dict(re.findall(r'([\w-]+)="([^"]*)"', tag)) for tag in tags]


def _first_customer(state: SandboxState, tenant_id: str) -> tuple[str, str]:
    data = state.store.tenant(tenant_id)
    customer = data.customers[min(data.customers)]
    return data.uuid(kind="customer", key=customer.key), customer.number


def test_browser_at_root_is_sent_to_the_shell_and_api_clients_get_json(host: FlaskClient):
    assert host.get("/", headers={"Accept": "text/html"}).headers["Location"] == "/host/"
    assert host.get("/").get_json()["host"] == "http://localhost:8001/host/"


def test_home_shows_tenant_install_state_and_rebased_manifest(host, app_server: AppServer):
    html = host.get("/host/").get_data(as_text=True)

    assert DEMO_TENANTS[TENANT_A] in html
    assert 'data-testid="install-state">installed<' in html
    assert f"<code>{app_server.url}/lifecycle/connect</code>" in html
    assert "localhost:8000" not in html


def test_customer_list_shows_the_selected_tenants_seeded_customers(host, host_state):
    # given
    customer_id, number = _first_customer(host_state, TENANT_B)

    # when
    html = host.get(f"/host/customers?tenant={TENANT_B}").get_data(as_text=True)

    # then
    assert f'data-record-id="{customer_id}">{number}</a>' in html
    assert html.count('data-select="customer"') == PAGE_SIZE
    assert _first_customer(host_state, TENANT_A)[0] not in html
    assert DEMO_TENANTS[TENANT_B] in html


def test_tenant_choice_is_remembered_in_a_cookie(host, host_state):
    host.get(f"/host/?tenant={TENANT_B}")

    html = host.get("/host/customers").get_data(as_text=True)

    assert _first_customer(host_state, TENANT_B)[0] in html


def test_customer_page_embeds_only_customer_panes_at_the_rebased_url(host, app_server, host_state):
    customer_id, _ = _first_customer(host_state, TENANT_A)

    html = host.get(f"/host/customers?customer={customer_id}").get_data(as_text=True)

    frames = [(f["data-src"], f["data-context"], f["data-role"]) for f in _frames(html)]
    assert frames[0] == (f"{app_server.url}/panes/customer", "customers", "pane")
    assert {context for _, context, _ in frames} == {"customers"}  # partner panes may follow
    assert f'data-customer-id="{customer_id}"' in html
    assert f"<code>{customer_id}</code>" in html


def test_sales_order_page_shows_detail_and_order_panes(host, app_server, host_state):
    data = host_state.store.tenant(TENANT_A)
    order = data.orders[min(data.orders)]
    order_id = data.uuid(kind="salesorder", key=order.key)

    html = host.get(f"/host/sales-orders?order={order_id}").get_data(as_text=True)

    assert [f["data-src"] for f in _frames(html)][0] == f"{app_server.url}/panes/sales-order"
    assert f'data-sales-order-id="{order_id}"' in html
    assert f"<h2>Order {order.number}</h2>" in html
    assert order.line_items[0].name in html


def test_without_app_base_url_the_manifest_urls_are_kept():
    client = host_sandbox_create(manifest=PROJECT_MANIFEST, app_base_url=None).test_client()

    html = client.get("/host/customers").get_data(as_text=True)

    assert [f["data-src"] for f in _frames(html)][0] == "http://localhost:8000/panes/customer"


def test_detail_fragment_answers_404_for_an_unknown_or_foreign_id(host, host_state):
    foreign_id, _ = _first_customer(host_state, TENANT_B)
    own_id, _ = _first_customer(host_state, TENANT_A)

    assert host.get(f"/host/customers/{own_id}/detail").status_code == 200
    response = host.get(f"/host/customers/{foreign_id}/detail")
    assert response.status_code == 404
    assert "Customer not found." in response.get_data(as_text=True)
    assert host.get("/host/sales-orders/nope/detail").status_code == 404


def test_record_fields_are_html_escaped(host, host_state):
    # given
    data = host_state.store.tenant(TENANT_A)
    customer = data.customers[min(data.customers)]
    customer.billing.company = '<script>alert("x")</script> & Söhne'
    customer_id = data.uuid(kind="customer", key=customer.key)

    # when
    page = host.get(f"/host/customers?customer={customer_id}").get_data(as_text=True)
    fragment = host.get(f"/host/customers/{customer_id}/detail").get_data(as_text=True)

    # then
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Söhne"
    for html in (page, fragment):
        assert "<script>alert" not in html
        assert escaped in html


def test_search_query_is_escaped_and_filters(host):
    html = host.get('/host/customers?q="><b>x').get_data(as_text=True)

    assert 'value="&#34;&gt;&lt;b&gt;x"' in html
    assert "No customers match." in html


def test_shell_pages_send_a_csp_that_frames_only_the_app(host, app_server):
    response = host.get("/host/customers")

    csp = response.headers["Content-Security-Policy"]
    assert f"frame-src {app_server.url};" in csp
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"


def test_menu_entry_opens_its_url_and_unknown_entries_are_404(host, app_server):
    html = host.get("/host/apps/dashboard").get_data(as_text=True)

    assert [f["data-src"] for f in _frames(html)] == [f"{app_server.url}/panes/dashboard"]
    assert 'href="/host/apps/dashboard"' in html
    assert host.get("/host/apps/nope").status_code == 404


def test_an_uninstalled_tenant_sees_no_panes_or_menu_entries(host, host_state):
    host_state.tenant_install(TENANT_A, installed=False)

    html = host.get("/host/customers").get_data(as_text=True)

    assert _frames(html) == []
    assert "is not installed for" in html
    assert 'href="/host/apps/dashboard"' not in html


def test_install_page_embeds_the_configuration_url(host, app_server):
    html = host.get("/host/install").get_data(as_text=True)

    frames = _frames(html)
    assert [(f["data-src"], f["data-role"]) for f in frames] == [
        (f"{app_server.url}/panes/setup", "setup")
    ]


def test_shell_without_manifest_says_so():
    client = host_sandbox_create(manifest=None, app_base_url=None).test_client()

    response = client.get("/host/customers")

    assert response.status_code == 200
    assert "No app manifest is configured" in response.get_data(as_text=True)
    assert "frame-src 'none'" in response.headers["Content-Security-Policy"]


def test_host_js_is_served_from_the_shell(host):
    response = host.get("/host/static/host.js")

    assert response.status_code == 200
    assert "javascript" in response.content_type
    assert b"window.jtlHost" in response.data
