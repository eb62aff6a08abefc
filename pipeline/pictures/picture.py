"""A picture read and checked once, and what each output gets from it.

- PDF (WeasyPrint 70): SVG as the sanitised SVG, which WeasyPrint draws as vectors; PNG, JPEG,
  GIF and WebP as they are (WeasyPrint decodes WebP with Pillow and writes its pixels; checked),
  except a CMYK JPEG, which becomes an RGB JPEG: PDF/A-2a with the toolkit's sRGB output intent
  allows no DeviceCMYK image. GIF and WebP animations show their first frame.
- The web page: the file's bytes with its MIME type (every browser shows WebP); SVG sanitised.
- Word (python-docx): PNG, JPEG and GIF as they are, WebP converted (to PNG when it is lossless
  or transparent, otherwise to JPEG), a photo whose EXIF says to turn it turned (Word does not
  always), and SVG drawn to PNG at 300 dpi at the width it is shown, with the sanitised SVG
  beside it for Word versions that draw SVG (pipeline/render/docx/oxml/pictures.py).
- Sizes: the natural size (see raster.py and svg_size.py), never enlarged, made smaller to fit
  the text width (and height, if given) with its proportions kept.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem, ToolkitError
from .findings import Refused, as_problem
from .kinds import MIME_TYPES, USUAL_EXTENSION
from .raster import RasterFacts, converted
from .raster_header import declared_size

CM_PER_CSS_PIXEL = 2.54 / 96


@dataclass(frozen=True)
class Embedded:
    """Bytes an output embeds, with their MIME type."""

    data: bytes
    mime_type: str

    def data_url(self) -> str:
        return f"data:{self.mime_type};base64,{base64.b64encode(self.data).decode('ascii')}"


@dataclass(frozen=True)
class PrintSize:
    width_cm: float
    height_cm: float


@dataclass(frozen=True)
class WordPicture:
    """What python-docx's add_picture takes (PNG, JPEG or GIF), and an SVG to go beside it."""

    data: bytes
    extension: str  # ".png", ".jpg" or ".gif"
    pixels: tuple[int, int]
    svg: bytes | None = None


@dataclass(frozen=True)
class Picture:
    """One checked picture file: its format, natural size and the bytes each output embeds."""

    shown_as: str  # the name the source uses, such as images/logo.svg
    file: str  # where it is first used, for messages
    line: int | None
    format: str  # png, jpeg, gif, webp or svg
    data: bytes  # the file's bytes; for SVG the sanitised picture
    width_px: float  # natural size in CSS pixels (1/96 inch)
    height_px: float
    raster: RasterFacts | None = None  # None for SVG
    warnings: tuple[Problem, ...] = ()  # what was removed from an SVG

    @property
    def mime_type(self) -> str:
        return MIME_TYPES[self.format]

    @property
    def ratio(self) -> float:
        """Width divided by height."""
        return self.width_px / self.height_px

    @property
    def natural_size(self) -> PrintSize:
        return PrintSize(self.width_px * CM_PER_CSS_PIXEL, self.height_px * CM_PER_CSS_PIXEL)

    def print_size(self, max_width_cm: float, max_height_cm: float | None = None) -> PrintSize:
        """The natural size, made smaller (never larger) to fit the width and height given."""
        natural = self.natural_size
        scale = min(1.0, max_width_cm / natural.width_cm)
        if max_height_cm is not None:
            scale = min(scale, max_height_cm / natural.height_cm)
        return PrintSize(natural.width_cm * scale, natural.height_cm * scale)

    def for_pdf(self) -> Embedded:
        if self.raster is not None and self.raster.mode == "CMYK":
            return Embedded(self._converted("jpeg"), MIME_TYPES["jpeg"])
        return Embedded(self.data, self.mime_type)

    def for_web(self) -> Embedded:
        return Embedded(self.data, self.mime_type)

    def for_word(self, width_cm: float, *, fonts: Sequence[Path]) -> WordPicture:
        """The picture for a Word document, where it is shown `width_cm` wide.

        `fonts` are the font files an SVG's text is drawn with (the PDFs' pinned typeface keeps
        the PNG the same on every machine); with none, the machine's own fonts are used.
        """
        from .svg_render import pixels_for, render_png

        if self.raster is None:
            size = pixels_for(width_cm, self.ratio)
            try:
                png = render_png(self.data, size, fonts)
            except Refused as refused:
                raise self._error(refused) from None
            return WordPicture(png, ".png", declared_size(png, "png") or size, svg=self.data)
        facts = self.raster
        if self.format == "webp":
            kind = "png" if facts.lossless or "A" in facts.mode else "jpeg"
            return WordPicture(self._converted(kind), USUAL_EXTENSION[kind], facts.pixels)
        if facts.orientation != 1 and facts.frames == 1:
            kind = "jpeg" if self.format == "jpeg" else "png"
            return WordPicture(self._converted(kind), USUAL_EXTENSION[kind], facts.pixels)
        return WordPicture(self.data, USUAL_EXTENSION[self.format], facts.pixels)

    def _converted(self, to: str) -> bytes:
        assert self.raster is not None
        try:
            return converted(self.data, self.format, self.raster, to)
        except Exception as error:  # the file was decoded once already; this is a safety net
            raise self._error(
                Refused(f"could not be converted ({error}).", "Save it as PNG or JPEG.")
            ) from None

    def _error(self, refused: Refused) -> ToolkitError:
        return ToolkitError(as_problem(refused, self.file, self.line, self.shown_as))
