"""``/api/insights/...``: the JSON our embedded pages render, for the verified caller's tenant.

The tenant comes only from the token; a customer or order id from the URL is a key inside that
tenant's ERP, validated as a UUID before any upstream call. Any refusal of the caller's
credentials carries ``X-JTL-Retry-With-Fresh-Token: 1`` so the page asks AppBridge for a
fresh token once (``bridge.js``/``api.js``), also when the token was missing altogether.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jtlapp.auth.authentication import RETRY_HEADER, AppTokenAuthentication, request_claims
from jtlapp.erp.apis import NO_STORE, erp_error_parts
from jtlapp.errors import ApplicationError
from jtlapp.gateway.erp.errors import ErpError
from jtlapp.tenants.selectors import tenant_get_active
from panes.services import insights_customer, insights_dashboard, insights_sales_order


class InvalidIdError(ApplicationError):
    code = "invalid_id"


def _erp_id(value: str, *, name: str) -> str:
    """JTL v2 ids are UUIDs; anything else never reaches the ERP."""
    try:
        return str(UUID(value))
    except ValueError:
        raise InvalidIdError(f"The {name} is not a valid id.", extra={"field": name}) from None


class _InsightsApi(APIView):
    authentication_classes = (AppTokenAuthentication,)
    permission_classes = (IsAuthenticated,)
    http_method_names = ["get"]

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, ErpError):
            body, code_status, headers = erp_error_parts(exc)
            return Response(body, code_status, headers=headers)
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            self.headers[RETRY_HEADER] = "1"
        response = super().handle_exception(exc)
        for name, value in NO_STORE.items():
            response[name] = value
        return response

    def _answer(self, body: dict[str, Any]) -> Response:
        return Response(body, headers=NO_STORE)


class InsightsDashboardApi(_InsightsApi):
    """``GET /api/insights/dashboard``."""

    def get(self, request: Request) -> Response:
        tenant = tenant_get_active(tenant_id=request_claims(request).tenant_id)
        return self._answer(insights_dashboard(tenant=tenant))


class InsightsCustomerApi(_InsightsApi):
    """``GET /api/insights/customers/<customer_id>``."""

    def get(self, request: Request, customer_id: str) -> Response:
        tenant = tenant_get_active(tenant_id=request_claims(request).tenant_id)
        key = _erp_id(customer_id, name="customer id")
        return self._answer(insights_customer(tenant=tenant, customer_id=key))


class InsightsSalesOrderApi(_InsightsApi):
    """``GET /api/insights/sales-orders/<sales_order_id>``."""

    def get(self, request: Request, sales_order_id: str) -> Response:
        tenant = tenant_get_active(tenant_id=request_claims(request).tenant_id)
        key = _erp_id(sales_order_id, name="sales order id")
        return self._answer(insights_sales_order(tenant=tenant, sales_order_id=key))
