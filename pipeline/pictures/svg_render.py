"""An SVG drawn to PNG for Word, with resvg (the `resvg-py` wheel: no system library needed).

Why resvg: it draws the SVG features councils' pictures use (gradients, clipping, masks, blur and
drop shadows, text) as browsers do, where CairoSVG skips filters; and it reads only the font
files it is given, so the same SVG gives the same PNG on every machine (CairoSVG takes whatever
fonts the machine has). It is only given sanitised SVG, which refers to nothing outside itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .findings import Refused

PRINT_DPI = 300
# A full A4 page at 300 dpi is about 8.7 million pixels; nothing shown in a document needs more.
MAX_RENDERED_PIXELS = 16_000_000


def pixels_for(width_cm: float, ratio: float, dpi: int = PRINT_DPI) -> tuple[int, int]:
    """Pixel width and height for a picture shown `width_cm` wide (ratio = width / height)."""
    width = max(1, math.ceil(width_cm / 2.54 * dpi))
    height = max(1, round(width / ratio))
    if width * height > MAX_RENDERED_PIXELS:
        scale = math.sqrt(MAX_RENDERED_PIXELS / (width * height))
        width, height = max(1, int(width * scale)), max(1, int(height * scale))
    return width, height


def render_png(svg: bytes, size: tuple[int, int], fonts: Sequence[Path]) -> bytes:
    """The (sanitised) picture as a PNG of `size` pixels, which should have the picture's ratio.

    `fonts` are the only font files text is drawn with (the first one's family stands for every
    generic family, sans-serif and serif alike); with none, the machine's fonts are used.
    """
    import resvg_py

    families = _family(fonts[0]) if fonts else None
    try:
        png = resvg_py.svg_to_bytes(
            svg_string=_sized(svg, size),
            dpi=96,
            width=size[0],
            skip_system_fonts=bool(fonts),
            font_files=[str(font) for font in fonts] or None,
            font_family=families,
            sans_serif_family=families,
            serif_family=families,
            monospace_family=families,
            cursive_family=families,
            fantasy_family=families,
        )
    except ValueError as error:  # resvg's own limits (such as on the number of nodes)
        raise Refused(
            f"cannot be drawn for the Word document ({error}).",
            "Simplify the drawing, or save the picture as PNG.",
        ) from None
    return bytes(png)


def _sized(svg: bytes, size: tuple[int, int]) -> str:
    """The SVG with its width and height set to the pixels wanted (its viewBox scales the
    drawing): resvg would otherwise round a size such as 40mm to whole pixels first, and the
    PNG would not have the picture's exact ratio."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(svg, parser)
    root.set("width", str(size[0]))
    root.set("height", str(size[1]))
    return etree.tostring(root, encoding="unicode")


@cache  # read once per font file, not for every picture drawn
def _family(font: Path) -> str:
    from PIL import ImageFont

    return ImageFont.truetype(str(font), size=12).getname()[0] or "sans-serif"
