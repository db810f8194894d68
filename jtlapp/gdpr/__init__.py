"""The listing's GDPR URLs (``legal.gdpr.request``/``delete``) as real, verified endpoints."""
