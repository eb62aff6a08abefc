"""Every piece of raw WordprocessingML the renderer writes, in one place.

python-docx covers paragraphs, runs, styles and tables; what it lacks (borders, shading, outline
levels, languages, numbering definitions, bookmarks, hyperlinks, fields, table header rows, image
descriptions, app properties) is built here. The rest of the package never touches XML.

Measures: twips (1/20 pt) for spacing and indents, eighths of a point for border widths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

# Child order that the schema requires (ECMA-376 part 1, section 17), for inserting in place.
PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]
RPR_ORDER = [
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
]
TBLPR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
]
TCPR_ORDER = [
    "cnfStyle",
    "tcW",
    "gridSpan",
    "hMerge",
    "vMerge",
    "tcBorders",
    "shd",
    "noWrap",
    "tcMar",
    "textDirection",
    "tcFitText",
    "vAlign",
    "hideMark",
]
BORDER_SIDES = ("top", "left", "bottom", "right", "between", "bar")


@dataclass(frozen=True)
class Border:
    width_pt: float
    colour: str  # "#rrggbb"
    space_pt: float = 0  # the gap between the border and the text


def element(tag: str, **attrs: str) -> BaseOxmlElement:
    """A new `w:` element; attribute names are given without the prefix."""
    node = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        node.set(qn(f"w:{name}"), value)
    return node


def put(parent: BaseOxmlElement, child: BaseOxmlElement, order: Sequence[str]) -> None:
    """Insert `child` where the schema wants it, replacing any element of the same tag."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    later = {qn(f"w:{tag}") for tag in order[order.index(child.tag.split("}")[1]) + 1 :]}
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(child)
            return
    parent.append(child)


def hex_colour(colour: str) -> str:
    return colour.lstrip("#").upper()


def half_points(points: float) -> str:
    return str(round(points * 2))


def twips(points: float) -> str:
    return str(round(points * 20))


# ---- run properties -----------------------------------------------------------------------


def set_fonts(rpr: BaseOxmlElement, font: str) -> None:
    """One font for every script, replacing theme fonts (which would win over a plain name)."""
    put(rpr, element("rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font), RPR_ORDER)


def set_language(rpr: BaseOxmlElement, language: str) -> None:
    put(rpr, element("lang", val=language, eastAsia=language, bidi=language), RPR_ORDER)


def set_run_shading(rpr: BaseOxmlElement, fill: str) -> None:
    put(rpr, element("shd", val="clear", color="auto", fill=hex_colour(fill)), RPR_ORDER)


def set_size_everywhere(rpr: BaseOxmlElement, points: float) -> None:
    put(rpr, element("sz", val=half_points(points)), RPR_ORDER)
    put(rpr, element("szCs", val=half_points(points)), RPR_ORDER)


def set_doc_defaults(styles: BaseOxmlElement, rpr: BaseOxmlElement, ppr: BaseOxmlElement) -> None:
    """Replace the document defaults (w:docDefaults) with the given run and paragraph properties."""
    for old in styles.findall(qn("w:docDefaults")):
        styles.remove(old)
    defaults = element("docDefaults")
    run_default = element("rPrDefault")
    run_default.append(rpr)
    paragraph_default = element("pPrDefault")
    paragraph_default.append(ppr)
    defaults.append(run_default)
    defaults.append(paragraph_default)
    styles.insert(0, defaults)


def new_rpr() -> BaseOxmlElement:
    return element("rPr")


def new_ppr() -> BaseOxmlElement:
    return element("pPr")


def set_spacing(
    ppr: BaseOxmlElement,
    before_pt: float | None = None,
    after_pt: float | None = None,
    line: float | None = None,
) -> None:
    """Space before and after a paragraph, and line spacing as a multiple; None inherits."""
    attrs = {}
    if before_pt is not None:
        attrs["before"] = twips(before_pt)
    if after_pt is not None:
        attrs["after"] = twips(after_pt)
    if line is not None:
        attrs.update(line=str(round(line * 240)), lineRule="auto")
    if attrs:
        put(ppr, element("spacing", **attrs), PPR_ORDER)


# ---- paragraph properties -----------------------------------------------------------------


def set_outline_level(ppr: BaseOxmlElement, level: int) -> None:
    """`level` 1 is the top of Word's navigation pane (stored 0-based)."""
    put(ppr, element("outlineLvl", val=str(level - 1)), PPR_ORDER)


def set_paragraph_borders(ppr: BaseOxmlElement, borders: dict[str, Border]) -> None:
    box = element("pBdr")
    for side in BORDER_SIDES:
        if side in borders:
            box.append(_border(side, borders[side]))
    put(ppr, box, PPR_ORDER)


def set_paragraph_shading(ppr: BaseOxmlElement, fill: str) -> None:
    put(ppr, element("shd", val="clear", color="auto", fill=hex_colour(fill)), PPR_ORDER)


def set_indent(ppr: BaseOxmlElement, left_pt: float, hanging_pt: float = 0) -> None:
    """Direct indents; `hanging` is always written, so a list level's own hanging indent
    cannot creep in."""
    put(ppr, element("ind", left=twips(left_pt), hanging=twips(hanging_pt)), PPR_ORDER)


def set_numbering(ppr: BaseOxmlElement, num_id: int, level: int) -> None:
    numbering = element("numPr")
    numbering.append(element("ilvl", val=str(level)))
    numbering.append(element("numId", val=str(num_id)))
    put(ppr, numbering, PPR_ORDER)


def _border(side: str, border: Border) -> BaseOxmlElement:
    return element(
        side,
        val="single",
        sz=str(max(2, min(96, round(border.width_pt * 8)))),
        space=str(round(border.space_pt)),
        color=hex_colour(border.colour),
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
        borders.append(_border(side, border))
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


# ---- pictures, settings, properties -------------------------------------------------------


def describe_picture(inline: BaseOxmlElement, description: str, name: str) -> None:
    """Alternative text: what Word's Accessibility Checker and screen readers read."""
    inline.docPr.set("descr", description)
    inline.docPr.set("name", name)


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


def mark_row(row: BaseOxmlElement, mark: BaseOxmlElement) -> None:
    """Record a whole table row as inserted or deleted (after cantSplit and tblHeader)."""
    row.get_or_add_trPr().append(mark)
