"""Format `large-print`: the whole toolkit in large print (A4, 18 pt, PDF/UA-1 and PDF/A-2a).

One column, left-aligned, no hyphenation; headings larger than the text, and page numbers the
same size as it. Tables and boxes keep the sizes of the text around them.
"""

from __future__ import annotations

from .. import model as m
from ..pdf.engine import document_pictures, html_to_pdf
from ..rendered import Rendered
from .print_document import print_document_context
from .templates import render_template

STYLESHEETS = ["print.css", "large-print.css"]


def large_print_html(document: m.Document) -> str:
    return render_template("large-print.html.j2", **print_document_context(document, "large-print"))


def render(document: m.Document) -> Rendered:
    return html_to_pdf(
        large_print_html(document),
        STYLESHEETS,
        label="large-print",
        pictures=document_pictures(document),
    )
