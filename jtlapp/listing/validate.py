"""Parse the listing into a ``Listing`` or into plain, line-precise problems (as the manifest)."""

from __future__ import annotations

import json

from pydantic import ValidationError

from jtlapp.listing.models import LOCALE, Listing
from jtlapp.manifest.locate import json_line_of, json_value_lines
from jtlapp.manifest.validate import ManifestProblem, _message, _where

ListingProblem = ManifestProblem


class ListingInvalidError(ValueError):
    """The listing breaks a JTL rule; ``problems`` says where and why, one per rule."""

    def __init__(self, problems: list[ListingProblem], *, source: str) -> None:
        self.problems = problems
        listing = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{source} is not a valid JTL listing:\n{listing}")


def _locale_problems(listing: Listing) -> list[tuple[tuple[str | int, ...], str]]:
    """Every locale of ``name`` everywhere, ``defaultLocale`` among them, well-formed keys."""
    locales = set(listing.name)
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if listing.default_locale not in locales or listing.default_locale not in listing.description:
        problems.append(
            (
                ("defaultLocale",),
                f"{listing.default_locale!r} must be a locale of name and description",
            )
        )
    problems += [
        (("name", key), "is not a locale like de or de-DE")
        for key in sorted(locales)
        if not LOCALE.match(key)
    ]
    for path, present in listing.localized():
        for missing in sorted(locales - present):
            problems.append(
                (path, f"has no {missing!r} text; every locale of name must be complete")
            )
        for extra in sorted(present - locales):
            problems.append(((*path, extra), f"{extra!r} is not a locale of name"))
    return problems


def listing_parse(*, text: str, source: str = "listing.json") -> Listing:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = ListingProblem(line=exc.lineno, where="", message=f"not JSON: {exc.msg}")
        raise ListingInvalidError([problem], source=source) from None
    lines = json_value_lines(text)
    try:
        listing = Listing.model_validate(data)
    except ValidationError as exc:
        problems = [
            ListingProblem(
                line=json_line_of(lines, tuple(error["loc"])),
                where=_where(tuple(error["loc"])),
                message=_message(dict(error)),
            )
            for error in exc.errors()
        ]
        raise ListingInvalidError(problems, source=source) from None
    locale_problems = _locale_problems(listing)
    if locale_problems:
        raise ListingInvalidError(
            [
                ListingProblem(line=json_line_of(lines, path), where=_where(path), message=message)
                for path, message in locale_problems
            ],
            source=source,
        )
    return listing
