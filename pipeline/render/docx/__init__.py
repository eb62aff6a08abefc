"""Format `docx`: the accessible Word document, written with python-docx from the model.

Styles come from layouts/docx-styles.yml. The document has a first page with the toolkit's facts,
a contents list of links, the text with real headings, lists, tables, hyperlinks and described
pictures (an SVG as a 300 dpi PNG with the SVG beside it), and boxes drawn as bordered, shaded
paragraphs.
"""

from __future__ import annotations

import io
from typing import Any

from ... import model as m
from ...rendered import Rendered


def render(document: m.Document) -> Rendered:
    return Rendered(word_bytes(write_word(document), document))


def write_word(
    document: m.Document,
    card_boxes: bool = False,
    origins: dict[Any, Any] | None = None,
) -> Any:
    """The Word document, not yet saved. `card_boxes` shows the boxes that are only on the
    pocket card; `origins`, when given, receives where each paragraph comes from (for
    `toolkit review`)."""
    from .front import write_contents, write_cover
    from .writer import Place

    writer = new_writer(document, card_boxes=card_boxes)
    writer.origins = origins
    write_cover(writer, document)
    write_contents(writer, document)
    writer.write(document.blocks, Place())
    finish_word(writer, document)
    return writer.word


def new_writer(document: m.Document, marks: Any = None, card_boxes: bool = False) -> Any:
    """A blank Word document with the toolkit's styles and lists, and the writer for it.
    `marks` makes what is written tracked changes (for a redline)."""
    from docx import Document as blank_word_document

    from .numbering import ListNumbering
    from .styles import apply_stylesheet, load_stylesheet
    from .writer import DocxWriter, bookmark_names

    sheet = load_stylesheet(document.settings.brand_colour)
    word = blank_word_document()
    apply_stylesheet(word, sheet, document.meta.language)
    numbering = ListNumbering(word, sheet.lists, sheet.defaults.font)
    return DocxWriter(
        word, sheet, numbering, bookmark_names(document), document.pictures, marks, card_boxes
    )


def finish_word(
    writer: Any, document: m.Document, title: str = "", extra: dict[str, str] | None = None
) -> None:
    """The running header and footer, the document's properties (its `title` if given, and
    `extra` custom properties), and a package without python-docx's leftovers."""
    from .front import write_header_footer
    from .package import build_time, set_properties, tidy_package

    word = writer.word
    write_header_footer(word.sections[0], document, writer.sheet)
    set_properties(word, document, build_time(document))
    if title:
        word.core_properties.title = title
    tidy_package(word, document, extra)


def word_bytes(word: Any, document: m.Document) -> bytes:
    """The saved document, the same bytes on every build."""
    from .package import build_time, reproducible_zip

    buffer = io.BytesIO()
    word.save(buffer)
    return reproducible_zip(buffer.getvalue(), build_time(document))
