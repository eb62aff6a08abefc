"""The committee-report PDF appendix built from the real content, read back with real readers."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader

from pipeline import model as m

from conftest import ROOT, BuiltOutputs, Project, make_project
from pdf_reading import MM, fonts, page_texts

NAME = "social-media-toolkit-appendix.pdf"


@pytest.fixture(scope="module")
def built(built_outputs: BuiltOutputs) -> Path:
    """The appendix of the real content/toolkit.md, as `toolkit build` writes it."""
    return built_outputs.draft / NAME


@pytest.fixture(scope="module")
def document(real_document: m.Document) -> m.Document:
    return real_document


@pytest.fixture(scope="module")
def texts(built: Path) -> list[str]:
    return page_texts(built)


def test_every_page_is_a4_portrait(built: Path) -> None:
    with pdfplumber.open(built) as pdf:
        assert len(pdf.pages) >= 10
        for page in pdf.pages:
            assert (round(page.width), round(page.height)) == (595, 842)


def test_bottom_15mm_of_every_page_is_empty_and_margins_are_20mm(built: Path) -> None:
    with pdfplumber.open(built) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            objects = page.chars + page.rects + page.lines + page.images + page.curves
            assert objects, f"page {number} is blank"
            lowest = max(o["bottom"] for o in objects)
            assert page.height - lowest >= 15 * MM, f"page {number}: something in the bottom 15 mm"
            assert min(o["x0"] for o in objects) >= 20 * MM - 0.5, f"page {number}: left margin"
            assert max(o["x1"] for o in objects) <= page.width - 20 * MM + 0.5, f"page {number}"
            assert min(o["top"] for o in objects) >= 15 * MM - 0.5, f"page {number}: top margin"


def test_all_text_is_sans_serif_at_least_12pt(built: Path) -> None:
    with pdfplumber.open(built) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for char in page.chars:
                if char["text"].strip():
                    assert char["size"] >= 11.95, f"page {number}: {char['text']!r} {char['size']}"
                    assert "Source-Sans-Pro" in char["fontname"], char["fontname"]


def test_every_font_is_embedded_with_unicode(built: Path) -> None:
    found = fonts(built)
    assert found
    for font in found:
        assert font["emb"] == "yes", font
        assert font["uni"] == "yes", font
        assert "Source-Sans-Pro" in font["name"], font


def test_title_language_and_tags(built: Path, document: m.Document) -> None:
    with pikepdf.open(built) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert str(pdf.docinfo["/Title"]) == document.meta.title
        assert str(pdf.docinfo["/Author"]) == document.settings.council.name
        assert bool(pdf.Root.MarkInfo.Marked)
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)


def test_bookmarks_follow_the_headings(built: Path, document: m.Document) -> None:
    def titles(outline: list) -> list[str]:
        found: list[str] = []
        for item in outline:
            found.extend(titles(item) if isinstance(item, list) else [item.title])
        return found

    bookmarks = titles(PdfReader(built).outline)
    for heading in document.headings():
        assert m.plain_text(heading.children) in bookmarks


def test_contents_page_numbers_are_real(texts: list[str], document: m.Document) -> None:
    contents_pages = [i for i, t in enumerate(texts) if re.search(r"^\s*Contents\s*$", t, re.M)]
    assert contents_pages, "no contents page"
    # The title, a leader of spaced dots, the page number
    entries = re.findall(r"^\s*(\S.*?)\s*(?:\. ?){3,}\s*(\d+)\s*$", texts[contents_pages[0]], re.M)
    sections = [m.plain_text(h.children) for h in document.headings() if h.level == 1]
    assert [title for title, _ in entries] == sections
    for title, page in entries:
        words = " ".join(texts[int(page) - 1].split())  # a long heading may wrap
        assert title in words, f"'{title}' is not on page {page}"


def test_running_header_and_footer(texts: list[str], document: m.Document) -> None:
    total = len(texts)
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {total}" in text
        assert f"Version {document.meta.version} ({document.meta.status})" in text
        if number > 1:
            assert "Appendix A – Social Media Toolkit" in text.splitlines()[0]


def test_first_page_says_what_the_paper_is(texts: list[str], document: m.Document) -> None:
    first = " ".join(texts[0].split())
    for expected in (
        "Appendix A",
        document.meta.title,
        "North Northamptonshire Council",
        "Democracy and Standards Committee",
        "Meeting date 15 April 2024",
        f"Version {document.meta.version}",
        "Status Draft",
        "large print",
    ):
        assert expected in first


def test_external_links_show_their_address(built: Path, texts: list[str]) -> None:
    text = " ".join(" ".join(texts).split())
    assert "(https://www.legislation.gov.uk/" in text
    with pikepdf.open(built) as pdf:
        uris = {
            str(annot.A.URI)
            for page in pdf.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot and "/URI" in annot.A
        }
    assert any(uri.startswith("https://www.legislation.gov.uk/") for uri in uris)


def test_every_paragraph_of_the_source_is_in_the_pdf(
    texts: list[str], document: m.Document
) -> None:
    text = " ".join(" ".join(texts).split())
    text = re.sub(r" \((https?://|mailto:)[^)]*\)", "", text)  # addresses printed after links
    for block in m.walk_blocks(document.blocks):
        if isinstance(block, m.Paragraph):
            words = " ".join(m.plain_text(block.children).split())
            assert words[:40] in text, words[:60]


# veraPDF (PDF/UA-1 and PDF/A-2a) checks this same file in test_pdf_standards.py.


def test_another_councils_settings_replace_every_detail(tmp_path: Path) -> None:
    project: Project = make_project(tmp_path, ROOT / "content" / "toolkit.md")
    shutil.copytree(
        ROOT / "content" / "examples", project.root / "content" / "examples", dirs_exist_ok=True
    )
    riverside = project.root / "content" / "examples" / "riverside-settings.yml"
    from pipeline.cli import main

    assert (
        main(
            [
                "build",
                "--quiet",
                "--out",
                str(project.out),
                "--source",
                str(project.source),
                "--settings",
                str(riverside),
            ]
        )
        == 0
    )
    text = " ".join(" ".join(page_texts(project.out / NAME)).split())
    for expected in (
        "Riverside District Council",
        "Standards and Governance Committee",
        "Appendix C",
        "9 June 2025",
        "01234 567801",
        "Member Services",
    ):
        assert expected in text
    for unexpected in (
        "North Northamptonshire",
        "northnorthants",
        "0300 126 3000",
        "Northamptonshire Police",
    ):
        assert unexpected not in text
    with pdfplumber.open(project.out / NAME) as pdf:
        colours = {
            tuple(round(v, 2) for v in c["non_stroking_color"] or ())
            for page in pdf.pages[:4]
            for c in page.chars
        }
    assert (0.42, 0.17, 0.57) in colours  # the brand colour #6b2c91 on headings
