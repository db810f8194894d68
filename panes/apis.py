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
from jtlapp.gateway.erp.errors import ErpAuthError, ErpError, ErpGraphQLError
from jtlapp.tenants.models import Tenant
from jtlapp.tenants.selectors import tenant_get_active
from panes.dashboard import insights_dashboard
from panes.services import (
    PANE_SCOPES,
    PermissionMissingError,
    insights_customer,
    insights_permission_check,
    insights_sales_order,
)

NOT_AUTHORIZED = "AUTH_NOT_AUTHORIZED"


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
    view_name = "dashboard"

    def _tenant(self, request: Request) -> Tenant:
        """The caller's active tenant, refused early when JTL did not grant the view's scopes."""
        tenant = tenant_get_active(tenant_id=request_claims(request).tenant_id)
        insights_permission_check(tenant=tenant, view=self.view_name)
        return tenant

    def handle_exception(self, exc: Exception) -> Response:
        refused = isinstance(exc, ErpAuthError) and exc.upstream_status == 403  # noqa: PLR2004
        if refused or (isinstance(exc, ErpGraphQLError) and exc.error_code == NOT_AUTHORIZED):
            scopes = list(PANE_SCOPES[self.view_name])
            exc = PermissionMissingError(
                "JTL refused the app a permission this page needs.",
                extra={"scope": scopes[0], "scopes": scopes},
            )
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
        return self._answer(insights_dashboard(tenant=self._tenant(request)))


class InsightsCustomerApi(_InsightsApi):
    """``GET /api/insights/customers/<customer_id>``."""

    view_name = "customer"

    def get(self, request: Request, customer_id: str) -> Response:
        tenant = self._tenant(request)
        key = _erp_id(customer_id, name="customer id")
        return self._answer(insights_customer(tenant=tenant, customer_id=key))


class InsightsSalesOrderApi(_InsightsApi):
    """``GET /api/insights/sales-orders/<sales_order_id>``."""

    view_name = "salesorder"

    def get(self, request: Request, sales_order_id: str) -> Response:
        tenant = self._tenant(request)
        key = _erp_id(sales_order_id, name="sales order id")
        return self._answer(insights_sales_order(tenant=tenant, sales_order_id=key))
