"""The few texts the pages' scripts show, translated here and rendered into the page as JSON.

A JavaScript i18n catalogue would be a second translation system; these strings are few and
change with the templates, so they travel with the page (``json_script``).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def _statuses() -> dict[str, str]:
    return {
        "status.UNPAID": _("Unpaid"),
        "status.PARTIALLY_PAID": _("Partially paid"),
        "status.PAID": _("Paid"),
        "status.CANCELLED": _("Cancelled"),
        "status.OPEN": pgettext("delivery", "Open"),
        "status.PARTIALLY_ON_DELIVERY_NOTE": _("Partly on delivery note"),
        "status.COMPLETELY_ON_DELIVERY_NOTE": _("On delivery note"),
        "status.PARTIALLY_SHIPPED": _("Partly shipped"),
        "status.COMPLETELY_SHIPPED": _("Shipped"),
        "status.CREDITED": _("Credited"),
        "status.COMPLETED_WITHOUT_SHIPMENT": _("Completed without shipment"),
        "status.PENDING": _("Pending"),
        "state.active": _("Connected"),
        "state.pending": _("Setup not finished"),
        "state.suspended": _("Suspended: JTL refused our access"),
        "state.uninstalled": _("Uninstalled"),
        "state.purged": _("Uninstalled, data deleted"),
        "state.not_set_up": _("Not set up"),
    }


def _messages() -> dict[str, str]:
    return {
        "loading": _("Loading…"),
        "ready": _("Up to date."),
        "error": _("Something went wrong. Please reload the page."),
        "error.tenant_not_active": _(
            "This app is not set up for your JTL account yet. Open its setup page in JTL first."
        ),
        "error.erp": _("Your ERP did not answer in time. Please try again in a moment."),
        "error.not_found": _("This record does not exist in your ERP."),
        "error.forbidden": _("The app lacks a permission for this data. Repeat the setup."),
        "none": _("Nothing to show."),
        "yes": _("Yes"),
        "no": _("No"),
        "noCustomer": _("Select a customer to see insights."),
        "noOrder": _("Select a sales order to see insights."),
        "chartDesc": _("Revenue from {from} to {to}: {total} from {count} orders."),
        "setup.working": _("Connecting the app to your JTL account…"),
        "setup.done": _("Setup is complete. You can close this page."),
        "setup.missing": _(
            "JTL did not grant these permissions: {scopes}. Some figures will be missing "
            "until an administrator grants them."
        ),
        "setup.allGranted": _("All permissions the app needs are granted."),
    }


def pane_strings() -> dict[str, str]:
    """Every string the pages' scripts need, in the request's language."""
    return {**_messages(), **_statuses()}


def host_origins() -> str:
    """The origins whose AppBridge handshake the page accepts (same list as frame-ancestors)."""
    return " ".join(settings.JTL_FRAME_ANCESTORS)
