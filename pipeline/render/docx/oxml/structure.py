"""Raw WordprocessingML, part 2: numbering definitions, bookmarks, hyperlinks, runs and fields,
tables, settings, the package's properties, and tracked changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from .properties import (
    PPR_ORDER,
    TBLPR_ORDER,
    TCPR_ORDER,
    Border,
    element,
    hex_colour,
    put,
    set_indent,
    set_numbering,
    side_border,
    twips,
)

# ---- numbering definitions ----------------------------------------------------------------


@dataclass(frozen=True)
class ListLevel:
    format: str  # "bullet", "decimal", "lowerLetter", ...
    text: str  # what Word prints: "•", "%1.", "%2." ...
    left_pt: float
    hanging_pt: float
    font: str


def clear_numbering(numbering: BaseOxmlElement) -> None:
    for child in list(numbering):
        numbering.remove(child)


def abstract_numbering(abstract_id: int, levels: Sequence[ListLevel]) -> BaseOxmlElement:
    """A list definition (w:abstractNum): how each level is numbered and indented."""
    definition = element("abstractNum", abstractNumId=str(abstract_id))
    definition.append(element("multiLevelType", val="hybridMultilevel"))
    for index, level in enumerate(levels):
        lvl = element("lvl", ilvl=str(index))
        lvl.append(element("start", val="1"))
        lvl.append(element("numFmt", val=level.format))
        lvl.append(element("lvlText", val=level.text))
        lvl.append(element("lvlJc", val="left"))
        ppr = element("pPr")
        ppr.append(element("ind", left=twips(level.left_pt), hanging=twips(level.hanging_pt)))
        lvl.append(ppr)
        rpr = element("rPr")
        rpr.append(element("rFonts", ascii=level.font, hAnsi=level.font, cs=level.font))
        lvl.append(rpr)
        definition.append(lvl)
    return definition


def numbering_instance(num_id: int, abstract_id: int, start: int, level: int) -> BaseOxmlElement:
    """A list (w:num) that uses a definition and starts counting afresh at `start`."""
    instance = element("num", numId=str(num_id))
    instance.append(element("abstractNumId", val=str(abstract_id)))
    override = element("lvlOverride", ilvl=str(level))
    override.append(element("startOverride", val=str(start)))
    instance.append(override)
    return instance


def add_numbering(numbering: BaseOxmlElement, node: BaseOxmlElement) -> None:
    """Append a definition or list; definitions must all come before the lists."""
    if node.tag == qn("w:abstractNum"):
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(node)
            return
    numbering.append(node)


# ---- bookmarks, hyperlinks, fields --------------------------------------------------------


def add_bookmark_start(paragraph: BaseOxmlElement, bookmark_id: int, name: str) -> None:
    paragraph.append(element("bookmarkStart", id=str(bookmark_id), name=name))


def add_bookmark_end(paragraph: BaseOxmlElement, bookmark_id: int) -> None:
    paragraph.append(element("bookmarkEnd", id=str(bookmark_id)))


def add_hyperlink(
    paragraph: BaseOxmlElement, relationship_id: str = "", anchor: str = ""
) -> BaseOxmlElement:
    """A real Word hyperlink, to a web address (by relationship) or to a bookmark; runs go
    inside the returned element."""
    link = element("hyperlink", history="1")
    if relationship_id:
        link.set(qn("r:id"), relationship_id)
    else:
        link.set(qn("w:anchor"), anchor)
    paragraph.append(link)
    return link


def add_run(parent: BaseOxmlElement, style_id: str = "") -> BaseOxmlElement:
    run = OxmlElement("w:r")
    if style_id:
        rpr = element("rPr")
        rpr.append(element("rStyle", val=style_id))
        run.append(rpr)
    parent.append(run)
    return run


def set_paragraph_style(paragraph: BaseOxmlElement, style_id: str) -> None:
    """By id: python-docx's lookup by name reads every style each time, which is slow."""
    paragraph.get_or_add_pPr().style = style_id


def add_field(paragraph: BaseOxmlElement, instruction: str, shown: str) -> None:
    """A simple field such as PAGE or NUMPAGES. Word recalculates these as it lays out pages,
    without asking; `shown` is the value until then."""
    field = element("fldSimple", instr=f" {instruction} ")
    run = add_run(field)
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    paragraph.append(field)


# ---- tables -------------------------------------------------------------------------------


def mark_header_row(row: BaseOxmlElement) -> None:
    """The row is the table's header: screen readers announce it, Word repeats it on each page."""
    row.get_or_add_trPr().append(element("tblHeader"))


def keep_row_together(row: BaseOxmlElement) -> None:
    row.get_or_add_trPr().append(element("cantSplit"))


def set_table_look(
    table: BaseOxmlElement, border: Border, padding_pt: float, caption: str = ""
) -> None:
    tblpr = table.tblPr
    put(tblpr, element("tblW", w="5000", type="pct"), TBLPR_ORDER)
    borders = element("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(side_border(side, border))
    put(tblpr, borders, TBLPR_ORDER)
    put(tblpr, element("tblLayout", type="fixed"), TBLPR_ORDER)
    margins = element("tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        margins.append(element(side, w=twips(padding_pt), type="dxa"))
    put(tblpr, margins, TBLPR_ORDER)
    put(
        tblpr,
        element(
            "tblLook",
            val="0420",
            firstRow="1",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        ),
        TBLPR_ORDER,
    )
    if caption:
        put(tblpr, element("tblCaption", val=caption), TBLPR_ORDER)


def set_cell_shading(cell: BaseOxmlElement, fill: str) -> None:
    put(
        cell.get_or_add_tcPr(),
        element("shd", val="clear", color="auto", fill=hex_colour(fill)),
        TCPR_ORDER,
    )


# ---- settings, properties ------------------------------------------------------------------


def set_settings(settings: BaseOxmlElement, language: str) -> None:
    """Word 2013+ layout (no compatibility mode), the theme language, and no field updates on
    opening (which would make Word ask the reader a question)."""
    for tag in ("updateFields", "rsids", "attachedTemplate"):
        for old in settings.findall(qn(f"w:{tag}")):
            settings.remove(old)
    for lang in settings.findall(qn("w:themeFontLang")):
        lang.set(qn("w:val"), language)
        lang.attrib.pop(qn("w:eastAsia"), None)
    for compat in settings.iter(qn("w:compatSetting")):
        if compat.get(qn("w:name")) == "compatibilityMode":
            compat.set(qn("w:val"), "15")


def app_properties(company: str) -> bytes:
    """docProps/app.xml: the extended properties, without the blank template's leftovers."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties">'
        "<Application>councillor-social-media-toolkit</Application>"
        f"<Company>{escape(company)}</Company>"
        "<DocSecurity>0</DocSecurity><LinksUpToDate>false</LinksUpToDate>"
        "</Properties>"
    ).encode()


def custom_properties(values: dict[str, str]) -> bytes:
    """docProps/custom.xml: named text properties."""
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" '
        f'name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{items}</Properties>'
    ).encode()


# ---- tracked changes (the redline) ----------------------------------------------------------


def tracked(tag: str, change_id: int, author: str, date: str) -> BaseOxmlElement:
    """A `w:ins` or `w:del` revision mark, for wrapping runs or marking a paragraph mark."""
    return element(tag, id=str(change_id), author=author, date=date)


def as_deleted_text(run: BaseOxmlElement) -> None:
    """A run inside a `w:del` keeps its words in `w:delText`, not `w:t`."""
    for node in run.iter(qn("w:t")):
        node.tag = qn("w:delText")


def mark_paragraph(paragraph: BaseOxmlElement, mark: BaseOxmlElement) -> None:
    """Record the paragraph mark itself as inserted or deleted, so that accepting or rejecting
    the change adds or removes the whole paragraph."""
    ppr = paragraph.get_or_add_pPr()
    rpr = element("rPr")
    rpr.append(mark)
    put(ppr, rpr, PPR_ORDER)


def record_old_properties(
    paragraph: BaseOxmlElement,
    mark: BaseOxmlElement,
    style_id: str,
    indent: tuple[float, float],
    numbering: tuple[int, int] | None = None,
) -> None:
    """Record what the paragraph's properties were in the old version (its style, indent and
    list number), so that rejecting the change gives them back (`w:pPrChange`)."""
    old = element("pPr")
    old.append(element("pStyle", val=style_id))
    if numbering is not None:
        set_numbering(old, *numbering)
    set_indent(old, *indent)
    mark.append(old)
    put(paragraph.get_or_add_pPr(), mark, PPR_ORDER)


def mark_row(row: BaseOxmlElement, mark: BaseOxmlElement) -> None:
    """Record a whole table row as inserted or deleted (after cantSplit and tblHeader)."""
    row.get_or_add_trPr().append(mark)
