"""``jtl manifest --base-url``: rebased, https outside localhost, validated."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jtlapp.manifest import manifest_parse, manifest_path
from jtlapp.manifest.render import ManifestBaseUrlError, manifest_render


def test_every_url_moves_to_the_deployment_and_the_result_is_valid():
    text = manifest_render(
        manifest_text=manifest_path().read_text(), base_url="https://app.example.com/jtl/"
    )

    manifest = manifest_parse(text=text)
    urls = [url for _, url in manifest.urls()]
    assert urls
    assert all(url.startswith("https://app.example.com/jtl/") for url in urls)
    assert manifest.lifecycle.configuration_url == "https://app.example.com/jtl/panes/setup"


@pytest.mark.parametrize(
    ("base_url", "words"),
    [
        ("http://app.example.com", "must use https"),
        ("app.example.com", "is not an http"),
        ("https://app.example.com/?x=1", "query or fragment"),
    ],
)
def test_unusable_base_urls_are_refused(base_url, words):
    with pytest.raises(ManifestBaseUrlError, match=words):
        manifest_render(manifest_text=manifest_path().read_text(), base_url=base_url)


def test_local_development_may_stay_on_http():
    text = manifest_render(
        manifest_text=manifest_path().read_text(), base_url="http://127.0.0.1:9000"
    )

    assert "http://127.0.0.1:9000/panes/setup" in text


def test_the_command_prints_json_ready_for_the_portal():
    out = StringIO()

    call_command("jtl", "manifest", "--base-url", "https://app.example.com", stdout=out)

    assert json.loads(out.getvalue())["lifecycle"]["connectUrl"] == (
        "https://app.example.com/lifecycle/connect"
    )


def test_the_command_writes_a_file(tmp_path):
    target = tmp_path / "app.json"
    out = StringIO()

    call_command(
        "jtl",
        "manifest",
        "--base-url",
        "https://a.example.com",
        "--output",
        str(target),
        stdout=out,
    )

    assert manifest_parse(text=target.read_text()).version
    assert "wrote" in out.getvalue()


def test_the_command_lists_problems_of_a_broken_manifest(tmp_path):
    source = tmp_path / "manifest.json"
    source.write_text(manifest_path().read_text().replace('"0.1.0"', '"v1"'))
    out = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "jtl",
            "manifest",
            "--base-url",
            "https://a.example.com",
            "--manifest",
            str(source),
            stdout=out,
        )

    assert "line 2: version: 'v1' is not a plain version" in out.getvalue()
