"""JTL environment profiles: which JTL hosts belong together.

Mixing hosts of two environments (a dev issuer with the prod API) fails in confusing ways, so
one setting picks all of them. Sources: shared/jtl/platform.md §1 (prod hosts confirmed;
dev/qa issuers are not published by JTL and are the most plausible names).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class JtlProfile:
    """Hosts of one JTL environment; ``{sandbox_port}`` stands for ``JTL_SANDBOX_PORT``."""

    name: str
    issuer: str
    api_base_url: str
    frame_ancestors: tuple[str, ...]
    legacy_token_url: str
    is_local: bool = False


def _hosted(env: str, *, erp_extra: tuple[str, ...] = ()) -> JtlProfile:
    dot = f".{env}" if env != "prod" else ""
    return JtlProfile(
        name=env,
        issuer=f"https://id{dot}.jtl-cloud.com",
        api_base_url=f"https://api{dot}.jtl-cloud.com",
        frame_ancestors=(
            f"https://erp{dot}.jtl-cloud.com",
            f"https://hub{dot}.jtl-cloud.com",
            *erp_extra,
        ),
        legacy_token_url=f"https://auth{dot}.jtl-cloud.com/oauth2/token",
    )


JTL_PROFILES: dict[str, JtlProfile] = {
    "sandbox": JtlProfile(
        name="sandbox",
        issuer="http://localhost:{sandbox_port}",
        api_base_url="http://localhost:{sandbox_port}",
        frame_ancestors=("http://localhost:{sandbox_port}",),
        legacy_token_url="http://localhost:{sandbox_port}/oauth2/token",  # noqa: S106 - a URL
        is_local=True,
    ),
    "dev": _hosted("dev", erp_extra=("https://*.pr.erp.dev.jtl-cloud.com",)),
    "qa": _hosted("qa"),
    "prod": _hosted("prod"),
}
