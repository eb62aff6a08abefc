"""How many elements an SVG draws once every reference is followed: its size as a renderer sees it.

A few kilobytes can describe billions of shapes: ten <use> elements of a group of ten <use>
elements of … ("a billion laughs" in SVG), a mask or pattern referred to by every shape, or a
marker drawn at each of a long path's points. Each element counts once for itself plus the count
of everything it refers to (`<use href="#…">`, `url(#…)` in any attribute); a marker counts once
per point of the shapes that use it. Markers set in a <style> sheet are assumed to be on every
shape. A reference cycle is refused; renderers would skip it, but it has no meaning.
"""

from __future__ import annotations

import re

from .findings import Refused
from .svg_parse import split_tag
from .svg_size import NUMBER
from .svg_vocabulary import SVG, XLINK

_FRAGMENT = re.compile(r"""url\(\s*['"]?#([^'")\s]+)""", re.IGNORECASE)
_MARKER_PROPERTIES = ("marker", "marker-start", "marker-mid", "marker-end")
_SHAPES = {"path", "line", "polyline", "polygon"}


def drawn_elements(root, limit: int) -> int:  # root: lxml element
    """The number of elements drawn, counted up to `limit + 1`; raise Refused on a cycle."""
    ids: dict[str, object] = {}
    for element in root.iter():
        ids.setdefault(element.get("id"), element)
    in_sheet = any("marker" in (style.text or "") for style in root.iter(f"{{{SVG}}}style"))
    sheet_markers = list(root.iter(f"{{{SVG}}}marker")) if in_sheet else []
    cap = limit + 1
    weight: dict[object, int] = {}
    visiting: set[object] = set()
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        element, children_done = stack.pop()
        if children_done:
            total = 1
            for target, times in _references(element, ids, sheet_markers):
                total = min(cap, total + weight[target] * times)
            weight[element] = total
            visiting.discard(element)
            continue
        if element in weight:
            continue
        if element in visiting:
            raise _cycle()
        visiting.add(element)
        stack.append((element, True))
        for target, _ in _references(element, ids, sheet_markers):
            if target in visiting:
                raise _cycle()
            if target not in weight:
                stack.append((target, False))
    return weight[root]


def _references(element, ids: dict[str, object], sheet_markers: list):
    """(element, times) for each child and each element this one refers to."""
    found = [(child, 1) for child in element]
    points = None
    for name, value in element.attrib.items():
        if name in ("href", f"{{{XLINK}}}href"):
            target = ids.get(value.strip()[1:]) if value.strip().startswith("#") else None
            if target is not None:
                found.append((target, 1))
            continue
        for fragment in _FRAGMENT.findall(value):
            target = ids.get(fragment)
            if target is None:
                continue
            is_marker = name in _MARKER_PROPERTIES or (name == "style" and "marker" in value)
            if is_marker:
                points = points if points is not None else _points(element)
            found.append((target, points if is_marker else 1))
    if sheet_markers and split_tag(element.tag)[1] in _SHAPES:
        points = points if points is not None else _points(element)
        found.extend((marker, points) for marker in sheet_markers)
    return found


def _points(element) -> int:
    """About how many points a shape has: where a marker can be drawn."""
    numbers = sum(len(NUMBER.findall(element.get(a) or "")) for a in ("d", "points"))
    return max(2, numbers // 2 + 1)


def _cycle() -> Refused:
    return Refused(
        "has an element that shows itself (a <use> element or a url(#…) reference that leads "
        "back to where it starts), so it is refused.",
        "Remove that reference in the drawing program, or save the picture as PNG.",
    )
