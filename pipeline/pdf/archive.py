"""What PDF/A-2a asks of a PDF that is already tagged PDF/UA-1, added to the open file.

WeasyPrint declares one standard per file (Kozea/WeasyPrint#2783), so the PDF is rendered as
PDF/UA-1 and this adds the rest of PDF/A-2 level A:

- an output intent with WeasyPrint's own sRGB profile, which gives the DeviceRGB colours a
  meaning (ISO 19005-2, 6.2.4.3);
- the identification pdfaid:part 2, conformance A, beside pdfuaid:part 1, and the extension
  schema that PDF/A asks for the pdfuaid property, which PDF/A-2 does not know (6.6.2.3);
- the toolkit's version as xmpMM:VersionID (a standard property) and in the document info;
- annotations flagged to print (6.3.2), and images that ask no viewer to smooth them (6.2.8):
  Interpolate is only a hint, so the pages look the same.

The trailer ID that PDF/A needs comes from saving with `deterministic_id=True`. Nothing
time-dependent is added, so the output stays reproducible.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import model as m
from .hooks import srgb_profile

if TYPE_CHECKING:
    import pikepdf

PDFA_PART, PDFA_CONFORMANCE = "2", "A"
SRGB = "sRGB IEC61966-2.1"
PRINT_FLAG = 4  # annotation flag bit 3: print the annotation

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
}
# The description of pdfuaid:part that PDF/A-2 validators need to accept the property.
PDFUA_EXTENSION = b"""<rdf:Description rdf:about=""
    xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
      <pdfaProperty:name>part</pdfaProperty:name>
      <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
      <pdfaProperty:category>internal</pdfaProperty:category>
      <pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
  </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>"""
XPACKET_BEGIN = b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
XPACKET_END = b'\n<?xpacket end="r"?>'


def make_archival(pdf: pikepdf.Pdf, meta: m.Meta) -> None:
    """Declare PDF/A-2a beside PDF/UA-1, and stamp the toolkit's version."""
    _output_intent(pdf)
    _metadata(pdf, meta)
    pdf.docinfo["/Version"] = meta.version
    pdf.docinfo["/Status"] = meta.status
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", ()):
            annotation["/F"] = PRINT_FLAG
    for image in _images(pdf):
        if image.get("/Interpolate") is not None:
            image["/Interpolate"] = False


def _output_intent(pdf: pikepdf.Pdf) -> None:
    import pikepdf

    profile = pdf.make_stream(srgb_profile())
    profile["/N"] = 3
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFA1,
        OutputConditionIdentifier=pikepdf.String(SRGB),
        Info=pikepdf.String(SRGB),
        DestOutputProfile=profile,
    )
    pdf.Root["/OutputIntents"] = pikepdf.Array([pdf.make_indirect(intent)])


def _metadata(pdf: pikepdf.Pdf, meta: m.Meta) -> None:
    """Edit WeasyPrint's XMP packet: PDF/A identification, the extension schema, the version."""
    from lxml import etree

    xmpmeta = etree.fromstring(pdf.Root["/Metadata"].read_bytes())
    rdf = xmpmeta.find("rdf:RDF", NS)
    if rdf is None:
        raise ValueError("the PDF's XMP metadata has no rdf:RDF element")
    about = etree.SubElement(rdf, f"{{{NS['rdf']}}}Description", nsmap={"pdfaid": NS["pdfaid"]})
    about.set(f"{{{NS['rdf']}}}about", "")
    about.set(f"{{{NS['pdfaid']}}}part", PDFA_PART)
    about.set(f"{{{NS['pdfaid']}}}conformance", PDFA_CONFORMANCE)
    version = etree.SubElement(about, f"{{{NS['xmpMM']}}}VersionID", nsmap={"xmpMM": NS["xmpMM"]})
    version.text = meta.version
    rdf.append(etree.fromstring(PDFUA_EXTENSION))
    packet = XPACKET_BEGIN + etree.tostring(xmpmeta, encoding="utf-8") + XPACKET_END
    pdf.Root["/Metadata"].write(packet)


def _images(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Stream]:
    """Every image XObject, soft masks included."""
    import pikepdf

    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image":
            yield obj
