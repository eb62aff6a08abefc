"""Output `redline-pdf`: the new version as a tagged PDF (PDF/UA-1) with every change marked.

Inserted words are underlined and deleted words struck through, each labelled "Inserted:" or
"Deleted:" in text, so the change does not rest on colour or line alone. The first page lists the
sections that changed and how many insertions and deletions each has.
"""

from __future__ import annotations

from pathlib import Path

from ..diff import Comparison
from ..fonts import font_face_css
from ..formats import Rendered
from ..templates import render_template
from ..versions import source_date
from .pdf import html_to_pdf
from .redline_docx import summary_lines


def redline_html(comparison: Comparison) -> str:
    new = comparison.new
    return render_template(
        "redline.html.j2",
        meta=new.meta,
        old_meta=comparison.old.meta,
        settings=new.settings,
        lines=summary_lines(comparison),
        changed_sections=[s for s in comparison.sections if s.status != "same"],
        sections=comparison.sections,
        font_css=font_face_css(),
        created=source_date(new.meta).isoformat(),
    )


def render(comparison: Comparison, content_dir: Path) -> Rendered:
    return html_to_pdf(
        redline_html(comparison), ["print.css", "redline.css"], content_dir, label="redline-pdf"
    )
