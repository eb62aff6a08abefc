"""Pure passes over the model that outputs share: the contents list and other-format notes."""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..model.values import is_placeholder


@dataclass(frozen=True)
class ContentsEntry:
    level: int
    text: str
    anchor: str
    runs: tuple[m.Text | m.Change, ...] = ()  # the words, with any changes in a comparison
    revision: str = ""  # "insert" or "delete" for a heading a comparison added or removed


def contents(document: m.Document, depth: int = 2) -> list[ContentsEntry]:
    return [
        ContentsEntry(
            block.level, m.plain_text(block.children), block.anchor, m.text_runs(block.children), op
        )
        for block, op in m.walk_revisions(document.blocks)
        if isinstance(block, m.Heading) and block.level <= depth
    ]


def other_formats_note(document: m.Document) -> str:
    """How to ask for the document in another format (large print, Word, ...)."""
    settings = document.settings
    contact = settings.contact("democratic-services")
    who = contact.name if contact else settings.council.name
    how = []
    if contact and contact.phone:
        how.append(f"call {contact.phone}")
    elif settings.council.phone:
        how.append(f"call {settings.council.phone}")
    if contact and contact.email and not is_placeholder(contact.email):
        how.append(f"email {contact.email}")
    reach = f" ({' or '.join(how)})" if how else ""
    return (
        "This toolkit is also available in large print, as a Word document and as a web page. "
        f"To ask for it in another format, contact {who}{reach}."
    )


def meeting_label(document: m.Document) -> str:
    return f"Appendix {document.meeting.appendix}"
