"""The council's logo in the settings (`logo: {file: …, alt: …}`): the file, next to the settings
file, read and checked as every picture is (pipeline/pictures), and what it shows in words.

A problem names the settings file and the line of `logo.file` (a missing alt too),
says what is wrong and what to do, as every settings problem does.
"""

from __future__ import annotations

import math
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from ..errors import ToolkitError
from ..model.values import LOGO_SIZES, SHARP_PRINT_DPI, Logo
from .schema import Field, Mapping, Text, Where

ALT_FIX = (
    "Add 'alt:' with what the logo shows in words, usually the council's name "
    "(alt: Riverside District Council)."
)
MISSING_FIX = "Check the file name, or save the logo beside the settings file."


class AltText(Field):
    """What a picture shows, in words; "" (given on purpose) marks it decorative."""

    expected = "text"

    def check(self, value: Any, where: Where) -> str | None:
        if value == "":
            return ""
        return Text().check(value, where)


class LogoFile(Text):
    expected = "the name of a picture file beside the settings file"

    def check(self, value: Any, where: Where) -> str | None:
        name = super().check(value, where)
        if name is None:
            return None
        if "://" in name or name.startswith(("/", "\\")) or PurePosixPath(name).is_absolute():
            where.report(
                f"'{where.name}' should name a file beside the settings file, not {name!r}.",
                "Save the logo next to the settings file and give its name, e.g. file: logo.svg.",
            )
            return None
        return name


if TYPE_CHECKING:
    from ..pictures import Picture

MM_PER_INCH = 25.4
# The printed places of the logo (the web page's sizes are in screen pixels), for messages.
PRINTED = {
    "appendix": "the appendix",
    "word": "the Word document",
    "large-print": "the large print cover",
    "card-a6": "the pocket card",
    "card-a7": "the pocket card",
    "card-business": "the pocket card",
}

LOGO = Mapping({"file": LogoFile(), "alt": AltText()}, required=("file",))


def read_logo(clean: dict[str, Any] | None, settings_path: Path, where: Where) -> Logo | None:
    """The logo the settings give, checked; None (with its problems reported) if it cannot be
    shown, or when the settings give none."""
    if not clean or "file" not in clean or clean["file"] is None:
        return None
    file_where = where.child("file")
    if "alt" not in clean:
        file_where.report("The logo has no alternative text ('logo.alt' is missing).", ALT_FIX)
    from ..pictures import read_picture  # only for settings with a logo

    path = settings_path.parent / clean["file"]
    try:
        picture = read_picture(
            path, clean["file"], where.file, file_where.line, missing_fix=MISSING_FIX
        )
    except ToolkitError as refused:
        where.problems.extend(refused.problems)
        return None
    blurred = too_few_pixels(picture)
    if blurred:
        file_where.report(*blurred)
        return None
    if "alt" not in clean or clean["alt"] is None:
        return None
    return Logo(clean["file"], clean["alt"], picture)


def too_few_pixels(picture: Picture) -> tuple[str, str] | None:
    """(message, fix) when a photo-like logo (PNG, JPEG, GIF, WebP) has too few pixels for the
    largest size it is printed at; an SVG is sharp at every size."""
    if picture.raster is None:
        return None
    width_px, height_px = picture.raster.pixels
    place, (width_mm, height_mm) = max(
        ((place, size.of(picture.ratio)) for place, size in LOGO_SIZES.items() if place in PRINTED),
        key=lambda item: item[1][1],
    )
    dpi = height_px / (height_mm / MM_PER_INCH)
    if dpi >= SHARP_PRINT_DPI:
        return None
    need = (
        math.ceil(width_mm / MM_PER_INCH * SHARP_PRINT_DPI),
        math.ceil(height_mm / MM_PER_INCH * SHARP_PRINT_DPI),
    )
    return (
        f"The logo '{picture.shown_as}' is {width_px} × {height_px} pixels: printed "
        f"{height_mm:.0f} mm high on {PRINTED[place]} it would have {dpi:.0f} pixels to the "
        f"inch and look blurred ({SHARP_PRINT_DPI} are needed).",
        f"Use the logo as an SVG file (sharp at every size), or a picture at least "
        f"{need[0]} × {need[1]} pixels.",
    )
