"""Output `redline-docx`: the new version in Word, with every change as a tracked change.

The comparison's merged document is written by the `docx` format's own writer, so the redline has
the same styles, headings, lists, tables, boxes, links and contents list as the Word document.
Inserted words are in `w:ins` and deleted words in `w:del`; a paragraph or table row added or
removed as a whole also has its paragraph mark (or row) tracked, so that accepting every change
gives the new version and rejecting every change gives the old one. The first page, before the
tracked text, says what was compared and lists the sections that changed.
"""

from __future__ import annotations

from .. import model as m
from ..compare.diff import Comparison
from ..dates import long_date
from ..model.stamps import REDLINE_AUTHOR_PROPERTY
from ..model.values import is_placeholder
from ..rendered import Rendered
from .redline_summary import summary_lines

DEFAULT_AUTHOR = "Monitoring Officer"
SUMMARY_COLUMNS = ("Section", "Change", "Insertions", "Deletions")


def author(document: m.Document) -> str:
    contact = document.settings.contact("monitoring-officer")
    name = contact.name if contact else ""
    return name if name and not is_placeholder(name) else DEFAULT_AUTHOR


def summary_table(comparison: Comparison) -> m.Table:
    """The sections that changed, each linked to where it starts."""

    def cell(text: str, anchor: str = "") -> m.Cell:
        words: m.Inline = m.Text(text)
        return m.Cell((m.Link(f"#{anchor}", (words,)),) if anchor else (words,))

    rows = tuple(
        (
            cell(s.title, s.anchor),
            cell(s.status.capitalize()),
            cell(str(s.insertions)),
            cell(str(s.deletions)),
        )
        for s in comparison.changed_sections
    )
    return m.Table(tuple(cell(name) for name in SUMMARY_COLUMNS), rows, 0)


def render(comparison: Comparison) -> Rendered:
    from .docx import finish_word, new_writer, word_bytes
    from .docx.front import write_contents
    from .docx.writer import Marks, Place

    merged = comparison.merged
    who, when = author(merged), f"{merged.meta.date.isoformat()}T00:00:00Z"
    writer = new_writer(merged, Marks(who, when), card_boxes=True)
    title = f"Changes to the {merged.meta.title}"
    writer.paragraph((m.Text(title),), "Title")
    first, *rest = summary_lines(comparison)
    writer.paragraph((m.Text(first),), "Subtitle")
    for line in rest:
        writer.paragraph((m.Text(line),), "Normal")
    if comparison.changed:
        writer.table(summary_table(comparison), caption="Sections that changed")
        writer.paragraph(
            (
                m.Text(
                    f"Every change is a tracked change by {who}, dated "
                    f"{long_date(merged.meta.date)}. In Word or LibreOffice, use Review to go "
                    "from one change to the next and to accept or reject each one. Boxes marked "
                    "“Pocket card” hold the text of the pocket card."
                ),
            ),
            "Cover Note",
        )
    write_contents(writer, merged)
    writer.write(merged.blocks, Place())
    finish_word(writer, merged, title, {REDLINE_AUTHOR_PROPERTY: who})
    return Rendered(word_bytes(writer.word, merged))
