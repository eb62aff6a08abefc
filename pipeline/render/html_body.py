"""The document model as semantic HTML, the body shared by every HTML-based output.

A mapping {node class: function}, one small function per node kind. Layout (pages, covers,
contents) belongs to the Jinja templates in layouts/; this module only turns blocks into markup.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from .. import model as m
from ..model.values import Contact, is_placeholder

if TYPE_CHECKING:
    from ..pictures import Picture


@dataclass(frozen=True)
class HtmlOptions:
    heading_offset: int = 1  # the document title is <h1>, so '#' sections become <h2>
    print_urls: bool = True  # show a link's address after its text, for print readers
    card_marks: bool = False  # mark boxes that are also on the pocket card
    # Boxes as notes (<div role="note">) rather than <aside> landmarks: on a web page, dozens of
    # complementary landmarks inside <main> would drown out the page's real landmarks.
    boxes_as_notes: bool = False
    phone_links: bool = False  # telephone numbers as tel: links, to call with one tap


REVISION_TAGS = {"insert": ("ins", "Inserted:"), "delete": ("del", "Deleted:")}


class HtmlWriter:
    def __init__(
        self, options: HtmlOptions = HtmlOptions(), pictures: Mapping[str, Picture] | None = None
    ) -> None:
        """`pictures` are the document's checked pictures, by their name in the text."""
        self.options = options
        self.pictures = pictures or {}
        self.revision = ""  # "insert" or "delete" while writing a block added or removed whole
        self.blocks: dict[type, Callable] = {
            m.Heading: self.heading,
            m.Paragraph: lambda b: f"<p>{self.content(b.children)}</p>",
            m.BulletList: lambda b: f"<ul>{self.items(b.items)}</ul>",
            m.OrderedList: self.ordered_list,
            m.Table: self.table,
            m.Quote: lambda b: f"<blockquote>{self.render(b.children)}</blockquote>",
            m.CodeBlock: lambda b: f"<pre><code>{escape(b.text)}</code></pre>",
            m.Rule: lambda b: "<hr>",
            m.Callout: self.callout,
            m.ContactBlock: self.contact_block,
            m.VersionHistory: self.version_history,
            m.Revised: lambda b: self.revised(b.op, lambda: self.blocks[type(b.node)](b.node)),
        }
        self.inline_writers: dict[type, Callable] = {
            m.Text: lambda n: str(escape(n.text)),
            m.Strong: lambda n: f"<strong>{self.inlines(n.children)}</strong>",
            m.Emphasis: lambda n: f'<strong class="em">{self.inlines(n.children)}</strong>',
            m.Code: lambda n: f"<code>{escape(n.text)}</code>",
            m.Link: self.link,
            m.Image: self.image,
            m.LineBreak: lambda n: "<br>",
            m.Language: lambda n: (
                f'<span lang="{escape(n.lang)}">{self.inlines(n.children)}</span>'
            ),
            m.Change: lambda n: self.marked(n.op, self.inlines(n.children)),
        }

    # ---- blocks ------------------------------------------------------------------------------

    def render(self, blocks: tuple[m.Block, ...]) -> Markup:
        return Markup("\n".join(self.blocks[type(block)](block) for block in blocks))

    def revised(self, op: str, write: Callable[[], str]) -> str:
        """What `write` makes, as one whole insertion or deletion (op "" changes nothing)."""
        before, self.revision = self.revision, op or self.revision
        try:
            return write()
        finally:
            self.revision = before

    def heading(self, block: m.Heading) -> str:
        level = min(block.level + self.options.heading_offset, 6)
        return f'<h{level} id="{escape(block.anchor)}">{self.content(block.children)}</h{level}>'

    def items(self, items: tuple[m.ListItem | m.Revised, ...]) -> str:
        return "".join(
            self.revised(item.op, lambda item=item: self.item(item.node))
            if isinstance(item, m.Revised)
            else self.item(item)
            for item in items
        )

    def item(self, item: m.ListItem) -> str:
        children = item.children
        # A tight item (one paragraph, perhaps a nested list) needs no <p>.
        if children and isinstance(children[0], m.Paragraph):
            first = self.content(children[0].children)
            return f"<li>{first}{self.render(children[1:])}</li>"
        return f"<li>{self.render(children)}</li>"

    def ordered_list(self, block: m.OrderedList) -> str:
        start = f' start="{block.start}"' if block.start != 1 else ""
        return f"<ol{start}>{self.items(block.items)}</ol>"

    def table(self, block: m.Table) -> str:
        def cells(row: tuple[m.Cell, ...], tag: str) -> str:
            out = []
            for cell in row:
                scope = ' scope="col"' if tag == "th" else ""
                align = f' class="align-{cell.align}"' if cell.align else ""
                out.append(f"<{tag}{scope}{align}>{self.content(cell.children)}</{tag}>")
            return f"<tr>{''.join(out)}</tr>"

        def row(cells_: tuple[m.Cell, ...] | m.Revised) -> str:
            if isinstance(cells_, m.Revised):
                return self.revised(cells_.op, lambda: cells(cells_.node, "td"))
            return cells(cells_, "td")

        head = f"<thead>{cells(block.header, 'th')}</thead>"
        body = "".join(row(cells_) for cells_ in block.rows)
        return f"<table>{head}<tbody>{body}</tbody></table>"

    def callout(self, block: m.Callout) -> str:
        label = block.label
        title = block.title
        heading = f"{label}: {title}" if title and block.kind != "steps" else (title or label)
        card = self._card_class(block.card)
        body = self.render(block.children)
        return self._box(
            f"box box-{block.kind}{card}",
            heading,
            f'<p class="box-title"><span class="box-label">{self.text(heading)}</span></p>{body}',
        )

    def contact_block(self, block: m.ContactBlock) -> str:
        entries = "".join(self.contact(c) for c in block.contacts)
        intro = self.render(block.children)
        card = self._card_class(block.card)
        return self._box(
            f"box box-contact{card}",
            "Contacts",
            f'<p class="box-title"><span class="box-label">{self.text("Contacts")}</span></p>'
            f'{intro}<dl class="contacts">{entries}</dl>',
        )

    def contact(self, contact: Contact | m.Revised | m.ContactChange) -> str:
        """A contact's lines; in a comparison, the lines added or removed are marked."""
        if isinstance(contact, m.ContactChange):
            change = contact
            return "".join(
                self.revised(
                    op,
                    lambda line=line, op=op: self.contact_line(
                        change.old if op == "delete" else change.new, line
                    ),
                )
                for line, op in change.lines()
            )
        op, shown = (contact.op, contact.node) if isinstance(contact, m.Revised) else ("", contact)
        lines = [line for line in m.CONTACT_LINES if getattr(shown, line)]
        return self.revised(op, lambda: "".join(self.contact_line(shown, line) for line in lines))

    def contact_line(self, contact: Contact, line: str) -> str:
        """One line of a contact's details: its name, role, phone, email or web address."""
        if line == "name":
            return f"<dt>{self.text(contact.name)}</dt>"
        if line == "role":
            return f'<dd class="role">{self.text(contact.role)}</dd>'
        if line == "phone":
            details = "Telephone: " + self._phone(contact.phone)
        elif line == "email":
            details = "Email: " + self._address(contact.email, "mailto:")
        else:
            details = "Web: " + self._address(contact.web, "")
        return f"<dd>{self.marked(self.revision, details)}</dd>"

    def version_history(self, block: m.VersionHistory) -> str:
        def row(e: m.HistoryEntry) -> str:
            cells = (e.version, f"{e.date:%-d %B %Y}", e.approved_by, e.summary)
            return "<tr>" + "".join(f"<td>{self.text(c)}</td>" for c in cells) + "</tr>"

        rows = "".join(
            self.revised(e.op, lambda e=e: row(e.node)) if isinstance(e, m.Revised) else row(e)
            for e in block.entries
        )
        return (
            '<table class="history"><caption>Version history</caption><thead><tr>'
            '<th scope="col">Version</th><th scope="col">Date</th>'
            '<th scope="col">Approved by</th><th scope="col">Changes</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )

    def _box(self, classes: str, name: str, inner: str) -> str:
        if self.options.boxes_as_notes:
            return f'<div class="{classes}" role="note" aria-label="{escape(name)}">{inner}</div>'
        return f'<aside class="{classes}" aria-label="{escape(name)}">{inner}</aside>'

    def _card_class(self, side: str) -> str:
        return f" on-card on-card-{side}" if side and self.options.card_marks else ""

    # ---- inlines -----------------------------------------------------------------------------

    def inlines(self, nodes: tuple[m.Inline, ...]) -> Markup:
        return Markup("".join(self.inline_writers[type(node)](node) for node in nodes))

    def content(self, nodes: tuple[m.Inline, ...]) -> str:
        """A paragraph's, heading's or cell's words: marked as a whole inside a revision."""
        return self.marked(self.revision, self.inlines(nodes))

    def text(self, words: str) -> str:
        """Words the layout adds (a box's label, a contact's name), marked inside a revision."""
        return self.marked(self.revision, str(escape(words)))

    @staticmethod
    def marked(op: str, markup: str) -> str:
        """Markup inside <ins> or <del>, after a label in words so that the change never rests
        on colour or line alone; as it is when `op` is ""."""
        if not op:
            return markup
        tag, label = REVISION_TAGS[op]
        # The label stands outside the change, so no line is drawn through it.
        return f'<span class="mark mark-{tag}">{label}</span> <{tag}>{markup}</{tag}>'

    def picture(self, src: str) -> Picture:
        try:
            return self.pictures[src]
        except KeyError:
            raise ValueError(f"the picture {src!r} was not read with the document") from None

    def image(self, node: m.Image) -> str:
        """A picture at its natural size (CSS makes it no wider than the text); the PDF engine
        is given the checked picture for its address."""
        width_mm = self.picture(node.src).natural_size.width_cm * 10
        return (
            f'<img src="{escape(node.src)}" alt="{escape(node.alt)}" '
            f'style="width: {width_mm:.2f}mm">'
        )

    def link(self, node: m.Link) -> str:
        text = self.inlines(node.children)
        anchor = f'<a href="{escape(node.href)}">{text}</a>'
        shown = node.href.removeprefix("mailto:").removeprefix("tel:")
        if node.external and self.options.print_urls and shown != m.plain_text(node.children):
            anchor += f' <span class="url">({escape(shown)})</span>'
        return anchor

    def _phone(self, number: str) -> str:
        if is_placeholder(number):  # still to fill in: marked as the addresses are
            return f'<span class="placeholder">{escape(number)}</span>'
        if not self.options.phone_links:
            return str(escape(number))
        dial = "".join(c for c in number if c.isdigit() or c == "+")
        return f'<a href="tel:{dial}">{escape(number)}</a>'

    def _address(self, address: str, scheme: str) -> str:
        if is_placeholder(address):
            return f'<span class="placeholder">{escape(address)}</span>'
        return f'<a href="{escape(scheme + address)}">{escape(address)}</a>'


def render_blocks(
    blocks: tuple[m.Block, ...],
    options: HtmlOptions = HtmlOptions(),
    pictures: Mapping[str, Picture] | None = None,
) -> Markup:
    return HtmlWriter(options, pictures).render(blocks)
