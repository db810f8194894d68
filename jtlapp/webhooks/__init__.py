"""ERP webhooks: a durable inbox for JTL's ERP events, processed by Celery exactly once."""
