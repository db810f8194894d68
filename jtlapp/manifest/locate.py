"""Line numbers of the values in a JSON document, so manifest errors can name the line.

``json`` gives positions only for syntax errors; a partner fixing a long manifest needs the
line of a wrong *value* too. This walks the text once with the stdlib scanner's own rules
(strings via ``json.decoder.scanstring``) and records where each value starts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from json import decoder

Path = tuple[str | int, ...]
_scanstring: Callable[[str, int], tuple[str, int]] = decoder.scanstring  # type: ignore[attr-defined]
_SPACE = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null")


class _Walker:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: dict[Path, int] = {}

    def line_of(self, index: int) -> int:
        return self.text.count("\n", 0, index) + 1

    def skip(self, index: int) -> int:
        match = _SPACE.match(self.text, index)
        return match.end() if match else index

    def value(self, index: int, path: Path) -> int:
        index = self.skip(index)
        self.lines[path] = self.line_of(index)
        char = self.text[index : index + 1]
        if char == "{":
            return self.members(index + 1, path)
        if char == "[":
            return self.items(index + 1, path)
        if char == '"':
            return _scanstring(self.text, index + 1)[1]
        match = _SCALAR.match(self.text, index)
        if match is None:
            raise ValueError(f"unexpected character at line {self.line_of(index)}")
        return match.end()

    def members(self, index: int, path: Path) -> int:
        index = self.skip(index)
        if self.text.startswith("}", index):
            return index + 1
        while True:
            index = self.skip(index)
            key, index = _scanstring(self.text, index + 1)
            index = self.skip(index) + 1  # the colon
            index = self.skip(self.value(index, (*path, key)))
            if self.text.startswith("}", index):
                return index + 1
            index += 1  # the comma

    def items(self, index: int, path: Path) -> int:
        index = self.skip(index)
        if self.text.startswith("]", index):
            return index + 1
        position = 0
        while True:
            index = self.skip(self.value(index, (*path, position)))
            position += 1
            if self.text.startswith("]", index):
                return index + 1
            index += 1


def json_value_lines(text: str) -> dict[Path, int]:
    """Path of every value (keys and list indices) -> its 1-based line; text must be valid JSON."""
    walker = _Walker(text)
    walker.value(0, ())
    return walker.lines


def json_line_of(lines: dict[Path, int], path: Path) -> int:
    """The line of ``path``, or of its nearest ancestor that exists (a missing key)."""
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)
