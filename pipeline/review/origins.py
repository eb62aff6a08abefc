"""The current source as Word paragraphs, each with where it comes from.

The Word writer notes, while it writes, the model block (and part of it) behind every paragraph
it makes (render/docx/writer.py's Origin); reading the document it made with the same reader as
a reviewed file gives paragraphs that compare with the reviewed ones like for like.
"""

from __future__ import annotations

from typing import Any

from ..render.docx.writer import Origin
from .placing import Fresh
from .wordml import read_body


def fresh_paragraphs(word: Any, origins: dict[Any, Origin]) -> list[Fresh]:
    """`word` as paragraphs with their origins (a paragraph the writer did not note, such as
    the cover's, is generated)."""
    body = word.element.body
    return [Fresh(p, origins.get(p.element, Origin())) for p in read_body(body)]
