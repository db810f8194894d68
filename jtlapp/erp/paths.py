"""Which paths a page may ask the gateway for (security.md cases 53-63).

The gateway appends a page's path to ``{JTL_API_BASE_URL}/erp/``. Anything that could move the
request elsewhere on JTL's host (traversal, encoded separators, double encoding) or to another
host (authority tricks, control characters) is refused before any upstream call. The path is
decoded exactly once: a ``%`` left after decoding means the client encoded twice.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from jtlapp.errors import ApplicationError

MAX_PATH_LENGTH = 1024
_ENCODED_FORBIDDEN = re.compile(r"%(2f|5c|25|00|3b)", re.IGNORECASE)
_BAD_PERCENT = re.compile(r"%(?![0-9a-fA-F]{2})")
_SEGMENT = re.compile(r"^[A-Za-z0-9\-._~$!'()*+,=]+$")
"""RFC 3986 segment characters without ``;``: many servers (Tomcat, Spring, some proxies) cut a
segment at ``;`` as a path parameter, so ``..;`` would act as ``..`` and ``1;x`` as ``1``."""


class ErpPathError(ApplicationError):
    code = "invalid_path"


def _refuse(reason: str) -> ErpPathError:
    return ErpPathError(f"This ERP path is not allowed: {reason}.", extra={"reason": reason})


def _raw_check(raw_path: str) -> None:
    if len(raw_path) > MAX_PATH_LENGTH:
        raise _refuse(f"longer than {MAX_PATH_LENGTH} characters")
    if _ENCODED_FORBIDDEN.search(raw_path):
        raise _refuse("encoded slash, backslash, percent, semicolon or NUL")
    if _BAD_PERCENT.search(raw_path):
        raise _refuse("malformed percent-encoding")


def _decoded_check(path: str) -> None:
    if not path:
        raise _refuse("empty path")
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in path):
        raise _refuse("control characters")
    if "\\" in path:
        raise _refuse("backslash")
    if path.startswith("/") or "//" in path:
        raise _refuse("empty segment or absolute path")
    for segment in path.split("/"):
        if segment in (".", ".."):
            raise _refuse("dot segment")
        if "%" in segment:
            raise _refuse("encoded twice")
        if ";" in segment:
            raise _refuse("path parameter (';')")
        if not _SEGMENT.match(segment):
            raise _refuse("characters outside a path segment (authority, query or fragment)")


def erp_path_validate(*, raw_path: str, decoded_path: str) -> str:
    """The path to forward, or ``ErpPathError`` (400).

    ``raw_path`` is what the client sent (still percent-encoded) when the server tells us
    (gunicorn's ``RAW_URI``); ``decoded_path`` is the server's single decoding. Both must
    agree, so a server that decodes differently cannot smuggle a separator past the checks.
    """
    _raw_check(raw_path)
    path = decoded_path
    if len(path) > MAX_PATH_LENGTH:
        raise _refuse(f"longer than {MAX_PATH_LENGTH} characters")
    _decoded_check(path)
    if unquote(raw_path) != path:
        raise _refuse("the path was decoded inconsistently")
    return path
