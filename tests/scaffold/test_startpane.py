"""``jtl startpane`` in a temporary copy of the checkout: green at once, refusals change nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.conftest import REPO

SKIP = shutil.ignore_patterns(
    ".git", ".venv", ".run", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"
)
BIN = Path(sys.executable).parent


@pytest.fixture
def checkout(tmp_path) -> Path:
    copy = tmp_path / "checkout"
    shutil.copytree(REPO, copy, ignore=SKIP)
    shutil.rmtree(copy / "panes" / "partners", ignore_errors=True)
    shutil.rmtree(copy / "tests" / "partners", ignore_errors=True)
    return copy


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def startpane(*args: str) -> str:
    out = StringIO()
    call_command("jtl", "startpane", *args, stdout=out)
    return out.getvalue()


def run(root: Path, *command: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        command, cwd=root, env=env, capture_output=True, text=True, check=False, timeout=600
    )
    assert done.returncode == 0, f"{' '.join(command)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_a_new_pane_passes_check_lint_types_and_its_own_tests_at_once(checkout):
    env = {
        k: v for k, v in os.environ.items() if k not in ("JTL_SANDBOX_PORT", "JTL_TEST_APP_PORT")
    }
    if env.get("DATABASE_URL", "").startswith("postgres"):
        env["DATABASE_URL"] = env["DATABASE_URL"].rstrip("/").rsplit("/", 1)[0] + "/scaffold_copy"
    python = sys.executable

    run(
        checkout,
        python,
        "manage.py",
        "jtl",
        "startpane",
        "order-notes",
        "--context",
        "salesorders",
        env=env,
    )
    run(checkout, python, "manage.py", "check", "--fail-level", "WARNING", env=env)
    run(checkout, str(BIN / "ruff"), "check", "panes/partners", "tests/partners")
    run(checkout, str(BIN / "ruff"), "format", "--check", "panes/partners", "tests/partners")
    run(checkout, str(BIN / "mypy"), "panes/partners", "tests/partners", env=env)
    tests = run(
        checkout, python, "-m", "pytest", "tests/partners", "-q", "-p", "no:cacheprovider", env=env
    )

    assert "passed" in tests
    assert "failed" not in tests


def test_running_it_twice_is_refused_and_changes_nothing(checkout):
    startpane("customer-notes", "--into", str(checkout))
    before = snapshot(checkout)

    with pytest.raises(CommandError):
        startpane("customer-notes", "--into", str(checkout))

    assert snapshot(checkout) == before


@pytest.mark.parametrize("name", ["Customer_Notes", "1st", "notes--x", "a" * 41, "x y"])
def test_a_bad_name_is_refused_and_changes_nothing(checkout, name):
    before = snapshot(checkout)
    out = StringIO()

    with pytest.raises(CommandError):
        call_command("jtl", "startpane", name, "--into", str(checkout), stdout=out)

    assert "is not a pane name" in out.getvalue()
    assert snapshot(checkout) == before


def test_it_writes_only_into_the_given_checkout(checkout):
    ours = (REPO / "manifest.json").read_bytes()

    output = startpane("stock-notes", "--app", "acme", "--into", str(checkout))

    assert "created  panes/partners/acme/views_stock_notes.py" in output
    assert "updated  manifest.json (pane acme-stock-notes)" in output
    assert b"acme/stock-notes" in (checkout / "manifest.json").read_bytes()
    assert (REPO / "manifest.json").read_bytes() == ours
    assert not (REPO / "panes" / "partners" / "acme").exists()
