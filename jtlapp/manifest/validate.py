"""Parse ``manifest.json`` text into a ``Manifest`` or into plain, line-precise problems."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pydantic import ValidationError

from jtlapp.manifest.locate import json_line_of, json_value_lines
from jtlapp.manifest.models import Manifest


@dataclass(frozen=True, kw_only=True)
class ManifestProblem:
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.where or 'manifest'}: {self.message}"


class ManifestInvalidError(ValueError):
    """The manifest breaks a JTL rule; ``problems`` says where and why, one per rule."""

    def __init__(self, problems: list[ManifestProblem], *, source: str = "manifest.json") -> None:
        self.problems = problems
        listing = "\n".join(f"  {problem}" for problem in problems)
        super().__init__(f"{source} is not a valid JTL app manifest:\n{listing}")


def _where(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _message(error: dict[str, object]) -> str:
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        return "is not a field of JTL's manifest (JTL rejects unknown fields)"
    if error["type"] == "missing":
        return "is required"
    if error["type"] == "literal_error":
        context = error.get("ctx")
        expected = context.get("expected", "") if isinstance(context, dict) else ""
        return f"must be one of {expected} (the values JTL documents)"
    return message


def manifest_parse(*, text: str, source: str = "manifest.json") -> Manifest:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = ManifestProblem(line=exc.lineno, where="", message=f"not JSON: {exc.msg}")
        raise ManifestInvalidError([problem], source=source) from None
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        lines = json_value_lines(text)
        problems = [
            ManifestProblem(
                line=json_line_of(lines, tuple(error["loc"])),
                where=_where(tuple(error["loc"])),
                message=_message(dict(error)),
            )
            for error in exc.errors()
        ]
        raise ManifestInvalidError(problems, source=source) from None
