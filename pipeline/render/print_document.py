"""What the whole toolkit in print (the appendix and the large print) gives its template: the
cover (logo, facts, status note, stamp), the contents, the other formats and the text."""

from __future__ import annotations

from .. import model as m
from ..model.stamps import facts, source_date, stamp_label, status_note
from ..pdf.fonts import font_face_css
from .contents import contents, other_formats_note
from .html_body import HtmlOptions, render_blocks
from .logo import placed_logo


def print_document_context(document: m.Document, place: str) -> dict[str, object]:
    """The template values both print layouts use; `place` names the layout ("appendix" or
    "large-print"), which sets the logo's size and the cover's facts."""
    return {
        "meta": document.meta,
        "settings": document.settings,
        "logo": placed_logo(document, place),
        "contents": contents(document, depth=1),
        "other_formats": other_formats_note(document),
        "font_css": font_face_css(),
        "stamp": stamp_label(document.meta),
        "status_note": status_note(document.meta, document.meeting.committee),
        "facts": facts(document, place),
        "created": source_date(document.meta).isoformat(),
        "body": render_blocks(
            document.blocks, HtmlOptions(heading_offset=1, print_urls=True), document.pictures
        ),
    }
