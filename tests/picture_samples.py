"""Picture files made in the tests: every format, good and bad, from a few bytes each."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

SOURCE = "content/toolkit.md"
LINE = 7


def raster(kind: str, size: tuple[int, int] = (40, 20), mode: str = "RGB", **options) -> bytes:
    """A small picture: a red left half and a blue right half (half transparent in RGBA), so
    orientation and transparency can be seen."""
    image = Image.new("RGBA", size, (0, 0, 255, 128 if mode == "RGBA" else 255))
    image.paste(Image.new("RGBA", (size[0] // 2, size[1]), "#ff0000"), (0, 0))
    if mode != "RGBA":
        image = image.convert("RGB").convert(mode)
    out = io.BytesIO()
    image.save(out, {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}[kind], **options)
    return out.getvalue()


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def huge_png(width: int = 30_000, height: int = 30_000) -> bytes:
    """A real 1-bit PNG of width × height black pixels: a few hundred kilobytes, gigabytes once
    a decoder expands it to RGB."""
    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    rows = row * 1000
    body = b"".join(compressor.compress(rows) for _ in range(height // 1000))
    body += compressor.compress(row * (height % 1000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", body)
        + png_chunk(b"IEND", b"")
    )


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


SVG_LOGO = """<svg xmlns="http://www.w3.org/2000/svg" width="40mm" height="20mm"
  viewBox="0 0 80 40">
  <rect x="0" y="0" width="80" height="40" fill="#6b2c91"/>
  <circle cx="40" cy="20" r="10" fill="#ffffff"/>
</svg>
"""


def svg(body: str, attributes: str = 'width="100" height="50"', head: str = "") -> str:
    """An SVG document around `body`."""
    return (
        f'{head}<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" {attributes}>{body}</svg>'
    )
