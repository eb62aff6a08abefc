"""The registry of output formats: plain data, one entry per format, in build order.

A renderer is named by module so that `toolkit --help` and `toolkit check` never import the heavy
libraries (WeasyPrint, python-docx) that only rendering needs.
"""

from __future__ import annotations

import difflib
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UsageError

if TYPE_CHECKING:  # a build with nothing to do never loads the model
    from .model import Document


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int | None = None  # for PDFs


@dataclass(frozen=True)
class Format:
    name: str
    filename: str
    description: str
    module: str  # a module in pipeline.render with render(document, content_dir) -> Rendered
    scope: str = "document"  # what it shows: "document", or "card" (the card-marked parts only)

    def render(self, document: Document, content_dir: Path) -> Rendered:
        renderer = importlib.import_module(f"pipeline.render.{self.module}")
        return renderer.render(document, content_dir)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "appendix",
            "social-media-toolkit-appendix.pdf",
            "committee-report PDF appendix (A4, PDF/UA-1 and PDF/A-2a)",
            "appendix",
        ),
        Format("docx", "social-media-toolkit.docx", "accessible Word document", "docx"),
        Format(
            "html",
            "social-media-toolkit.html",
            "interactive web page: one file, works offline (WCAG 2.2 AA)",
            "html_page",
        ),
        Format(
            "large-print",
            "social-media-toolkit-large-print.pdf",
            "large print PDF (A4, 18 pt, PDF/UA-1 and PDF/A-2a)",
            "large_print",
        ),
        Format(
            "card",
            "social-media-toolkit-card.pdf",
            "pocket card, front and back (A6 by default; PDF/UA-1 and PDF/A-2a)",
            "card",
            scope="card",
        ),
        Format(
            "card-sheet",
            "social-media-toolkit-card-sheet.pdf",
            "pocket cards on A4 to print double-sided and cut out",
            "card_sheet",
            scope="card",
        ),
        Format(
            "card-print",
            "social-media-toolkit-card-print.pdf",
            "pocket card for a print shop: 3 mm bleed, crop marks",
            "card_print",
            scope="card",
        ),
    )
}


def select(names: list[str]) -> list[Format]:
    """The formats asked for, in registry order; all of them when none are named."""
    for name in names:
        if name not in FORMATS:
            close = difflib.get_close_matches(name, FORMATS, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise UsageError(f"Unknown format '{name}'.{hint} Formats: {', '.join(FORMATS)}.")
    return [f for f in FORMATS.values() if not names or f.name in names]
