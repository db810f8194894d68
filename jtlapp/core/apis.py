"""HTTP edge of the core app."""

from __future__ import annotations

from dataclasses import asdict

from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jtlapp.core.selectors import health_report


class HealthApi(APIView):
    """``GET /healthz``: 200 when database, Redis and a Celery worker are fine, else 503."""

    authentication_classes = ()
    permission_classes = ()

    def get(self, request: Request) -> Response:
        report = health_report()
        body = {
            "status": "ok" if report.ok else "unavailable",
            "checks": {name: asdict(result) for name, result in report.checks.items()},
        }
        code = status.HTTP_200_OK if report.ok else status.HTTP_503_SERVICE_UNAVAILABLE
        return Response(body, status=code, headers={"Cache-Control": "no-store"})
