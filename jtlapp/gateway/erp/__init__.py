"""The ERP side of the gateway: ``AsyncErpClient`` (web path) and ``ErpClient`` (sync facade)."""

from jtlapp.gateway.erp.client import AsyncErpClient
from jtlapp.gateway.erp.sync_client import ErpClient
from jtlapp.gateway.erp.transport import ErpResponse

__all__ = ["AsyncErpClient", "ErpClient", "ErpResponse"]
