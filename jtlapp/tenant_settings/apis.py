"""``/api/tenant/settings``: the setup page's small form API, for the verified caller's tenant."""

from __future__ import annotations

from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jtlapp.auth.authentication import AppTokenAuthentication, request_claims
from jtlapp.errors import ApplicationError
from jtlapp.tenant_settings.selectors import tenant_settings_form
from jtlapp.tenant_settings.services import tenant_settings_update
from jtlapp.tenants.selectors import tenant_get_active

NO_STORE = {"Cache-Control": "no-store"}


class SettingsBodyError(ApplicationError):
    code = "invalid_body"


class TenantSettingsApi(APIView):
    """``GET`` the form (fields, values; secrets as present/absent), ``PUT`` changed values."""

    authentication_classes = (AppTokenAuthentication,)
    permission_classes = (IsAuthenticated,)
    http_method_names = ["get", "put"]

    def get(self, request: Request) -> Response:
        tenant = tenant_get_active(tenant_id=request_claims(request).tenant_id)
        return Response({"fields": tenant_settings_form(tenant=tenant)}, headers=NO_STORE)

    def put(self, request: Request) -> Response:
        claims = request_claims(request)
        tenant = tenant_get_active(tenant_id=claims.tenant_id)
        values = request.data.get("values") if isinstance(request.data, dict) else None
        if not isinstance(values, dict):
            raise SettingsBodyError('Send {"values": {"<key>": <value>, ...}}.')
        changed = tenant_settings_update(tenant=tenant, values=values, updated_by=claims.user_id)
        body = {"changed": changed, "fields": tenant_settings_form(tenant=tenant)}
        return Response(body, headers=NO_STORE)
