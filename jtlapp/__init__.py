"""jtlapp: the Django backend for JTL Cloud Apps.

The Celery app is created when Django starts (``jtlapp.core.apps``), not on import of this
package, so that importing a helper such as ``jtlapp.local`` has no side effects.
"""
