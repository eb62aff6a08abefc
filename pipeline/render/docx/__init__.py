"""Format `docx`: the accessible Word document, written with python-docx from the model.

Styles come from layouts/docx-styles.yml. The document has a first page with the toolkit's facts,
a contents list of links, the text with real headings, lists, tables, hyperlinks and described
images, and boxes drawn as bordered, shaded paragraphs.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ... import model as m
from ...formats import Rendered


def render(document: m.Document, content_dir: Path) -> Rendered:
    from .package import build_time, reproducible_zip

    word = write_word(document, content_dir)
    buffer = io.BytesIO()
    word.save(buffer)
    return Rendered(reproducible_zip(buffer.getvalue(), build_time(document)))


def write_word(
    document: m.Document,
    content_dir: Path,
    card_boxes: bool = False,
    origins: dict[Any, Any] | None = None,
) -> Any:
    """The Word document, not yet saved. `card_boxes` shows the boxes that are only on the
    pocket card; `origins`, when given, receives where each paragraph comes from (for
    `toolkit review`)."""
    from docx import Document as blank_word_document

    from .front import write_contents, write_cover, write_header_footer
    from .numbering import ListNumbering
    from .package import build_time, set_properties, tidy_package
    from .styles import apply_stylesheet, load_stylesheet
    from .writer import DocxWriter, Place, bookmark_names

    sheet = load_stylesheet(document.settings.brand_colour)
    word = blank_word_document()
    apply_stylesheet(word, sheet, document.meta.language)
    numbering = ListNumbering(word, sheet.lists, sheet.defaults.font)
    writer = DocxWriter(
        word, sheet, numbering, bookmark_names(document), content_dir, card_boxes=card_boxes
    )
    writer.origins = origins
    write_cover(writer, document)
    write_contents(writer, document)
    writer.write(document.blocks, Place())
    write_header_footer(word.sections[0], document, sheet)
    set_properties(word, document, build_time(document))
    tidy_package(word, document)
    return word
