"""The sandbox's ERP/Hub host shell: embeds our app's pages and speaks the AppBridge protocol."""

from jtlapp.sandbox.host.blueprint import host_blueprint

__all__ = ["host_blueprint"]
