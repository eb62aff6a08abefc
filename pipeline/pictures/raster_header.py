"""A raster picture's width and height, read from its header before any decoder runs.

So a picture that would need gigabytes once decoded (a "decompression bomb") is refused from a
few bytes, whatever the decoder would have done with it. Pillow then checks the same size again.
"""

from __future__ import annotations

import struct


def declared_size(data: bytes, kind: str) -> tuple[int, int] | None:
    """(width, height) as the header declares it, or None if the header cannot be read."""
    try:
        if kind == "png":
            return _png(data)
        if kind == "gif":
            return struct.unpack("<HH", data[6:10]) if len(data) >= 10 else None
        if kind == "webp":
            return _webp(data)
        if kind == "jpeg":
            return _jpeg(data)
    except struct.error:
        return None
    return None


def _png(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _webp(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    return None


# Start-of-frame markers: baseline, extended, progressive, lossless and arithmetic variants.
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _SOF:
            if at + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        if length < 2:
            return None
        at += 2 + length
    return None
