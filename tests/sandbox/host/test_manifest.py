"""The shell's view of the manifest, and the ``jtl sandbox --app-url`` rebasing."""

from __future__ import annotations

import argparse

from jtlapp.core.cli.sandbox import add_arguments, sandbox_config_from_settings
from jtlapp.sandbox.config import SandboxConfig
from jtlapp.sandbox.host.manifest import (
    MenuItem,
    host_app_from_config,
    manifest_rebase,
    url_rebase,
)
from tests.sandbox.conftest import CLIENT
from tests.sandbox.host.conftest import PROJECT_MANIFEST


def test_url_rebase_keeps_path_query_and_fragment():
    rebased = url_rebase(url="http://localhost:8000/a/b?c=1#d", base_url="https://x.test:9/ignored")

    assert rebased == "https://x.test:9/a/b?c=1#d"


def test_manifest_rebase_moves_every_url_and_leaves_other_values():
    manifest = {"a": ["http://h:1/x", {"b": "https://h/y"}], "c": "text", "d": 3}

    assert manifest_rebase(manifest=manifest, base_url="http://n:2") == {
        "a": ["http://n:2/x", {"b": "http://n:2/y"}],
        "c": "text",
        "d": 3,
    }
    assert manifest_rebase(manifest=manifest, base_url=None) is manifest


def test_host_app_flattens_menu_trees_and_accepts_the_old_setup_url_name():
    manifest = {
        "lifecycle": {"setupUrl": "http://h/setup"},
        "capabilities": {
            "erp": {
                "menuItems": [
                    {
                        "id": "group",
                        "name": "Group",
                        "children": [{"id": "leaf", "name": "Leaf", "url": "http://h/leaf"}],
                    }
                ]
            }
        },
    }
    config = SandboxConfig(base_url="http://s", clients=(CLIENT,), manifest=manifest)

    app = host_app_from_config(config=config)

    assert app is not None
    assert app.configuration_url == "http://h/setup"
    assert app.menu_items == (MenuItem(id="leaf", name="Leaf", url="http://h/leaf"),)
    assert app.panes == ()
    assert app.frame_origins() == ("http://h",)


def test_config_from_settings_passes_the_manifest_and_rebases_redirect_uris():
    config = sandbox_config_from_settings(
        base_url="http://localhost:8001",
        token_lifetime=3600,
        app_token_lifetime=300,
        app_base_url="http://127.0.0.1:8123",
    )

    assert config.manifest == PROJECT_MANIFEST
    assert config.app_base_url == "http://127.0.0.1:8123"
    assert config.clients[0].redirect_uris == ("http://127.0.0.1:8123/panes/hub/callback",)
    app = host_app_from_config(config=config)
    assert app is not None
    assert app.connect_url == "http://127.0.0.1:8123/lifecycle/connect"


def test_config_from_settings_keeps_manifest_urls_by_default():
    config = sandbox_config_from_settings(
        base_url="http://localhost:8001", token_lifetime=3600, app_token_lifetime=300
    )

    app = host_app_from_config(config=config)
    assert config.app_base_url is None
    assert app is not None
    assert app.connect_url == PROJECT_MANIFEST["lifecycle"]["connectUrl"]


def test_sandbox_command_accepts_app_url():
    parser = argparse.ArgumentParser()
    add_arguments(parser)

    assert parser.parse_args(["--app-url", "http://localhost:8002"]).app_url == (
        "http://localhost:8002"
    )
    assert parser.parse_args([]).app_url is None
