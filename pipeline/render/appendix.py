"""Format `appendix`: the committee-report PDF appendix (A4, PDF/UA-1 and PDF/A-2a)."""

from __future__ import annotations

from .. import model as m
from ..model.stamps import facts, source_date, stamp_label, status_note
from ..pdf.engine import document_pictures, html_to_pdf
from ..pdf.fonts import font_face_css
from ..rendered import Rendered
from .contents import contents, meeting_label, other_formats_note
from .html_body import HtmlOptions, render_blocks
from .logo import placed_logo
from .templates import render_template


def appendix_html(document: m.Document) -> str:
    return render_template(
        "appendix.html.j2",
        meta=document.meta,
        settings=document.settings,
        meeting=document.meeting,
        meeting_label=meeting_label(document),
        logo=placed_logo(document, "appendix"),
        contents=contents(document, depth=1),
        other_formats=other_formats_note(document),
        font_css=font_face_css(),
        stamp=stamp_label(document.meta),
        status_note=status_note(document.meta, document.meeting.committee),
        facts=facts(document, "appendix"),
        created=source_date(document.meta).isoformat(),
        body=render_blocks(
            document.blocks, HtmlOptions(heading_offset=1, print_urls=True), document.pictures
        ),
    )


def render(document: m.Document) -> Rendered:
    return html_to_pdf(
        appendix_html(document),
        ["print.css", "appendix.css"],
        label="appendix",
        pictures=document_pictures(document),
    )
