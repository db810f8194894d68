"""Tenants (merchants who installed the app), their lifecycle and the tokens we hold for them."""
