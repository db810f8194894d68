"""Pixel sizes of PNG and JPEG files, read from their headers (no image library needed)."""

from __future__ import annotations

import struct
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})


class MediaUnreadableError(ValueError):
    pass


def image_size(path: Path) -> tuple[int, int]:
    """(width, height) of a PNG or JPEG; ``MediaUnreadableError`` for anything else."""
    data = path.read_bytes()
    if data.startswith(PNG_SIGNATURE) and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    raise MediaUnreadableError(f"{path.name} is neither PNG nor JPEG")


def _jpeg_size(data: bytes) -> tuple[int, int]:
    index = 2
    while index + 9 < len(data):
        if data[index] != 0xFF:
            raise MediaUnreadableError("broken JPEG marker")
        marker = data[index + 1]
        length = int.from_bytes(data[index + 2 : index + 4], "big")
        if marker in JPEG_SOF:
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return int(width), int(height)
        index += 2 + length
    raise MediaUnreadableError("JPEG without a frame header")
