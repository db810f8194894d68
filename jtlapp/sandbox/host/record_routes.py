"""Customer and sales-order pages: list, detail, and the detail fragment host.js swaps in.

The fragment route exists so selecting another record replaces only the detail region; the
pane iframes beside it stay loaded and learn of the change through a bridge event instead.
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from jtlapp.sandbox.host.manifest import Pane
from jtlapp.sandbox.host.pages import ShellPages
from jtlapp.sandbox.host.records import customer_detail, customer_page, order_detail, order_page
from jtlapp.sandbox.host.selection import selection_from_request


def _page_number() -> int:
    raw = request.args.get("page", "1")
    return int(raw) if raw.isdigit() else 1


def _panes(pages: ShellPages, context: str) -> tuple[Pane, ...]:
    return pages.app.panes_for(context=context) if pages.app else ()


def register_record_routes(blueprint: Blueprint, *, pages: ShellPages) -> None:
    state = pages.state

    @blueprint.get("/customers")
    def customers() -> Response:
        selection = selection_from_request(request=request)
        data = state.store.tenant(selection.tenant_id)
        current = request.args.get("customer") or None
        return pages.render(
            "host/customers.html",
            selection=selection,
            listing=customer_page(data=data, query=request.args.get("q", ""), page=_page_number()),
            detail=customer_detail(data=data, customer_id=current) if current else None,
            current_id=current,
            panes=_panes(pages, "customers"),
        )

    @blueprint.get("/customers/<customer_id>/detail")
    def customer_fragment(customer_id: str) -> Response:
        selection = selection_from_request(request=request)
        data = state.store.tenant(selection.tenant_id)
        detail = customer_detail(data=data, customer_id=customer_id)
        return pages.render(
            "host/customer_detail.html",
            selection=selection,
            detail=detail,
            current_id=customer_id,
            status=200 if detail else 404,
        )

    @blueprint.get("/sales-orders")
    def sales_orders() -> Response:
        selection = selection_from_request(request=request)
        data = state.store.tenant(selection.tenant_id)
        current = request.args.get("order") or None
        return pages.render(
            "host/sales_orders.html",
            selection=selection,
            listing=order_page(data=data, query=request.args.get("q", ""), page=_page_number()),
            detail=order_detail(data=data, order_id=current) if current else None,
            current_id=current,
            panes=_panes(pages, "salesorders"),
        )

    @blueprint.get("/sales-orders/<order_id>/detail")
    def sales_order_fragment(order_id: str) -> Response:
        selection = selection_from_request(request=request)
        detail = order_detail(data=state.store.tenant(selection.tenant_id), order_id=order_id)
        return pages.render(
            "host/sales_order_detail.html",
            selection=selection,
            detail=detail,
            current_id=order_id,
            status=200 if detail else 404,
        )
