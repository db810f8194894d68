"""The ERP gateway: the only way from our pages and tasks to a merchant's JTL ERP."""
