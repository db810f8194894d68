"""The listing (what the Partner Portal's store shows) as typed models of JTL's rules.

Fields and limits follow JTL's ``AppListingVersionDto`` and the CLI's ``listing.json``
(platform.md §2.4): localized name, description and benefits (at most 5), one main category,
icons and 1 to 10 screenshots, compatibility, at most 4 pricing tiers (at most one free, at
most one "most popular", a monthly price unless free, yearly prices for all tiers or none),
support links and the legal URLs, GDPR request and delete included. Every locale named in
``name`` must be complete everywhere; ``defaultLocale`` must be one of them.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from jtlapp.manifest.models import Url, _Model, _version

Version = Annotated[str, AfterValidator(_version)]
LOCALE = re.compile(r"^[a-z]{2}(-[A-Z]{2})?$")
YOUTUBE = re.compile(r"^https://(www\.)?(youtube\.com/watch\?v=|youtu\.be/)[\w-]{6,}")
MEDIA_PATH = re.compile(r"^[a-z0-9][a-z0-9._/-]*\.(png|jpe?g)$")


def _media(value: str) -> str:
    if not MEDIA_PATH.match(value) or ".." in value:
        raise ValueError(
            "must be a PNG or JPEG file under jtlapp/listing/static/listing/, "
            "e.g. screenshots/dashboard.png (lower case, no ..)"
        )
    return value


def _youtube(value: str) -> str:
    if not YOUTUBE.match(value):
        raise ValueError("must be a YouTube video URL (JTL embeds only YouTube)")
    return value


MediaFile = Annotated[str, AfterValidator(_media)]
Text = Annotated[str, Field(min_length=1)]


class LocalizedText(_Model):
    short: Text
    full: Text


class Category(_Model):
    main: Text
    sub: tuple[Text, ...] = ()


class Icons(_Model):
    light: MediaFile
    dark: MediaFile


class Media(_Model):
    icons: Icons
    screenshots: tuple[MediaFile, ...] = Field(min_length=1, max_length=10)
    video: Annotated[str, AfterValidator(_youtube)] | None = None


class Compatibility(_Model):
    products: dict[str, tuple[Text, ...]]
    products_notes: dict[str, Text] = {}
    min_versions: dict[str, Version] = {}


class TierContent(_Model):
    name: Text
    description: Text
    features: tuple[Text, ...] = Field(default=(), max_length=10)


class Trial(_Model):
    enabled: bool
    preset: str | None = None
    days: int | None = Field(default=None, ge=1, le=90)


class SubscriptionTier(_Model):
    id: Text
    content: dict[str, TierContent]
    is_free: bool = False
    monthly_price_eur: float | None = Field(default=None, ge=0)
    annual_price_eur: float | None = Field(default=None, ge=0)
    is_most_popular: bool = False
    trial: Trial | None = None

    @model_validator(mode="after")
    def _priced(self) -> SubscriptionTier:
        if not self.is_free and self.monthly_price_eur is None:
            raise ValueError("a tier that is not free needs monthlyPriceEur")
        return self


class Pricing(_Model):
    subscription_tiers: tuple[SubscriptionTier, ...] = Field(min_length=1, max_length=4)

    @model_validator(mode="after")
    def _tiers(self) -> Pricing:
        tiers = self.subscription_tiers
        if sum(t.is_free for t in tiers) > 1:
            raise ValueError("at most one tier may be free")
        if sum(t.is_most_popular for t in tiers) > 1:
            raise ValueError("at most one tier may be marked most popular")
        priced = [t for t in tiers if not t.is_free]
        yearly = [t.annual_price_eur is not None for t in priced]
        if any(yearly) and not all(yearly):
            raise ValueError("give annualPriceEur for every paid tier or for none")
        if len({t.id for t in tiers}) != len(tiers):
            raise ValueError("tier ids must be unique")
        return self


class Support(_Model):
    url: dict[str, Url]
    documentation: dict[str, Url] = {}


class Gdpr(_Model):
    request: Url
    delete: Url


class Legal(_Model):
    privacy_policy: Url
    terms_of_use: Url
    gdpr: Gdpr


class Listing(_Model):
    version: Version
    default_locale: str
    name: dict[str, LocalizedText]
    description: dict[str, LocalizedText]
    benefits: dict[str, Annotated[tuple[Text, ...], Field(min_length=1, max_length=5)]]
    category: Category
    media: Media
    compatibility: Compatibility
    pricing: Pricing
    support: Support
    legal: Legal
    distribution_type: Literal["PRIVATE", "PUBLIC"] = "PRIVATE"

    def locales(self) -> list[str]:
        return sorted(self.name)

    def localized(self) -> list[tuple[tuple[str | int, ...], set[str]]]:
        """Every localized map, by JSON path, with the locales it has."""
        found: list[tuple[tuple[str | int, ...], set[str]]] = [
            (("description",), set(self.description)),
            (("benefits",), set(self.benefits)),
            (("compatibility", "products"), set(self.compatibility.products)),
            (("support", "url"), set(self.support.url)),
        ]
        if self.support.documentation:
            found.append((("support", "documentation"), set(self.support.documentation)))
        for index, tier in enumerate(self.pricing.subscription_tiers):
            found.append((("pricing", "subscriptionTiers", index, "content"), set(tier.content)))
        return found

    def media_files(self) -> list[tuple[str, str]]:
        """(JSON path, file) of every media file, icons first."""
        files = [("media.icons.light", self.media.icons.light)]
        files.append(("media.icons.dark", self.media.icons.dark))
        files += [(f"media.screenshots[{i}]", f) for i, f in enumerate(self.media.screenshots)]
        return files

    def urls(self) -> list[tuple[str, str]]:
        urls = [
            ("legal.privacyPolicy", self.legal.privacy_policy),
            ("legal.termsOfUse", self.legal.terms_of_use),
            ("legal.gdpr.request", self.legal.gdpr.request),
            ("legal.gdpr.delete", self.legal.gdpr.delete),
        ]
        urls += [(f"support.url.{k}", v) for k, v in sorted(self.support.url.items())]
        docs = sorted(self.support.documentation.items())
        return urls + [(f"support.documentation.{k}", v) for k, v in docs]
