"""Raw WordprocessingML, part 1: elements in the schema's order, and run and paragraph properties
(fonts, languages, shading, sizes, spacing, outline levels, borders, indents, numbering).

Measures: twips (1/20 pt) for spacing and indents, eighths of a point for border widths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
            box.append(side_border(side, borders[side]))
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


def side_border(side: str, border: Border) -> BaseOxmlElement:
    return element(
        side,
        val="single",
        sz=str(max(2, min(96, round(border.width_pt * 8)))),
        space=str(round(border.space_pt)),
        color=hex_colour(border.colour),
    )
