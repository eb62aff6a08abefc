"""Awkward but valid text stays on the page: very long words and addresses wrap, deep lists and
ragged tables build, in the PDF and the Word document alike."""

from __future__ import annotations

import io

import docx
import pdfplumber

from pipeline.formats import FORMATS

from conftest import Project
from pdf_reading import MM

LONG_WORD = "Llanfairpwllgwyngyll" * 8
LONG_URL = "https://www.example.gov.uk/" + "councillor-guidance/" * 12 + "page"
NESTED = "\n".join("   " * depth + f"- level {depth + 1}" for depth in range(9))
RAGGED = "| Platform | How |\n|---|---|\n| Facebook |\n| X | Report | extra cell |\n"


def test_awkward_text_builds_and_stays_inside_the_margins(mini: Project, toolkit) -> None:
    mini.append(
        f"\n# Awkward text\n\nA word: {LONG_WORD}.\n\n"
        f"An address: [the guidance on the long address]({LONG_URL}).\n\n"
        f"{NESTED}\n\n{RAGGED}"
    )
    result = toolkit("build", "appendix", "docx", *mini.args("--out", str(mini.out)))
    assert result.code == 0, result.err

    with pdfplumber.open(mini.out / FORMATS["appendix"].filename) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
        for number, page in enumerate(pdf.pages, 1):
            for char in page.chars:
                assert char["x0"] >= 20 * MM - 0.5 and char["x1"] <= page.width - 20 * MM + 0.5, (
                    f"page {number}: {char['text']!r} runs off the text area"
                )
    flat = "".join(text.split())
    assert LONG_WORD in flat and LONG_URL in flat
    assert "level9" in flat and "extracell" not in flat  # cells beyond the header are dropped

    word = docx.Document(io.BytesIO((mini.out / FORMATS["docx"].filename).read_bytes()))
    paragraphs = [p.text for p in word.paragraphs]
    assert any(LONG_WORD in p for p in paragraphs)
    assert "level 9" in paragraphs
    table = word.tables[-1]
    assert [c.text for c in table.rows[1].cells] == ["Facebook", ""]
