"""The pages ``manifest.json`` names, mounted at ``/panes/`` (keep both in step)."""

from django.urls import URLPattern, path

from panes import views

app_name = "panes"

urlpatterns: list[URLPattern] = [
    path("setup", views.setup_pane, name="setup"),
    path("dashboard", views.dashboard_pane, name="dashboard"),
    path("customer", views.customer_pane, name="customer"),
    path("sales-order", views.sales_order_pane, name="sales-order"),
    path("hub", views.hub_pane, name="hub"),
    path("hub/login", views.hub_login, name="hub-login"),
    path("hub/callback", views.hub_callback, name="hub-callback"),
    path("hub/logout", views.hub_logout, name="hub-logout"),
]
