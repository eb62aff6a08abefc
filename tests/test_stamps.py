"""Version stamps on every output (version, status, approval, review date); DRAFT while a draft."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from pipeline.formats import FORMATS

from conftest import Project
from pdf_reading import page_texts

PDFS = [name for name, fmt in FORMATS.items() if fmt.filename.endswith(".pdf")]


def text_of(path: Path) -> list[str]:
    """Pages of a PDF; the whole text of other outputs as one 'page'."""
    if path.suffix == ".pdf":
        return [" ".join(page.split()) for page in page_texts(path)]
    if path.suffix == ".docx":
        word = docx.Document(io.BytesIO(path.read_bytes()))
        parts = [p.text for p in word.paragraphs]
        parts += [
            p.text for s in word.sections for p in (*s.header.paragraphs, *s.footer.paragraphs)
        ]
        return [" ".join(" ".join(parts).split())]
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", path.read_text(), flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", html).split())]


def build_all(project: Project, toolkit) -> dict[str, list[str]]:
    assert toolkit("build", "--quiet", *project.args("--out", str(project.out))).code == 0
    return {name: text_of(project.out / fmt.filename) for name, fmt in FORMATS.items()}


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    from pipeline.cli import main

    from conftest import FIXTURES, make_project

    project = make_project(tmp_path_factory.mktemp("draft"), FIXTURES / "mini" / "toolkit.md")
    assert main(["build", "--quiet", *project.args("--out", str(project.out))]) == 0
    return {name: text_of(project.out / fmt.filename) for name, fmt in FORMATS.items()}


@pytest.mark.parametrize("name", PDFS)
def test_every_page_of_a_draft_pdf_says_draft(draft: dict[str, list[str]], name: str) -> None:
    for number, page in enumerate(draft[name], 1):
        assert "DRAFT" in page, f"{name} page {number}"


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_output_carries_version_and_review_date(
    draft: dict[str, list[str]], name: str
) -> None:
    text = " ".join(draft[name])
    assert "1.0" in text
    assert "15 April 2025" in text  # the review due date
    assert re.search(r"\b(DRAFT|Draft|draft)\b", text)


def test_adopted_outputs_show_no_draft_marking_and_the_approval(mini: Project, toolkit) -> None:
    mini.edit(
        "status: draft\ndate: 2024-04-15",
        "status: adopted\ndate: 2024-04-15\napproved:\n  by: Democracy and Standards Committee"
        "\n  date: 2024-04-22",
    )
    for name, pages in build_all(mini, toolkit).items():
        text = " ".join(pages)
        assert "DRAFT" not in text, name
        assert "Draft for consideration" not in text, name
        assert "22 April 2025" in text, name  # review due: a year after approval
        if name not in ("card-sheet", "card-print", "card"):
            assert "22 April 2024" in text, name  # the approval date


def test_a_new_draft_does_not_show_the_last_versions_approval(mini: Project, toolkit) -> None:
    """After a release the header keeps 'approved:'; the next draft must not claim it."""
    mini.edit(
        'version: "1.0"\nstatus: draft\ndate: 2024-04-15',
        'version: "1.1"\nstatus: draft\ndate: 2025-03-20\napproved:\n'
        "  by: Democracy and Standards Committee\n  date: 2024-04-22",
    )
    for name, pages in build_all(mini, toolkit).items():
        text = " ".join(pages)
        assert "adopted 22 April" not in text and "Approved 22 April" not in text, name
        assert "1.1" in text and ("DRAFT" in text or "Draft" in text), name
