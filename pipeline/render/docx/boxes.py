"""The Word writer's boxes: key points, do's and don'ts, warnings, steps, and contact blocks,
drawn as bordered, shaded paragraphs (a mixin of DocxWriter)."""

from __future__ import annotations

import re
from dataclasses import replace

from docx.shared import Cm
from docx.text.paragraph import Paragraph

from ... import model as m
from ...model.values import Contact, is_placeholder
from .context import Origin, Place


class BoxWriting:
    """Boxes, for DocxWriter: it supplies sheet, numbering, style_ids, new_paragraph, paragraph,
    runs, write, revising, coming_from and link."""

    def box_place(self, style: str, children: tuple[m.Block, ...]) -> Place:
        """Word and LibreOffice draw one box round consecutive paragraphs only when their borders
        and indents match, so in a box that holds a list every paragraph takes the list's."""
        base = Cm(self.sheet.box_indent_cm).pt
        indent = None
        if any(isinstance(child, m.BulletList | m.OrderedList) for child in children):
            left, hanging = self.numbering.indent_pt(0)
            indent = (base + left, hanging)
        return Place(style, style, style, base_pt=base, indent=indent)

    def box_title(self, title: str, place: Place) -> None:
        paragraph = self.new_paragraph(place.style, place.indent, self.sheet.box_gap_pt)
        paragraph.paragraph_format.keep_with_next = True
        self.label(paragraph, title)

    def callout(self, block: m.Callout, place: Place) -> None:
        if block.kind == "card" and not self.card_boxes:  # it belongs on the pocket card alone
            return
        if block.title and block.kind != "steps":
            title = f"{block.label}: {block.title}"
        else:
            title = block.title or block.label
        inner = self.box_place(self.sheet.boxes[block.kind], block.children)
        with self.coming_from(Origin(block, "title")):
            self.box_title(title, inner)
        self.write(block.children, inner)

    def contact_block(self, block: m.ContactBlock, place: Place) -> None:
        inner = self.box_place(self.sheet.boxes["contact"], block.children)
        with self.coming_from(Origin(block, "label")):
            self.box_title("Contacts", inner)
        self.write(block.children, inner)
        for contact in block.contacts:
            if isinstance(contact, m.ContactChange):  # only the lines that changed are marked
                for line, op in contact.lines():
                    with self.revising(op):
                        self.contact_line(
                            contact.old if op == "delete" else contact.new, line, inner
                        )
                continue
            op, contact = (
                (contact.op, contact.node) if isinstance(contact, m.Revised) else ("", contact)
            )
            with self.revising(op):
                for line in m.CONTACT_LINES:
                    if getattr(contact, line):
                        with self.coming_from(Origin(block, ("contact", contact.id, line))):
                            self.contact_line(contact, line, inner)

    def contact_line(self, contact: Contact, line: str, inner: Place) -> None:
        """One line of a contact's details: its name, role, phone, email or web address."""
        if line == "name":
            name = self.new_paragraph(inner.style, inner.indent)
            name.paragraph_format.keep_with_next = True
            self.label(name, contact.name)
        elif line == "role":
            self.paragraph((m.Text(contact.role),), inner.style, inner.indent)
        elif line == "phone":
            self.address_line("Telephone: ", contact.phone, None, inner)
        elif line == "email":
            link = m.Link(f"mailto:{contact.email}", (m.Text(contact.email),))
            self.address_line("Email: ", contact.email, link, inner)
        else:
            # Descriptive link text; the address follows as text for readers of a printout.
            shown = re.sub(r"^https?://", "", contact.web).rstrip("/")
            link = m.Link(contact.web, (m.Text(f"{contact.name} website"),))
            self.address_line("Web: ", contact.web, link, inner, f" ({shown})")

    def address_line(
        self, label: str, value: str, link: m.Link | None, place: Place, after: str = ""
    ) -> None:
        """A telephone number, email or web address: a link (or text, for a number), or a
        placeholder still to fill in, marked."""
        paragraph = self.new_paragraph(place.style, place.indent)
        runs = self.runs(paragraph)
        if link is None and not is_placeholder(value):  # one run: a redline marks it whole
            runs.add(label + value)
            return
        runs.add(label)
        if is_placeholder(value):
            replace(runs, style_id=self.style_ids["Placeholder"]).add(value)
            return
        assert link is not None
        self.link(link, runs)
        if after:
            runs.add(after)

    def label(self, paragraph: Paragraph, text: str) -> None:
        self.runs(paragraph, self.style_ids["Label"]).add(text)
