"""Words compared inside a paragraph, heading, list item or table cell: the new version's
inline content with the old version's words put back where they were removed, in `Change`
nodes, keeping links, bold and languages on the words that did not change."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from .. import model as m


def words(text: str) -> list[str]:
    """Words and the spaces between them: joined again they give the text back exactly."""
    return re.findall(r"\s+|[\w'’-]+|[^\w\s]", text)


@dataclass(frozen=True)
class _Token:
    """A word of inline content, with the formatting around it (outermost first)."""

    text: str
    path: tuple[tuple[str, str], ...]  # ("strong", ""), ("link", href), ("lang", "cy"), ...
    atom: m.Inline | None = None  # an image or line break, kept whole


def _tokens(inlines: tuple[m.Inline, ...], path: tuple = ()) -> Iterator[_Token]:
    for node in inlines:
        if isinstance(node, m.Text):
            yield from (_Token(w, path) for w in words(node.text))
        elif isinstance(node, m.Code):
            yield from (_Token(w, (*path, ("code", ""))) for w in words(node.text))
        elif isinstance(node, m.Strong):
            yield from _tokens(node.children, (*path, ("strong", "")))
        elif isinstance(node, m.Emphasis):
            yield from _tokens(node.children, (*path, ("em", "")))
        elif isinstance(node, m.Link):
            yield from _tokens(node.children, (*path, ("link", node.href)))
        elif isinstance(node, m.Language):
            yield from _tokens(node.children, (*path, ("lang", node.lang)))
        elif isinstance(node, m.Image):
            yield _Token(f"\0image {node.src} {node.alt}", path, node)
        elif isinstance(node, m.LineBreak):
            yield _Token("\n", path, node)


def _leaves(tokens: list[_Token], code: bool) -> list[m.Inline]:
    """Plain words (or code) and atoms, with neighbouring words joined into one node."""
    out: list[m.Inline] = []
    for is_atom, group in groupby(tokens, key=lambda t: t.atom is not None):
        if is_atom:
            out.extend(t.atom for t in group if t.atom is not None)
        else:
            text = "".join(t.text for t in group)
            out.append(m.Code(text) if code else m.Text(text))
    return out


def _rebuild(items: list[tuple[str, _Token]], depth: int = 0) -> tuple[m.Inline, ...]:
    """Inline nodes from (op, token) pairs: formatting outside, changes inside it."""
    out: list[m.Inline] = []

    def level(item: tuple[str, _Token]) -> tuple[str, str] | None:
        path = item[1].path
        return path[depth] if len(path) > depth else None

    for wrapper, group in groupby(items, key=level):
        group_items = list(group)
        if wrapper is None or wrapper[0] == "code":
            for op, same_op in groupby(group_items, key=lambda item: item[0]):
                nodes = _leaves([t for _, t in same_op], code=wrapper is not None)
                out.extend(nodes) if op == "equal" else out.append(m.Change(op, tuple(nodes)))
            continue
        children = _rebuild(group_items, depth + 1)
        kind, value = wrapper
        if kind == "link":
            out.append(m.Link(value, children))
        elif kind == "lang":
            out.append(m.Language(value, children))
        else:
            out.append(m.Strong(children) if kind == "strong" else m.Emphasis(children))
    return tuple(out)


def merge_inlines(old: tuple[m.Inline, ...], new: tuple[m.Inline, ...]) -> tuple[m.Inline, ...]:
    """The new inline content with the words that changed from the old marked, word by word."""
    a, b = list(_tokens(old)), list(_tokens(new))
    keys_a, keys_b = [(t.text, t.path) for t in a], [(t.text, t.path) for t in b]
    items: list[tuple[str, _Token]] = []
    for same, olds, news in _readable(
        difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False).get_opcodes()
    ):
        if same:
            items.extend(("equal", t) for t in b[news])
            continue
        items.extend(("delete", t) for t in a[olds])
        items.extend(("insert", t) for t in b[news])
    return _rebuild(items)


SHORT_MATCH = 2  # words and spaces: "it", " " or "a " between two changes


def _readable(opcodes: list[tuple[str, int, int, int, int]]) -> list[tuple[bool, slice, slice]]:
    """(same, old slice, new slice) runs, where a word or space left alone between two changes
    joins them, so that "Who [should read] it [is for]" reads "Who [it is for][should read it]"."""
    joined: list[list] = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        same = op == "equal"
        short = same and i2 - i1 <= SHORT_MATCH and 0 < index < len(opcodes) - 1
        if joined and not joined[-1][0] and (short or not same):
            joined[-1][2], joined[-1][4] = i2, j2  # part of the change before it
        else:
            joined.append([same, i1, i2, j1, j2])
    return [(same, slice(i1, i2), slice(j1, j2)) for same, i1, i2, j1, j2 in joined]
