"""Subcommands of ``manage.py jtl``."""
