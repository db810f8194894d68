"""Project-wide plumbing: health, Redis access, the ``jtl`` management command."""
