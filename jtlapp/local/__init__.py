"""Local development helpers: the embedded Redis and the ``make run`` process supervisor.

Nothing here is imported by the web app, the worker or the sandbox; these modules only start
them on a developer's machine.

So importing this package chooses the sandbox profile for every process they start (``make run``,
``make bench``, ``make screenshots``, ``make pytest``), since the settings default to ``prod``.
"""

import os

os.environ.setdefault("JTL_ENVIRONMENT", "sandbox")
