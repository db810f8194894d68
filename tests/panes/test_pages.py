"""The pages: framing headers per route, both languages, stable test hooks, size budget."""

import re
from pathlib import Path

import pytest
from django.conf import settings

EMBEDDED = ["/panes/setup", "/panes/dashboard", "/panes/customer", "/panes/sales-order"]
STATIC = Path(__file__).resolve().parents[2] / "panes" / "static" / "panes"
BUDGET_BYTES = 50 * 1024


@pytest.mark.parametrize("path", EMBEDDED)
def test_embedded_pages_may_be_framed_by_jtl_hosts_only(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    [ancestors] = re.findall(r"frame-ancestors ([^;]+)", policy)
    assert ancestors.split() == settings.JTL_FRAME_ANCESTORS
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy


def test_frame_ancestors_follow_the_setting(client, settings):
    settings.JTL_FRAME_ANCESTORS = ["https://erp.jtl-cloud.com", "https://hub.jtl-cloud.com"]

    response = client.get("/panes/dashboard")

    assert response["Content-Security-Policy"].endswith(
        "frame-ancestors https://erp.jtl-cloud.com https://hub.jtl-cloud.com"
    )
    meta = '<meta name="jtl-host-origins" content="https://erp.jtl-cloud.com https://hub.jtl-cloud.com">'
    assert meta in response.content.decode()


@pytest.mark.parametrize(
    "path", ["/panes/hub", "/api/insights/dashboard", "/api/tenant", "/healthz", "/no-such-page"]
)
def test_every_other_route_refuses_to_be_framed(client, db, path):
    response = client.get(path)

    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("path", "testids"),
    [
        ("/panes/setup", ["setup-page", "setup-status", "setup-granted", "setup-missing"]),
        ("/panes/dashboard", ["revenue-chart", "revenue-table", "top-items", "low-stock"]),
        ("/panes/customer", ["customer-name", "customer-revenue", "customer-open-amount"]),
        ("/panes/sales-order", ["order-number", "order-payment", "line-items", "order-totals"]),
    ],
)
def test_embedded_pages_start_loading_with_their_hooks(client, path, testids):
    html = client.get(path).content.decode()

    assert re.search(r'<main [^>]*data-state="loading"', html)
    assert 'data-testid="state"' in html
    assert 'aria-live="polite"' in html
    assert all(f'data-testid="{testid}"' in html for testid in testids)
    assert '<script id="pane-strings" type="application/json">' in html
    assert 'type="module"' in html


@pytest.mark.parametrize(
    ("language", "heading", "not_embedded"),
    [
        ("de", "Kundeneinblicke", "\\u00d6ffnen Sie diese Seite in JTL"),
        ("en", "Customer insights", "Open this page inside JTL"),
    ],
)
def test_pages_speak_the_hosts_language(client, language, heading, not_embedded):
    by_query = client.get(f"/panes/customer?lang={language}")
    by_header = client.get("/panes/customer", HTTP_ACCEPT_LANGUAGE=language)

    for response in (by_query, by_header):
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        assert heading in html
        assert not_embedded in html
        assert response["Content-Language"] == language


def test_query_language_wins_over_the_browser_language(client):
    response = client.get("/panes/dashboard?lang=de", HTTP_ACCEPT_LANGUAGE="en")

    assert '<html lang="de">' in response.content.decode()
    assert "Umsatz pro Tag" in response.content.decode()


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("path", [*EMBEDDED, "/panes/hub"])
def test_every_page_renders_in_both_languages(client, db, path, language):
    response = client.get(f"{path}?lang={language}")

    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()


def test_script_strings_are_translated(client):
    html = client.get("/panes/sales-order?lang=de").content.decode()

    assert '"status.PAID": "Bezahlt"' in html
    assert '"noOrder.text": "W\\u00e4hlen Sie in der Liste einen Auftrag' in html


def test_the_handshake_listener_is_inline_and_allowed_by_its_hash(client):
    response = client.get("/panes/customer")
    html = response.content.decode()

    assert "window.__jtlHandshakes" in html
    assert html.index("window.__jtlHandshakes") < html.index('type="module"')
    assert "script-src 'self' 'sha256-" in response["Content-Security-Policy"]


def test_pages_own_js_and_css_stay_under_50_kb():
    files = [*STATIC.glob("*.js"), *STATIC.glob("*.css")]

    total = sum(path.stat().st_size for path in files)

    assert len(files) >= 8
    assert total < BUDGET_BYTES, f"{total} bytes of JS and CSS"


def test_scripts_keep_tokens_out_of_storage_and_urls():
    source = "\n".join(path.read_text() for path in STATIC.glob("*.js"))

    assert "localStorage" not in source
    assert "sessionStorage" not in source
    assert "document.cookie" not in source
    assert not re.search(r"[?&](token|access_token)=", source)


def test_the_manifest_names_our_page_routes(client, db):
    import json

    manifest = json.loads((Path(settings.BASE_DIR) / "manifest.json").read_text())
    urls = [
        manifest["lifecycle"]["configurationUrl"],
        manifest["capabilities"]["hub"]["appLauncher"]["redirectUrl"],
        *(item["url"] for item in manifest["capabilities"]["erp"]["menuItems"]),
        *(pane["url"] for pane in manifest["capabilities"]["erp"]["pane"]),
    ]

    for url in urls:
        path = url.removeprefix("http://localhost:8000")
        assert client.get(path).status_code == 200, path
