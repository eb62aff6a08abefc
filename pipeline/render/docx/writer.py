"""The document model as Word paragraphs, lists and tables.

A mapping {node class: function}, one small function per node kind, like the HTML writer. Where
the blocks go (a box, a list item) travels in a `Place`; how inline text looks travels in `Runs`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from ... import model as m
from ...pdf.fonts import FACES, font_dir
from . import oxml
from .boxes import BoxWriting
from .context import Indent, Marks, Origin, Place, Runs
from .numbering import ListNumbering
from .styles import StyleSheet
from .tables import TableWriting

if TYPE_CHECKING:
    from ...pictures import Picture

BOOKMARK_MAX = 40  # Word ignores longer bookmark names
__all__ = ["DocxWriter", "Indent", "Marks", "Origin", "Place", "Runs", "bookmark_names"]


def bookmark_names(document: m.Document) -> dict[str, str]:
    """A Word bookmark name for each heading anchor: letters, digits and _, at most 40 long."""
    names: dict[str, str] = {}
    for heading in document.headings():
        base = re.sub(r"[^A-Za-z0-9]", "_", heading.anchor)
        base = base if base[:1].isalpha() else f"s_{base}"
        name, number = base[:BOOKMARK_MAX], 1
        while name in names.values():  # two long anchors that begin alike
            number += 1
            name = f"{base[: BOOKMARK_MAX - 4]}_{number}"
        names[heading.anchor] = name
    return names


def print_fonts() -> tuple[Path, ...]:
    """The PDFs' pinned typeface (regular and bold): the text of an SVG drawn for Word is drawn
    with it, so the PNG is the same on every machine."""
    return tuple(font_dir() / FACES[face] for face in ((400, "normal"), (700, "normal")))


# The versions a paragraph is in: inserted ones only in the new, deleted ones only in the old.
VERSIONS = {
    "": frozenset({"old", "new"}),
    "insert": frozenset({"new"}),
    "delete": frozenset({"old"}),
}


class DocxWriter(TableWriting, BoxWriting):
    def __init__(
        self,
        word: WordDocument,
        sheet: StyleSheet,
        numbering: ListNumbering,
        bookmarks: dict[str, str],
        pictures: Mapping[str, Picture],
        marks: Marks | None = None,
        card_boxes: bool = False,
    ) -> None:
        """`pictures` are the document's checked pictures, by their name in the text; `marks`
        is for a comparison's tracked changes; `card_boxes` shows the boxes that are only on the
        pocket card (a comparison shows every change)."""
        self.word = word
        self.sheet = sheet
        self.numbering = numbering
        self.bookmarks = bookmarks
        self.pictures = pictures
        self.marks = marks
        self.card_boxes = card_boxes
        self.revision = ""  # "insert" or "delete" while writing a block added or removed whole
        self.bookmark_count = 0
        self.origin = Origin()
        self.origins: dict[BaseOxmlElement, Origin] | None = None  # each w:p's, when asked for
        self.sections_started = 0
        self.after_table = False
        self.last_paragraph: Paragraph | None = None
        self.style_ids = {style.name: style.style_id for style in word.styles}
        self.blocks: dict[type, Callable[[m.Block, Place], None]] = {
            m.Heading: self.heading,
            m.Paragraph: lambda b, place: self.paragraph(b.children, place.style, place.indent),
            m.BulletList: self.bullet_list,
            m.OrderedList: self.ordered_list,
            m.Table: lambda b, place: self.table(b),
            m.Quote: lambda b, place: self.write(b.children, replace(place, style="Quote")),
            m.CodeBlock: lambda b, place: self.paragraph((m.Text(b.text),), "Code Block"),
            # A thematic break has no words; in Word the next heading or box shows the change.
            m.Rule: lambda b, place: None,
            m.Callout: self.callout,
            m.ContactBlock: self.contact_block,
            m.VersionHistory: lambda b, place: self.version_history(b),
            m.Revised: self.revised,
        }
        self.inline_writers: dict[type, Callable[[m.Inline, Runs], None]] = {
            m.Text: lambda n, runs: runs.add(n.text),
            m.Code: lambda n, runs: runs.add(n.text),
            m.Strong: lambda n, runs: self.inlines(n.children, replace(runs, bold=True)),
            m.Emphasis: lambda n, runs: self.inlines(n.children, replace(runs, bold=True)),
            m.Link: self.link,
            m.Image: self.image,
            m.LineBreak: lambda n, runs: runs.add().add_break(),
            m.Language: lambda n, runs: self.inlines(n.children, replace(runs, language=n.lang)),
            m.Change: self.change,
        }

    # ---- blocks ------------------------------------------------------------------------------

    def write(self, blocks: tuple[m.Block, ...], place: Place) -> None:
        for block in blocks:
            with self.coming_from(Origin(block, item=self.origin.item)):
                self.blocks[type(block)](block, place)

    @contextmanager
    def coming_from(self, origin: Origin) -> Iterator[None]:
        """The paragraphs written inside come from `origin`."""
        before, self.origin = self.origin, origin
        try:
            yield
        finally:
            self.origin = before

    def note_origin(self, paragraph: Paragraph) -> None:
        if self.origins is not None:
            self.origins[paragraph._p] = self.origin

    def runs(self, paragraph: Paragraph, style_id: str = "") -> Runs:
        """Inline content at the start of a paragraph, tracked while a revision is written."""
        return Runs(
            paragraph, paragraph._p, style_id=style_id, revision=self.revision, marks=self.marks
        )

    @contextmanager
    def revising(self, op: str) -> Iterator[None]:
        """Everything written inside is one whole insertion or deletion (op "" changes nothing)."""
        before = self.revision
        self.revision = op or before
        try:
            yield
        finally:
            self.revision = before

    def revised(self, block: m.Revised, place: Place) -> None:
        with self.revising(block.op):
            self.blocks[type(block.node)](block.node, place)

    def new_paragraph(
        self, style: str, indent: Indent | None = None, space_before_pt: float = 0
    ) -> Paragraph:
        """Every paragraph starts here: its style, a box's shared indent, and room after a table
        (a table cannot carry space below itself)."""
        paragraph = self.word.add_paragraph()
        if style != "Normal":
            oxml.set_paragraph_style(paragraph._p, self.style_ids[style])
        if indent:
            oxml.set_indent(paragraph._p.get_or_add_pPr(), *indent)
        if self.after_table:
            space_before_pt = max(space_before_pt, self.sheet.tables.gap_pt)
            self.after_table = False
        if space_before_pt:
            paragraph.paragraph_format.space_before = Pt(space_before_pt)
        if self.revision and self.marks:
            oxml.mark_paragraph(paragraph._p, self.marks.new(self.revision))
        self.last_paragraph = paragraph
        self.note_origin(paragraph)
        return paragraph

    def paragraph(
        self, inlines: tuple[m.Inline, ...], style: str, indent: Indent | None = None
    ) -> Paragraph:
        paragraph = self.new_paragraph(style, indent)
        self.inlines(inlines, self.runs(paragraph))
        return paragraph

    def heading(self, block: m.Heading, place: Place) -> None:
        paragraph = self.new_paragraph(f"Heading {block.level}")
        if block.level == 1:
            self.sections_started += 1
            if self.sections_started == 1:  # the text starts on a page of its own
                paragraph.paragraph_format.page_break_before = True
        self.bookmark_count += 1
        oxml.add_bookmark_start(paragraph._p, self.bookmark_count, self.bookmarks[block.anchor])
        self.inlines(block.children, self.runs(paragraph))
        oxml.add_bookmark_end(paragraph._p, self.bookmark_count)

    def bullet_list(self, block: m.BulletList, place: Place) -> None:
        self.list_items(block.items, self.numbering.new_list(False, 1, place.level + 1), place)
        self.end_list(place)

    def ordered_list(self, block: m.OrderedList, place: Place) -> None:
        num_id = self.numbering.new_list(True, block.start, place.level + 1)
        self.list_items(block.items, num_id, place)
        self.end_list(place)

    def end_list(self, place: Place) -> None:
        """Items sit close together; the list as a whole gets a paragraph's space below it."""
        if place.level == -1 and place.style == "Normal" and self.last_paragraph is not None:
            self.last_paragraph.paragraph_format.space_after = Pt(self.sheet.defaults.after_pt)

    def list_items(
        self, items: tuple[m.ListItem | m.Revised, ...], num_id: int, place: Place
    ) -> None:
        for item in items:
            if isinstance(item, m.Revised):
                with self.revising(item.op):
                    self.list_item(item.node, num_id, place)
            else:
                self.list_item(item, num_id, place)

    def list_item(self, item: m.ListItem, num_id: int, place: Place) -> None:
        """The item's first paragraph carries its number; further paragraphs sit in line with
        its text. In a comparison the first paragraph can differ between the versions (the old
        first paragraph deleted): each version's first one is numbered, and a paragraph of both
        versions that is first in only one records its other look as a property change."""
        inner = replace(place, level=place.level + 1)
        left, hanging = self.numbering.indent_pt(inner.level)
        first = (place.list_style, (place.base_pt + left, hanging), (num_id, inner.level))
        further = (place.continue_style, (place.base_pt + left, 0), None)
        numbered: set[str] = set()  # the versions whose first paragraph is written
        for child in item.children:
            op, node = (child.op, child.node) if isinstance(child, m.Revised) else ("", child)
            with self.coming_from(Origin(child, item=item)):
                if not isinstance(node, m.Paragraph):
                    self.blocks[type(child)](child, inner)
                    continue
                versions = VERSIONS[op] & VERSIONS[self.revision]
                starts = versions - numbered  # the versions in which it is the first paragraph
                numbered |= versions
                shown = "new" if "new" in versions else "old"
                style, indent, numbering = first if shown in starts else further
                with self.revising(op):
                    paragraph = self.paragraph(node.children, style, indent)
                if numbering is not None:
                    oxml.set_numbering(paragraph._p.get_or_add_pPr(), *numbering)
                if len(versions) == 2 and len(starts) == 1 and self.marks is not None:
                    style, indent, numbering = first if "old" in starts else further
                    mark = self.marks.new("format")
                    oxml.record_old_properties(
                        paragraph._p, mark, self.style_ids[style], indent, numbering
                    )

    # ---- inlines -----------------------------------------------------------------------------

    def inlines(self, nodes: tuple[m.Inline, ...], runs: Runs) -> None:
        for node in nodes:
            self.inline_writers[type(node)](node, runs)

    def change(self, node: m.Change, runs: Runs) -> None:
        """Words inserted or deleted inside a paragraph: one tracked change around their runs."""
        if self.marks is None:
            raise ValueError("a tracked change outside a comparison")
        mark = self.marks.new(node.op)
        runs.parent.append(mark)
        self.inlines(node.children, replace(runs, parent=mark, deleted=node.op == "delete"))

    def link(self, node: m.Link, runs: Runs) -> None:
        if node.external:
            rel = self.word.part.relate_to(node.href, RT.HYPERLINK, is_external=True)
            hyperlink = oxml.add_hyperlink(runs.paragraph._p, relationship_id=rel)
        else:
            anchor = self.bookmarks[node.href[1:]]
            hyperlink = oxml.add_hyperlink(runs.paragraph._p, anchor=anchor)
        self.inlines(
            node.children, replace(runs, parent=hyperlink, style_id=self.style_ids["Hyperlink"])
        )

    def image(self, node: m.Image, runs: Runs) -> None:
        """A picture of the text at its natural size, no wider than the text."""
        picture = self.pictures[node.src]
        size = picture.print_size(self.sheet.page.text_width_cm)
        self.picture(runs, picture, (size.width_cm, size.height_cm), node.alt, node.src)

    def picture(
        self, runs: Runs, picture: Picture, size_cm: tuple[float, float], alt: str, name: str
    ) -> None:
        """`picture` shown `size_cm` (width, height) in a run: as Word can hold it (an SVG as a
        PNG drawn for that size at print resolution, with the SVG beside it), described by
        `alt` (decorative when `alt` is empty)."""
        width_cm, height_cm = size_cm
        word = picture.for_word(width_cm, fonts=print_fonts())
        shape = runs.add().add_picture(
            io.BytesIO(word.data), width=Cm(width_cm), height=Cm(height_cm)
        )
        if word.svg is not None:
            oxml.add_svg_beside(shape._inline, self.word.part, word.svg)
        oxml.describe_picture(shape._inline, alt, PurePosixPath(name).name)
