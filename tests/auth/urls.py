"""A test-only API behind ``AppTokenAuthentication`` (``@pytest.mark.urls("tests.auth.urls")``)."""

from __future__ import annotations

from django.urls import path
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jtlapp.auth.authentication import AppTokenAuthentication


class WhoAmIApi(APIView):
    authentication_classes = [AppTokenAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request: Request) -> Response:
        return Response(
            {
                "tenantId": request.auth.tenant_id,
                "userId": request.user.user_id,
                "generation": request.auth.generation,
                "user": repr(request.user),
            }
        )

    def post(self, request: Request) -> Response:
        return Response({"tenantId": request.auth.tenant_id})


urlpatterns = [path("whoami", WhoAmIApi.as_view())]
