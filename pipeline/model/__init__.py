"""The document model: what parsing produces and every renderer consumes.

A small, closed set of frozen node kinds. Renderers never see Markdown tokens; they dispatch on
these classes. `line` is the 1-based source line of a block, for messages and for comparing
versions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..read.settings import Contact, Meeting, Settings

# ---- inline nodes -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Shown as bold in every output: clear print avoids italics."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    href: str
    children: tuple[Inline, ...]

    @property
    def external(self) -> bool:
        return not self.href.startswith("#")


@dataclass(frozen=True, slots=True)
class Image:
    src: str
    alt: str


@dataclass(frozen=True, slots=True)
class LineBreak:
    pass


@dataclass(frozen=True, slots=True)
class Language:
    """Words in another language than the document's, e.g. a Welsh phrase, so that screen
    readers pronounce them in it. `lang` is a language code: cy, gd, ga, fr..."""

    lang: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """Words inserted or deleted between two versions. Only a comparison makes these."""

    op: str  # "insert" or "delete"
    children: tuple[Inline, ...]


Inline = Text | Strong | Emphasis | Code | Link | Image | LineBreak | Language | Change

# ---- block nodes --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    level: int  # 1 = a main section; the document title is not a heading
    children: tuple[Inline, ...]
    anchor: str
    line: int


@dataclass(frozen=True, slots=True)
class Paragraph:
    children: tuple[Inline, ...]
    line: int


@dataclass(frozen=True, slots=True)
class ListItem:
    children: tuple[Block, ...]
    line: int


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[ListItem, ...]
    line: int


@dataclass(frozen=True, slots=True)
class OrderedList:
    items: tuple[ListItem, ...]
    start: int
    line: int


@dataclass(frozen=True, slots=True)
class Cell:
    children: tuple[Inline, ...]
    align: str = ""  # "", "left", "center" or "right"


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    line: int


@dataclass(frozen=True, slots=True)
class Quote:
    children: tuple[Block, ...]
    line: int


@dataclass(frozen=True, slots=True)
class CodeBlock:
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Rule:
    line: int


CALLOUT_LABELS = {
    "key-point": "Key point",
    "do": "Do",
    "dont": "Don't",
    "warning": "Warning",
    "info": "Information",
    "steps": "Steps",
    "card": "Pocket card",
}


@dataclass(frozen=True, slots=True)
class Callout:
    """A box: key point, do, don't, warning, information, numbered steps, or card-only text."""

    kind: str
    title: str  # the author's title, or "" for the kind's label alone
    children: tuple[Block, ...]
    line: int
    card: str = ""  # "front", "back" or "" (not on the card)

    @property
    def label(self) -> str:
        return CALLOUT_LABELS[self.kind]


@dataclass(frozen=True, slots=True)
class ContactBlock:
    contacts: tuple[Contact, ...]
    children: tuple[Block, ...]  # text before the contact details
    line: int
    card: str = ""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    version: str
    date: dt.date
    approved_by: str
    summary: str


@dataclass(frozen=True, slots=True)
class VersionHistory:
    entries: tuple[HistoryEntry, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Revised:
    """A whole block, list item, table row, contact or history entry inserted or deleted between
    two versions. Only a comparison makes these; they stand where the node itself would."""

    op: str  # "insert" or "delete"
    node: Block | ListItem | tuple[Cell, ...] | Contact | HistoryEntry


CONTACT_LINES = ("name", "role", "phone", "email", "web")  # in the order they are shown


@dataclass(frozen=True, slots=True)
class ContactChange:
    """A contact whose details differ between two versions. Only a comparison makes these."""

    old: Contact
    new: Contact

    def lines(self) -> Iterator[tuple[str, str]]:
        """(line, op) for each line either version shows: op "" for a line alike in both, or
        "delete" for the old version's line and "insert" for the new one's."""
        for line in CONTACT_LINES:
            before, after = getattr(self.old, line), getattr(self.new, line)
            if before == after:
                if after:
                    yield line, ""
                continue
            if before:
                yield line, "delete"
            if after:
                yield line, "insert"


Block = (
    Heading
    | Paragraph
    | BulletList
    | OrderedList
    | Table
    | Quote
    | CodeBlock
    | Rule
    | Callout
    | ContactBlock
    | VersionHistory
    | Revised
)

# ---- the document -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Approval:
    by: str
    date: dt.date
    minute: str = ""


@dataclass(frozen=True, slots=True)
class Meta:
    title: str
    short_title: str
    subtitle: str
    language: str
    version: str
    status: str  # draft, adopted or superseded
    date: dt.date
    keywords: tuple[str, ...] = ()
    approved: Approval | None = None
    review_interval_months: int = 12
    history: tuple[HistoryEntry, ...] = ()

    @property
    def adoption(self) -> Approval | None:
        """This version's approval. None while it is a draft: a draft's header may still carry
        the approval of the version in force, which must not be shown as the draft's."""
        return self.approved if self.status != "draft" else None

    @property
    def review_due(self) -> dt.date:
        """When the committee next reviews the toolkit: the approval (or version) date plus the
        review interval, on the same day of the month (or the month's last day)."""
        start = self.approved.date if self.approved else self.date
        months = start.month - 1 + self.review_interval_months
        year, month = start.year + months // 12, months % 12 + 1
        for day in (start.day, 30, 29, 28):
            try:
                return dt.date(year, month, day)
            except ValueError:
                continue
        raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class Document:
    meta: Meta
    settings: Settings
    blocks: tuple[Block, ...]
    meeting: Meeting = field(default_factory=Meeting)
    source: str = ""  # the source file, as shown in messages
    fingerprint: str = ""  # of the source and settings files read, to know a file built from them

    def headings(self) -> Iterator[Heading]:
        return (b for b in walk_blocks(self.blocks) if isinstance(b, Heading))


def walk_blocks(blocks: tuple[Block, ...] | tuple[ListItem, ...]) -> Iterator[Block | ListItem]:
    """Every block, depth first, including those inside lists and boxes."""
    for block, _ in walk_revisions(blocks):
        yield block


def walk_revisions(
    blocks: tuple[Block | ListItem, ...], op: str = ""
) -> Iterator[tuple[Block | ListItem, str]]:
    """Every block with the revision it is part of: "insert" or "delete" inside a block that a
    comparison found added or removed as a whole, otherwise ""."""
    for block in blocks:
        if isinstance(block, Revised):
            if isinstance(block.node, Block | ListItem):
                yield from walk_revisions((block.node,), block.op)
            continue
        yield block, op
        if isinstance(block, BulletList | OrderedList):
            yield from walk_revisions(block.items, op)
        elif isinstance(block, ListItem | Quote | Callout | ContactBlock):
            yield from walk_revisions(block.children, op)


def walk_inlines(inlines: tuple[Inline, ...]) -> Iterator[Inline]:
    for node in inlines:
        yield node
        if isinstance(node, Strong | Emphasis | Link | Language | Change):
            yield from walk_inlines(node.children)


def node_fields(node: Any) -> dict[str, Any] | None:
    """A model node's fields by name; None for anything else (text, dates, settings)."""
    if dataclasses.is_dataclass(node) and type(node).__module__ == __name__:
        return {f.name: getattr(node, f.name) for f in dataclasses.fields(node)}
    return None


def map_inlines(node: Any, change: Callable[[Inline], Inline]) -> Any:
    """A block (or a tuple of blocks, a list item, a row...) with every inline node in it passed
    through `change`, innermost first. Nodes that `change` returns as they are stay shared."""
    if isinstance(node, tuple):
        return tuple(map_inlines(child, change) for child in node)
    values = node_fields(node)
    if values is None:
        return node
    mapped = {
        name: map_inlines(value, change)
        for name, value in values.items()
        if isinstance(value, tuple) or node_fields(value) is not None
    }
    node = dataclasses.replace(node, **mapped) if mapped else node
    return change(node) if isinstance(node, Inline) else node


def version_of(inlines: tuple[Inline, ...], side: str) -> tuple[Inline, ...]:
    """Inline content as one side of a comparison has it: "new" keeps the inserted words and
    drops the deleted ones, "old" the other way round. Content without changes is returned as is."""
    dropped = "delete" if side == "new" else "insert"
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Change):
            if node.op != dropped:
                out.extend(version_of(node.children, side))
        elif isinstance(node, Strong | Emphasis | Link | Language):
            out.append(dataclasses.replace(node, children=version_of(node.children, side)))
        else:
            out.append(node)
    return tuple(out)


def text_runs(inlines: tuple[Inline, ...]) -> tuple[Text | Change, ...]:
    """The words of inline content without formatting, keeping any changes: for places that show
    text alone, such as a contents list."""
    out: list[Text | Change] = []
    for node in inlines:
        if isinstance(node, Change):
            out.append(Change(node.op, text_runs(node.children)))
            continue
        text = plain_text((node,))
        if not text:
            continue
        if out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + text)
        else:
            out.append(Text(text))
    return tuple(out)


def own_inlines(block: Block | ListItem) -> tuple[tuple[Inline, ...], ...]:
    """The inline runs a block holds itself, not those of blocks nested in it: a heading's or
    paragraph's words, or each cell of a table."""
    if isinstance(block, Heading | Paragraph):
        return (block.children,)
    if isinstance(block, Table):
        return tuple(cell.children for row in (block.header, *block.rows) for cell in row)
    return ()


def own_texts(block: Block | ListItem) -> list[str]:
    """The texts a block holds itself: its inline runs, a box's title, a code block's code."""
    texts = [plain_text(run) for run in own_inlines(block)]
    if isinstance(block, Callout) and block.title:
        texts.append(block.title)
    if isinstance(block, CodeBlock):
        texts.append(block.text)
    return texts


def plain_text(inlines: tuple[Inline, ...]) -> str:
    """The words of some inline content, without formatting."""
    parts: list[str] = []
    for node in inlines:
        if isinstance(node, Text | Code):
            parts.append(node.text)
        elif isinstance(node, Strong | Emphasis | Link | Language | Change):
            parts.append(plain_text(node.children))
        elif isinstance(node, Image):
            parts.append(node.alt)
        elif isinstance(node, LineBreak):
            parts.append(" ")
    return "".join(parts)
