"""What a renderer gives: the bytes of one output, and its number of pages (for a PDF)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rendered:
    data: bytes
    pages: int | None = None  # for PDFs
