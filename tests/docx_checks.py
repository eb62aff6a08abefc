"""What Word's Accessibility Checker and clear-print guidance look for, read with python-docx.

Shared by the tests of every Word output (the `docx` format and the `redline-docx` comparison).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.font import Font
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from pipeline.model.values import contrast_ratio

VAGUE = {"click here", "here", "this link", "link", "read more", "more", "this page"}
JUSTIFIED = {WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.DISTRIBUTE}
JUSTIFIED |= {v for v in WD_ALIGN_PARAGRAPH if v.name.startswith("JUSTIFY")}


def body_paragraphs(word: WordDocument) -> Iterator[Paragraph]:
    """Every paragraph of the text, table cells included, in order."""
    for item in word.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    yield from cell.paragraphs
        else:
            yield item


def all_paragraphs(word: WordDocument) -> Iterator[Paragraph]:
    yield from body_paragraphs(word)
    for section in word.sections:
        yield from section.header.paragraphs
        yield from section.footer.paragraphs


def chain(style: BaseStyle | None) -> Iterator[BaseStyle]:
    """A style and the styles it is based on."""
    while style is not None:
        yield style
        style = style.base_style


def default_run_property(word: WordDocument, tag: str, attribute: str = "val") -> str | None:
    rpr = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    node = rpr.find(qn(f"w:{tag}")) if rpr is not None else None
    return node.get(qn(f"w:{attribute}")) if node is not None else None


def effective(paragraph: Paragraph, run: Run, read: Callable[[Font], Any]) -> Any:
    """A run property as Word resolves it: the run, its character style, the paragraph style."""
    for source in (
        run,
        *chain(run.style if run.style.name != "Default Paragraph Font" else None),
        *chain(paragraph.style),
    ):
        value = read(source.font)
        if value is not None:
            return value
    return None


def run_size(word: WordDocument, paragraph: Paragraph, run: Run) -> float:
    size = effective(paragraph, run, lambda font: font.size)
    if size is None:
        return int(default_run_property(word, "sz")) / 2
    return size.pt


def run_font(word: WordDocument, paragraph: Paragraph, run: Run) -> str | None:
    return effective(paragraph, run, lambda font: font.name) or default_run_property(
        word, "rFonts", "ascii"
    )


def paragraph_alignment(paragraph: Paragraph) -> WD_ALIGN_PARAGRAPH | None:
    if paragraph.alignment is not None:
        return paragraph.alignment
    return next(
        (
            s.paragraph_format.alignment
            for s in chain(paragraph.style)
            if s.paragraph_format.alignment is not None
        ),
        None,
    )


def heading_level(paragraph: Paragraph) -> int | None:
    match = re.fullmatch(r"Heading (\d)", paragraph.style.name)
    return int(match.group(1)) if match else None


def has_picture(paragraph: Paragraph) -> bool:
    return bool(paragraph._p.findall(f".//{qn('w:drawing')}"))


def fills(word: WordDocument) -> set[str]:
    """Every background colour the document uses (paragraph, run and cell shading), and white."""
    found = {"#ffffff"}
    for part in (word.styles.element, word.element):
        for shading in part.iter(qn("w:shd")):
            fill = shading.get(qn("w:fill"))
            if fill and fill != "auto":
                found.add(f"#{fill.lower()}")
    return found


def text_colours(word: WordDocument) -> set[str]:
    found = set()
    for part in (word.styles.element, word.element):
        for colour in part.iter(qn("w:color")):
            value = colour.get(qn("w:val"))
            if value and value != "auto":
                found.add(f"#{value.lower()}")
    return found


def accessibility_problems(word: WordDocument) -> list[str]:
    """What Word's Accessibility Checker and clear-print guidance would flag."""
    problems = []
    if not word.core_properties.title:
        problems.append("missing document title")
    if not any(p.style.name == "Title" for p in word.paragraphs):
        problems.append("no paragraph in the Title style")
    for shape in word.inline_shapes:
        if not (shape._inline.docPr.get("descr") or "").strip():
            problems.append("picture without alternative text")
    for table in word.tables:
        if table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
            problems.append("table without a header row")
    levels = [level for p in word.paragraphs if (level := heading_level(p))]
    if not levels:
        problems.append("no heading styles")
    for previous, level in zip([0, *levels], levels, strict=False):
        if level > previous + 1:
            problems.append(f"heading level skipped: {previous} to {level}")
    for paragraph in all_paragraphs(word):
        for link in paragraph.hyperlinks:
            text = link.text.strip().lower()
            if text in VAGUE or text.startswith(("http://", "https://", "www.")):
                problems.append(f"unclear link text {link.text!r}")
    for paragraph in body_paragraphs(word):
        if not paragraph.text.strip() and not has_picture(paragraph):
            problems.append(f"empty paragraph (style {paragraph.style.name})")
    for paragraph in all_paragraphs(word):
        if paragraph_alignment(paragraph) in JUSTIFIED:
            problems.append(f"justified text: {paragraph.text[:30]!r}")
        for run in paragraph.runs:
            if run.text.strip() and run_size(word, paragraph, run) < 12:
                problems.append(f"text below 12 pt: {run.text[:30]!r}")
            if effective(paragraph, run, lambda font: font.italic):
                problems.append(f"italic text: {run.text[:30]!r}")
            if effective(paragraph, run, lambda f: f.all_caps or f.small_caps or None):
                problems.append(f"capitals for emphasis: {run.text[:30]!r}")
            if run.text.strip() and run_font(word, paragraph, run) != "Arial":
                problems.append(f"font other than Arial: {run.text[:30]!r}")
    for colour in text_colours(word):
        for fill in fills(word):
            if contrast_ratio(colour, fill) < 4.5:
                problems.append(f"contrast of {colour} on {fill} is below 4.5:1")
    return problems
