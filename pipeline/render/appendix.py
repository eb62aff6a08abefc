"""Format `appendix`: the committee-report PDF appendix (A4, PDF/UA-1 and PDF/A-2a)."""

from __future__ import annotations

from pathlib import Path

from .. import model as m
from ..model.stamps import STAMP_LABELS, facts, source_date, status_note
from ..pdf.engine import html_to_pdf
from ..pdf.fonts import font_face_css
from ..rendered import Rendered
from .contents import contents, meeting_label, other_formats_note
from .html_body import HtmlOptions, render_blocks
from .templates import render_template


def appendix_html(document: m.Document) -> str:
    return render_template(
        "appendix.html.j2",
        meta=document.meta,
        settings=document.settings,
        meeting=document.meeting,
        meeting_label=meeting_label(document),
        contents=contents(document, depth=1),
        other_formats=other_formats_note(document),
        font_css=font_face_css(),
        stamp=STAMP_LABELS.get(document.meta.status, ""),
        status_note=status_note(document.meta, document.meeting.committee),
        facts=facts(document, "appendix"),
        created=source_date(document.meta).isoformat(),
        body=render_blocks(document.blocks, HtmlOptions(heading_offset=1, print_urls=True)),
    )


def render(document: m.Document, content_dir: Path) -> Rendered:
    return html_to_pdf(
        appendix_html(document),
        ["print.css", "appendix.css"],
        content_dir,
        label="appendix",
    )
