"""The SVG beside its PNG in a Word picture, for the Word versions that draw SVG (Word 2016 and
Microsoft 365), as Word itself writes an SVG picture:

    <a:blip r:embed="rId7">                          the PNG: what every reader shows
      <a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}">
        <asvg:svgBlip r:embed="rId8"/>               the SVG: drawn instead where it can be
      </a:ext></a:extLst>
    </a:blip>

Readers that do not know the extension (older Word, LibreOffice, python-docx, mammoth) show the
PNG. The SVG part is the sanitised SVG; one SVG used twice is stored once.
"""

from __future__ import annotations

from typing import Any

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_EXTENSION_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_CONTENT_TYPE = "image/svg+xml"


def add_svg_beside(inline_shape: Any, part: Any, svg: bytes) -> str:
    """Put `svg` beside the picture `inline_shape` (from python-docx's add_picture) in `part`
    (the document part, or the header or footer part the picture is in); return its relationship
    id."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import Part
    from lxml import etree

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
    [blip] = inline_shape._inline.iter(f"{{{A}}}blip")
    extensions = blip.find(f"{{{A}}}extLst")
    if extensions is None:
        extensions = etree.SubElement(blip, f"{{{A}}}extLst")
    extension = etree.SubElement(extensions, f"{{{A}}}ext", uri=SVG_EXTENSION_URI)
    svg_blip = etree.SubElement(extension, f"{{{ASVG}}}svgBlip", nsmap={"asvg": ASVG})
    svg_blip.set(f"{{{R}}}embed", rel_id)
    return rel_id
