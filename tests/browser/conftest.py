"""Browser tests: Debian's Chromium driven by Playwright against the app and the sandbox.

The fixtures (``browser``, ``live_app``, ``page``) come from the test kit,
``jtlapp.testing.browser`` via ``jtlapp.testing.plugin``; skipped with a reason where no
Chromium is installed (a fresh laptop), and named at the end of the run; ``.ci/run`` installs it.
"""
