"""The document model as Word paragraphs, lists and tables.

A mapping {node class: function}, one small function per node kind, like the HTML writer. Where
the blocks go (a box, a list item) travels in a `Place`; how inline text looks travels in `Runs`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Length, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ... import model as m
from ...dates import long_date
from ...model.values import Contact, is_placeholder
from . import oxml
from .numbering import ListNumbering
from .styles import StyleSheet

BOOKMARK_MAX = 40  # Word ignores longer bookmark names
HISTORY_COLUMNS = ("Version", "Date", "Approved by", "Changes")
CHAR_PT = 7.5  # the width of a wide-ish bold 12 pt Arial letter, for sizing table columns


Indent = tuple[float, float]  # left and hanging indent, in points


@dataclass(frozen=True)
class Place:
    """Where blocks are written: their paragraph style, and the list level they sit in."""

    style: str = "Normal"
    list_style: str = "List Paragraph"
    continue_style: str = "List Continue"
    base_pt: float = 0  # the left indent of a box around them
    indent: Indent | None = None  # the indent every paragraph of a box shares
    level: int = -1  # -1 outside lists, 0 in a top-level list item


@dataclass(frozen=True)
class Origin:
    """Where a paragraph's words come from, noted for `toolkit review`: a block of the model
    (and which part of it: a table cell's (row, column), a box's "title" or "label", a contact's
    ("contact", id, line)), and the list item the paragraph begins; node None: generated."""

    node: object = None
    part: object = None
    item: m.ListItem | None = None


@dataclass
class Marks:
    """Word tracked changes: who made them, when, and the next revision number."""

    author: str
    date: str  # ISO 8601, e.g. 2025-04-14T00:00:00Z
    count: int = 0

    def new(self, op: str) -> BaseOxmlElement:
        """A `w:ins` (op "insert") or `w:del` (op "delete") mark."""
        self.count += 1
        return oxml.tracked("ins" if op == "insert" else "del", self.count, self.author, self.date)


@dataclass(frozen=True)
class Runs:
    """Where inline content goes (a paragraph, or a hyperlink in it), and how it looks.

    In a comparison, `revision` wraps each run in its own tracked change (a whole paragraph
    inserted or deleted), and `deleted` says the runs already sit in a `w:del`."""

    paragraph: Paragraph
    parent: BaseOxmlElement
    bold: bool = False
    style_id: str = ""  # a character style
    revision: str = ""
    marks: Marks | None = None
    deleted: bool = False
    language: str = ""  # words in another language than the document's

    def add(self, text: str = "") -> Run:
        parent = self.parent
        if self.revision and self.marks:
            parent = self.marks.new(self.revision)
            self.parent.append(parent)
        run = Run(oxml.add_run(parent, self.style_id), self.paragraph)
        if text:
            run.text = text
            if self.deleted or self.revision == "delete":
                oxml.as_deleted_text(run._r)
        if self.bold:
            run.bold = True
        if self.language:
            oxml.set_language(run._r.get_or_add_rPr(), self.language)
        return run


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


class DocxWriter:
    def __init__(
        self,
        word: WordDocument,
        sheet: StyleSheet,
        numbering: ListNumbering,
        bookmarks: dict[str, str],
        content_dir: Path,
        marks: Marks | None = None,
        card_boxes: bool = False,
    ) -> None:
        """`marks` is for a comparison's tracked changes; `card_boxes` shows the boxes that are
        only on the pocket card (a comparison shows every change)."""
        self.word = word
        self.sheet = sheet
        self.numbering = numbering
        self.bookmarks = bookmarks
        self.content_dir = content_dir
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
        inner = replace(place, level=place.level + 1)
        left, hanging = self.numbering.indent_pt(inner.level)
        numbered = False
        for child in item.children:
            with self.coming_from(Origin(child, item=item)):
                if not isinstance(child, m.Paragraph):
                    self.blocks[type(child)](child, inner)
                elif not numbered:
                    indent = (place.base_pt + left, hanging)
                    paragraph = self.paragraph(child.children, place.list_style, indent)
                    oxml.set_numbering(paragraph._p.get_or_add_pPr(), num_id, inner.level)
                    numbered = True
                else:  # a further paragraph of the same item, in line with its text
                    indent = (place.base_pt + left, 0)
                    self.paragraph(child.children, place.continue_style, indent)

    def table(self, block: m.Table, caption: str = "") -> None:
        columns = len(block.header)
        table = self.word.add_table(rows=1 + len(block.rows), cols=columns)
        look = self.sheet.tables
        oxml.set_table_look(table._tbl, look.border, look.cell_padding_pt, caption)
        widths = self._column_widths(block)
        for row_index, (row, cells) in enumerate(
            zip(table.rows, (block.header, *block.rows), strict=True)
        ):
            oxml.keep_row_together(row._tr)
            if row_index == 0:
                oxml.mark_header_row(row._tr)
            op = cells.op if isinstance(cells, m.Revised) else ""
            with self.revising(op):
                if self.revision and self.marks:
                    oxml.mark_row(row._tr, self.marks.new(self.revision))
                for column, (cell, width, content) in enumerate(
                    zip(row.cells, widths, _cells(cells), strict=True)
                ):
                    cell.width = width
                    paragraph = cell.paragraphs[0]
                    with self.coming_from(Origin(self.origin.node, (row_index, column))):
                        self.note_origin(paragraph)
                    style = "Table Heading" if row_index == 0 else "Table Text"
                    oxml.set_paragraph_style(paragraph._p, self.style_ids[style])
                    if row_index == 0:
                        oxml.set_cell_shading(cell._tc, look.header_shading)
                    self.inlines(content.children, self.runs(paragraph))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        self.after_table = True
        self.last_paragraph = None

    def _column_widths(self, block: m.Table) -> list[Length]:
        """Each column gets room for its longest word, then a share of the rest of the width
        by the length of its longest text."""
        rows = [_cells(row) for row in (block.header, *block.rows)]
        texts = [[m.plain_text(row[i].children) for row in rows] for i in range(len(block.header))]
        padding = 2 * self.sheet.tables.cell_padding_pt + 2
        needs = [
            max(len(w) for t in col for w in (t.split() or [""])) * CHAR_PT + padding
            for col in texts
        ]
        weights = [min(max(len(t) for t in col), 60) + 1 for col in texts]
        total = Cm(self.sheet.page.text_width_cm).pt
        spare = total - sum(needs)
        if spare < 0:  # too many long words: share the width by need alone
            widths = [total * need / sum(needs) for need in needs]
        else:
            widths = [
                need + spare * weight / sum(weights)
                for need, weight in zip(needs, weights, strict=True)
            ]
        return [Pt(width) for width in widths]

    def version_history(self, block: m.VersionHistory) -> None:
        def cell(text: str) -> m.Cell:
            return m.Cell((m.Text(text),))

        def row(e: m.HistoryEntry) -> tuple[m.Cell, ...]:
            return cell(e.version), cell(long_date(e.date)), cell(e.approved_by), cell(e.summary)

        self.paragraph((m.Text("Version history"),), "Caption")
        rows = tuple(
            m.Revised(e.op, row(e.node)) if isinstance(e, m.Revised) else row(e)
            for e in block.entries
        )
        header = tuple(cell(name) for name in HISTORY_COLUMNS)
        self.table(m.Table(header, rows, block.line), caption="Version history")

    # ---- boxes -------------------------------------------------------------------------------

    def box_place(self, style: str, children: tuple[m.Block, ...]) -> Place:
        """Word and LibreOffice draw one box round consecutive paragraphs only when their borders
        and indents match, so in a box that holds a list every paragraph takes the list's."""
        base = Cm(self.sheet.box_indent_cm).pt
        indent = None
        if any(isinstance(child, m.BulletList | m.OrderedList) for child in children):
            left, hanging = self.numbering.indent_pt(0)
            indent = (base + left, hanging)
        return Place(style, style, style, base_pt=base, indent=indent)

    def box_title(self, title: str, place: Place) -> None:
        paragraph = self.new_paragraph(place.style, place.indent, self.sheet.box_gap_pt)
        paragraph.paragraph_format.keep_with_next = True
        self.label(paragraph, title)

    def callout(self, block: m.Callout, place: Place) -> None:
        if block.kind == "card" and not self.card_boxes:  # it belongs on the pocket card alone
            return
        if block.title and block.kind != "steps":
            title = f"{block.label}: {block.title}"
        else:
            title = block.title or block.label
        inner = self.box_place(self.sheet.boxes[block.kind], block.children)
        with self.coming_from(Origin(block, "title")):
            self.box_title(title, inner)
        self.write(block.children, inner)

    def contact_block(self, block: m.ContactBlock, place: Place) -> None:
        inner = self.box_place(self.sheet.boxes["contact"], block.children)
        with self.coming_from(Origin(block, "label")):
            self.box_title("Contacts", inner)
        self.write(block.children, inner)
        for contact in block.contacts:
            if isinstance(contact, m.ContactChange):  # only the lines that changed are marked
                for line, op in contact.lines():
                    with self.revising(op):
                        self.contact_line(
                            contact.old if op == "delete" else contact.new, line, inner
                        )
                continue
            op, contact = (
                (contact.op, contact.node) if isinstance(contact, m.Revised) else ("", contact)
            )
            with self.revising(op):
                for line in m.CONTACT_LINES:
                    if getattr(contact, line):
                        with self.coming_from(Origin(block, ("contact", contact.id, line))):
                            self.contact_line(contact, line, inner)

    def contact_line(self, contact: Contact, line: str, inner: Place) -> None:
        """One line of a contact's details: its name, role, phone, email or web address."""
        if line == "name":
            name = self.new_paragraph(inner.style, inner.indent)
            name.paragraph_format.keep_with_next = True
            self.label(name, contact.name)
        elif line == "role":
            self.paragraph((m.Text(contact.role),), inner.style, inner.indent)
        elif line == "phone":
            self.paragraph((m.Text(f"Telephone: {contact.phone}"),), inner.style, inner.indent)
        elif line == "email":
            link = m.Link(f"mailto:{contact.email}", (m.Text(contact.email),))
            self.address_line("Email: ", contact.email, link, inner)
        else:
            # Descriptive link text; the address follows as text for readers of a printout.
            shown = re.sub(r"^https?://", "", contact.web).rstrip("/")
            link = m.Link(contact.web, (m.Text(f"{contact.name} website"),))
            self.address_line("Web: ", contact.web, link, inner, f" ({shown})")

    def address_line(
        self, label: str, value: str, link: m.Link, place: Place, after: str = ""
    ) -> None:
        """An email or web address: a link, or a placeholder still to fill in shown as text."""
        paragraph = self.new_paragraph(place.style, place.indent)
        runs = self.runs(paragraph)
        runs.add(label)
        if is_placeholder(value):
            replace(runs, style_id=self.style_ids["Placeholder"]).add(value)
            return
        self.link(link, runs)
        if after:
            runs.add(after)

    def label(self, paragraph: Paragraph, text: str) -> None:
        self.runs(paragraph, self.style_ids["Label"]).add(text)

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
        picture = runs.add().add_picture(str(self.content_dir / node.src))
        widest = Cm(self.sheet.page.text_width_cm)
        if picture.width > widest:
            picture.height = Emu(int(picture.height * widest / picture.width))
            picture.width = widest
        oxml.describe_picture(picture._inline, node.alt, Path(node.src).name)


def _cells(row: tuple[m.Cell, ...] | m.Revised) -> tuple[m.Cell, ...]:
    return row.node if isinstance(row, m.Revised) else row
