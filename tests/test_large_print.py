"""The large-print PDF built from the real content, read back with real readers."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest

from pipeline import model as m

from conftest import ROOT, BuiltOutputs
from pdf_reading import MM, page_texts

NAME = "social-media-toolkit-large-print.pdf"
BODY_PT = 18
SMALLEST_PT = 16


@pytest.fixture(scope="module")
def built(built_outputs: BuiltOutputs) -> Path:
    """The large print of the real content/toolkit.md, as `toolkit build` writes it."""
    return built_outputs.draft / NAME


@pytest.fixture(scope="module")
def document(real_document: m.Document) -> m.Document:
    return real_document


@pytest.fixture(scope="module")
def pages(built: Path) -> list[dict[str, Any]]:
    """Each page's size, characters and words (with their sizes), read once."""
    with pdfplumber.open(built) as pdf:
        return [
            {
                "size": (round(page.width), round(page.height)),
                "height": page.height,
                "chars": [c for c in page.chars if c["text"].strip()],
                "words": page.extract_words(extra_attrs=["size"]),
                "tables": [table.bbox for table in page.find_tables()],
            }
            for page in pdf.pages
        ]


@pytest.fixture(scope="module")
def texts(built: Path) -> list[str]:
    return page_texts(built)


def test_every_page_is_a4_portrait(pages: list[dict[str, Any]]) -> None:
    assert len(pages) >= 20
    assert {page["size"] for page in pages} == {(595, 842)}


def test_no_text_is_below_16pt_and_body_text_is_18pt(pages: list[dict[str, Any]]) -> None:
    sizes: dict[float, int] = {}
    for number, page in enumerate(pages, 1):
        for char in page["chars"]:
            size = round(char["size"], 1)
            assert size >= SMALLEST_PT, f"page {number}: {char['text']!r} is {size} pt"
            sizes[size] = sizes.get(size, 0) + 1
    assert max(sizes, key=lambda size: sizes[size]) == BODY_PT, sizes


def word_sizes(pages: list[dict[str, Any]], text: str) -> list[float]:
    """The size of the first word of `text` wherever the whole text is found on one line."""
    found = []
    words = text.split()
    for page in pages:
        line = page["words"]
        for index in range(len(line) - len(words) + 1):
            if [w["text"] for w in line[index : index + len(words)]] == words:
                found.append(round(line[index]["size"], 1))
    return found


def test_headings_are_larger_than_the_text(
    pages: list[dict[str, Any]], document: m.Document
) -> None:
    checked = 0
    for heading in document.headings():
        text = m.plain_text(heading.children)
        if len(text) > 30:  # a long heading may wrap; short ones are enough to measure
            continue
        larger = [size for size in word_sizes(pages, text) if size > BODY_PT]
        assert larger, f"heading '{text}' is not larger than the text"
        expected = {1: 28, 2: 23, 3: 20}[heading.level]
        assert max(larger) == expected, (text, larger)
        checked += 1
    assert checked >= 20


def test_page_numbers_are_as_large_as_the_text(pages: list[dict[str, Any]]) -> None:
    total = len(pages)
    for number, page in enumerate(pages, 1):
        footer = [w for w in page["words"] if w["top"] > page["height"] - 30 * MM]
        label = " ".join(w["text"] for w in footer)
        assert f"Page {number} of {total}" in label, label
        assert {round(w["size"], 1) for w in footer} == {BODY_PT}


def text_lines(page: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The words of the page body (not the running header and footer, not tables), by line."""
    body = [
        w
        for w in page["words"]
        if 22 * MM < w["top"] < page["height"] - 26 * MM
        and not any(
            x0 <= w["x0"] <= x1 and top <= w["top"] <= bottom
            for x0, top, x1, bottom in page["tables"]
        )
    ]
    lines: dict[int, list[dict[str, Any]]] = {}
    for word in body:
        lines.setdefault(round(word["top"]), []).append(word)
    return [sorted(line, key=lambda w: w["x0"]) for _, line in sorted(lines.items())]


def test_one_column_and_ragged_right(pages: list[dict[str, Any]]) -> None:
    """Outside tables, every line starts at the left (no second column), and full lines end
    at different places (left-aligned, not justified)."""
    ends: list[float] = []
    for number, page in enumerate(pages, 1):
        for line in text_lines(page):
            assert line[0]["x0"] < 70 * MM, f"page {number}: a line starts at {line[0]['x0']:.0f}"
            if line[0]["x0"] < 25 * MM and len(line) > 6:
                ends.append(line[-1]["x1"])
    assert max(ends) - min(ends) > 40, "every line ends at the same place: justified?"
    assert len({round(end) for end in ends}) > len(ends) / 4


def test_words_are_never_hyphenated(texts: list[str], document: m.Document) -> None:
    source = Path(document.source).read_text(encoding="utf-8") if document.source else ""
    source = source or (ROOT / "content/toolkit.md").read_text(encoding="utf-8")
    for text in texts:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        for line, following in itertools.pairwise(lines):
            broken = re.search(r"(\w+)-$", line)
            if broken and following.split():
                word = f"{broken.group(1)}-{following.split()[0].strip('.,;:)')}"
                assert word in source, f"'{line[-20:]}' / '{following[:20]}' is hyphenated"


def test_title_language_and_tags(built: Path, document: m.Document) -> None:
    with pikepdf.open(built) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo["/Title"]) == document.meta.title
        assert bool(pdf.Root.MarkInfo.Marked)
        assert "/StructTreeRoot" in pdf.Root


def test_contents_page_numbers_are_real(texts: list[str], document: m.Document) -> None:
    entries = re.findall(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", texts[1], re.M)
    assert [title for title, _ in entries] == [
        m.plain_text(h.children) for h in document.headings() if h.level == 1
    ]
    for title, page in entries:
        assert title in " ".join(texts[int(page) - 1].split())


def test_every_paragraph_of_the_source_is_in_the_pdf(
    texts: list[str], document: m.Document
) -> None:
    text = " ".join(" ".join(texts).split())
    text = re.sub(r" \((https?://|mailto:)[^)]*\)", "", text)
    for block in m.walk_blocks(document.blocks):
        if isinstance(block, m.Paragraph):
            words = " ".join(m.plain_text(block.children).split())
            assert words[:40] in text, words[:60]


def test_cover_says_large_print_version_and_review_date(texts: list[str]) -> None:
    cover = " ".join(texts[0].split())
    for expected in ("Large print edition", "Version 1.0 (draft)", "15 April 2025"):
        assert expected in cover


# veraPDF (PDF/UA-1 and PDF/A-2a) checks this same file in test_pdf_standards.py.
