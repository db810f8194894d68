"""Who is calling: verification of JTL caller tokens (app token, legacy session token) and keys.

A plain package, not an installed app: the label ``auth`` would clash with
``django.contrib.auth`` (``jtl/style.md`` §3.2).
"""
