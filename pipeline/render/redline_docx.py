"""Output `redline-docx`: the new version in Word, with every change as a tracked change.

Each unit of the comparison (a heading, paragraph, list item, table cell or box line) is one
paragraph in the docx renderer's styles. Inserted words are wrapped in `w:ins`, deleted words in
`w:del`; a paragraph added or removed as a whole also has its paragraph mark tracked, so that
accepting every change gives the new text and rejecting every change gives the old one.
"""

from __future__ import annotations

import io

from .. import model as m
from ..diff import Comparison, Entry
from ..formats import Rendered
from ..schema import is_placeholder
from ..templates import long_date

DEFAULT_AUTHOR = "Monitoring Officer"
FRONT_STYLES = ("Title", "Subtitle")  # the summary before the text, outside the comparison


def author(document: m.Document) -> str:
    contact = document.settings.contact("monitoring-officer")
    name = contact.name if contact else ""
    return name if name and not is_placeholder(name) else DEFAULT_AUTHOR


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def summary_lines(comparison: Comparison) -> list[str]:
    """The first page's words: what was compared, and what changed where."""
    old, new = comparison.old.meta, comparison.new.meta
    lines = [
        f"Version {new.version} ({long_date(new.date)}) compared with version {old.version} "
        f"({long_date(old.date)})."
    ]
    if not comparison.changed:
        lines.append("No changes: the two versions have the same text.")
        return lines
    lines.append(
        f"{counted(comparison.insertions, 'insertion')} and "
        f"{counted(comparison.deletions, 'deletion')}, marked in the text."
    )
    for section in comparison.sections:
        if section.status != "same":
            lines.append(
                f"{section.title}: {section.status} "
                f"({counted(section.insertions, 'insertion')}, "
                f"{counted(section.deletions, 'deletion')})"
            )
    return lines


def render(comparison: Comparison) -> Rendered:
    from docx import Document as blank_word_document

    from .docx import oxml
    from .docx.front import write_header_footer
    from .docx.numbering import ListNumbering
    from .docx.package import build_time, reproducible_zip, set_properties, tidy_package
    from .docx.styles import apply_stylesheet, load_stylesheet

    new = comparison.new
    sheet = load_stylesheet(new.settings.brand_colour)
    word = blank_word_document()
    apply_stylesheet(word, sheet, new.meta.language)
    numbering = ListNumbering(word, sheet.lists, sheet.defaults.font)
    bullets = numbering.new_list(False, 1, 0)
    left, hanging = numbering.indent_pt(0)
    ids = {style.name: style.style_id for style in word.styles}
    styles = {
        "heading1": "Heading 1",
        "heading2": "Heading 2",
        "heading3": "Heading 3",
        "paragraph": "Normal",
        "item": "List Paragraph",
        "cell": "Table Text",
        "box": sheet.boxes["contact"],
        "code": "Code Block",
    }
    who, when = author(new), f"{new.meta.date.isoformat()}T00:00:00Z"
    counter = iter(range(1, 1_000_000))

    def paragraph(style: str):
        p = word.add_paragraph()
        if style != "Normal":
            oxml.set_paragraph_style(p._p, ids[style])
        return p

    title = paragraph("Title")
    oxml.add_text_run(title._p, f"Changes to the {new.meta.title}")
    for line in summary_lines(comparison):
        oxml.add_text_run(paragraph("Subtitle")._p, line)

    def write(entry: Entry) -> None:
        p = paragraph(styles[entry.kind])
        if entry.kind == "item":
            ppr = p._p.get_or_add_pPr()
            oxml.set_numbering(ppr, bullets, 0)
            oxml.set_indent(ppr, left, hanging)
        if entry.status == "added":
            oxml.mark_paragraph(p._p, oxml.tracked("ins", next(counter), who, when))
        elif entry.status == "removed":
            oxml.mark_paragraph(p._p, oxml.tracked("del", next(counter), who, when))
        for piece in entry.pieces:
            if piece.op == "equal":
                oxml.add_text_run(p._p, piece.text)
                continue
            tag = "ins" if piece.op == "insert" else "del"
            mark = oxml.tracked(tag, next(counter), who, when)
            p._p.append(mark)
            oxml.add_text_run(mark, piece.text, deleted=piece.op == "delete")

    for section in comparison.sections:
        for entry in section.entries:
            write(entry)

    write_header_footer(word.sections[0], new, sheet)
    moment = build_time(new)
    set_properties(word, new, moment)
    word.core_properties.title = f"Changes to the {new.meta.title}"
    tidy_package(word, new)
    buffer = io.BytesIO()
    word.save(buffer)
    return Rendered(reproducible_zip(buffer.getvalue(), moment))
