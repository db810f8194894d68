"""Static files as production serves them: content-hashed names, compressed, cached for good.

WhiteNoise's storage hashes and gzips (and brotli-compresses where available) every file at
``collectstatic``, and its middleware sends hashed names with a ten-year immutable max-age.
The pages are ES modules that import each other (``./ui.js``); Django rewrites those imports
to the hashed names only when asked, so a changed module is never served from a stale cache
and an unchanged one is never revalidated.
"""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class PanesStaticFilesStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    support_js_module_import_aggregation = True
