"""What changed between two versions of the toolkit, on the document model.

Each document becomes a list of text units (a heading, a paragraph, a list item's paragraph, a
table cell, a line of a contact box), grouped into sections by their main heading. Sections are
matched by heading, units by content; inside a changed unit the words are compared. Pure: no
rendering here.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from . import model as m
from .templates import long_date

BEFORE_FIRST_SECTION = "(before the first section)"
SIMILAR = 0.4  # how alike two units must be to be shown as one changed unit


@dataclass(frozen=True)
class Unit:
    """One paragraph's worth of text, and what kind of paragraph it is."""

    kind: str  # heading1..heading3, paragraph, item, cell, box, code
    text: str


@dataclass(frozen=True)
class Piece:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass(frozen=True)
class Entry:
    """A unit of the comparison: unchanged, added, removed, or changed word by word."""

    kind: str
    pieces: tuple[Piece, ...]

    @property
    def old_text(self) -> str:
        return "".join(p.text for p in self.pieces if p.op != "insert")

    @property
    def new_text(self) -> str:
        return "".join(p.text for p in self.pieces if p.op != "delete")

    @property
    def in_old(self) -> bool:
        return any(p.op != "insert" for p in self.pieces)

    @property
    def in_new(self) -> bool:
        return any(p.op != "delete" for p in self.pieces)

    @property
    def changed(self) -> bool:
        return any(p.op != "equal" for p in self.pieces)

    @property
    def status(self) -> str:
        if not self.changed:
            return "same"
        if not self.in_old:
            return "added"
        if not self.in_new:
            return "removed"
        return "changed"


@dataclass(frozen=True)
class Section:
    title: str
    entries: tuple[Entry, ...]

    @property
    def status(self) -> str:
        statuses = {e.status for e in self.entries}
        if statuses <= {"same"}:
            return "same"
        if statuses == {"added"}:
            return "added"
        if statuses == {"removed"}:
            return "removed"
        return "changed"

    @property
    def insertions(self) -> int:
        return sum(1 for e in self.entries for p in e.pieces if p.op == "insert")

    @property
    def deletions(self) -> int:
        return sum(1 for e in self.entries for p in e.pieces if p.op == "delete")


@dataclass(frozen=True)
class Comparison:
    old: m.Document
    new: m.Document
    sections: tuple[Section, ...]

    @property
    def changed(self) -> bool:
        return any(s.status != "same" for s in self.sections)

    @property
    def insertions(self) -> int:
        return sum(s.insertions for s in self.sections)

    @property
    def deletions(self) -> int:
        return sum(s.deletions for s in self.sections)


# ---- the documents as units ---------------------------------------------------------------


def units(document: m.Document) -> list[tuple[str, Unit]]:
    """Every unit of text in reading order, each with the title of its main section."""
    found: list[tuple[str, Unit]] = []
    section = BEFORE_FIRST_SECTION
    for unit in _block_units(document.blocks):
        if unit.kind == "heading1":
            section = unit.text
        found.append((section, unit))
    return found


def _block_units(blocks: tuple[m.Block, ...], kind: str = "paragraph") -> list[Unit]:
    out: list[Unit] = []
    for block in blocks:
        if isinstance(block, m.Heading):
            out.append(Unit(f"heading{block.level}", m.plain_text(block.children)))
        elif isinstance(block, m.Paragraph):
            out.append(Unit(kind, m.plain_text(block.children)))
        elif isinstance(block, m.BulletList | m.OrderedList):
            for item in block.items:
                out.extend(_block_units(item.children, "item"))
        elif isinstance(block, m.Table):
            for row in (block.header, *block.rows):
                out.extend(Unit("cell", m.plain_text(cell.children)) for cell in row)
        elif isinstance(block, m.Quote):
            out.extend(_block_units(block.children, kind))
        elif isinstance(block, m.CodeBlock):
            out.append(Unit("code", block.text))
        elif isinstance(block, m.Callout):
            if block.kind == "card":
                continue
            title = block.title or block.label
            if block.title and block.kind != "steps":
                title = f"{block.label}: {block.title}"
            out.append(Unit("box", title))
            out.extend(_block_units(block.children, "box"))
        elif isinstance(block, m.ContactBlock):
            out.append(Unit("box", "Contacts"))
            out.extend(_block_units(block.children, "box"))
            for contact in block.contacts:
                out.extend(Unit("box", line) for line in contact_lines(contact))
        elif isinstance(block, m.VersionHistory):
            for entry in block.entries:
                cells = (entry.version, long_date(entry.date), entry.approved_by, entry.summary)
                out.extend(Unit("cell", text) for text in cells)
    return [u for u in out if u.text]


def contact_lines(contact) -> list[str]:
    lines = [contact.name]
    if contact.role:
        lines.append(contact.role)
    if contact.phone:
        lines.append(f"Telephone: {contact.phone}")
    if contact.email:
        lines.append(f"Email: {contact.email}")
    if contact.web:
        lines.append(f"Web: {contact.web}")
    return lines


# ---- comparing --------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Words and the spaces between them: joined again they give the text back exactly."""
    return re.findall(r"\s+|[\w'’-]+|[^\w\s]", text)


def word_pieces(old: str, new: str) -> tuple[Piece, ...]:
    a, b = words(old), words(new)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("equal", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                pieces.append(Piece("delete", "".join(a[i1:i2])))
            if j2 > j1:
                pieces.append(Piece("insert", "".join(b[j1:j2])))
    return tuple(pieces)


def _same(unit: Unit) -> Entry:
    return Entry(unit.kind, (Piece("equal", unit.text),))


def _added(unit: Unit) -> Entry:
    return Entry(unit.kind, (Piece("insert", unit.text),))


def _removed(unit: Unit) -> Entry:
    return Entry(unit.kind, (Piece("delete", unit.text),))


def _similar(a: Unit, b: Unit) -> bool:
    if a.kind != b.kind:
        return False
    return difflib.SequenceMatcher(None, words(a.text), words(b.text)).ratio() >= SIMILAR


def compare_units(old: list[Unit], new: list[Unit]) -> list[Entry]:
    entries: list[Entry] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            entries.extend(_same(u) for u in new[j1:j2])
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        if len(olds) == len(news) and all(
            a.kind == b.kind for a, b in zip(olds, news, strict=True)
        ):
            # as many units replaced as replace them, of the same kinds: each one changed
            entries.extend(
                Entry(b.kind, word_pieces(a.text, b.text)) for a, b in zip(olds, news, strict=True)
            )
            continue
        while olds or news:
            if olds and news and _similar(olds[0], news[0]):
                a, b = olds.pop(0), news.pop(0)
                entries.append(Entry(b.kind, word_pieces(a.text, b.text)))
            elif olds and (not news or not any(_similar(olds[0], n) for n in news)):
                entries.append(_removed(olds.pop(0)))
            else:
                entries.append(_added(news.pop(0)))
    return entries


def _sections(document: m.Document) -> list[tuple[str, list[Unit]]]:
    grouped: list[tuple[str, list[Unit]]] = []
    for title, unit in units(document):
        if not grouped or grouped[-1][0] != title or unit.kind == "heading1":
            grouped.append((title, []))
        grouped[-1][1].append(unit)
    return grouped


def compare(old: m.Document, new: m.Document) -> Comparison:
    """Sections matched by heading, then units by content, then words."""
    a, b = _sections(old), _sections(new)
    sections: list[Section] = []
    matcher = difflib.SequenceMatcher(None, [t for t, _ in a], [t for t, _ in b], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for (title, old_units), (_, new_units) in zip(a[i1:i2], b[j1:j2], strict=True):
                sections.append(Section(title, tuple(compare_units(old_units, new_units))))
            continue
        for title, old_units in a[i1:i2]:
            sections.append(Section(title, tuple(_removed(u) for u in old_units)))
        for title, new_units in b[j1:j2]:
            sections.append(Section(title, tuple(_added(u) for u in new_units)))
    return Comparison(old, new, tuple(sections))
