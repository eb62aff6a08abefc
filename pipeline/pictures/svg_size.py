"""An SVG's natural size, in CSS pixels (96 to the inch), from its width, height and viewBox.

- width and height in absolute units (px, pt, pc, mm, cm, in; or em and ex at 16 px to the em,
  the CSS default): that size. One of them with a viewBox: the other from the viewBox's ratio.
- Neither (or percentages) with a viewBox: the viewBox's size in pixels, as a browser shows it.
- No size at all, or a zero or negative one: refused, since no output could size it.
A viewBox is added when there is none (`0 0 width height` in user units), so that every output
scales the drawing with the picture instead of cropping it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import Refused

_UNITS = {
    "": 1.0,
    "px": 1.0,
    "pt": 96 / 72,
    "pc": 16.0,
    "mm": 96 / 25.4,
    "cm": 96 / 2.54,
    "in": 96.0,
    "em": 16.0,
    "ex": 8.0,
    "q": 96 / 101.6,
}
# A number as SVG and CSS write it (also in a filter's order and a path's data).
NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_LENGTH = re.compile(rf"\s*({NUMBER.pattern})\s*([a-zA-Z]*|%)\s*")

FIX = (
    'Give the <svg> element a viewBox, or a width and height (for example width="40mm" '
    'height="20mm"): in Inkscape, Document Properties; or save the picture as PNG.'
)


@dataclass(frozen=True)
class SvgSize:
    width: float  # CSS pixels
    height: float
    view_box: tuple[float, float, float, float] | None  # as written, if written


def length(text: str | None, name: str) -> float | None:
    """A width or height in CSS pixels; None when missing, a percentage or "auto"."""
    if text is None or text.strip() in ("", "auto"):
        return None
    match = _LENGTH.fullmatch(text)
    if not match or match.group(2).lower() not in (*_UNITS, "%"):
        raise Refused(f"has a {name} that is not a length ({text[:40]!r}).", FIX)
    if match.group(2) == "%":
        return None
    value = float(match.group(1)) * _UNITS[match.group(2).lower()]
    if not value > 0 or value == float("inf"):
        raise Refused(f"has a {name} of {text.strip()[:40]}, so it would not show.", FIX)
    return value


def view_box(text: str | None) -> tuple[float, float, float, float] | None:
    if text is None:
        return None
    numbers = [float(n) for n in NUMBER.findall(text)]
    if len(numbers) != 4 or re.sub(r"[\s,]+", " ", NUMBER.sub("", text)).strip():
        raise Refused(f"has a viewBox that is not four numbers ({text[:40]!r}).", FIX)
    x, y, width, height = numbers
    if not (width > 0 and height > 0) or float("inf") in (abs(x), abs(y), width, height):
        raise Refused(f"has a viewBox with no area ({text.strip()[:40]}).", FIX)
    return x, y, width, height


def natural_size(width_text: str | None, height_text: str | None, box_text: str | None) -> SvgSize:
    width = length(width_text, "width")
    height = length(height_text, "height")
    box = view_box(box_text)
    if width and height:
        return SvgSize(width, height, box)
    if box:
        ratio = box[2] / box[3]
        if width:
            return SvgSize(width, width / ratio, box)
        if height:
            return SvgSize(height * ratio, height, box)
        return SvgSize(box[2], box[3], box)
    if width or height:
        given, missing = ("width", "height") if width else ("height", "width")
        raise Refused(f"has a {given} but no {missing} and no viewBox, so it cannot be sized.", FIX)
    raise Refused("has no size (no width, height or viewBox), so it cannot be sized.", FIX)
