"""JTL's manifest rules, each with a failing manifest and the line and words it gets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jtlapp.manifest import ManifestInvalidError, manifest_load, manifest_parse

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.json"


def broken(change) -> str:
    data = json.loads(MANIFEST.read_text())
    change(data)
    return json.dumps(data, indent=2)


def problems_of(text: str) -> list[str]:
    with pytest.raises(ManifestInvalidError) as invalid:
        manifest_parse(text=text)
    return [str(problem) for problem in invalid.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_projects_manifest_is_valid():
    manifest = manifest_load(path=MANIFEST)

    assert manifest.technical_name
    assert "customers.read" in manifest.capabilities.erp.api.scopes


def set_path(data, path, value):
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


@pytest.mark.parametrize(
    ("path", "value", "needle", "words"),
    [
        (("technicalName",), "x" * 101, '"technicalName"', "at most 100 characters"),
        (("version",), "1.0.0-beta", '"version"', "digits-only semantic versions"),
        (("version",), "1.0", '"version"', "not a plain version like 1.2.3"),
        (("version",), "01.0.0", '"version"', "leading zeros"),
        (
            ("lifecycle", "configurationUrl"),
            "https://app.example.com/{metadata.shop}/setup",
            '"configurationUrl"',
            "never fills it in",
        ),
        (("lifecycle", "connectUrl"), "ftp://example.com/x", '"connectUrl"', "http:// or https://"),
        (
            ("lifecycle", "disconnectUrl"),
            "https://exa mple.com/x",
            '"disconnectUrl"',
            "without spaces",
        ),
        (
            ("capabilities", "erp", "api", "scopes"),
            ["customers.read", "items.read", "salesorders.read", "orders.readall"],
            '"orders.readall"',
            "not a scope JTL documents",
        ),
        (
            ("capabilities", "erp", "pane", 0, "context"),
            "items",
            '"items"',
            "must be one of 'customers' or 'salesorders'",
        ),
        (("capabilities", "erp", "bogus"), True, '"bogus"', "JTL rejects unknown fields"),
    ],
)
def test_each_rule_names_the_line_and_what_to_change(path, value, needle, words):
    text = broken(lambda data: set_path(data, path, value))

    problems = problems_of(text)

    assert len(problems) == 1
    assert words in problems[0]
    assert problems[0].startswith(f"line {line_of(text, needle)}:")


def test_a_missing_required_field_points_at_the_enclosing_object():
    text = broken(lambda data: data.pop("version"))

    assert problems_of(text) == ["line 1: version: is required"]


def test_duplicate_pane_ids_are_refused():
    def twice(data):
        data["capabilities"]["erp"]["pane"][1]["id"] = data["capabilities"]["erp"]["pane"][0]["id"]

    (problem,) = problems_of(broken(twice))

    assert "pane id 'customer-insights' is used twice" in problem


def test_duplicate_menu_ids_are_refused():
    def twice(data):
        items = data["capabilities"]["erp"]["menuItems"]
        items.append(dict(items[0]))

    (problem,) = problems_of(broken(twice))

    assert "menu item id 'dashboard' is used twice" in problem


def test_a_pane_scope_not_declared_for_the_api_is_refused():
    def undeclared(data):
        data["capabilities"]["erp"]["pane"][0]["requiredScopes"].append("customers.write")

    (problem,) = problems_of(broken(undeclared))

    assert "requires customers.write" in problem
    assert "does not declare" in problem


def test_json_syntax_errors_give_their_line():
    text = MANIFEST.read_text().replace('"version": "0.1.0",', '"version": "0.1.0"', 1)

    (problem,) = problems_of(text)

    assert problem.startswith("line 3: manifest: not JSON")
