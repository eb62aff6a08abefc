"""Raw DrawingML for pictures: their alternative text, the decorative flag, and an SVG beside the
PNG for the Word versions that draw SVG.

A picture python-docx adds is a `wp:inline` whose `wp:docPr` carries the description screen
readers and Word's Accessibility Checker read. A picture that only decorates (`alt=""`) is marked
as Word 365 marks one with "Mark as decorative", which the checker then does not report:

    <wp:docPr id="1" name="divider.png" descr="">
      <a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">
        <adec:decorative val="1"/>
      </a:ext></a:extLst>
    </wp:docPr>

An SVG picture is stored as Word 2016 and later store one:

    <a:blip r:embed="rId7">                          the PNG: what every reader shows
      <a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">
        <asvg:svgBlip r:embed="rId8"/>               the SVG: drawn instead where it can be
      </a:ext></a:extLst>
    </a:blip>

Readers that do not know an extension (older Word, LibreOffice, python-docx, mammoth) skip it:
they show the PNG, and the picture's empty description. The SVG part holds the sanitised SVG;
one SVG used twice is stored once.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
SVG_EXTENSION_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
DECORATIVE_EXTENSION_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
SVG_CONTENT_TYPE = "image/svg+xml"


def describe_picture(inline: BaseOxmlElement, description: str, name: str) -> None:
    """Alternative text: what Word's Accessibility Checker and screen readers read. With no
    description the picture is marked decorative, so that readers pass over it."""
    doc_pr = inline.docPr
    doc_pr.set("descr", description)
    doc_pr.set("name", name)
    if not description:
        extension = _extension(doc_pr, DECORATIVE_EXTENSION_URI)
        decorative = etree.SubElement(extension, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC})
        decorative.set("val", "1")


def add_svg_beside(inline: BaseOxmlElement, part: Part, svg: bytes) -> str:
    """Put `svg` beside the picture `inline` (from python-docx's add_picture) in `part` (the
    document part, or the header or footer part the picture is in); return its relationship
    id."""
    svg_part = next(
        (
            rel.target_part
            for rel in part.rels.values()
            if not rel.is_external
            and rel.target_part.content_type == SVG_CONTENT_TYPE
            and rel.target_part.blob == svg
        ),
        None,
    )
    if svg_part is None:
        partname = part.package.next_partname("/word/media/image%d.svg")
        svg_part = Part(partname, SVG_CONTENT_TYPE, svg, part.package)
    rel_id = part.relate_to(svg_part, RT.IMAGE)
    [blip] = inline.iter(qn("a:blip"))
    extension = _extension(blip, SVG_EXTENSION_URI)
    svg_blip = etree.SubElement(extension, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
    svg_blip.set(qn("r:embed"), rel_id)
    return rel_id


def _extension(parent: BaseOxmlElement, uri: str) -> BaseOxmlElement:
    """A new `a:ext` of `uri` in the `a:extLst` of `parent` (made if it has none)."""
    extensions = parent.find(qn("a:extLst"))
    if extensions is None:
        extensions = etree.SubElement(parent, qn("a:extLst"))
    return etree.SubElement(extensions, qn("a:ext"), uri=uri)
