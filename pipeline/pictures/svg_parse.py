"""An SVG file parsed safely, before anything in it is looked at.

lxml reads it with entities left unexpanded, no network, no DTD loaded and libxml2's size limits
on (`huge_tree=False`); comments and processing instructions are dropped. Refused here: XML that
is not well-formed, a DOCTYPE that declares anything (entities can read files or expand without
end) and any entity reference, and XML whose first element is not an SVG <svg> in the SVG
namespace. A bare `<!DOCTYPE svg PUBLIC …>` line declares nothing and is only dropped.
"""

from __future__ import annotations

import re

from .findings import Refused
from .kinds import markup_text
from .svg_vocabulary import SVG

RESAVE = "Save it again as plain SVG (in Inkscape: File > Save As > Plain SVG), or save it as PNG."


def parse(data: bytes):  # -> lxml element
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    if _INTERNAL_SUBSET.search(markup_text(data)):
        raise _declares_entities()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        where = f" (line {error.lineno} of the picture)" if error.lineno else ""
        message = (error.msg or "it cannot be read").rstrip(".")
        raise Refused(f"is not a well-formed SVG file: {message}{where}.", RESAVE) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (any(True for _ in dtd.iterentities()) or dtd.elements()):
        raise _declares_entities()
    if any(node.tag is etree.Entity for node in root.iter()):
        raise Refused(
            "uses entities (&name;) that only a DOCTYPE could define, so it is refused.", RESAVE
        )
    namespace, local = split_tag(root.tag)
    if local == "svg" and namespace != SVG:
        raise Refused(
            f'has no xmlns="{SVG}" on its <svg> element, so programs would not read it as SVG.',
            f'Add xmlns="{SVG}" to the <svg> element, or export it again from a drawing program.',
        )
    if (namespace, local) != (SVG, "svg"):
        raise Refused(
            f"is XML but not an SVG picture (its first element is <{local}>).",
            "Export it again as SVG from a drawing program, or save it as PNG.",
        )
    return root


# A DOCTYPE with an internal subset: `<!DOCTYPE svg [ <!ENTITY …> ]>`. A bare DOCTYPE line
# (`<!DOCTYPE svg PUBLIC "…" "…">`) declares nothing and is dropped.
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)


def _declares_entities() -> Refused:
    return Refused(
        "declares entities in a DOCTYPE, which could read other files or grow without end, "
        "so it is refused.",
        RESAVE,
    )


def split_tag(tag: object) -> tuple[str, str]:
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag
