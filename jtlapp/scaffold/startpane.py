"""Create a pane in a partner app: files from ``templates/``, the pane in ``manifest.json``.

All checks run before anything is written, and every file is new: running it twice, or with
a bad name, changes nothing and says why. The generated code uses only public jtlapp APIs
(``ErpClient``, ``@erp_uses``, ``@webhook_handler``, ``AppTokenAuthentication``), so the
partner's app needs no edit of ours.
"""

from __future__ import annotations

import json
import keyword
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jtlapp.errors import ApplicationError

TEMPLATES = Path(__file__).resolve().parent / "templates"
PANE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
APP_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
TOPIC_PREFIX = "com.jtl.erp.workflow.v1."
MANIFEST_ORIGIN = "http://localhost:8000"


@dataclass(frozen=True)
class PaneContext:
    """What differs between a customer pane and a sales-order pane."""

    scope: str
    operation: str
    list_path: str
    entity: str
    topic: str
    event: str
    current_method: str
    payload_key: str
    read_body: str
    store_rows: str
    store_kind: str
    host_page: str
    host_param: str


CONTEXTS = {
    "customers": PaneContext(
        scope="customers.read",
        operation="GET v2/customers/{id}",
        list_path="customers",
        entity="customer",
        topic=TOPIC_PREFIX + "customer.changed",
        event="CustomerChanged",
        current_method="getCurrentCustomerId",
        payload_key="customerId",
        read_body="customer = ErpClient(tenant=tenant).customer_get(customer_id=record_id)\n"
        '    number = customer.customer_number or ""\n'
        "    return __PANE_CLASS__Record(id=customer.customer_id, number=number)",
        store_rows="customers",
        store_kind="customer",
        host_page="customers",
        host_param="customer",
    ),
    "salesorders": PaneContext(
        scope="salesorders.read",
        operation="GET v2/sales-orders/{id}",
        list_path="sales-orders",
        entity="sales order",
        topic=TOPIC_PREFIX + "salesorder.changed",
        event="SalesOrderChanged",
        current_method="getCurrentSalesOrderId",
        payload_key="salesOrderId",
        read_body="order = ErpClient(tenant=tenant).sales_order_get(sales_order_id=record_id)\n"
        '    number = order.sales_order_number or ""\n'
        "    return __PANE_CLASS__Record(id=order.id, number=number)",
        store_rows="orders",
        store_kind="salesorder",
        host_page="sales-orders",
        host_param="order",
    ),
}


class ScaffoldError(ApplicationError):
    code = "scaffold_refused"


@dataclass(frozen=True)
class ScaffoldResult:
    created: list[Path]
    manifest_pane_id: str


def _validate_names(*, name: str, app: str, root: Path) -> None:
    if not PANE_NAME.match(name) or len(name) > 40:
        raise ScaffoldError(
            f"{name!r} is not a pane name: use lower-case words joined by hyphens, "
            "starting with a letter, at most 40 characters (e.g. order-notes)."
        )
    if not APP_NAME.match(app) or keyword.iskeyword(app) or len(app) > 40:
        raise ScaffoldError(
            f"{app!r} is not an app name: use a lower-case Python identifier (e.g. partner)."
        )
    if not (root / "manifest.json").is_file() or not (root / "panes").is_dir():
        raise ScaffoldError(f"{root} is not a jtlapp checkout (no manifest.json and panes/).")


def _values(*, name: str, app: str, context: PaneContext) -> dict[str, str]:
    snake = name.replace("-", "_")
    pane_class = "".join(part.capitalize() for part in name.split("-"))
    return {
        "__READ_BODY__": context.read_body,
        "__APP_CLASS__": "".join(part.capitalize() for part in app.split("_")),
        "__APP__": app,
        "__PANE_SNAKE__": snake,
        "__PANE_CLASS__": pane_class,
        "__PANE__": name,
        "__TITLE__": name.replace("-", " ").capitalize(),
        "__CONTEXT__": "customers" if context.entity == "customer" else "salesorders",
        "__SCOPE__": context.scope,
        "__OPERATION__": context.operation,
        "__LIST_PATH__": context.list_path,
        "__ENTITY_SNAKE__": context.entity.replace(" ", "_"),
        "__ENTITY_TITLE__": context.entity.capitalize(),
        "__ENTITY__": context.entity,
        "__TOPIC__": context.topic,
        "__EVENT__": context.event,
        "__CURRENT_METHOD__": context.current_method,
        "__PAYLOAD_KEY__": context.payload_key,
        "__STORE_ROWS__": context.store_rows,
        "__STORE_KIND__": context.store_kind,
        "__HOST_PAGE__": context.host_page,
        "__HOST_PARAM__": context.host_param,
    }


def _render(template: str, values: dict[str, str]) -> str:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    for placeholder, value in values.items():  # __READ_BODY__ first: it holds placeholders
        text = text.replace(placeholder, value)
    return text


def _plan(*, root: Path, name: str, app: str, values: dict[str, str]) -> dict[Path, str]:
    snake = values["__PANE_SNAKE__"]
    package = root / "panes" / "partners" / app
    tests = root / "tests" / "partners" / app
    files = {
        package / f"services_{snake}.py": "services.py.tmpl",
        package / f"views_{snake}.py": "views.py.tmpl",
        package / f"handlers_{snake}.py": "handlers.py.tmpl",
        package / "templates" / app / f"{name}.html": "template.html.tmpl",
        package / "static" / app / f"{name}.js": "module.js.tmpl",
        tests / f"test_{snake}_api.py": "test_api.py.tmpl",
        tests / f"test_{snake}_browser.py": "test_browser.py.tmpl",
    }
    existing = [path for path in files if path.exists()]
    if existing:
        listed = ", ".join(str(path.relative_to(root)) for path in existing)
        raise ScaffoldError(
            f"pane {name!r} exists already in app {app!r} ({listed}); nothing changed."
        )
    once = {
        root / "panes" / "partners" / "__init__.py": "partners_init.py.tmpl",
        package / "__init__.py": "app_init.py.tmpl",
        package / "apps.py": "app_apps.py.tmpl",
        package / "urls.py": "app_urls.py.tmpl",
    }
    planned = {path: template for path, template in once.items() if not path.exists()}
    return {path: _render(template, values) for path, template in {**planned, **files}.items()}


def _manifest_with_pane(
    *, manifest: dict[str, Any], app: str, name: str, context: PaneContext
) -> tuple[dict[str, Any], str]:
    erp = manifest.setdefault("capabilities", {}).setdefault("erp", {})
    pane_id = f"{app.replace('_', '-')}-{name}"
    panes = erp.setdefault("pane", [])
    url = f"{MANIFEST_ORIGIN}/partners/{app}/{name}"
    if any(p.get("id") == pane_id or p.get("url") == url for p in panes):
        raise ScaffoldError(f"manifest.json already has a pane {pane_id!r}; nothing changed.")
    panes.append(
        {
            "id": pane_id,
            "context": "customers" if context.entity == "customer" else "salesorders",
            "title": name.replace("-", " ").capitalize(),
            "url": url,
            "matchChildContext": True,
            "requiredScopes": [context.scope],
        }
    )
    scopes = erp.setdefault("api", {}).setdefault("scopes", [])
    if context.scope not in scopes:
        scopes.append(context.scope)
    subscriptions = erp.setdefault("webhooks", {}).setdefault("subscriptions", [])
    if not any(context.topic in s.get("topics", []) for s in subscriptions):
        if not subscriptions:
            endpoint = {"url": f"{MANIFEST_ORIGIN}/webhooks/erp"}
            subscriptions.append({"topics": [], "endpoint": endpoint})
        subscriptions[0]["topics"].append(context.topic)
    return manifest, pane_id


def pane_scaffold(*, root: Path, name: str, app: str, context: str) -> ScaffoldResult:
    """Write the pane's files and add it to ``root/manifest.json``; all or nothing."""
    _validate_names(name=name, app=app, root=root)
    if context not in CONTEXTS:
        raise ScaffoldError(f"context must be customers or salesorders, not {context!r}.")
    chosen = CONTEXTS[context]
    files = _plan(root=root, name=name, app=app, values=_values(name=name, app=app, context=chosen))
    manifest_file = root / "manifest.json"
    manifest, pane_id = _manifest_with_pane(
        manifest=json.loads(manifest_file.read_text(encoding="utf-8")),
        app=app,
        name=name,
        context=chosen,
    )
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    manifest_file.write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    _format([path for path in files if path.suffix == ".py"], root=root)
    return ScaffoldResult(created=sorted(files), manifest_pane_id=pane_id)


def _format(paths: list[Path], *, root: Path) -> None:
    """Lay the generated code out as ``make lint`` wants it (long names wrap).

    ruff is a dev dependency; without it the files stay as rendered.
    """
    names = [str(path) for path in paths]
    for command in (["format", "--quiet"], ["check", "--fix", "--quiet", "--exit-zero"]):
        try:
            subprocess.run(  # noqa: S603 - our interpreter, our arguments
                [sys.executable, "-m", "ruff", *command, *names], cwd=root, check=False
            )
        except OSError:
            return
