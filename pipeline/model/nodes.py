"""The document's nodes: a small, closed set of frozen kinds, inline and block, and the document.

Renderers never see Markdown tokens; they dispatch on these classes. `line` is the 1-based
source line of a block, for messages and for comparing versions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .values import Contact, Meeting, Settings

if TYPE_CHECKING:  # a plain value: the picture's checked bytes, format and size
    from ..pictures import Picture

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
    """A picture in the text: `src` is its name there (the checked picture is the document's
    `pictures[src]`), `alt` what it shows, in words."""

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
    # Every picture the text shows, checked, by its name in the text (images/logo.png). Outputs
    # take them from here, never from the disk. Not in the repr, equality or hash: fingerprints
    # hash the pictures' bytes themselves (pipeline/publish/fingerprint.py).
    pictures: Mapping[str, Picture] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )

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
