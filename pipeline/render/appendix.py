"""Format `appendix`: the committee-report PDF appendix (A4, PDF/UA-1 and PDF/A-2a)."""

from __future__ import annotations

from .. import model as m
from ..pdf.engine import document_pictures, html_to_pdf
from ..rendered import Rendered
from .contents import meeting_label
from .print_document import print_document_context
from .templates import render_template


def appendix_html(document: m.Document) -> str:
    return render_template(
        "appendix.html.j2",
        **print_document_context(document, "appendix"),
        meeting=document.meeting,
        meeting_label=meeting_label(document),
    )


def render(document: m.Document) -> Rendered:
    return html_to_pdf(
        appendix_html(document),
        ["print.css", "appendix.css"],
        label="appendix",
        pictures=document_pictures(document),
    )
