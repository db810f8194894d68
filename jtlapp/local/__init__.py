"""Local development helpers: the embedded Redis and the ``make run`` process supervisor.

Nothing here is imported by the web app, the worker or the sandbox; these modules only start
them on a developer's machine.
"""
