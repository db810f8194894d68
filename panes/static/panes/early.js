(function () {
  // Inlined into <head> before anything else runs (CSP allows it by hash): JTL's host sends
  // its one HANDSHAKE port once, so the listener must exist from the first moment and stay.
  var meta = document.querySelector('meta[name="jtl-host-origins"]');
  var origins = (meta ? meta.content : "").split(/\s+/).filter(Boolean);
  var inbox = [];
  inbox.origins = origins;
  window.__jtlHandshakes = inbox;
  window.addEventListener("message", function (event) {
    var port = event.ports && event.ports[0];
    if (!port || !event.data || event.data.type !== "HANDSHAKE") return;
    if (origins.indexOf(event.origin) < 0) return;
    inbox.push(port);
    if (inbox.notify) inbox.notify();
  });
})();
