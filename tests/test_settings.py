"""Settings are read in a fresh interpreter each time: they are evaluated once per process."""

import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PRINT_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({k: getattr(settings, k) for k in "
    "['JTL_ISSUER', 'JTL_API_BASE_URL', 'JTL_FRAME_ANCESTORS', 'DEBUG', 'JTL_CLIENT_ID']}))"
)
PROD_SECRETS = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "JTL_APP_ID": "app",
    "JTL_CLIENT_ID": "client",
    "JTL_CLIENT_SECRET": "secret",
    "JTL_ENCRYPTION_KEYS": "c2FuZGJveC1vbmx5LWZlcm5ldC1rZXktMzItYnl0ZSE=",
}


def load(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "jtlapp.settings"}
    base["DJANGO_READ_DOT_ENV_FILE"] = "false"
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=REPO,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_unset_environment_is_prod_and_refuses_to_start_without_secrets():
    result = load({})

    assert result.returncode != 0
    assert "is required when JTL_ENVIRONMENT='prod'" in result.stderr


def test_an_unset_environment_with_secrets_is_prod_without_debug():
    result = load(PROD_SECRETS)

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert (loaded["JTL_ISSUER"], loaded["DEBUG"]) == ("https://id.jtl-cloud.com", False)


def test_the_local_tools_choose_the_sandbox():
    code = "import os, jtlapp.local; print(os.environ['JTL_ENVIRONMENT'])"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    assert result.stdout.strip() == "sandbox"


def test_sandbox_profile_needs_no_configuration():
    result = load({"JTL_ENVIRONMENT": "sandbox"})

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "JTL_ISSUER": "http://localhost:8001",
        "JTL_API_BASE_URL": "http://localhost:8001",
        "JTL_FRAME_ANCESTORS": ["http://localhost:8001"],
        "DEBUG": True,
        "JTL_CLIENT_ID": "sandbox-client",
    }


def test_prod_profile_supplies_coherent_jtl_hosts():
    result = load({"JTL_ENVIRONMENT": "prod", **PROD_SECRETS})

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["JTL_ISSUER"] == "https://id.jtl-cloud.com"
    assert loaded["JTL_API_BASE_URL"] == "https://api.jtl-cloud.com"
    assert loaded["JTL_FRAME_ANCESTORS"] == [
        "https://erp.jtl-cloud.com",
        "https://hub.jtl-cloud.com",
    ]
    assert loaded["DEBUG"] is False


def test_each_host_can_be_overridden_and_empty_values_mean_default():
    result = load(
        {
            "JTL_ENVIRONMENT": "qa",
            **PROD_SECRETS,
            "JTL_ISSUER": "https://issuer.example.com/",
            "JTL_API_BASE_URL": "",
        }
    )

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["JTL_ISSUER"] == "https://issuer.example.com"
    assert loaded["JTL_API_BASE_URL"] == "https://api.qa.jtl-cloud.com"


def test_a_missing_secret_outside_the_sandbox_fails_at_start_with_its_name():
    secrets = {k: v for k, v in PROD_SECRETS.items() if k != "JTL_CLIENT_SECRET"}

    result = load({"JTL_ENVIRONMENT": "prod", **secrets})

    assert result.returncode != 0
    expected = "JTL_CLIENT_SECRET is not set. It is required when JTL_ENVIRONMENT='prod'"
    assert expected in result.stderr


def test_an_unknown_profile_is_refused():
    result = load({"JTL_ENVIRONMENT": "staging"})

    assert result.returncode != 0
    assert "JTL_ENVIRONMENT='staging' is not one of: sandbox, dev, qa, prod." in result.stderr


def test_every_setting_read_from_the_environment_is_documented():
    source = (REPO / "jtlapp/settings.py").read_text()
    names = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', source))
    names |= set(re.findall(r'_secret\(\s*"([A-Z_]+)"', source))
    names.discard("DJANGO_READ_DOT_ENV_FILE")
    example = (REPO / ".env.example").read_text()
    readme = (REPO / "README.md").read_text()

    assert sorted(n for n in names if f"\n{n}=" not in example) == []
    assert sorted(n for n in names if f"`{n}`" not in readme) == []
