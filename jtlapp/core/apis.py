"""HTTP edge of the core app: liveness and readiness of the web, and the workers' health."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import ClassVar

from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from jtlapp.core.selectors import HealthReport, readiness_report, worker_report

NO_STORE = {"Cache-Control": "no-store"}


class HealthLiveApi(APIView):
    """``GET /healthz/live``: this web process answers (no dependency is asked)."""

    authentication_classes = ()
    permission_classes = ()

    def get(self, request: Request) -> Response:
        return Response({"status": "ok"}, headers=NO_STORE)


class _HealthReportApi(APIView):
    authentication_classes = ()
    permission_classes = ()
    report: ClassVar[Callable[[], HealthReport]]

    def get(self, request: Request) -> Response:
        report = type(self).report()
        body = {
            "status": "ok" if report.ok else "unavailable",
            "checks": {name: asdict(result) for name, result in report.checks.items()},
        }
        code = status.HTTP_200_OK if report.ok else status.HTTP_503_SERVICE_UNAVAILABLE
        return Response(body, status=code, headers=NO_STORE)


class HealthReadyApi(_HealthReportApi):
    """``GET /healthz`` and ``/healthz/ready``: 200 while the database answers, else 503."""

    report = staticmethod(readiness_report)


class HealthWorkerApi(_HealthReportApi):
    """``GET /healthz/worker``: 200 while a Celery worker's own heartbeat is fresh, else 503."""

    report = staticmethod(worker_report)
