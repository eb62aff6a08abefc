"""SVG read safely and rebuilt from what may be shown: the same drawing, nothing active in it.

Parsed safely first (svg_parse.py: no entities, no network, no DTD; not well-formed XML, a
DOCTYPE that declares anything and XML that is not SVG are refused there). Then every element and
attribute is checked against an allow-list (svg_vocabulary.py) and the picture is written out
again from the tree that is left.

Refused (the picture is not used; the message says why and what to do):
- any reference outside the picture: href/xlink:href to http(s), file:, absolute, relative or
  `../` paths, `<use>` of another file, `@import` or url() in a <style> sheet, style="" attribute
  or presentation attribute (fill="url(other.svg#g)"), @font-face; data: URLs except PNG, JPEG,
  GIF and WebP pictures in <image> and <feImage>, which are checked as those files are;
- <foreignObject> (HTML: PDF and Word cannot show it, and a browser would run what it holds);
- work that grows with numbers the file chooses: feMorphology, feTurbulence with more than 10
  octaves, feConvolveMatrix larger than 5 × 5, and more drawn elements than the limit
  (svg_drawn.py), a reference cycle;
- no size it can be shown at (svg_size.py).

Removed, and reported as a warning the caller can show (the picture looks the same without it):
- <script> (and SVG Tiny's handler/listener), every on… event attribute;
- animation (<animate>, <set>, …): outputs show the picture as it is before anything moves;
- <a> links: a picture cannot hold a link (its contents stay, as a group);
- other elements that no picture format draws, in the SVG namespace or in XHTML's and others.

Removed without a word (editing data no renderer shows): comments, processing instructions,
<metadata>, <view>, <cursor>, drawing programs' namespaced elements and attributes (Inkscape,
Sodipodi, Adobe, Sketch, RDF), xml:base, xlink attributes other than href.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from urllib.parse import unquote_to_bytes

from .findings import Refused, RefusedMany, Removed
from .kinds import NAMES, sniff
from .limits import Limits
from .svg_css import (
    outside_references_in_declarations,
    outside_references_in_sheet,
    outside_references_in_value,
)
from .svg_drawn import drawn_elements
from .svg_parse import parse, split_tag
from .svg_size import NUMBER, SvgSize, natural_size
from .svg_vocabulary import (
    ALLOWED,
    ANIMATIONS,
    EDITOR_NAMESPACES,
    HTML_INSIDE,
    MAX_CONVOLVE_ORDER,
    MAX_TURBULENCE_OCTAVES,
    MAY_EMBED_PICTURE,
    SCRIPTS,
    SILENTLY_REMOVED,
    SLOW_FILTERS,
    SVG,
    XLINK,
    XML,
)

EMBED = (
    "Embed what it uses in the picture (in Inkscape: Extensions > Images > Embed Images) or "
    "remove it, then save the picture again."
)
SIMPLER = (
    "Remove that effect in the drawing program (in Inkscape: Filters > Remove Filters), or save "
    "the picture as PNG."
)


@dataclass(frozen=True)
class CleanSvg:
    data: bytes  # the sanitised picture, UTF-8
    size: SvgSize
    removed: tuple[Removed, ...]


@dataclass
class _Findings:
    refused: list[Refused] = field(default_factory=list)
    scripts: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    animations: set[str] = field(default_factory=set)
    links: int = 0
    unknown: set[str] = field(default_factory=set)
    embedded_pixels: int = 0

    def refuse(self, what: str, fix: str) -> None:
        if all(r.what != what for r in self.refused):
            self.refused.append(Refused(what, fix))


def sanitise(data: bytes, limits: Limits) -> CleanSvg:
    """The picture with nothing active or outside it; raise Refused(Many) when it cannot be."""
    from lxml import etree

    root = parse(data)
    found = _Findings()
    _clean(root, found, limits)
    if found.refused:
        raise RefusedMany(found.refused)
    drawn = drawn_elements(root, limits.max_svg_elements)
    if drawn > limits.max_svg_elements:
        raise Refused(
            f"draws more than {limits.max_svg_elements:,} elements once its repeated parts "
            "(<use>, patterns, masks, markers) are counted, so it is refused.",
            "Simplify the drawing (in Inkscape: Path > Simplify), or save the picture as PNG.",
        )
    size = natural_size(root.get("width"), root.get("height"), root.get("viewBox"))
    if size.view_box is None:  # so that outputs scale the drawing instead of cropping it
        root.set("viewBox", f"0 0 {size.width:.6g} {size.height:.6g}")
    etree.cleanup_namespaces(root)
    cleaned = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
    return CleanSvg(cleaned, size, _removals(found))


def _clean(root, found: _Findings, limits: Limits) -> None:
    stack = [root]
    while stack:
        element = stack.pop()
        namespace, local = split_tag(element.tag)
        if namespace != SVG:
            if not namespace.startswith(EDITOR_NAMESPACES):
                prefix = f"{element.prefix}:" if element.prefix else ""
                found.unknown.add(f"<{prefix}{local}>")
            _remove(element)
            continue
        if local in SILENTLY_REMOVED:
            _remove(element)
            continue
        if local in SCRIPTS:
            found.scripts.add(f"<{local}>")
            _remove(element)
            continue
        if local in ANIMATIONS:
            found.animations.add(f"<{local}>")
            _remove(element)
            continue
        if local in HTML_INSIDE:
            found.refuse(
                f"holds HTML in a <{local}> element, which PDF and Word cannot show, so it is "
                "refused.",
                "Export it again with plain SVG text instead of HTML labels (in diagrams.net: "
                "untick Formatted Text for its labels), or save it as PNG.",
            )
            continue
        if local in SLOW_FILTERS:
            found.refuse(
                f"uses an <{local}> filter, which takes too long to draw at print resolution, so "
                "it is refused.",
                SIMPLER,
            )
            continue
        if local == "a":
            found.links += any(split_tag(name)[1] == "href" for name in element.attrib)
            element.tag = f"{{{SVG}}}g"
            local = "g"
        elif local not in ALLOWED:
            found.unknown.add(f"<{local}>")
            _remove(element)
            continue
        _check_attributes(element, local, found, limits)
        if local == "style":
            for address in outside_references_in_sheet("".join(element.itertext())):
                found.refuse(
                    f"has a style sheet that loads {_describe(address)}, so it is refused.",
                    "Remove the @import or url(…) from its <style> element (for a font: in "
                    "Inkscape, Path > Object to Path), or save the picture as PNG.",
                )
        _check_filter_settings(element, local, found)
        stack.extend(reversed(element))


def _check_attributes(element, local: str, found: _Findings, limits: Limits) -> None:
    for name, value in list(element.attrib.items()):
        namespace, attribute = split_tag(name)
        if namespace == "":
            if attribute.lower().startswith("on"):
                found.events.add(attribute)
                del element.attrib[name]
            elif attribute == "href" and local == "g":  # a former <a>
                del element.attrib[name]
            elif attribute == "href":
                _check_link(value, local, found, limits)
            elif attribute == "style":
                _refuse_addresses(outside_references_in_declarations(value), local, found)
            elif local == "g" and attribute in ("target", "download", "ping", "rel", "type"):
                del element.attrib[name]
            else:
                _refuse_addresses(outside_references_in_value(value), local, found)
        elif namespace == XLINK and attribute == "href" and local != "g":
            _check_link(value, local, found, limits)
        elif namespace == XML and attribute in ("space", "lang"):
            continue
        else:  # editing data, xml:base, xlink:title and the like: nothing any output draws
            del element.attrib[name]


def _check_link(value: str, local: str, found: _Findings, limits: Limits) -> None:
    address = value.strip()
    if address.startswith("#"):
        return
    if address[:5].lower() == "data:" and local in MAY_EMBED_PICTURE:
        _check_embedded(address, found, limits)
        return
    _refuse_addresses([address], local, found)


def _refuse_addresses(addresses: list[str], local: str, found: _Findings) -> None:
    for address in addresses:
        found.refuse(
            f"refers to {_describe(address)} in its <{local}> element; the outputs hold only "
            "what is inside the picture, so it is refused.",
            EMBED,
        )


def _shortened(address: str) -> str:
    return address if len(address) <= 60 else address[:57] + "…"


def _describe(address: str) -> str:
    shown = _shortened(address)
    lower = address.lower()
    if lower.startswith(("http:", "https:", "//", "ftp:")):
        return f"an address on the internet ('{shown}')"
    if lower.startswith("file:"):
        return f"a file on this computer ('{shown}')"
    if lower.startswith("data:"):
        return f"data that is not a PNG, JPEG, GIF or WebP picture ('{shown}')"
    if re.match(r"[a-z][a-z0-9+.-]*:", lower):
        return f"an address the toolkit does not follow ('{shown}')"
    return f"another file ('{shown}')"


_DATA_URL = re.compile(r"data:([^,]*?),(.*)", re.S | re.I)


def _check_embedded(address: str, found: _Findings, limits: Limits) -> None:
    from . import raster

    match = _DATA_URL.fullmatch(address)
    header, payload = (match.group(1), match.group(2)) if match else ("", "")
    try:
        if header.lower().endswith(";base64"):
            data = base64.b64decode(re.sub(r"\s+", "", payload), validate=True)
        else:
            data = unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        data = b""
    kind = sniff(data)
    if kind not in raster.PILLOW_FORMATS:
        found.refuse(
            "embeds something that is not a PNG, JPEG, GIF or WebP picture in an <image> "
            f"element ('{_shortened(address)}'), so it is refused.",
            "Embed the picture as PNG or JPEG, or save the whole picture as PNG.",
        )
        return
    if len(data) > limits.max_bytes:
        found.refuse(f"embeds a {NAMES[kind]} picture larger than the whole picture may be.", EMBED)
        return
    try:
        facts = raster.inspect(data, kind, limits)
    except Refused as refused:
        found.refuse(f"embeds a {NAMES[kind]} picture that {refused.what}", refused.fix)
        return
    width, height = facts.stored
    found.embedded_pixels += width * height
    if found.embedded_pixels > limits.max_pixels:
        found.refuse(
            f"embeds pictures of more than {limits.max_pixels:,} pixels in all, so it is refused.",
            "Embed smaller pictures (2,000 pixels across is enough for a full page), or fewer.",
        )


def _check_filter_settings(element, local: str, found: _Findings) -> None:
    if local == "feTurbulence" and _number(element.get("numOctaves")) > MAX_TURBULENCE_OCTAVES:
        found.refuse(
            f"has a noise filter of {element.get('numOctaves')} octaves (at most "
            f"{MAX_TURBULENCE_OCTAVES} make any difference), which takes too long to draw, so it "
            "is refused.",
            SIMPLER,
        )
    if local == "feConvolveMatrix" and _number(element.get("order")) > MAX_CONVOLVE_ORDER:
        found.refuse(
            f"has a convolution filter of order {element.get('order')}, which takes too long to "
            f"draw (at most {MAX_CONVOLVE_ORDER} is drawn), so it is refused.",
            SIMPLER,
        )


def _number(text: str | None) -> float:
    """The largest number in the value (an order can be "3 3"), 0 if there is none."""
    numbers = NUMBER.findall(text or "")
    try:
        return max((float(n) for n in numbers), default=0.0)
    except OverflowError:
        return float("inf")


def _remove(element) -> None:
    """Take an element out, keeping the text that followed it (it belongs to its parent)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _removals(found: _Findings) -> tuple[Removed, ...]:
    removed = []
    if found.scripts:
        removed.append(
            Removed(
                f"had {_listed(found.scripts)} with a program in it, which was removed: pictures "
                "in the toolkit never run programs."
            )
        )
    if found.events:
        removed.append(
            Removed(
                f"had event attributes ({', '.join(sorted(found.events))}), which were removed: "
                "pictures in the toolkit never run programs."
            )
        )
    if found.animations:
        removed.append(
            Removed(
                f"had animation ({_listed(found.animations)}), which was removed: every output "
                "shows the picture as it is before anything moves."
            )
        )
    if found.links:
        removed.append(
            Removed(
                "had links (<a href>), which were removed: a picture cannot hold a link.",
                "Put the link in the text next to the picture.",
            )
        )
    if found.unknown:
        removed.append(
            Removed(
                f"had elements no picture format draws ({_listed(found.unknown)}), which were "
                "removed."
            )
        )
    return tuple(removed)


def _listed(names: set[str]) -> str:
    ordered = sorted(names)
    shown = ", ".join(ordered[:5])
    return shown + (f" and {len(ordered) - 5} more" if len(ordered) > 5 else "")
