"""The settings this app declares in the per-tenant store (shown on the setup page)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from jtlapp.tenant_settings.registry import TenantSettingSpec, tenant_setting_declare

DASHBOARD_DAYS = "dashboard.days"
TOP_ITEMS = "dashboard.top_items"
SHOW_PURCHASE = "orders.show_purchase_prices"


def panes_settings_declare() -> None:
    tenant_setting_declare(
        TenantSettingSpec(
            key=DASHBOARD_DAYS, kind="choice", default=30, choices=(7, 14, 30),
            choice_labels=(_("7 days"), _("14 days"), _("30 days")),
            label=_("Dashboard period"),
            help_text=_("How many days of revenue the dashboard shows."),
        )
    )  # fmt: skip
    tenant_setting_declare(
        TenantSettingSpec(
            key=TOP_ITEMS, kind="int", default=5, minimum=3, maximum=10,
            label=_("Best-selling items shown"),
            help_text=_("Between 3 and 10."),
        )
    )  # fmt: skip
    tenant_setting_declare(
        TenantSettingSpec(
            key=SHOW_PURCHASE, kind="bool", default=True,
            label=_("Show purchase prices and margins"),
            help_text=_("Turn off if colleagues who see orders should not see your margins."),
        )
    )  # fmt: skip
