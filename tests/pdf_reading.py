"""Reading PDFs back with real readers (poppler, pdfplumber, pikepdf) for the tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import require_tool

MM = 72 / 25.4  # PDF points per millimetre


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, as poppler's pdftotext lays it out."""
    pdftotext = require_tool("pdftotext")
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table: one dict per font with name, type, emb, sub and uni."""
    pdffonts = require_tool("pdffonts")
    lines = subprocess.run(
        [pdffonts, str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name, then type (1-2 words), encoding, emb, sub, uni, object id, generation
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows
