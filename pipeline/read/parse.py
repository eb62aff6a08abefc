"""Markdown (markdown-it-py tokens) to the document model.

One function per node type, chosen from a dict, as in mdformat's renderers. Problems are
collected with their line; nothing here touches renderers, and the disk only to read each picture
once (pipeline/pictures checks it: format, size, and for SVG what it holds).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.attrs.parse import ParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs
from mdit_py_plugins.container import container_plugin

if TYPE_CHECKING:
    from ..pictures import Picture

from .. import model as m
from ..errors import Collector, Problem
from ..model.values import Settings, slugify
from .images import PictureReading
from .variables import PLACEHOLDER_LINK

BOX_KINDS = (*m.CALLOUT_LABELS, "contact", "version-history")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")  # BCP 47: cy, cy-GB, sr-Latn
CARD_SIDES = ("front", "back")


def markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "typographer": True})
    md.enable(["table", "replacements", "smartquotes"])
    # One generic container: the kind is the first word after the colons, checked below.
    md.use(container_plugin, name="box", validate=lambda params, *args: True)
    # [words]{lang=cy}: words in another language. Only spans take {...}; nothing else does.
    md.use(attrs_plugin, after=(), spans=True)
    # Accept every address here so that file:, javascript: and the like reach the checks
    # below and get a message, instead of silently staying as literal text.
    md.validateLink = lambda url: True
    return md


class Parser(PictureReading):
    def __init__(
        self,
        source_lines: list[str],
        file: str,
        content_dir: Path,
        settings: Settings,
        meta: m.Meta,
        problems: Collector,
    ) -> None:
        self.lines = source_lines
        self.file = file
        self.content_dir = content_dir.resolve()
        self.settings = settings
        self.meta = meta
        self.problems = problems
        self.internal_links: list[tuple[str, int]] = []  # (anchor, line), checked once parsed
        self.pictures: dict[str, Picture] = {}  # each picture read once, by its name in the text
        self.refused_pictures: set[str] = set()  # reported once, at their first use
        self.warnings: list[Problem] = []  # what was removed from a picture
        self._html_lines: set[int] = set()
        self.blocks: dict[str, Callable[[SyntaxTreeNode], m.Block | None]] = {
            "heading": self.heading,
            "paragraph": self.paragraph,
            "bullet_list": self.bullet_list,
            "ordered_list": self.ordered_list,
            "table": self.table,
            "blockquote": self.quote,
            "code_block": self.code,
            "fence": self.code,
            "hr": lambda node: m.Rule(self.line(node)),
            "container_box": self.box,
            "html_block": self.raw_html,
        }

    # ---- helpers ----------------------------------------------------------------------------

    def line(self, node: SyntaxTreeNode) -> int:
        return node.map[0] + 1 if node.map else 0

    def report(self, line: int, message: str, fix: str = "") -> None:
        self.problems.add(self.file, line or None, message, fix)

    def find_line(self, start: int, needle: str) -> int:
        """The first line at or after `start` that contains `needle` (for inline problems)."""
        for index in range(max(start - 1, 0), len(self.lines)):
            if needle in self.lines[index]:
                return index + 1
        return start

    def children(self, node: SyntaxTreeNode) -> tuple[m.Block, ...]:
        result = []
        for child in node.children:
            handler = self.blocks.get(child.type)
            if handler is None:
                self.report(
                    self.line(child), f"This kind of Markdown ({child.type}) is not supported."
                )
                continue
            block = handler(child)
            if block is not None:
                result.append(block)
        return tuple(result)

    # ---- blocks -------------------------------------------------------------------------------

    def document(self, text: str) -> tuple[m.Block, ...]:
        tokens = markdown_parser().parse(text)
        return self.children(SyntaxTreeNode(tokens))

    def heading(self, node: SyntaxTreeNode) -> m.Heading:
        inlines = self.inlines(node.children[0], self.line(node))
        return m.Heading(int(node.tag[1]), inlines, slugify(m.plain_text(inlines)), self.line(node))

    def paragraph(self, node: SyntaxTreeNode) -> m.Paragraph:
        return m.Paragraph(self.inlines(node.children[0], self.line(node)), self.line(node))

    def items(self, node: SyntaxTreeNode) -> tuple[m.ListItem, ...]:
        return tuple(m.ListItem(self.children(item), self.line(item)) for item in node.children)

    def bullet_list(self, node: SyntaxTreeNode) -> m.BulletList:
        return m.BulletList(self.items(node), self.line(node))

    def ordered_list(self, node: SyntaxTreeNode) -> m.OrderedList:
        start = int(node.attrs.get("start", 1))
        return m.OrderedList(self.items(node), start, self.line(node))

    def table(self, node: SyntaxTreeNode) -> m.Table:
        rows: list[tuple[m.Cell, ...]] = []
        line = self.line(node)
        for section in node.children:  # thead, tbody
            for row in section.children:
                cells = []
                for cell in row.children:
                    style = str(cell.attrs.get("style", ""))
                    align = style.removeprefix("text-align:") if style else ""
                    inlines = self.inlines(cell.children[0], line) if cell.children else ()
                    cells.append(m.Cell(inlines, align))
                rows.append(tuple(cells))
        return m.Table(rows[0], tuple(rows[1:]), line)

    def quote(self, node: SyntaxTreeNode) -> m.Quote:
        return m.Quote(self.children(node), self.line(node))

    def code(self, node: SyntaxTreeNode) -> m.CodeBlock:
        return m.CodeBlock(node.content.rstrip("\n"), self.line(node))

    def raw_html(self, node: SyntaxTreeNode) -> None:
        self.report(
            self.line(node),
            "Raw HTML is not allowed in the toolkit.",
            "Use Markdown instead (see docs/authoring.md); to show a '<' as text, write '\\<'.",
        )

    def box(self, node: SyntaxTreeNode) -> m.Block | None:
        line = self.line(node)
        kind, title, card = self.box_header(node.info.strip(), line)
        end = node.map[1] if node.map else 0
        if end >= len(self.lines) or not re.match(r"^\s*:{3,}\s*$", self.lines[end]):
            self.report(
                line, f"The '{kind or ':::'}' box is never closed.", "Add a line ':::' after it."
            )
        if kind is None:
            return None
        body = self.children(node)
        for block in m.walk_blocks(body):
            if isinstance(block, m.Heading):
                self.report(
                    block.line, "A heading cannot go inside a box.", "Move it above the box."
                )
        if kind == "version-history":
            if body:
                self.report(
                    line, "The version-history box must be empty.", "Put history in the header."
                )
            return m.VersionHistory(self.meta.history, line)
        if kind == "contact":
            return self.contact_box(title, body, line, card)
        if not body and kind != "card":
            self.report(line, f"The '{kind}' box is empty.", "Add its text, or delete the box.")
        if kind == "card" and not card:
            self.report(
                line,
                "A 'card' box must say which side it goes on.",
                "Add {card=front} or {card=back}.",
            )
        if kind == "card" and not body:
            self.report(
                line, "The 'card' box is empty.", "Add the text for the card, or delete the box."
            )
        if kind == "steps" and (len(body) != 1 or not isinstance(body[0], m.OrderedList)):
            self.report(
                line,
                "A 'steps' box must contain one numbered list and nothing else.",
                "Write the steps as '1. ...', '2. ...'.",
            )
        return m.Callout(kind, title, body, line, card)

    def box_header(self, info: str, line: int) -> tuple[str | None, str, str]:
        """Split '::: kind Title {card=front}' into its kind, title and card side."""
        attrs: dict[str, str] = {}
        if info.endswith("}") and "{" in info:
            start = info.rindex("{")
            try:
                _, attrs = parse_attrs(info[start:])
            except ParseError:
                self.report(
                    line,
                    f"Cannot read {info[start:]!r}.",
                    "Write it as {card=front} or {card=back}.",
                )
            info = info[:start].strip()
        kind, _, title = info.partition(" ")
        if kind not in BOX_KINDS:
            close = difflib.get_close_matches(kind, BOX_KINDS, n=1)
            self.report(
                line,
                f"Unknown box '{kind}'." if kind else "A box needs a kind after ':::'.",
                f"Did you mean '{close[0]}'?"
                if close
                else "Use one of: " + ", ".join(BOX_KINDS) + ".",
            )
            return None, "", ""
        card = attrs.pop("card", "")
        if card and card not in CARD_SIDES:
            self.report(line, f"Unknown card side '{card}'.", "Write {card=front} or {card=back}.")
            card = ""
        for name in attrs:
            self.report(
                line,
                f"Unknown box option '{name}'.",
                "Only {card=front} or {card=back} is allowed.",
            )
        return kind, title.strip(), card

    def contact_box(
        self, ids: str, body: tuple[m.Block, ...], line: int, card: str
    ) -> m.ContactBlock | None:
        contacts = []
        known = [c.id for c in self.settings.contacts]
        for contact_id in ids.split():
            contact = self.settings.contact(contact_id)
            if contact is None:
                close = difflib.get_close_matches(contact_id, known, n=1)
                self.report(
                    line,
                    f"No contact '{contact_id}' in {self.settings.file}.",
                    f"Did you mean '{close[0]}'?"
                    if close
                    else "Known contacts: " + ", ".join(known) + ".",
                )
            else:
                contacts.append(contact)
        if not ids.split():
            self.report(
                line,
                "A contact box must list contact ids.",
                "For example: ::: contact monitoring-officer",
            )
        return m.ContactBlock(tuple(contacts), body, line, card)

    # ---- inlines ------------------------------------------------------------------------------

    def inlines(self, node: SyntaxTreeNode, line: int) -> tuple[m.Inline, ...]:
        result: list[m.Inline] = []
        for child in node.children:
            item = self.inline(child, line)
            if item is None:
                continue
            if isinstance(item, m.Text) and result and isinstance(result[-1], m.Text):
                result[-1] = m.Text(result[-1].text + item.text)
            else:
                result.append(item)
        return tuple(result)

    def inline(self, node: SyntaxTreeNode, line: int) -> m.Inline | None:
        kind = node.type
        if kind == "text":
            return m.Text(node.content)
        if kind == "softbreak":
            return m.Text(" ")
        if kind == "hardbreak":
            return m.LineBreak()
        if kind == "code_inline":
            return m.Code(node.content)
        if kind == "strong":
            return m.Strong(self.inlines(node, line))
        if kind == "em":
            return m.Emphasis(self.inlines(node, line))
        if kind == "link":
            return self.link(node, line)
        if kind == "span":
            return self.language(node, line)
        if kind == "image":
            return self.image(node, line)
        if kind == "html_inline":
            where = self.find_line(line, node.content)
            if where not in self._html_lines:  # one message for <b>...</b> on one line
                self._html_lines.add(where)
                self.report(
                    where,
                    f"Raw HTML ({node.content}) is not allowed in the toolkit.",
                    "Use Markdown instead; to show a '<' as text, write '\\<'.",
                )
            return None
        self.report(line, f"This kind of Markdown ({kind}) is not supported.")
        return None

    def link(self, node: SyntaxTreeNode, line: int) -> m.Link | m.Text:
        href = str(node.attrs.get("href", ""))
        children = self.inlines(node, line)
        where = self.find_line(line, href.split("#")[-1] or href)
        placeholder = href.startswith(PLACEHOLDER_LINK)
        if href.startswith("#"):
            self.internal_links.append((href[1:], where))
        if not placeholder and not re.match(r"^(https?://|mailto:|tel:|#)", href):
            self.report(
                where,
                f"The link '{href}' cannot work in a printed or emailed document.",
                "Link to a full web address (https://...) or a heading (#anchor).",
            )
        text = m.plain_text(children).strip().lower()
        if text in VAGUE_LINK_TEXT or text.startswith(("http://", "https://", "www.")):
            self.report(
                where,
                f"The link text '{m.plain_text(children)}' does not say where the link goes.",
                "Write text that says where it goes, e.g. [the LGA's guide to intimidation](...).",
            )
        if placeholder:  # a setting still to fill in: its words, and the placeholder after them
            value = self.settings.variables().get(href.removeprefix(PLACEHOLDER_LINK), "")
            return m.Text(f"{m.plain_text(children)} ({value})")
        return m.Link(href, children)

    def language(self, node: SyntaxTreeNode, line: int) -> m.Inline:
        """[words]{lang=cy}: the only use of {...} after words in square brackets."""
        attrs = {str(k): str(v) for k, v in node.attrs.items()}
        children = self.inlines(node, line)
        lang = attrs.pop("lang", "")
        where = self.find_line(line, "]{")
        if attrs or not lang:
            self.report(
                where,
                "Only a language can be given in {...} after words in square brackets.",
                "Write [Croeso]{lang=cy} for words in another language (cy is Welsh).",
            )
            return m.Text(m.plain_text(children))
        if not LANGUAGE_CODE.fullmatch(lang):
            self.report(
                where,
                f"'{lang}' is not a language code.",
                "Use a code such as cy (Welsh), gd (Scottish Gaelic), ga (Irish) or pl (Polish).",
            )
        return m.Language(lang, children)


VAGUE_LINK_TEXT = {"click here", "here", "this link", "link", "read more", "more", "this page"}
