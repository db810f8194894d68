"""Code generated from JTL's API descriptions in ``jtlapp/reference/`` by ``make generate``.

``cloud_v1``/``cloud_v2`` are pydantic models of every component schema (datamodel-code-generator),
``operations_v1``/``operations_v2`` the operation tables (``operations_build``). Never edit the
generated modules by hand: change the description or the generator and run ``make generate``;
``tests/erp/test_generated.py`` fails when the committed output is stale.
"""
