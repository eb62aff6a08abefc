"""The registry of outputs: one entry per output, the redlines included, in build order.

Each entry is a builder with a fixed lifecycle (as Sphinx's builders are): it declares what it
is made from (the document, for `toolkit build`, or a comparison of two versions, for `toolkit
compare`), what of it it shows (the whole document, or the card-marked parts only), its file
name, whether it is a PDF that the finishing step completes, and whether the web page offers it
for download. `make` then runs the same steps for every output: render, and finish if it is a
PDF. Build, compare, preview, release and the command line's choices all read this registry;
adding an output is one entry here, one module in pipeline/render/ and its layout.

A renderer is named by module so that `toolkit --help` and `toolkit check` never import the heavy
libraries (WeasyPrint, python-docx) that only rendering needs.
"""

from __future__ import annotations

import difflib
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .rendered import Rendered

__all__ = ["BUILDERS", "FORMATS", "REDLINES", "Builder", "Download", "Rendered", "select"]

if TYPE_CHECKING:  # a build with nothing to do never loads the model
    from .model import Meta


@dataclass(frozen=True)
class Download:
    """How the web page offers an output: its link's words and what kind of file it is."""

    label: str
    kind: str


@dataclass(frozen=True)
class Builder:
    name: str
    filename: str
    description: str
    module: str  # a module in pipeline.render with render(input) -> Rendered
    input: str = "document"  # what it is made from: "document", or "comparison" (two versions)
    scope: str = "document"  # what it shows: "document", or "card" (the card-marked parts only)
    pdf: bool = False  # a tagged PDF, completed by the finishing step (pipeline/pdf/finish.py)
    download: Download | None = None  # offered on the web page

    def render(self, source: Any) -> Rendered:
        """The output as its renderer makes it (a PDF before the finishing step), from the
        document (or comparison) alone: its pictures are the checked ones it holds."""
        renderer = importlib.import_module(f"pipeline.render.{self.module}")
        return renderer.render(source)

    def make(self, source: Any, meta: Meta) -> Rendered:
        """The output as it is published: rendered, then finished if it is a PDF."""
        rendered = self.render(source)
        if self.pdf:
            from .pdf.finish import finish

            rendered = finish(rendered, meta)
        return rendered


BUILDERS: dict[str, Builder] = {
    b.name: b
    for b in (
        Builder(
            "appendix",
            "social-media-toolkit-appendix.pdf",
            "committee-report PDF appendix (A4, PDF/UA-1 and PDF/A-2a)",
            "appendix",
            pdf=True,
            download=Download("Committee-report appendix", "PDF, A4"),
        ),
        Builder(
            "docx",
            "social-media-toolkit.docx",
            "accessible Word document",
            "docx",
            download=Download("Word version", "DOCX"),
        ),
        Builder(
            "html",
            "social-media-toolkit.html",
            "interactive web page: one file, works offline (WCAG 2.2 AA)",
            "html_page",
        ),
        Builder(
            "large-print",
            "social-media-toolkit-large-print.pdf",
            "large print PDF (A4, 18 pt, PDF/UA-1 and PDF/A-2a)",
            "large_print",
            pdf=True,
            download=Download("Large print", "PDF, A4, 18 point"),
        ),
        Builder(
            "card",
            "social-media-toolkit-card.pdf",
            "pocket card, front and back (A6 by default; PDF/UA-1 and PDF/A-2a)",
            "card",
            scope="card",
            pdf=True,
            download=Download("Pocket card", "PDF, to print and carry"),
        ),
        Builder(
            "card-sheet",
            "social-media-toolkit-card-sheet.pdf",
            "pocket cards on A4 to print double-sided and cut out",
            "card_sheet",
            scope="card",
            pdf=True,
        ),
        Builder(
            "card-print",
            "social-media-toolkit-card-print.pdf",
            "pocket card for a print shop: 3 mm bleed, crop marks",
            "card_print",
            scope="card",
            pdf=True,
        ),
        Builder(
            "redline-docx",
            "social-media-toolkit-redline.docx",
            "the new version in Word, every change a tracked change",
            "redline_docx",
            input="comparison",
        ),
        Builder(
            "redline-pdf",
            "social-media-toolkit-redline.pdf",
            "the new version with every change marked, for the agenda (PDF/UA-1 and PDF/A-2a)",
            "redline_pdf",
            input="comparison",
            pdf=True,
        ),
    )
}
FORMATS = {name: b for name, b in BUILDERS.items() if b.input == "document"}  # toolkit build
REDLINES = {name: b for name, b in BUILDERS.items() if b.input == "comparison"}  # toolkit compare


def select(names: list[str]) -> list[Builder]:
    """The formats asked for, in registry order; all of them when none are named."""
    for name in names:
        if name not in FORMATS:
            close = difflib.get_close_matches(name, FORMATS, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise UsageError(f"Unknown format '{name}'.{hint} Formats: {', '.join(FORMATS)}.")
    return [f for f in FORMATS.values() if not names or f.name in names]
