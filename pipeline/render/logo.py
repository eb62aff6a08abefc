"""The council's logo as a layout places it: its address in the page, its words, its size.

Every first page shows the logo at the size model/values.py's LOGO_SIZES gives for that place,
with the council's name written as text beside it. The PDFs ask for it at the PDF engine's
LOGO_URL (pdf/engine.py answers with the checked picture); the web page embeds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..pdf.engine import LOGO_URL

PX_PER_MM = 96 / 25.4  # CSS pixels (1/96 inch) to the mm: the unit of the web page and WeasyPrint


@dataclass(frozen=True)
class PlacedLogo:
    src: str
    alt: str
    width_mm: float
    height_mm: float

    @property
    def style(self) -> str:
        """Its size as CSS, for a PDF layout."""
        return f"width: {self.width_mm:.2f}mm; height: {self.height_mm:.2f}mm"

    @property
    def width_px(self) -> int:
        return round(self.width_mm * PX_PER_MM)

    @property
    def height_px(self) -> int:
        return round(self.height_mm * PX_PER_MM)


def placed_logo(document: m.Document, place: str, src: str = LOGO_URL) -> PlacedLogo | None:
    """The logo as shown in `place` (a key of LOGO_SIZES), or None when the council has none."""
    logo = document.settings.logo
    if logo is None:
        return None
    width, height = logo.size(place)
    return PlacedLogo(src, logo.alt, width, height)
