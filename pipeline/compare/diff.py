"""What changed between two versions of the toolkit, on the document model.

The result is one merged document: the new version's blocks, with the old version's words and
blocks put back where they were removed. Removed and added blocks (and list items, table rows,
contacts and history entries) are wrapped in `Revised`; words changed inside a paragraph, list
item, heading or table cell are wrapped in `Change`. Every renderer that knows these two nodes can
then show the comparison with its usual styles, and taking one side of every change gives either
version back.

Sections are matched by their main heading, blocks by content, then words inside matched blocks.
Pure: no rendering here.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from .. import model as m
from ..model.values import Contact, slugify
from .words import merge_inlines, words

BEFORE_FIRST_SECTION = "(before the first section)"
SIMILAR = 0.4  # how alike two blocks must be to be shown as one changed block

T = TypeVar("T")


@dataclass(frozen=True)
class SectionChange:
    """A main section of the merged document and what happened to it."""

    title: str
    anchor: str  # "" before the first heading
    status: str  # "same", "added", "removed" or "changed"
    insertions: int
    deletions: int


@dataclass(frozen=True)
class Comparison:
    old: m.Document
    new: m.Document
    merged: m.Document  # the new version with every change marked
    sections: tuple[SectionChange, ...]

    @property
    def changed(self) -> bool:
        return any(s.status != "same" for s in self.sections)

    @property
    def insertions(self) -> int:
        return sum(s.insertions for s in self.sections)

    @property
    def deletions(self) -> int:
        return sum(s.deletions for s in self.sections)

    @property
    def changed_sections(self) -> list[SectionChange]:
        return [s for s in self.sections if s.status != "same"]


# ---- sequences of blocks, items, rows, contacts ---------------------------------------------


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def shape(node: Any) -> Any:
    """A node as plain, hashable data without its source line: equal shapes, equal content."""
    if isinstance(node, tuple):
        return tuple(shape(child) for child in node)
    fields = m.node_fields(node)
    if fields is None:
        return node
    return (type(node).__name__, *(shape(v) for name, v in fields.items() if name != "line"))


def merge_sequence(
    olds: Sequence[T],
    news: Sequence[T],
    text: Callable[[T], str],
    pairable: Callable[[T, T], bool],
    merge: Callable[[T, T], list],
    wrap: Callable[[str, T], list] = lambda op, node: [m.Revised(op, node)],
    keep: Callable[[T], list] = lambda node: [node],
) -> list:
    """Both sequences in one: equal runs kept, unmatched nodes wrapped as removed or added, and
    nodes that replace alike nodes merged. `text` gives a node's words, to judge how alike."""
    out: list = []

    def similar(a: T, b: T) -> bool:
        return pairable(a, b) and _ratio(text(a), text(b)) >= SIMILAR

    matcher = difflib.SequenceMatcher(None, list(map(shape, olds)), list(map(shape, news)), False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = list(olds[i1:i2]), list(news[j1:j2])
        if op == "equal":
            out.extend(node for y in b for node in keep(y))
            continue
        if len(a) == len(b) and all(pairable(x, y) for x, y in zip(a, b, strict=True)):
            for x, y in zip(a, b, strict=True):  # as many replaced as replace them: each changed
                out.extend(merge(x, y))
            continue
        while a or b:
            if a and b and similar(a[0], b[0]):
                out.extend(merge(a.pop(0), b.pop(0)))
            elif a and not any(similar(a[0], y) for y in b):
                out.extend(wrap("delete", a.pop(0)))
            else:
                out.extend(wrap("insert", b.pop(0)))
    return out


def block_text(node: Any) -> str:
    """All the words of a block (or list item, row, contact, history entry), for matching."""
    if isinstance(node, tuple):  # a table row
        return " | ".join(m.plain_text(cell.children) for cell in node)
    if isinstance(node, Contact | m.HistoryEntry):
        return " ".join(str(value) for value in dataclasses.astuple(node))
    if isinstance(node, m.Table):
        return " / ".join(block_text(row) for row in (node.header, *node.rows))
    if isinstance(node, m.VersionHistory):
        return " / ".join(block_text(entry) for entry in node.entries)
    texts = [t for block in m.walk_blocks((node,)) for t in m.own_texts(block)]
    if isinstance(node, m.ContactBlock):
        texts += [block_text(contact) for contact in node.contacts]
    return " ".join(texts)


def _pairable(a: m.Block | m.ListItem, b: m.Block | m.ListItem) -> bool:
    """Whether `b` can show as `a` changed (rather than `a` removed and `b` added)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, m.Heading):
        return a.level == b.level
    if isinstance(a, m.Table):
        return len(a.header) == len(b.header)
    if isinstance(a, m.Callout):  # a box's kind, title and card side are shown as a whole
        return (a.kind, a.title, a.card) == (b.kind, b.title, b.card)
    if isinstance(a, m.CodeBlock):
        return a.text == b.text
    return True


def merge_blocks(old: Sequence[m.Block], new: Sequence[m.Block]) -> tuple[m.Block, ...]:
    return tuple(merge_sequence(old, new, block_text, _pairable, _merge_block))


def _merge_items(old: Sequence[m.ListItem], new: Sequence[m.ListItem]) -> tuple:
    return tuple(
        merge_sequence(
            old,
            new,
            block_text,
            lambda a, b: True,
            lambda a, b: [m.ListItem(merge_blocks(a.children, b.children), b.line)],
        )
    )


def _merge_row(old: tuple[m.Cell, ...], new: tuple[m.Cell, ...]) -> tuple[m.Cell, ...]:
    return tuple(
        m.Cell(merge_inlines(a.children, b.children), b.align)
        for a, b in zip(old, new, strict=True)
    )


def _merge_whole(old: T, new: T) -> list:
    """Nodes shown whole: the same, or the old one removed and the new one added."""
    return (
        [new] if shape(old) == shape(new) else [m.Revised("delete", old), m.Revised("insert", new)]
    )


def _merge_block(a: m.Block, b: m.Block) -> list[m.Block]:
    if shape(a) == shape(b):
        return [b]
    if not _pairable(a, b):
        return _merge_whole(a, b)
    if isinstance(b, m.Heading):
        return [m.Heading(b.level, merge_inlines(a.children, b.children), b.anchor, b.line)]
    if isinstance(b, m.Paragraph):
        return [m.Paragraph(merge_inlines(a.children, b.children), b.line)]
    if isinstance(b, m.BulletList):
        return [m.BulletList(_merge_items(a.items, b.items), b.line)]
    if isinstance(b, m.OrderedList):
        return [m.OrderedList(_merge_items(a.items, b.items), b.start, b.line)]
    if isinstance(b, m.Table):
        rows = merge_sequence(
            a.rows, b.rows, block_text, lambda x, y: True, lambda x, y: [_merge_row(x, y)]
        )
        return [m.Table(_merge_row(a.header, b.header), tuple(rows), b.line)]
    if isinstance(b, m.Quote):
        return [m.Quote(merge_blocks(a.children, b.children), b.line)]
    if isinstance(b, m.Callout):
        return [dataclasses.replace(b, children=merge_blocks(a.children, b.children))]
    if isinstance(b, m.ContactBlock):
        contacts = merge_sequence(a.contacts, b.contacts, block_text, _same_id, _merge_contact)
        children = merge_blocks(a.children, b.children)
        return [m.ContactBlock(tuple(contacts), children, b.line, b.card)]
    if isinstance(b, m.VersionHistory):
        entries = merge_sequence(
            a.entries, b.entries, block_text, lambda x, y: x.version == y.version, _merge_whole
        )
        return [m.VersionHistory(tuple(entries), b.line)]
    return _merge_whole(a, b)  # a rule, or a code block


def _same_id(a: Contact, b: Contact) -> bool:
    return a.id == b.id


def _merge_contact(a: Contact, b: Contact) -> list:
    return [b] if a == b else [m.ContactChange(a, b)]


# ---- sections --------------------------------------------------------------------------------


def _split_sections(blocks: Sequence[m.Block]) -> list[tuple[m.Block, ...]]:
    """The blocks before the first main heading, then each main heading with what follows it."""
    sections: list[list[m.Block]] = [[]]
    for block in blocks:
        if _is_main_heading(block):
            sections.append([])
        sections[-1].append(block)
    return [tuple(s) for s in sections if s]


def _is_main_heading(block: m.Block) -> bool:
    node = block.node if isinstance(block, m.Revised) else block
    return isinstance(node, m.Heading) and node.level == 1


def _section_title(section: tuple[m.Block, ...]) -> str:
    first = section[0]
    return m.plain_text(first.children) if isinstance(first, m.Heading) else ""


def _section_text(section: tuple[m.Block, ...]) -> str:
    return " ".join(block_text(block) for block in section)


def _sections_pairable(a: tuple[m.Block, ...], b: tuple[m.Block, ...]) -> bool:
    """A renamed section whose text is much the same is shown as changed, not replaced."""
    return (
        _section_title(a) == _section_title(b) or _ratio(_section_text(a), _section_text(b)) >= 0.6
    )


def _merge_sections(old: tuple[m.Block, ...], new: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    return tuple(
        merge_sequence(
            _split_sections(old),
            _split_sections(new),
            _section_text,
            _sections_pairable,
            lambda a, b: list(merge_blocks(a, b)),
            lambda op, section: [m.Revised(op, block) for block in section],
            list,
        )
    )


# ---- counting, anchors, the comparison --------------------------------------------------------


def count_changes(node: Any) -> tuple[int, int]:
    """(insertions, deletions): each `Change` or `Revised` counts once."""
    if isinstance(node, m.Change | m.Revised):
        return (1, 0) if node.op == "insert" else (0, 1)
    if isinstance(node, m.ContactChange):
        ops = [op for _, op in node.lines()]
        return ops.count("insert"), ops.count("delete")
    fields = m.node_fields(node)
    children = node if isinstance(node, tuple) else tuple((fields or {}).values())
    counts = [count_changes(child) for child in children]
    return sum(c[0] for c in counts), sum(c[1] for c in counts)


def _summarise(blocks: tuple[m.Block, ...]) -> tuple[SectionChange, ...]:
    summary: list[SectionChange] = []
    for section in _split_sections(blocks):
        first = section[0]
        op = first.op if isinstance(first, m.Revised) else ""
        heading = first.node if isinstance(first, m.Revised) else first
        title, anchor = BEFORE_FIRST_SECTION, ""
        if isinstance(heading, m.Heading) and heading.level == 1:
            side = "old" if op == "delete" else "new"
            title = m.plain_text(m.version_of(heading.children, side))
            anchor = heading.anchor
        insertions, deletions = count_changes(section)
        ops = {b.op if isinstance(b, m.Revised) else "" for b in section}
        if not insertions and not deletions:
            status = "same"
        elif ops == {"insert"}:
            status = "added"
        elif ops == {"delete"}:
            status = "removed"
        else:
            status = "changed"
        summary.append(SectionChange(title, anchor, status, insertions, deletions))
    return tuple(summary)


def _unique_anchors(blocks: tuple[m.Block, ...]) -> tuple[m.Block, ...]:
    """A removed heading keeps its anchor unless a heading of the new version has it too."""
    taken = {b.anchor for b, op in m.walk_revisions(blocks) if isinstance(b, m.Heading) and not op}
    out: list[m.Block] = []
    for block in blocks:
        node = block.node if isinstance(block, m.Revised) else None
        if isinstance(block, m.Revised) and isinstance(node, m.Heading) and node.anchor in taken:
            anchor, number = f"{node.anchor}-old", 1
            while anchor in taken:
                number += 1
                anchor = f"{node.anchor}-old-{number}"
            taken.add(anchor)
            block = m.Revised(block.op, dataclasses.replace(node, anchor=anchor))
        out.append(block)
    return tuple(out)


def _renamed(blocks: tuple[m.Block, ...]) -> dict[str, str]:
    """The old anchor of each heading whose words changed, and its anchor now."""

    return {
        slugify(m.plain_text(m.version_of(b.children, "old"))): b.anchor
        for b, op in m.walk_revisions(blocks)
        if isinstance(b, m.Heading) and not op
    }


def _relink(blocks: tuple[m.Block, ...], anchors: dict[str, str]) -> tuple[m.Block, ...]:
    """Internal links to a renamed heading, in the old version's words, follow the new name."""

    def follow(node: m.Inline) -> m.Inline:
        if isinstance(node, m.Link) and not node.external and node.href[1:] in anchors:
            return m.Link(f"#{anchors[node.href[1:]]}", node.children)
        return node

    return m.map_inlines(blocks, follow)


def diff_documents(old: m.Document, new: m.Document) -> Comparison:
    """Sections matched by heading, then blocks by content, then words."""
    blocks = _unique_anchors(_merge_sections(old.blocks, new.blocks))
    anchors = {b.anchor for b in m.walk_blocks(blocks) if isinstance(b, m.Heading)}
    renamed = {old: now for old, now in _renamed(blocks).items() if old not in anchors}
    if renamed:
        blocks = _relink(blocks, renamed)
    # The pictures of both: a picture the new version deleted is shown as the old one checked it.
    merged = dataclasses.replace(new, blocks=blocks, pictures={**old.pictures, **new.pictures})
    return Comparison(old, new, merged, _summarise(blocks))
