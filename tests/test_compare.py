"""`toolkit compare`: the diff on the model, the Word redline's tracked changes, the PDF."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import hypothesis
import hypothesis.strategies as st
import pytest
from docx.oxml.ns import qn
from lxml import etree

from pipeline import diff
from pipeline.compare import compare_versions
from pipeline.errors import ToolkitError
from pipeline.render import redline_docx
from pipeline.render.redline_pdf import redline_html
from pipeline.source import Sources, load

from conftest import FIXTURES, ROOT, Project, assert_pdf_ua, make_project, require_tool

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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


def _mark(paragraph: etree._Element, tag: str) -> bool:
    return paragraph.find(f"{W}pPr/{W}rPr/{W}{tag}") is not None


def _style(paragraph: etree._Element) -> str:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else ""


def walk(docx_bytes: bytes, accept: bool) -> list[str]:
    """The paragraph texts after accepting (or rejecting) every tracked change."""
    root = copy.deepcopy(body(docx_bytes))
    drop, keep = ("del", "ins") if accept else ("ins", "del")
    texts = []
    for paragraph in root.iter(f"{W}p"):
        if _style(paragraph) in ("Title", "Subtitle"):
            continue  # the summary before the text
        if _mark(paragraph, drop):  # a whole paragraph added (or removed)
            continue
        for node in paragraph.findall(f".//{W}{drop}"):
            node.getparent().remove(node)
        for node in paragraph.findall(f".//{W}{keep}"):
            if node.getparent().tag == f"{W}rPr":
                continue
            parent, index = node.getparent(), node.getparent().index(node)
            for offset, child in enumerate(list(node)):
                parent.insert(index + offset, child)
            parent.remove(node)
        for node in paragraph.iter(f"{W}delText"):
            node.tag = f"{W}t"
        texts.append("".join(t.text or "" for t in paragraph.iter(f"{W}t")))
    return texts


def model_texts(document) -> list[str]:
    return [unit.text for _, unit in diff.units(document)]


def redline(tmp_path: Path, old: Project, new: Project, *formats: str):
    out = tmp_path / "out"
    comparison, _ = compare_versions(
        str(old.source), str(new.source), tmp_path / "releases", out, list(formats) or None
    )
    return comparison, out


def check_accept_reject(tmp_path: Path, old: Project, new: Project):
    comparison, out = redline(tmp_path, old, new, "redline-docx")
    data = (out / "social-media-toolkit-redline.docx").read_bytes()
    assert walk(data, accept=True) == model_texts(document(new))
    assert walk(data, accept=False) == model_texts(document(old))
    return comparison, data


def changed_titles(comparison: diff.Comparison) -> dict[str, str]:
    return {s.title: s.status for s in comparison.sections if s.status != "same"}


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


def test_changed_word(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit("use social media safely.", "use social media safely and well.")
    comparison, data = check_accept_reject(tmp_path, old, new)
    assert changed_titles(comparison) == {"About this toolkit": "changed"}
    inserted = "".join(t.text for t in body(data).iterfind(f".//{W}ins/{W}r/{W}t"))
    assert inserted == " and well"
    assert body(data).find(f".//{W}del") is None


def test_new_section_and_deleted_section(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit(
        "# Document control", "# Elections\n\nDuring an election, take care.\n\n# Document control"
    )
    new.edit("::: warning\nNever share exempt information.\n:::\n", "")
    comparison, _ = check_accept_reject(tmp_path, old, new)
    assert changed_titles(comparison) == {"Elections": "added", "Staying safe": "changed"}
    # and the other way round: a section removed
    comparison, _ = check_accept_reject(tmp_path / "back", new, old)
    assert changed_titles(comparison)["Elections"] == "removed"


def test_changed_table_cell_and_list_item(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit("| X | Use the three dots", "| X (Twitter) | Use the three dots")
    new.edit("- Co-opted members", "- Co-opted and appointed members")
    comparison, _ = check_accept_reject(tmp_path, old, new)
    entries = [e for s in comparison.sections for e in s.entries if e.changed]
    assert {(e.kind, e.old_text, e.new_text) for e in entries} == {
        ("cell", "X", "X (Twitter)"),
        ("item", "Co-opted members", "Co-opted and appointed members"),
    }


def test_changed_contact_in_the_settings(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit(MO_PHONE, MO_PHONE.replace("0300 126 3000", "0300 126 9999"), new.settings)
    comparison, data = check_accept_reject(tmp_path, old, new)
    entries = [e for s in comparison.sections for e in s.entries if e.changed]
    assert [(e.old_text, e.new_text) for e in entries] == [
        ("Telephone: 0300 126 3000", "Telephone: 0300 126 9999")
    ]
    mark = body(data).find(f".//{W}ins")
    assert mark.get(qn("w:author")) == "Monitoring Officer"
    assert mark.get(qn("w:date")) == "2025-03-20T00:00:00Z"


def test_many_changes_at_once_accept_and_reject(tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    new.edit("## Who it is for", "## Who should read it")
    new.edit("2. Do not reply.\n", "2. Do not reply or argue.\n2. Tell the police.\n")
    new.edit("- Officers who support councillors\n", "")
    new.edit("Never share exempt information.", "Never share confidential or exempt information.")
    new.edit("For advice, contact:", "For advice, please contact:")
    check_accept_reject(tmp_path, old, new)


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


@pytest.fixture(scope="module")
def changed_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("redline")
    old, new = pair(tmp_path)
    new.edit("use social media safely.", "use social media safely and well.")
    new.edit("::: warning\nNever share exempt information.\n:::\n", "")
    new.edit(MO_PHONE, MO_PHONE.replace("0300 126 3000", "0300 126 9999"), new.settings)
    _, out = redline(tmp_path, old, new)
    return out


def test_pdf_marks_changes_in_words_and_lists_sections(changed_outputs: Path) -> None:
    pdftotext = require_tool("pdftotext")
    pdf = changed_outputs / "social-media-toolkit-redline.pdf"
    text = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    first_page = text.split("\f")[0]
    assert "Sections that changed" in first_page
    assert "About this toolkit" in first_page and "Staying safe" in first_page
    assert "INSERTED:" in text and "DELETED:" in text


def test_pdf_passes_verapdf_ua1(changed_outputs: Path) -> None:
    assert_pdf_ua(changed_outputs / "social-media-toolkit-redline.pdf")


def test_libreoffice_opens_the_redline_docx(changed_outputs: Path, tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    docx_path = changed_outputs / "social-media-toolkit-redline.docx"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    converted = tmp_path / "social-media-toolkit-redline.pdf"
    assert converted.is_file() and converted.stat().st_size > 1000


def test_libreoffice_sees_tracked_changes(changed_outputs: Path, tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    docx_path = changed_outputs / "social-media-toolkit-redline.docx"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            str(tmp_path),
            str(docx_path),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
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


@hypothesis.settings(max_examples=25, deadline=None)
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
    data = redline_docx.render(diff.compare(old, new)).data
    assert walk(data, accept=True) == model_texts(new)
    assert walk(data, accept=False) == model_texts(old)
