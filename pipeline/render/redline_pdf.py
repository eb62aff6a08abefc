"""Output `redline-pdf`: the new version as a tagged PDF (PDF/UA-1, PDF/A-2a), changes marked.

The comparison's merged document goes through the same HTML writer as the appendix, so headings,
lists, tables and boxes are the real thing. Inserted words are underlined and deleted words
struck through, each labelled "Inserted:" or "Deleted:" in text, so the change does not rest on
colour or line alone. The first page lists the sections that changed, with links to them, and how
many insertions and deletions each has.
"""

from __future__ import annotations

from ..compare.diff import Comparison
from ..model.stamps import source_date, stamp_label
from ..pdf.engine import document_pictures, html_to_pdf
from ..pdf.fonts import font_face_css
from ..rendered import Rendered
from .html_body import HtmlOptions, render_blocks
from .redline_summary import summary_lines
from .templates import render_template


def redline_html(comparison: Comparison) -> str:
    merged = comparison.merged
    return render_template(
        "redline.html.j2",
        meta=merged.meta,
        old_meta=comparison.old.meta,
        settings=merged.settings,
        lines=summary_lines(comparison),
        changed_sections=comparison.changed_sections,
        stamp=stamp_label(merged.meta),
        font_css=font_face_css(),
        created=source_date(merged.meta).isoformat(),
        body=render_blocks(
            merged.blocks, HtmlOptions(heading_offset=1, print_urls=True), merged.pictures
        ),
    )


def render(comparison: Comparison) -> Rendered:
    return html_to_pdf(
        redline_html(comparison),
        ["print.css", "appendix.css", "redline.css"],
        label="redline-pdf",
        pictures=document_pictures(comparison.merged),
    )
