"""The listing's own pages (privacy, terms, support): plain templates a partner rewrites."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

PAGES = {"privacy": "Privacy policy", "terms": "Terms of use", "support": "Support"}


@require_GET
def listing_page_view(request: HttpRequest, page: str) -> HttpResponse:
    if page not in PAGES:
        raise Http404(page)
    return render(request, f"listing/{page}.html", {"title": PAGES[page]})
