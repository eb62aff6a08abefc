"""Format `large-print`: the whole toolkit in large print (A4, 18 pt, PDF/UA-1 and PDF/A-2a).

One column, left-aligned, no hyphenation; headings larger than the text, and page numbers the
same size as it. Tables and boxes keep the sizes of the text around them.
"""

from __future__ import annotations

from .. import model as m
from ..model.stamps import facts, source_date, stamp_label, status_note
from ..pdf.engine import document_pictures, html_to_pdf
from ..pdf.fonts import font_face_css
from ..rendered import Rendered
from .contents import contents, other_formats_note
from .html_body import HtmlOptions, render_blocks
from .logo import placed_logo
from .templates import render_template

STYLESHEETS = ["print.css", "large-print.css"]


def large_print_html(document: m.Document) -> str:
    return render_template(
        "large-print.html.j2",
        meta=document.meta,
        settings=document.settings,
        logo=placed_logo(document, "large-print"),
        contents=contents(document, depth=1),
        other_formats=other_formats_note(document),
        font_css=font_face_css(),
        stamp=stamp_label(document.meta),
        created=source_date(document.meta).isoformat(),
        status_note=status_note(document.meta, document.meeting.committee),
        facts=facts(document, "large-print"),
        body=render_blocks(
            document.blocks, HtmlOptions(heading_offset=1, print_urls=True), document.pictures
        ),
    )


def render(document: m.Document) -> Rendered:
    return html_to_pdf(
        large_print_html(document),
        STYLESHEETS,
        label="large-print",
        pictures=document_pictures(document),
    )
