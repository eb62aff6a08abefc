"""Every PDF reads, to a strict screen reader, as the page it shows (tests/reader_view.py), and
no word is broken across lines except inside an address.

Checked on every PDF format of the real content as a draft and adopted with the Riverside
settings, and on the redline of an annual review (conftest.built_outputs). A sample page shows
that the check finds each kind of defect when the step that prevents it is left out.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from pipeline.formats import FORMATS
from pipeline.pdf import finish as pdf_finish
from pipeline.pdf import hooks as tagging
from pipeline.pdf import structure as pdf_structure
from pipeline.pdf.engine import html_to_pdf

import pdf_sample
import reader_view
from conftest import BuiltOutputs

PDF_FORMATS = [name for name, fmt in FORMATS.items() if fmt.filename.endswith(".pdf")]
OUTPUTS = [f"{variant}/{name}" for variant in ("draft", "adopted") for name in PDF_FORMATS]
OUTPUTS.append("redline/redline-pdf")


def _read(built: BuiltOutputs, output: str) -> tuple[Path, str]:
    variant, name = output.split("/")
    return built.pdf(variant, name), built.html(variant, name)


@pytest.mark.parametrize("output", OUTPUTS)
def test_the_tags_read_as_the_page_shows(built_outputs: BuiltOutputs, output: str) -> None:
    pdf, html = _read(built_outputs, output)
    problems = reader_view.compare(reader_view.page_view(html), reader_view.tags_view(pdf))
    assert not problems, f"{output}:\n" + "\n".join(problems)


@pytest.mark.parametrize("output", OUTPUTS)
def test_no_word_is_broken_across_lines(built_outputs: BuiltOutputs, output: str) -> None:
    pdf, html = _read(built_outputs, output)
    broken = reader_view.broken_words(pdf, reader_view.source_words(html))
    assert not broken, f"{output}:\n" + "\n".join(broken)


# ---- the check finds each kind of defect -----------------------------------------------------

SAMPLE = (
    "<h1>Reading sample</h1>"
    "<p>A paragraph long enough to run onto a second and a third line, so that the words at "
    "each soft wrap keep the space between them, and <a href='https://example.org/guide'>a "
    "link whose words run over the end of one line onto the next</a> stays one link.</p>"
    "<dl><dt>Council</dt><dd>Riverside Borough Council</dd><dt>Version</dt><dd>2.3</dd></dl>"
    "<table class='narrow'><thead><tr><th>Date</th><th>Communications</th></tr></thead><tbody>"
    + "".join(f"<tr><td>Row {n}</td><td>Text of row {n}</td></tr>" for n in range(1, 25))
    + "</tbody></table><ul>"
    + "".join(f"<li>Item {n} of a list that runs onto another page</li>" for n in range(1, 30))
    + "</ul>"
)
SAMPLE_STYLE = "@page { size: A6; margin: 12mm; } .narrow { width: 30mm; }"


def _sample(folder: Path, style: str = "") -> tuple[Path, str]:
    html = pdf_sample.page(SAMPLE, SAMPLE_STYLE + style)
    raw = html_to_pdf(html, ["print.css"], "sample", pdf_sample.pictures()).data
    path = folder / "sample.pdf"
    path.write_bytes(pdf_finish.finish_pdf(raw, pdf_sample.META))
    return path, html


def _problems(pdf: Path, html: str) -> str:
    return "\n".join(
        reader_view.compare(reader_view.page_view(html), reader_view.tags_view(pdf), limit=20)
    )


def test_the_sample_reads_as_its_page(tmp_path: Path) -> None:
    pdf, html = _sample(tmp_path)
    assert _problems(pdf, html) == ""
    assert reader_view.broken_words(pdf, reader_view.source_words(html)) == []


def test_without_the_line_spaces_words_are_glued(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tagging, "_line_spaces", contextlib.nullcontext)
    problems = _problems(*_sample(tmp_path))
    assert "words under" in problems and "paragraphs under" in problems


def test_without_joining_pieces_tables_lists_and_links_are_split(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf_structure, "_join_pieces", lambda *args: None)
    problems = _problems(*_sample(tmp_path))
    assert "tables under" in problems
    assert "lists under" in problems
    assert "links under" in problems


def test_without_pairing_terms_labels_and_values_are_apart(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf_structure, "_pair_terms", lambda *args: None)
    assert "pairs under" in _problems(*_sample(tmp_path))


def test_cells_that_break_anywhere_break_words(tmp_path: Path) -> None:
    pdf, html = _sample(tmp_path, "th, td { overflow-wrap: anywhere; }")
    broken = reader_view.broken_words(pdf, reader_view.source_words(html))
    assert any("breaks the word “date”" in line for line in broken), broken
