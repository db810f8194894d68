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
        "state.suspended": _("Paused: JTL refused the app’s access"),
        "state.uninstalled": _("Uninstalled"),
        "state.purged": _("Uninstalled, data deleted"),
        "state.not_set_up": _("Not set up"),
    }


def _messages() -> dict[str, str]:
    return {
        "loading": _("Loading…"),
        "loading.customer": _("Loading the customer’s figures…"),
        "loading.order": _("Loading the order’s figures…"),
        "retry": _("Try again"),
        "requestId": _("For support, quote this reference:"),
        "error.title": _("The figures could not be loaded"),
        "error.generic": _("Something went wrong on our side. Please try again."),
        "error.tenant_not_active": _(
            "The app is not set up for your JTL account yet. Open the app’s setup in JTL first."
        ),
        "error.not_found": _("This record no longer exists in your JTL-Wawi."),
        "error.busy": _("Your JTL-Wawi is busy right now. Please try again in a minute."),
        "error.timeout": _("Your JTL-Wawi took too long to answer. Please try again."),
        "error.unavailable": _(
            "Your JTL-Wawi cannot be reached right now. Please try again in a few minutes."
        ),
        "notEmbedded.title": _("Open this page inside JTL"),
        "notEmbedded.text": _(
            "This page belongs to a JTL app and works only inside JTL-Wawi, which signs it in "
            "for you. If you opened it from JTL, it will connect as soon as JTL answers."
        ),
        "permission.title": _("A permission is missing"),
        "permission.text": _("The app may not yet: {permission}."),
        "permission.who": _(
            "An administrator of your JTL account can grant it: open the app in JTL’s app "
            "management and confirm the requested permissions."
        ),
        "scope.customers.read": _("read customers"),
        "scope.items.read": _("read items and stock levels"),
        "scope.salesorders.read": _("read sales orders and payments"),
        "scope.unknown": _("read the data this page shows"),
        "none": _("Nothing to show."),
        "customer.locked": _("Locked"),
        "customer.noOrders": _("This customer has not ordered yet."),
        "order.title": _("Order {number}"),
        "order.noLines": _("This order has no items."),
        "stillToPay": _("{amount} still to pay"),
        "noCustomer.title": _("No customer selected"),
        "noCustomer.text": _("Select a customer in the list to see their figures here."),
        "noOrder.title": _("No order selected"),
        "noOrder.text": _("Select a sales order in the list to see its margin and stock here."),
        "stock.ok": _("{n} in stock"),
        "stock.short": _("Only {n} in stock"),
        "stock.below": _("Reorder"),
        "stock.levels": _("{sku} · {available} available, minimum {minimum}"),
        "line.margin": _("Margin {amount} ({percent})"),
        "line.quantity": _("Qty {n}"),
        "dashboard.period": _("Last {days} days"),
        "dashboard.updated": _("Figures as of {time}; changes in JTL-Wawi arrive within minutes."),
        "dashboard.noSales": _("No items sold in this period."),
        "dashboard.unpaid": _("{count} orders, {amount} in total"),
        "dashboard.allPaid": _("All orders are paid."),
        "dashboard.stockOk": _("All items are above their minimum stock."),
        "dashboard.preparing": _(
            "Preparing your dashboard. The first time takes a moment, then it opens at once."
        ),
        "dashboard.empty.title": _("No orders yet"),
        "dashboard.empty.text": _(
            "As soon as orders arrive in JTL-Wawi, revenue, best sellers and open payments "
            "appear here."
        ),
        "chartDesc": _("Revenue from {from} to {to}: {total} from {count} orders."),
        "setup.working": _("Connecting the app to your JTL account…"),
        "setup.connected": _("The app is connected to your JTL account."),
        "setup.done": _("Setup is complete. You can close this page."),
        "setup.missing": _(
            "Some figures stay empty until an administrator of your JTL account grants these "
            "permissions in JTL’s app management."
        ),
        "settings.secretKept": _("Saved (hidden). Type to replace."),
        "settings.saving": _("Saving…"),
        "settings.saved": _("Settings saved."),
        "settings.invalid": _("Please check the marked fields."),
    }


def pane_strings() -> dict[str, str]:
    """Every string the pages' scripts need, in the request's language."""
    return {**_messages(), **_statuses()}


def host_origins() -> str:
    """The origins whose AppBridge handshake the page accepts (same list as frame-ancestors)."""
    return " ".join(settings.JTL_FRAME_ANCESTORS)
