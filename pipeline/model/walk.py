"""Walks over the document's nodes, and the text they hold."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from . import nodes
from .nodes import (
    Block,
    Callout,
    Change,
    Code,
    CodeBlock,
    Emphasis,
    Heading,
    Image,
    Inline,
    Language,
    LineBreak,
    Link,
    ListItem,
    Paragraph,
    Strong,
    Table,
    Text,
)


def walk_inlines(inlines: tuple[Inline, ...]) -> Iterator[Inline]:
    for node in inlines:
        yield node
        if isinstance(node, Strong | Emphasis | Link | Language | Change):
            yield from walk_inlines(node.children)


def node_fields(node: Any) -> dict[str, Any] | None:
    """A model node's fields by name; None for anything else (text, dates, settings)."""
    if dataclasses.is_dataclass(node) and type(node).__module__ == nodes.__name__:
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
