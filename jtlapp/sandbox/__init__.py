"""A local stand-in for the JTL platform: identity provider, account service, ERP API, Wawi.

It runs as its own process on its own origin (``manage.py jtl sandbox``), so the app talks to
it over HTTP exactly as it talks to JTL; only configuration differs.
"""
