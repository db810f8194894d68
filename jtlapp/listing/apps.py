from django.apps import AppConfig


class ListingConfig(AppConfig):
    """Installed so the listing's media and legal pages are served like any static file."""

    name = "jtlapp.listing"
    label = "listing"
    verbose_name = "Store listing"
