"""Production static files: hashed names (module imports too), compressed, cached for good."""

import json
import re
from pathlib import Path

from django.core.management import call_command
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "panes.staticfiles.PanesStaticFilesStorage"},
}


def collected(settings, tmp_path: Path) -> dict[str, str]:
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = STORAGE
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", "--noinput", "-v", "0")
    manifest = (tmp_path / "staticfiles.json").read_text()
    return dict(json.loads(manifest)["paths"])


def test_every_page_module_imports_its_siblings_by_hashed_name(settings, tmp_path):
    paths = collected(settings, tmp_path)

    hashed = paths["panes/customer.js"]
    assert re.fullmatch(r"panes/customer\.[0-9a-f]{12}\.js", hashed)
    source = (tmp_path / hashed).read_text()
    imported = re.findall(r'from "\./([^"]+)"', source)
    assert imported, source[:200]
    assert all(re.fullmatch(r"\w+\.[0-9a-f]{12}\.js", name) for name in imported), imported
    assert (tmp_path / f"{hashed}.gz").exists()


def test_hashed_files_are_served_compressed_and_cached_for_a_year_at_least(settings, tmp_path):
    paths = collected(settings, tmp_path)
    middleware = WhiteNoiseMiddleware(get_response=lambda request: None)
    url = f"/static/{paths['panes/panes.css']}"

    response = middleware(RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip"))

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
    assert max_age >= 365 * 24 * 3600
    assert "immutable" in response["Cache-Control"]
