"""The Word styles: read from layouts/docx-styles.yml and written into the document.

Every style of python-docx's blank document is removed except the four Word requires, and the
styles of the layout file are written in their place, so no theme font, italic or colour of the
blank document survives. Text colours are darkened where needed to keep 4.5:1 contrast on every
background the layout uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, RGBColor

from ...layouts import LAYOUTS
from ...model.values import contrast_ratio
from . import oxml
from .oxml import Border

STYLE_FILE = LAYOUTS / "docx-styles.yml"
MIN_CONTRAST = 4.5
WHITE = "#ffffff"
# Styles Word requires in every document; all others come from the layout file.
KEPT_STYLE_IDS = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
# Word's own style names: Word treats these as its built-in styles (navigation, contents).
BUILT_IN = {
    "Normal",
    "Title",
    "Subtitle",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "TOC Heading",
    "toc 1",
    "toc 2",
    "List Paragraph",
    "List Continue",
    "Quote",
    "Caption",
    "Header",
    "Footer",
    "Hyperlink",
}


@dataclass(frozen=True)
class Look:
    """One style's settings; None (or False) leaves a setting to the style it is based on."""

    based_on: str = "Normal"
    size_pt: float | None = None
    bold: bool | None = None
    colour: str | None = None
    underline: bool | None = None
    shading: str | None = None
    line: float | None = None
    before_pt: float | None = None
    after_pt: float | None = None
    keep_next: bool = False
    page_break_before: bool = False
    outline: int | None = None
    indent_cm: float | None = None
    right_indent_cm: float | None = None
    border: dict[str, Border] = field(default_factory=dict)


@dataclass(frozen=True)
class Defaults:
    font: str
    size_pt: float
    colour: str
    line: float
    after_pt: float


@dataclass(frozen=True)
class Page:
    width_cm: float
    height_cm: float
    margins_cm: dict[str, float]

    @property
    def text_width_cm(self) -> float:
        return self.width_cm - self.margins_cm["left"] - self.margins_cm["right"]


@dataclass(frozen=True)
class Lists:
    indent_cm: float
    hanging_cm: float
    bullets: tuple[str, ...]
    numbers: tuple[str, ...]


@dataclass(frozen=True)
class Tables:
    border: Border
    header_shading: str
    cell_padding_pt: float
    gap_pt: float


@dataclass(frozen=True)
class StyleSheet:
    page: Page
    defaults: Defaults
    paragraphs: dict[str, Look]
    characters: dict[str, Look]
    boxes: dict[str, str]  # model kind -> paragraph style name
    box_indent_cm: float
    box_gap_pt: float
    lists: Lists
    tables: Tables

    def backgrounds(self) -> set[str]:
        looks = [*self.paragraphs.values(), *self.characters.values()]
        return {WHITE, self.tables.header_shading} | {k.shading for k in looks if k.shading}


# ---- reading the layout file --------------------------------------------------------------


@cache
def _layout(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as file:
        return yaml.safe_load(file)


def load_stylesheet(brand_colour: str, path: Path = STYLE_FILE) -> StyleSheet:
    raw = _layout(path)

    def colour(value: str) -> str:
        return brand_colour if value == "brand" else value

    def border(spec: dict) -> Border:
        return Border(spec["width_pt"], colour(spec["colour"]), spec.get("space_pt", 0))

    def look(spec: dict) -> Look:
        values = dict(spec)
        if "colour" in values:
            values["colour"] = colour(values["colour"])
        values["border"] = {side: border(b) for side, b in values.get("border", {}).items()}
        return Look(**values)

    paragraphs = {name: look(spec) for name, spec in raw["paragraphs"].items()}
    box = raw["boxes"]
    boxes: dict[str, str] = {}
    for kind, (name, bar_colour) in box["kinds"].items():
        frame = border(box["border"])
        bar = Border(box["bar"]["width_pt"], colour(bar_colour), box["bar"]["space_pt"])
        edges = {"top": frame, "left": bar, "bottom": frame, "right": frame}
        paragraphs[name] = Look(**{**_values(look(box["style"])), "border": edges})
        boxes[kind] = name
    tables = raw["tables"]
    sheet = StyleSheet(
        page=Page(**raw["page"]),
        defaults=Defaults(**raw["defaults"]),
        paragraphs=paragraphs,
        characters={name: look(spec) for name, spec in raw["characters"].items()},
        boxes=boxes,
        box_indent_cm=box["style"].get("indent_cm", 0),
        box_gap_pt=box["gap_pt"],
        lists=Lists(
            raw["lists"]["indent_cm"],
            raw["lists"]["hanging_cm"],
            tuple(raw["lists"]["bullets"]),
            tuple(raw["lists"]["numbers"]),
        ),
        tables=Tables(
            border(tables["border"]),
            tables["header_shading"],
            tables["cell_padding_pt"],
            tables["gap_pt"],
        ),
    )
    return _readable(sheet)


def _values(look: Look) -> dict[str, Any]:
    return {f.name: getattr(look, f.name) for f in fields(look)}


# ---- contrast -----------------------------------------------------------------------------


def readable(colour: str, backgrounds: set[str]) -> str:
    """`colour`, darkened just enough for 4.5:1 contrast on every one of `backgrounds`."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    while True:
        candidate = f"#{red:02x}{green:02x}{blue:02x}"
        if all(contrast_ratio(candidate, bg) >= MIN_CONTRAST for bg in backgrounds):
            return candidate
        red, green, blue = (int(c * 0.9) for c in (red, green, blue))


def _readable(sheet: StyleSheet) -> StyleSheet:
    backgrounds = sheet.backgrounds()

    def fix(looks: dict[str, Look]) -> dict[str, Look]:
        return {
            name: Look(**{**_values(look), "colour": readable(look.colour, backgrounds)})
            if look.colour
            else look
            for name, look in looks.items()
        }

    defaults = Defaults(
        **{**vars(sheet.defaults), "colour": readable(sheet.defaults.colour, backgrounds)}
    )
    return StyleSheet(
        **{
            **vars(sheet),
            "defaults": defaults,
            "paragraphs": fix(sheet.paragraphs),
            "characters": fix(sheet.characters),
        }
    )


# ---- writing the styles -------------------------------------------------------------------


def apply_stylesheet(word: WordDocument, sheet: StyleSheet, language: str) -> None:
    """Replace the blank document's styles with the sheet's, all in `language` (e.g. en-GB)."""
    _remove_template_styles(word)
    _write_defaults(word, sheet.defaults, language)
    for name, look in sheet.paragraphs.items():
        _write_style(word, name, WD_STYLE_TYPE.PARAGRAPH, look, sheet.defaults, language)
    for name, look in sheet.characters.items():
        _write_style(word, name, WD_STYLE_TYPE.CHARACTER, look, sheet.defaults, language)
    _set_up_page(word, sheet.page)
    oxml.set_settings(word.settings.element, language)


def _remove_template_styles(word: WordDocument) -> None:
    styles = word.styles.element
    for style in styles.style_lst:
        if style.styleId not in KEPT_STYLE_IDS:
            styles.remove(style)


def _write_defaults(word: WordDocument, defaults: Defaults, language: str) -> None:
    rpr = oxml.new_rpr()
    oxml.set_fonts(rpr, defaults.font)
    oxml.set_size_everywhere(rpr, defaults.size_pt)
    oxml.set_language(rpr, language)
    ppr = oxml.new_ppr()
    oxml.set_spacing(ppr, 0, defaults.after_pt, defaults.line)
    oxml.set_doc_defaults(word.styles.element, rpr, ppr)


def _write_style(
    word: WordDocument,
    name: str,
    kind: WD_STYLE_TYPE,
    look: Look,
    defaults: Defaults,
    language: str,
) -> None:
    if name == "Normal":
        style = word.styles["Normal"]
        for old in (style.element.rPr, style.element.pPr):
            if old is not None:
                style.element.remove(old)
    else:
        style = word.styles.add_style(name, kind, builtin=name in BUILT_IN)
        base = "Default Paragraph Font" if kind == WD_STYLE_TYPE.CHARACTER else look.based_on
        style.base_style = word.styles[base]
    style.quick_style = True
    _write_text_look(style, look, defaults, language)
    if kind == WD_STYLE_TYPE.PARAGRAPH:
        _write_paragraph_look(style, look, is_normal=name == "Normal")
        if name != "Normal":
            style.next_paragraph_style = word.styles["Normal"]


def _write_text_look(style: Any, look: Look, defaults: Defaults, language: str) -> None:
    font = style.font
    rpr = style.element.get_or_add_rPr()
    oxml.set_fonts(rpr, defaults.font)
    oxml.set_language(rpr, language)
    if look.size_pt is not None:
        oxml.set_size_everywhere(rpr, look.size_pt)
    if look.bold is not None:
        font.bold = look.bold
        font.complex_script_bold = look.bold
    if look.underline is not None:
        font.underline = look.underline
    colour = look.colour or (defaults.colour if style.name == "Normal" else None)
    if colour:
        font.color.rgb = _rgb(colour)
    if look.shading and style.type == WD_STYLE_TYPE.CHARACTER:
        oxml.set_run_shading(rpr, look.shading)


def _write_paragraph_look(style: Any, look: Look, is_normal: bool) -> None:
    paragraph = style.paragraph_format
    ppr = style.element.get_or_add_pPr()
    oxml.set_spacing(ppr, look.before_pt, look.after_pt, look.line)
    if is_normal:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        paragraph.widow_control = True
    if look.keep_next:
        paragraph.keep_with_next = True
    if look.page_break_before:
        paragraph.page_break_before = True
    if look.indent_cm is not None:
        paragraph.left_indent = Cm(look.indent_cm)
    if look.right_indent_cm is not None:
        paragraph.right_indent = Cm(look.right_indent_cm)
    if look.border:
        oxml.set_paragraph_borders(ppr, look.border)
    if look.shading:
        oxml.set_paragraph_shading(ppr, look.shading)
    if look.outline is not None:
        oxml.set_outline_level(ppr, look.outline)


def _set_up_page(word: WordDocument, page: Page) -> None:
    section = word.sections[0]
    section.page_width, section.page_height = Cm(page.width_cm), Cm(page.height_cm)
    margins = page.margins_cm
    section.top_margin, section.bottom_margin = Cm(margins["top"]), Cm(margins["bottom"])
    section.left_margin, section.right_margin = Cm(margins["left"]), Cm(margins["right"])
    section.header_distance, section.footer_distance = Cm(margins["header"]), Cm(margins["footer"])


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(oxml.hex_colour(colour))
