"""The store listing: JTL's rules with line-precise errors, the rendering, the doctor's check."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from jtlapp.core.doctor_listing import listing_check
from jtlapp.core.doctor_pages import DoctorProblem
from jtlapp.listing import MEDIA_DIR, ListingInvalidError, listing_load, listing_parse, listing_path
from jtlapp.listing.render import listing_render
from jtlapp.manifest.render import ManifestBaseUrlError
from tests.conftest import free_port


def listing_text() -> str:
    return listing_path().read_text(encoding="utf-8")


def problems_of(change) -> list[str]:
    data = json.loads(listing_text())
    change(data)
    with pytest.raises(ListingInvalidError) as caught:
        listing_parse(text=json.dumps(data, indent=2))
    return [str(problem) for problem in caught.value.problems]


def test_the_shipped_listing_is_valid_and_complete():
    listing = listing_load()

    assert listing.locales() == ["de", "en"]
    assert listing.legal.gdpr.request.endswith("/gdpr/request")
    assert listing.legal.gdpr.delete.endswith("/gdpr/delete")


def test_a_missing_locale_text_names_its_line():
    def drop(data):
        del data["benefits"]["en"]

    (problem,) = problems_of(drop)

    assert problem.startswith("line ")
    assert "benefits: has no 'en' text" in problem


def test_jtls_limits_are_enforced():
    def break_rules(data):
        data["benefits"]["de"] = ["x"] * 6
        data["media"]["screenshots"] = ["screenshots/dashboard.png"] * 11
        data["media"]["video"] = "https://vimeo.com/1234567"
        tier = data["pricing"]["subscriptionTiers"][0]
        data["pricing"]["subscriptionTiers"].append({**tier, "id": "free2"})
        data["legal"]["gdpr"]["delete"] = "not a url"

    problems = "\n".join(problems_of(break_rules))

    assert "benefits.de: " in problems
    assert "media.screenshots: " in problems
    assert "media.video: must be a YouTube video URL" in problems
    assert "pricing: at most one tier may be free" in problems
    assert "legal.gdpr.delete: must be an http:// or https:// URL" in problems


def test_a_paid_tier_needs_a_price_and_the_default_locale_must_exist():
    def change(data):
        data["pricing"]["subscriptionTiers"][0]["isFree"] = False
        data["defaultLocale"] = "fr"

    problems = "\n".join(problems_of(change))

    assert "monthlyPriceEur" in problems

    # the locale rules run once the structure is valid: fix the price and look again
    def only_locale(data):
        data["defaultLocale"] = "fr"

    assert "defaultLocale: 'fr' must be a locale" in "\n".join(problems_of(only_locale))


def test_rendering_moves_own_urls_and_makes_media_absolute():
    rendered = json.loads(
        listing_render(listing_text=listing_text(), base_url="https://app.example.com")
    )

    assert rendered["legal"]["gdpr"]["request"] == "https://app.example.com/gdpr/request"
    assert (
        rendered["media"]["icons"]["light"]
        == "https://app.example.com/static/listing/icon-light.png"
    )
    assert rendered["media"]["screenshots"][0].startswith("https://app.example.com/static/listing/")


def test_rendering_refuses_plain_http_outside_localhost():
    with pytest.raises(ManifestBaseUrlError, match="https"):
        listing_render(listing_text=listing_text(), base_url="http://app.example.com")


def test_jtl_listing_prints_it_for_the_portal():
    out = StringIO()

    call_command("jtl", "listing", "--base-url", "https://app.example.com", stdout=out)

    assert json.loads(out.getvalue())["version"] == "0.1.0"


@pytest.mark.django_db(transaction=True)
def test_the_doctor_is_green_when_media_and_urls_are_fine(live_server):
    detail = listing_check(base_url=live_server.url)

    assert "2 locale(s) complete, 4 media files sized, 6 URLs answer" in detail


def test_the_doctor_names_unreachable_urls():
    with pytest.raises(DoctorProblem, match="legal.gdpr.request: .* unreachable"):
        listing_check(base_url=f"http://127.0.0.1:{free_port()}")


@pytest.mark.django_db(transaction=True)
def test_the_doctor_names_missing_and_oversized_media(live_server, tmp_path, monkeypatch):
    from jtlapp.core import doctor_listing

    (tmp_path / "screenshots").mkdir()
    for name in ("icon-light.png", "screenshots/dashboard.png"):
        (tmp_path / name).write_bytes((MEDIA_DIR / name).read_bytes())
    big = bytearray((MEDIA_DIR / "screenshots/customer-pane.png").read_bytes())
    big[16:24] = (2048).to_bytes(4, "big") + (688).to_bytes(4, "big")
    (tmp_path / "screenshots/customer-pane.png").write_bytes(bytes(big))
    monkeypatch.setattr(doctor_listing, "MEDIA_DIR", tmp_path)

    with pytest.raises(DoctorProblem) as caught:
        listing_check(base_url=live_server.url)

    assert "media.icons.dark: icon-dark.png is missing" in str(caught.value)
    assert "customer-pane.png is 2048x688; JTL takes at most 1024x1024" in str(caught.value)
