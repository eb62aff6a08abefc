"""How much a picture may hold: checked before anything is decoded."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The largest picture the toolkit reads.

    A full-width picture printed at 300 dpi needs about 2,000 pixels across and a phone photo has
    12 million pixels, so the defaults leave room for real pictures and none for a file made to
    exhaust memory (a 30,000 × 30,000 PNG is a few hundred kilobytes but 3.6 GB once decoded).
    """

    max_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 50_000_000  # per raster picture, or all the pictures one SVG embeds
    max_svg_elements: int = 50_000  # elements once every <use> and marker is drawn


DEFAULT_LIMITS = Limits()
