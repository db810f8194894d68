"""The sandbox's fake JTL-Wawi ERP: seeded merchant data plus REST (v1, v2) and GraphQL logic.

Everything here is framework-free so the sandbox's Flask app can mount it under the Cloud
(``/erp``) and OnPremise (``/api/eazybusiness``) prefixes; see ``jtl/erp-api.md`` §12.
"""
