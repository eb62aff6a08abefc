"""PNG, JPEG, GIF and WebP: checked with Pillow once, converted where an output cannot hold them.

- The header's size is checked against the limit first (raster_header.py), then Pillow opens the
  file restricted to the format its first bytes show, checks the size again and decodes the first
  frame completely: a file that ends too soon or whose data cannot be decoded is refused, never
  padded with grey (WeasyPrint tells Pillow to pad truncated files; the check does not).
- The size every output gives the picture is its natural size: the pixel grid turned as its EXIF
  orientation says, at the resolution the file declares when that is 96 dpi or more, otherwise
  at 96 pixels to the inch (the CSS pixel, which browsers and WeasyPrint use).
"""

from __future__ import annotations

import io
import re
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from .findings import Refused
from .kinds import NAMES
from .limits import Limits
from .raster_header import declared_size

PILLOW_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF", "webp": "WEBP"}
CSS_DPI = 96.0
ORIENTATION_TAG = 0x0112
# EXIF orientations 5 to 8 turn the picture a quarter: its width and height swap.
_QUARTER_TURNS = {5, 6, 7, 8}

T = TypeVar("T")

REDO = "Open it in a picture editor and save it again, or copy it again from where it came from."


@dataclass(frozen=True)
class RasterFacts:
    """What the decoder found: the stored pixel grid and how the picture is to be shown."""

    stored: tuple[int, int]  # width and height as stored, before the EXIF orientation
    orientation: int  # EXIF orientation, 1 when the picture is shown as stored
    dpi: float  # the resolution the natural size uses
    mode: str  # Pillow's colour mode of the first frame (RGB, RGBA, P, L, CMYK, …)
    frames: int
    lossless: bool  # PNG, GIF, lossless WebP: a conversion to PNG loses nothing

    @property
    def pixels(self) -> tuple[int, int]:
        """Width and height as shown."""
        width, height = self.stored
        return (height, width) if self.orientation in _QUARTER_TURNS else (width, height)


_strict = threading.Lock()


@contextmanager
def strict_decoding() -> Iterator[None]:
    """Truncated files raise while the check decodes (WeasyPrint sets the opposite globally)."""
    from PIL import ImageFile

    with _strict:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def inspect(data: bytes, kind: str, limits: Limits) -> RasterFacts:
    """Check a raster picture completely; raise Refused with what is wrong."""
    header = declared_size(data, kind)
    if header is not None:
        _check_pixels(header, limits)
    with strict_decoding(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow's own bomb warning: the limit here is stricter
        if kind == "png":
            with _open(data, kind) as image:
                _check_pixels(image.size, limits)
                _decode(kind, image.verify)  # every chunk's checksum; leaves the image unusable
        with _open(data, kind) as image:
            _check_pixels(image.size, limits)
            _decode(kind, image.load)
            orientation = _decode(kind, lambda: image.getexif().get(ORIENTATION_TAG, 1))
            return RasterFacts(
                stored=image.size,
                orientation=orientation if orientation in range(1, 9) else 1,
                dpi=_dpi(image.info.get("dpi")),
                mode=image.mode,
                frames=_decode(kind, lambda: getattr(image, "n_frames", 1)),
                lossless=kind in ("png", "gif") or (kind == "webp" and _lossless_webp(data)),
            )


def _open(data: bytes, kind: str):  # -> PIL.Image.Image
    from PIL import Image

    try:
        return Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[kind]])
    except Image.DecompressionBombError as error:
        raise _too_many_pixels_in_words(str(error)) from None
    except Exception as error:  # any decoder error on hostile bytes is a damaged file
        raise _damaged(kind, error) from None


def _decode(kind: str, step: Callable[[], T]) -> T:
    try:
        return step()
    except Exception as error:  # Pillow raises many kinds of error on damaged data
        raise _damaged(kind, error) from None


def _check_pixels(size: tuple[int, int], limits: Limits) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise Refused(
            f"has no pixels (it says it is {width} × {height} pixels).",
            REDO,
        )
    if width * height > limits.max_pixels:
        raise Refused(
            f"is {width:,} × {height:,} pixels ({_millions(width * height)} million), more than "
            f"the {_millions(limits.max_pixels)} million pixels allowed.",
            "Save it smaller: 2,000 pixels across is enough for a full page at print quality.",
        )


def _too_many_pixels_in_words(detail: str) -> Refused:
    return Refused(
        f"has far too many pixels to open safely ({detail.rstrip('.')}).",
        "Save it smaller: 2,000 pixels across is enough for a full page at print quality.",
    )


def _millions(pixels: int) -> str:
    value = pixels / 1_000_000
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def _damaged(kind: str, error: Exception) -> Refused:
    # Without Python's names of objects (an address differs on every run).
    detail = re.sub(r"\s*<[^<>]* at 0x[0-9a-fA-F]+>", "", str(error)).strip()
    detail = detail or type(error).__name__
    if isinstance(error, EOFError) or any(
        words in detail.lower() for words in ("truncated", "end of file")
    ):
        reason = "the file ends before the picture does (it may not have been copied completely)"
    else:
        reason = f"its {NAMES[kind]} data cannot be decoded ({detail[:120]})"
    return Refused(f"is damaged: {reason}.", REDO)


def _dpi(declared: object) -> float:
    """The declared horizontal resolution when it is a sensible print resolution, else 96."""
    try:
        dpi = float(declared[0])  # type: ignore[index]
    except (TypeError, ValueError, IndexError):
        return CSS_DPI
    dpi = round(dpi) if abs(dpi - round(dpi)) < 0.01 else dpi  # PNG stores pixels per metre
    return dpi if CSS_DPI <= dpi <= 2400 else CSS_DPI


def _lossless_webp(data: bytes) -> bool:
    """A lossless WebP holds a VP8L bitstream; a lossy one a VP8 bitstream."""
    return b"VP8L" in data[12:4096] and b"VP8 " not in data[12:4096]


# ---- conversions ---------------------------------------------------------------------------


def converted(data: bytes, kind: str, facts: RasterFacts, to: str) -> bytes:
    """The first frame, turned upright, as PNG or JPEG: for outputs that cannot hold the original
    (WebP in Word, CMYK in a PDF/A file) or that would ignore its orientation (Word)."""
    from PIL import Image, ImageOps

    with strict_decoding(), Image.open(io.BytesIO(data), formats=[PILLOW_FORMATS[kind]]) as image:
        upright = ImageOps.exif_transpose(image) if facts.orientation != 1 else image
        out = io.BytesIO()
        if to == "jpeg":
            rgb = upright if upright.mode in ("RGB", "L") else upright.convert("RGB")
            rgb.save(out, "JPEG", quality=92, dpi=(facts.dpi, facts.dpi))
        else:
            if upright.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I;16"):
                upright = upright.convert("RGBA" if "A" in upright.mode else "RGB")
            upright.save(out, "PNG", dpi=(facts.dpi, facts.dpi))
        return out.getvalue()
