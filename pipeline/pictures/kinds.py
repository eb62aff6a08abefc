"""What a file really is, from its first bytes, and what its name says it is.

The content decides, never the name alone: a JPEG named .png, a web page saved as "logo.svg" or
an iPhone photo (HEIC) renamed .jpg is named for what it really is in the message.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

# The formats every output can hold (after conversion where one cannot).
USABLE = ("png", "jpeg", "gif", "webp", "svg")

# What each format is called in messages ("… is really a JPEG file").
DESCRIPTIONS = {
    "png": "a PNG file",
    "jpeg": "a JPEG file",
    "gif": "a GIF file",
    "webp": "a WebP file",
    "svg": "an SVG file",
    "bmp": "a BMP file",
    "tiff": "a TIFF file",
    "ico": "a Windows icon (ICO) file",
    "psd": "a Photoshop (PSD) file",
    "pdf": "a PDF document",
    "eps": "a PostScript (EPS) file",
    "heic": "an HEIC file (the format of iPhone photos)",
    "avif": "an AVIF file",
    "jxl": "a JPEG XL file",
    "svgz": "a compressed SVG (SVGZ) file",
    "zip": "a ZIP archive (such as a Word or PowerPoint file)",
    "html": "a web page (HTML)",
    "xml": "an XML document that is not a picture",
}

NAMES = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WebP", "svg": "SVG"}

MIME_TYPES = {
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
    "svg": "image/svg+xml",
}

EXTENSIONS = {
    ".png": "png",
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".jpe": "jpeg",
    ".jfif": "jpeg",
    ".gif": "gif",
    ".webp": "webp",
    ".svg": "svg",
}

# The usual extension of each usable format, for "rename it to logo.png".
USUAL_EXTENSION = {"png": ".png", "jpeg": ".jpg", "gif": ".gif", "webp": ".webp", "svg": ".svg"}

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"8BPS", "psd"),
    (b"%PDF", "pdf"),
    (b"%!PS", "eps"),
    (b"\xc5\xd0\xd3\xc6", "eps"),
    (b"\xff\x0a", "jxl"),
    (b"\x00\x00\x00\x0cJXL ", "jxl"),
    (b"\x1f\x8b", "svgz"),
    (b"PK\x03\x04", "zip"),
)

_ISO_BRANDS = {b"heic": "heic", b"heix": "heic", b"hevc": "heic", b"mif1": "heic", b"avif": "avif"}


def sniff(data: bytes) -> str | None:
    """The format the bytes are in (a key of NAMES), or None if they are no format known here."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] == b"ftyp":
        return _ISO_BRANDS.get(data[8:12])
    return _sniff_markup(data)


# What may come before an XML document's first element: a declaration, comments, a DOCTYPE.
_MARKUP_START = re.compile(
    r"\A(?:\s|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*<", re.S
)
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def markup_text(data: bytes) -> str:
    """The bytes of an XML file as text, by its byte order mark (UTF-8 without one)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    return data.decode("utf-8", errors="replace")


def _sniff_markup(data: bytes) -> str | None:
    text = markup_text(data[:65536])
    start = _MARKUP_START.match(text)
    if not start:
        return None
    rest = text[start.end() :]
    if re.match(r"(?:[\w.-]+:)?svg[\s>/]", rest):
        return "svg"
    if re.match(r"(?i)html[\s>]", rest) or re.search(r"(?i)<!DOCTYPE\s+html", text[: start.end()]):
        return "html"
    return "xml"


def kind_of_name(shown_as: str) -> str | None:
    """The usable format a file name promises by its extension, or None."""
    return EXTENSIONS.get(PurePosixPath(shown_as).suffix.lower())


def described(kind: str | None) -> str:
    """'a JPEG file', 'an HEIC file (…)', for messages."""
    return DESCRIPTIONS[kind] if kind else "not in any picture format the toolkit knows"
