"""Where the Word writer is as it writes: the place blocks go (`Place`), how inline text looks
(`Runs`), the tracked changes of a comparison (`Marks`), and where a paragraph comes from
(`Origin`, for `toolkit review`)."""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ... import model as m
from . import oxml

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
        """A `w:ins` (op "insert"), `w:del` (op "delete") or `w:pPrChange` (op "format") mark."""
        self.count += 1
        tag = {"insert": "ins", "delete": "del", "format": "pPrChange"}[op]
        return oxml.tracked(tag, self.count, self.author, self.date)


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
