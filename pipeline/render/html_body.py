"""The document model as semantic HTML, the body shared by every HTML-based output.

A mapping {node class: function}, one small function per node kind. Layout (pages, covers,
contents) belongs to the Jinja templates in layouts/; this module only turns blocks into markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from .. import model as m
from ..schema import is_placeholder


@dataclass(frozen=True)
class HtmlOptions:
    heading_offset: int = 1  # the document title is <h1>, so '#' sections become <h2>
    print_urls: bool = True  # show a link's address after its text, for print readers
    card_marks: bool = False  # mark boxes that are also on the pocket card
    # Boxes as notes (<div role="note">) rather than <aside> landmarks: on a web page, dozens of
    # complementary landmarks inside <main> would drown out the page's real landmarks.
    boxes_as_notes: bool = False
    phone_links: bool = False  # telephone numbers as tel: links, to call with one tap


class HtmlWriter:
    def __init__(self, options: HtmlOptions = HtmlOptions()) -> None:
        self.options = options
        self.blocks: dict[type, Callable] = {
            m.Heading: self.heading,
            m.Paragraph: lambda b: f"<p>{self.inlines(b.children)}</p>",
            m.BulletList: lambda b: f"<ul>{self.items(b.items)}</ul>",
            m.OrderedList: self.ordered_list,
            m.Table: self.table,
            m.Quote: lambda b: f"<blockquote>{self.render(b.children)}</blockquote>",
            m.CodeBlock: lambda b: f"<pre><code>{escape(b.text)}</code></pre>",
            m.Rule: lambda b: "<hr>",
            m.Callout: self.callout,
            m.ContactBlock: self.contact_block,
            m.VersionHistory: self.version_history,
        }
        self.inline_writers: dict[type, Callable] = {
            m.Text: lambda n: str(escape(n.text)),
            m.Strong: lambda n: f"<strong>{self.inlines(n.children)}</strong>",
            m.Emphasis: lambda n: f'<strong class="em">{self.inlines(n.children)}</strong>',
            m.Code: lambda n: f"<code>{escape(n.text)}</code>",
            m.Link: self.link,
            m.Image: lambda n: f'<img src="{escape(n.src)}" alt="{escape(n.alt)}">',
            m.LineBreak: lambda n: "<br>",
        }

    # ---- blocks ------------------------------------------------------------------------------

    def render(self, blocks: tuple[m.Block, ...]) -> Markup:
        return Markup("\n".join(self.blocks[type(block)](block) for block in blocks))

    def heading(self, block: m.Heading) -> str:
        level = min(block.level + self.options.heading_offset, 6)
        return f'<h{level} id="{escape(block.anchor)}">{self.inlines(block.children)}</h{level}>'

    def items(self, items: tuple[m.ListItem, ...]) -> str:
        out = []
        for item in items:
            children = item.children
            # A tight item (one paragraph, perhaps a nested list) needs no <p>.
            if children and isinstance(children[0], m.Paragraph):
                first = self.inlines(children[0].children)
                out.append(f"<li>{first}{self.render(children[1:])}</li>")
            else:
                out.append(f"<li>{self.render(children)}</li>")
        return "".join(out)

    def ordered_list(self, block: m.OrderedList) -> str:
        start = f' start="{block.start}"' if block.start != 1 else ""
        return f"<ol{start}>{self.items(block.items)}</ol>"

    def table(self, block: m.Table) -> str:
        def cells(row: tuple[m.Cell, ...], tag: str) -> str:
            out = []
            for index, cell in enumerate(row):
                scope = ' scope="col"' if tag == "th" else ""
                align = f' class="align-{cell.align}"' if cell.align else ""
                out.append(f"<{tag}{scope}{align}>{self.inlines(cell.children)}</{tag}>")
                del index
            return "".join(out)

        head = f"<thead><tr>{cells(block.header, 'th')}</tr></thead>"
        body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in block.rows)
        return f"<table>{head}<tbody>{body}</tbody></table>"

    def callout(self, block: m.Callout) -> str:
        label = escape(block.label)
        title = escape(block.title)
        heading = f"{label}: {title}" if title and block.kind != "steps" else (title or label)
        card = self._card_class(block.card)
        body = self.render(block.children)
        return self._box(
            f"box box-{block.kind}{card}",
            heading,
            f'<p class="box-title"><span class="box-label">{heading}</span></p>{body}',
        )

    def contact_block(self, block: m.ContactBlock) -> str:
        entries = []
        for contact in block.contacts:
            lines = [f"<dt>{escape(contact.name)}</dt>"]
            if contact.role:
                lines.append(f'<dd class="role">{escape(contact.role)}</dd>')
            if contact.phone:
                lines.append(f"<dd>Telephone: {self._phone(contact.phone)}</dd>")
            if contact.email:
                lines.append(f"<dd>Email: {self._address(contact.email, 'mailto:')}</dd>")
            if contact.web:
                lines.append(f"<dd>Web: {self._address(contact.web, '')}</dd>")
            entries.append("".join(lines))
        intro = self.render(block.children)
        card = self._card_class(block.card)
        return self._box(
            f"box box-contact{card}",
            "Contacts",
            f'<p class="box-title"><span class="box-label">Contacts</span></p>{intro}'
            f'<dl class="contacts">{"".join(entries)}</dl>',
        )

    def version_history(self, block: m.VersionHistory) -> str:
        rows = "".join(
            f"<tr><td>{escape(e.version)}</td><td>{e.date:%-d %B %Y}</td>"
            f"<td>{escape(e.approved_by)}</td><td>{escape(e.summary)}</td></tr>"
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

    def link(self, node: m.Link) -> str:
        text = self.inlines(node.children)
        anchor = f'<a href="{escape(node.href)}">{text}</a>'
        shown = node.href.removeprefix("mailto:").removeprefix("tel:")
        if node.external and self.options.print_urls and shown != m.plain_text(node.children):
            anchor += f' <span class="url">({escape(shown)})</span>'
        return anchor

    def _phone(self, number: str) -> str:
        if not self.options.phone_links or is_placeholder(number):
            return str(escape(number))
        dial = "".join(c for c in number if c.isdigit() or c == "+")
        return f'<a href="tel:{dial}">{escape(number)}</a>'

    def _address(self, address: str, scheme: str) -> str:
        if is_placeholder(address):
            return f'<span class="placeholder">{escape(address)}</span>'
        return f'<a href="{escape(scheme + address)}">{escape(address)}</a>'


def render_blocks(blocks: tuple[m.Block, ...], options: HtmlOptions = HtmlOptions()) -> Markup:
    return HtmlWriter(options).render(blocks)
