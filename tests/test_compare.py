"""`toolkit compare`: the diff on the model, the Word redline's tracked changes, the PDF."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx as python_docx
import hypothesis
import hypothesis.strategies as st
import pikepdf
import pytest
from docx.oxml.ns import qn
from lxml import etree

from pipeline import model as m
from pipeline.compare import diff
from pipeline.errors import ToolkitError
from pipeline.publish.redlines import compare_versions
from pipeline.read.source import Sources, load
from pipeline.render import docx as docx_format
from pipeline.render import redline_docx
from pipeline.render.redline_pdf import redline_html

import libreoffice
from annual_review import annual_review
from conftest import FIXTURES, ROOT, Project, make_project, require_tool
from docx_checks import accessibility_problems

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MO_PHONE = '    phone: 0300 126 3000\n    email: "TODO: monitoring officer\'s direct email"'

# ---- helpers ----------------------------------------------------------------------------------


def pair(tmp_path: Path) -> tuple[Project, Project]:
    old = make_project(tmp_path / "old", FIXTURES / "mini" / "toolkit.md")
    new = make_project(tmp_path / "new", FIXTURES / "mini" / "toolkit.md")
    new.edit('version: "1.0"', 'version: "1.1"')
    new.edit("date: 2024-04-15\nkeywords", "date: 2025-03-20\nkeywords")
    return old, new


def document(project: Project):
    return load(Sources(project.source, project.settings)).document


def body(docx_bytes: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        return etree.fromstring(package.read("word/document.xml")).find(f"{W}body")


def _style(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else "Normal"


def _unwrap(node: etree._Element) -> None:
    parent, index = node.getparent(), node.getparent().index(node)
    for offset, child in enumerate(list(node)):
        parent.insert(index + offset, child)
    parent.remove(node)


def resolved(docx_bytes: bytes, accept: bool) -> bytes:
    """The Word document after accepting (or rejecting) every tracked change, as Word does: a
    dropped insertion or deletion takes its words with it, a dropped row goes, and a dropped
    paragraph mark joins what is left of its paragraph to the next one."""
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
        parts = {name: package.read(name) for name in package.namelist()}
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    for change in list(root.iter(f"{W}pPrChange")):  # accepted: gone; rejected: the old look
        properties = change.getparent()
        if not accept:
            kept = [c for c in properties if c.tag in (f"{W}rPr", f"{W}sectPr")]
            properties[:] = [*change.find(f"{W}pPr"), *kept]
        else:
            properties.remove(change)
    for row in list(root.iter(f"{W}tr")):
        if row.find(f"{W}trPr/{W}{drop}") is not None:
            row.getparent().remove(row)
    for mark in root.findall(f".//{W}rPr/{W}{keep}") + root.findall(f".//{W}trPr/{W}{keep}"):
        mark.getparent().remove(mark)
    for paragraph in list(root.iter(f"{W}p")):
        mark = paragraph.find(f"{W}pPr/{W}rPr/{W}{drop}")
        if mark is None:
            continue
        following = paragraph.getnext()
        content = [child for child in paragraph if child.tag != f"{W}pPr"]
        if following is not None and following.tag == f"{W}p":
            start = 1 if following.find(f"{W}pPr") is not None else 0
            for offset, child in enumerate(content):
                following.insert(start + offset, child)
        paragraph.getparent().remove(paragraph)
    for node in root.findall(f".//{W}{drop}"):
        node.getparent().remove(node)
    for node in root.findall(f".//{W}{keep}"):
        _unwrap(node)
    for node in root.iter(f"{W}delText"):
        node.tag = f"{W}t"
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def walk(docx_bytes: bytes, accept: bool) -> list[tuple[str, str]]:
    """(style, text) of every paragraph from the contents on, after accepting (or rejecting)
    every tracked change."""
    root = body(resolved(docx_bytes, accept))
    assert root.find(f".//{W}ins") is None and root.find(f".//{W}del") is None
    paragraphs, started = [], False
    for paragraph in root.iter(f"{W}p"):
        started = started or _style(paragraph) == "TOCHeading"
        if started:
            text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
            paragraphs.append((_style(paragraph), text))
    return paragraphs


def as_is(version) -> list[tuple[str, str]]:
    """A version's paragraphs in the redline's layout: a comparison with itself, unmarked."""
    data = redline_docx.render(diff.diff_documents(version, version)).data
    root = body(data)
    assert root.find(f".//{W}ins") is None and root.find(f".//{W}del") is None
    return walk(data, accept=True)


def redline(tmp_path: Path, old: Project, new: Project, *formats: str):
    out = tmp_path / "out"
    comparison, _ = compare_versions(
        str(old.source), str(new.source), tmp_path / "releases", out, list(formats) or None
    )
    return comparison, out


def check_accept_reject(tmp_path: Path, old: Project, new: Project):
    comparison, out = redline(tmp_path, old, new, "redline-docx")
    data = (out / "social-media-toolkit-redline.docx").read_bytes()
    assert walk(data, accept=True) == as_is(document(new))
    assert walk(data, accept=False) == as_is(document(old))
    return comparison, data


def changed_titles(comparison: diff.Comparison) -> dict[str, str]:
    return {s.title: s.status for s in comparison.changed_sections}


def word_changes(comparison: diff.Comparison) -> set[tuple[str, str, str]]:
    """(what, old words, new words) for each paragraph, heading, list item or cell that has
    words changed inside it."""
    found, items = set(), set()
    for block, _ in m.walk_revisions(comparison.merged.blocks):
        if isinstance(block, m.ListItem) and isinstance(block.children[0], m.Paragraph):
            items.add(id(block.children[0]))
        what = "item" if id(block) in items else type(block).__name__
        runs = [(what, block.children)] if isinstance(block, m.Heading | m.Paragraph) else []
        if isinstance(block, m.Table):
            rows = [r for r in (block.header, *block.rows) if not isinstance(r, m.Revised)]
            runs = [("cell", cell.children) for row in rows for cell in row]
        for kind, inlines in runs:
            if any(isinstance(node, m.Change) for node in m.walk_inlines(inlines)):
                old_words = m.plain_text(m.version_of(inlines, "old"))
                found.add((kind, old_words, m.plain_text(m.version_of(inlines, "new"))))
    return found


def tracked_texts(data: bytes, tag: str) -> list[str]:
    """The words of each `w:ins` or `w:del` around runs, in order."""
    return [
        "".join(t.text or "" for t in mark.iter(f"{W}t", f"{W}delText"))
        for mark in body(data).iter(f"{W}{tag}")
        if mark.getparent().tag != f"{W}rPr" and mark.getparent().tag != f"{W}trPr"
    ]


# ---- the cases -------------------------------------------------------------------------------


def test_unchanged_document_gives_an_empty_redline(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    comparison, data = check_accept_reject(tmp_path, old, new)
    assert not comparison.changed
    root = body(data)
    assert root.find(f".//{W}ins") is None and root.find(f".//{W}del") is None
    texts = "".join(t.text for t in root.iter(f"{W}t"))
    assert "No changes" in texts
    html = redline_html(comparison)
    assert "No changes" in html and "<ins>" not in html and "<del>" not in html


def test_the_redline_has_the_word_documents_styles(tmp_path: Path) -> None:
    """Unmarked, the redline's text is the docx format's, paragraph by paragraph and style by
    style (tables, lists, boxes, contacts, contents), plus the pocket card's own boxes."""
    version = document(make_project(tmp_path, FIXTURES / "mini" / "toolkit.md"))
    word = docx_format.render(version).data
    expected = walk(word, accept=True)
    shown = as_is(version)
    assert [p for p in shown if p[0] != "BoxPocketCard"] == expected
    assert ("BoxPocketCard", "Keep this card with you.") in shown
    styles = {style for style, _ in expected}
    assert {"TOCHeading", "Heading1", "Heading2", "TableHeading", "BoxContacts"} <= styles
    root = body(redline_docx.render(diff.diff_documents(version, version)).data)
    assert root.find(f".//{W}tbl/{W}tr/{W}trPr/{W}tblHeader") is not None
    assert root.find(f".//{W}hyperlink") is not None
    assert root.find(f".//{W}numPr") is not None


def test_changed_word(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit("use social media safely.", "use social media safely and well.")
    comparison, data = check_accept_reject(tmp_path, old, new)
    assert changed_titles(comparison) == {"About this toolkit": "changed"}
    assert tracked_texts(data, "ins") == [" and well"]
    assert tracked_texts(data, "del") == []


def test_new_section_and_deleted_section(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit(
        "# Document control", "# Elections\n\nDuring an election, take care.\n\n# Document control"
    )
    new.edit("::: warning\nNever share exempt information.\n:::\n", "")
    comparison, data = check_accept_reject(tmp_path, old, new)
    assert changed_titles(comparison) == {"Elections": "added", "Staying safe": "changed"}
    # the new heading is in the contents and the text as an insertion; the box as a deletion
    assert tracked_texts(data, "ins") == [
        "Elections",
        "Elections",
        "During an election, take care.",
    ]
    assert tracked_texts(data, "del") == ["Warning", "Never share exempt information."]
    # and the other way round: a section removed
    comparison, _ = check_accept_reject(tmp_path / "back", new, old)
    assert changed_titles(comparison)["Elections"] == "removed"


def test_changed_table_cell_and_list_item(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit("| X | Use the three dots", "| X (Twitter) | Use the three dots")
    new.edit("- Co-opted members", "- Co-opted and appointed members")
    comparison, _ = check_accept_reject(tmp_path, old, new)
    assert word_changes(comparison) == {
        ("cell", "X", "X (Twitter)"),
        ("item", "Co-opted members", "Co-opted and appointed members"),
    }


@pytest.mark.parametrize(
    ("old_item", "new_item"),
    [
        # the old first paragraph deleted, its nested list's words now the item's own
        ("- Co-opted members\n  - including independent persons", "- including independent"),
        # the item's first paragraph deleted, its second paragraph kept: now the first
        ("- Co-opted members\n\n  including independent persons", "- including independent"),
        # a first paragraph added above the item's old one, which now comes second
        ("- Co-opted members", "- Appointed members\n\n  Co-opted members"),
    ],
    ids=["promoted", "second-kept", "first-added"],
)
def test_an_item_whose_first_paragraph_changed(tmp_path: Path, old_item, new_item) -> None:
    """Each version's first paragraph of an item carries the item's bullet, and a paragraph of
    both versions keeps its other look as a property change."""
    old, new = pair(tmp_path)
    old_list = "- Co-opted members\n  - including independent persons\n"
    old.edit(old_list, old_item + "\n")
    new.edit(old_list, new_item + "\n")
    check_accept_reject(tmp_path, old, new)


def test_added_and_removed_rows_and_items(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit("| X | Use", "| Instagram | Tap the three dots |\n| X | Use")
    new.edit("- Officers who support councillors\n", "")
    comparison, data = check_accept_reject(tmp_path, old, new)
    rows = body(data).findall(f".//{W}tr/{W}trPr/{W}ins")
    assert len(rows) == 1
    assert tracked_texts(data, "del") == ["Officers who support councillors"]
    assert comparison.insertions == 1 and comparison.deletions == 1


def test_changed_contact_in_the_settings(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit(MO_PHONE, MO_PHONE.replace("0300 126 3000", "0300 126 9999"), new.settings)
    comparison, data = check_accept_reject(tmp_path, old, new)
    assert changed_titles(comparison) == {"Staying safe": "changed"}
    # only the line that changed is marked, not the whole contact
    assert tracked_texts(data, "del") == ["Telephone: 0300 126 3000"]
    assert tracked_texts(data, "ins") == ["Telephone: 0300 126 9999"]
    assert comparison.insertions == 1 and comparison.deletions == 1
    mark = body(data).find(f".//{W}ins")
    assert mark.get(qn("w:author")) == "Monitoring Officer"
    assert mark.get(qn("w:date")) == "2025-03-20T00:00:00Z"


def test_renamed_heading_keeps_links_to_it(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit("# Staying safe", "# Keeping safe")
    new.edit("see [Staying safe](#staying-safe)", "see [Keeping safe](#keeping-safe)")
    comparison, _ = check_accept_reject(tmp_path, old, new)
    assert word_changes(comparison) >= {("Heading", "Staying safe", "Keeping safe")}
    anchors = {h.anchor for h in comparison.merged.headings()}
    links = [
        node.href
        for block in m.walk_blocks(comparison.merged.blocks)
        for run in m.own_inlines(block)
        for node in m.walk_inlines(run)
        if isinstance(node, m.Link) and not node.external
    ]
    assert links and all(href[1:] in anchors for href in links)
    redline_html(comparison)  # every link has a target, or the PDF engine would refuse it


def test_a_removed_picture_whose_file_is_gone_is_shown_deleted(tmp_path: Path) -> None:
    """The old version's picture, as the old version's folder held it, is the deletion."""
    old, new = pair(tmp_path)
    new.edit("![The council logo, a teal rectangle](images/logo.png)\n", "")
    (new.root / "content" / "images" / "logo.png").unlink()
    comparison, out = redline(tmp_path, old, new)
    data = (out / "social-media-toolkit-redline.docx").read_bytes()
    [deleted] = [d for d in body(data).iter(f"{W}del") if d.getparent().tag != f"{W}rPr"]
    [described] = deleted.iter(f"{WP}docPr")
    assert described.get("descr") == "The council logo, a teal rectangle"
    word = python_docx.Document(io.BytesIO(data))
    [blip] = deleted.iter(f"{A}blip")
    assert (
        word.part.related_parts[blip.get(qn("r:embed"))].blob
        == (old.root / "content" / "images" / "logo.png").read_bytes()
    )
    assert comparison.deletions == 1
    assert (out / "social-media-toolkit-redline.pdf").stat().st_size > 1000


def test_many_changes_at_once_accept_and_reject(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit("## Who it is for", "## Who should read it")
    new.edit("2. Do not reply.\n", "2. Do not reply or argue.\n2. Tell the police.\n")
    new.edit("- Officers who support councillors\n", "")
    new.edit("Never share exempt information.", "Never share confidential or exempt information.")
    new.edit("For advice, contact:", "For advice, please contact:")
    new.edit("Keep this card with you.", "Keep this card in your wallet.")
    new.edit("summary: First version.", "summary: First version.\n  - version: \"1.1\"\n"
             "    date: 2025-03-20\n    approved_by: Democracy and Standards Committee\n"
             "    summary: Annual review.")  # fmt: skip
    comparison, data = check_accept_reject(tmp_path, old, new)
    assert "Annual review." in tracked_texts(data, "ins")
    assert changed_titles(comparison)["Document control"] == "changed"


# ---- the command, its messages, and the outputs ----------------------------------------------


def test_same_version_and_missing_release_are_clear(tmp_path: Path, toolkit) -> None:
    old, _ = pair(tmp_path)
    result = toolkit("compare", str(old.source), str(old.source), "--out", str(tmp_path / "o"))
    assert result.code == 1
    assert "same version" in result.err and "Give two different versions" in result.err
    releases = tmp_path / "releases"
    result = toolkit("compare", "1.0", "9.9", "--releases", str(releases))
    assert result.code == 1
    assert "There is no release 1.0" in result.err and "toolkit.md" in result.err
    with pytest.raises(ToolkitError):
        compare_versions("1.0", "1.0", releases, tmp_path / "o")


def test_release_versions_are_looked_up(tmp_path: Path, toolkit) -> None:
    old, new = pair(tmp_path)
    releases = tmp_path / "releases"
    for version, project in (("1.0", old), ("1.1", new)):
        shutil.copytree(project.root / "content", releases / version / "source")
        (releases / version / "release.json").write_text("{}", encoding="utf-8")
    new.edit("Do not reply.", "Do not reply, ever.")
    shutil.copy(new.source, releases / "1.1" / "source" / "toolkit.md")
    out = tmp_path / "out"
    result = toolkit(
        "compare", "1.0", "1.1", "--releases", str(releases), "--out", str(out),
        "--format", "redline-docx",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "1 insertion" in result.out
    manifest = (out / "manifest.json").read_text(encoding="utf-8")
    assert "redline-docx" in manifest and "social-media-toolkit-redline.docx" in manifest


def test_a_pdf_only_compare_never_loads_python_docx(tmp_path: Path) -> None:
    """The redline PDF, the words of its first page and the command's summary need no Word
    library: importing them loads neither python-docx nor lxml, and a PDF-only comparison loads
    no python-docx (lxml comes with WeasyPrint)."""
    old, new = pair(tmp_path)
    new.edit("Do not reply.", "Do not reply, ever.")
    out = tmp_path / "out"
    script = (
        "import sys, pipeline.render.redline_pdf, pipeline.render.redline_summary, "
        "pipeline.publish.redlines, pipeline.cli.commands; "
        "print(sorted(m for m in ('docx', 'lxml') if m in sys.modules)); "
        "from pipeline.cli import main; "
        f"code = main(['compare', {str(old.source)!r}, {str(new.source)!r}, "
        f"'--format', 'redline-pdf', '--out', {str(out)!r}]); "
        "print(code, 'docx' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines = result.stdout.strip().split("\n")
    assert lines[0] == "[]"
    assert lines[-1] == "0 False"
    assert "1 insertion" in result.stdout
    assert (out / "social-media-toolkit-redline.pdf").is_file()
    assert not (out / "social-media-toolkit-redline.docx").exists()


# ---- an annual review of the real toolkit -----------------------------------------------------


@pytest.fixture(scope="module")
def review(tmp_path_factory: pytest.TempPathFactory):
    """Version 1.0 of the real toolkit and a 1.1 draft, and their redlines."""
    tmp_path = tmp_path_factory.mktemp("review")
    old, new = annual_review(tmp_path)
    comparison, out = redline(tmp_path, old, new)
    return old, new, comparison, out


@pytest.fixture(scope="module")
def changed_outputs(review) -> Path:
    return review[3]


def test_review_lists_what_changed_where(review) -> None:
    _, _, comparison, _ = review
    assert changed_titles(comparison) == {
        "Taking extra care in specific situations": "changed",
        "Staying safe online and offline": "changed",  # the IT desk's new phone number
        "Dealing with online abuse, harassment and intimidation": "changed",
        "Getting support": "changed",  # the IT desk again
        "Artificial intelligence and fake images": "added",
    }
    assert (comparison.insertions, comparison.deletions) == (5, 3)


def test_review_redline_accepts_to_new_and_rejects_to_old(review) -> None:
    old, new, _, out = review
    data = (out / "social-media-toolkit-redline.docx").read_bytes()
    assert walk(data, accept=True) == as_is(document(new))
    assert walk(data, accept=False) == as_is(document(old))


def test_review_redline_passes_the_word_accessibility_checks(review) -> None:
    """The checks of the `docx` format, on the redline with its changes accepted and rejected."""
    data = (review[3] / "social-media-toolkit-redline.docx").read_bytes()
    for accept in (True, False):
        word = python_docx.Document(io.BytesIO(resolved(data, accept)))
        assert accessibility_problems(word) == [], "accepted" if accept else "rejected"
        title = word.core_properties.title
        assert title == "Changes to the Social Media Toolkit for Councillors"


def test_pdf_marks_changes_in_words_and_lists_sections(changed_outputs: Path) -> None:
    pdftotext = require_tool("pdftotext")
    pdf = changed_outputs / "social-media-toolkit-redline.pdf"
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    first_page = text.split("\f")[0]
    assert "Sections that changed" in first_page
    assert "Artificial intelligence and fake images" in first_page
    assert "5 insertions and 3 deletions" in first_page
    assert re.search(r"published, DELETED: about five weeks", text)
    assert "INSERTED: Telephone: 0300 126 1234" in text


def test_pdf_has_real_lists_tables_and_links(changed_outputs: Path) -> None:
    with pikepdf.open(changed_outputs / "social-media-toolkit-redline.pdf") as pdf:
        kinds: dict[str, int] = {}
        pending = [pdf.Root.StructTreeRoot]
        while pending:
            node = pending.pop()
            if isinstance(node, pikepdf.Array):
                pending.extend(node)
            elif isinstance(node, pikepdf.Dictionary) and "/K" in node:
                kind = str(node.get("/S", ""))
                kinds[kind] = kinds.get(kind, 0) + 1
                pending.append(node.K)
        links = [a for page in pdf.pages for a in page.get("/Annots", []) if a.Subtype == "/Link"]
    assert kinds.get("/L", 0) >= 10 and kinds.get("/LI", 0) >= 40
    assert kinds.get("/Table", 0) >= 5 and kinds.get("/TH", 0) >= 10
    assert kinds.get("/H2", 0) >= 12  # the main sections, below the summary's title
    assert len(links) >= 5 + 12  # the summary's links to sections, and the text's own


def test_libreoffice_opens_the_redline_docx(changed_outputs: Path, tmp_path: Path) -> None:
    result = libreoffice.convert(
        changed_outputs / "social-media-toolkit-redline.docx", "pdf", tmp_path
    )
    assert result.returncode == 0, result.stderr
    converted = tmp_path / "social-media-toolkit-redline.pdf"
    assert converted.is_file() and converted.stat().st_size > 1000


def test_libreoffice_sees_tracked_changes(changed_outputs: Path, tmp_path: Path) -> None:
    result = libreoffice.convert(
        changed_outputs / "social-media-toolkit-redline.docx", "fodt", tmp_path
    )
    assert result.returncode == 0, result.stderr
    flat = (tmp_path / "social-media-toolkit-redline.fodt").read_text(encoding="utf-8")
    assert flat.count("<text:changed-region") >= 3
    assert "<text:insertion>" in flat and "<text:deletion>" in flat
    assert "<dc:creator>Monitoring Officer</dc:creator>" in flat


# ---- property: any edits to the text, accepted or rejected ---------------------------------

EDITABLE = re.compile(r"^(- |\d+\. |\| |[A-Z])")  # list items, table rows and plain paragraphs
WORDS = ("council", "safely", "online", "and", "never", "report", "999", "(new)")


def _edited(text: str, choices: list[tuple[int, int, int]]) -> str:
    """The source with some of its body lines changed: a word added, removed or replaced, or
    the whole line dropped. `choices` are (line pick, edit kind, word pick) numbers."""
    lines = text.split("\n")
    body_start = lines.index("---", 1) + 1
    editable = [i for i in range(body_start, len(lines)) if EDITABLE.match(lines[i])]
    for line_pick, kind, word_pick in choices:
        index = editable[line_pick % len(editable)]
        words = lines[index].split(" ")
        position = 1 + word_pick % max(1, len(words) - 1)
        word = WORDS[word_pick % len(WORDS)]
        if kind == 0:
            words.insert(position, word)
        elif kind == 1 and len(words) > 3:
            del words[position]
        elif kind == 2:
            words[min(position, len(words) - 1)] = word
        elif kind == 3 and not lines[index].startswith("|"):
            words = []
        lines[index] = " ".join(words)
    return "\n".join(lines)


@hypothesis.settings(
    max_examples=25, deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
@hypothesis.given(
    st.lists(
        st.tuples(st.integers(0, 999), st.integers(0, 3), st.integers(0, 999)),
        min_size=1,
        max_size=6,
    )
)
def test_accepting_gives_new_and_rejecting_gives_old(choices) -> None:
    source = FIXTURES / "mini" / "toolkit.md"
    settings = ROOT / "content" / "settings.yml"
    old = load(Sources(source, settings)).document
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(source.parent, Path(folder), dirs_exist_ok=True)
        edited = Path(folder) / "toolkit.md"
        edited.write_text(_edited(source.read_text(encoding="utf-8"), choices), encoding="utf-8")
        try:
            new = load(Sources(edited, settings)).document
        except ToolkitError:
            hypothesis.reject()  # an edit that broke the Markdown (e.g. a link's text)
    data = redline_docx.render(diff.diff_documents(old, new)).data
    assert walk(data, accept=True) == as_is(new)
    assert walk(data, accept=False) == as_is(old)


def test_rewrapped_lines_are_not_a_change(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit("use social media safely. Call", "use social media\nsafely. Call")
    comparison, _ = check_accept_reject(tmp_path, old, new)
    assert not comparison.changed
