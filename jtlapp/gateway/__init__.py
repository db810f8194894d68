"""The one gateway to JTL: every outbound call to JTL leaves through this package.

Identity provider, account service, ERP Cloud and OnPremise JTL-Wawi alike.

- ``http``: the HTTP layer (sync and async, pooled per upstream host, no redirects, size and
  time caps) and its typed error family;
- ``authorized``: the client base that adds the service token and, after a 401, invalidates it
  and sends once more (the only place that rule lives);
- ``service_token``: the app's service-account token; ``account``: the account service;
- ``erp``: ``ErpClient`` with its admission (limiter + breaker in one Redis script), bulkhead
  and tenant snapshot.
"""
