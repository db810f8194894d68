"""AGENTS.md stays true: the places it names exist, the commands it lists are ours."""

from __future__ import annotations

import re

from jtlapp.core.management.commands.jtl import SUBCOMMANDS
from tests.conftest import REPO

TEXT = (REPO / "AGENTS.md").read_text(encoding="utf-8")


def test_every_place_it_names_exists():
    places = re.findall(r"`((?:jtlapp|panes)/[\w./*-]*)`", TEXT)
    missing = [
        place for place in places if "<" not in place and not list(REPO.glob(place.rstrip("/")))
    ]

    assert places
    assert missing == []


def test_every_jtl_subcommand_is_listed():
    assert [name for name in SUBCOMMANDS if name not in TEXT] == []


def test_it_states_the_invariants():
    for invariant in (
        "tenant comes only from a verified token",
        "@erp_uses",
        "Scopes are declared in `manifest.json`",
        "One gateway to JTL",
        "No secrets in logs",
    ):
        assert invariant in TEXT
