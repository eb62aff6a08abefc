"""The document model: what parsing produces and every renderer consumes.

A small, closed set of frozen node kinds. Renderers never see Markdown tokens; they dispatch on
these classes. `line` is the 1-based source line of a block, for messages and for comparing
versions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from .settings import Contact, Meeting, Settings

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


Inline = Text | Strong | Emphasis | Code | Link | Image | LineBreak

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

    def headings(self) -> Iterator[Heading]:
        return (b for b in walk_blocks(self.blocks) if isinstance(b, Heading))


def walk_blocks(blocks: tuple[Block, ...] | tuple[ListItem, ...]) -> Iterator[Block | ListItem]:
    """Every block, depth first, including those inside lists and boxes."""
    for block in blocks:
        yield block
        if isinstance(block, BulletList | OrderedList):
            yield from walk_blocks(block.items)
        elif isinstance(block, ListItem | Quote | Callout | ContactBlock):
            yield from walk_blocks(block.children)


def walk_inlines(inlines: tuple[Inline, ...]) -> Iterator[Inline]:
    for node in inlines:
        yield node
        if isinstance(node, Strong | Emphasis | Link):
            yield from walk_inlines(node.children)


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
        elif isinstance(node, Strong | Emphasis | Link):
            parts.append(plain_text(node.children))
        elif isinstance(node, Image):
            parts.append(node.alt)
        elif isinstance(node, LineBreak):
            parts.append(" ")
    return "".join(parts)
