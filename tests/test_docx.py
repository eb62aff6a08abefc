"""The accessible Word document, read back with python-docx, mammoth and LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import mammoth
import pytest
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.run import Run

from pipeline import model as m
from pipeline.errors import ToolkitError
from pipeline.formats import FORMATS, select
from pipeline.model.values import contrast_ratio
from pipeline.publish.build import build
from pipeline.publish.progress import Progress
from pipeline.read.source import Sources, load
from pipeline.render.docx import oxml, render
from pipeline.render.docx.styles import load_stylesheet, readable

import libreoffice
from conftest import FIXTURES, ROOT, BuiltOutputs, Project
from docx_checks import (
    accessibility_problems,
    body_paragraphs,
    default_run_property,
    heading_level,
)
from pdf_reading import page_texts

MINI = FIXTURES / "mini" / "toolkit.md"
SETTINGS = ROOT / "content" / "settings.yml"


@pytest.fixture(scope="module")
def document() -> m.Document:
    return load(Sources(MINI, SETTINGS)).document


@pytest.fixture(scope="module")
def data(document: m.Document) -> bytes:
    return render(document).data


@pytest.fixture(scope="module")
def word(data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(data))


# ---- reading a Word document back ---------------------------------------------------------


# ---- the words of the model ---------------------------------------------------------------


def words(inlines: tuple[m.Inline, ...]) -> str:
    """The text a reader sees in Word: pictures carry their words as alternative text."""
    parts = []
    for node in inlines:
        if isinstance(node, m.Text | m.Code):
            parts.append(node.text)
        elif isinstance(node, m.Strong | m.Emphasis | m.Link):
            parts.append(words(node.children))
        elif isinstance(node, m.LineBreak):
            parts.append(" ")
    return " ".join("".join(parts).split())


def model_texts(blocks: tuple[m.Block, ...]) -> Iterator[str]:
    """Every paragraph, list item and table cell of the source, in order."""
    for block in blocks:
        if isinstance(block, m.Heading | m.Paragraph):
            yield words(block.children)
        elif isinstance(block, m.BulletList | m.OrderedList):
            for item in block.items:
                yield from model_texts(item.children)
        elif isinstance(block, m.Table):
            for row in (block.header, *block.rows):
                yield from (words(cell.children) for cell in row)
        elif isinstance(block, m.Callout) and block.kind == "card":
            continue
        elif isinstance(block, m.Quote | m.Callout | m.ContactBlock):
            yield from model_texts(block.children)
        elif isinstance(block, m.CodeBlock):
            yield " ".join(block.text.split())
        elif isinstance(block, m.VersionHistory):
            for entry in block.entries:
                yield from (entry.version, entry.approved_by, entry.summary)


def word_texts(word: WordDocument) -> list[str]:
    return [" ".join(p.text.split()) for p in body_paragraphs(word)]


# ---- structure ----------------------------------------------------------------------------


def test_title_and_headings_use_word_styles(word: WordDocument, document: m.Document) -> None:
    title = word.paragraphs[0]
    assert (title.style.name, title.text) == ("Title", document.meta.title)
    headings = [(heading_level(p), p.text) for p in word.paragraphs if heading_level(p)]
    expected = [(h.level, m.plain_text(h.children)) for h in document.headings()]
    assert headings == expected
    for level in (1, 2, 3):
        outline = word.styles[f"Heading {level}"].element.find(f".//{qn('w:outlineLvl')}")
        assert outline.get(qn("w:val")) == str(level - 1)


def list_paragraphs(word: WordDocument) -> list[tuple[str, str, int]]:
    """(text, number format, level) of every numbered or bulleted paragraph."""
    numbering = word.part.numbering_part.element
    formats = {}
    for num in numbering.findall(qn("w:num")):
        abstract = num.find(qn("w:abstractNumId")).get(qn("w:val"))
        definition = numbering.find(f"{qn('w:abstractNum')}[@{qn('w:abstractNumId')}='{abstract}']")
        formats[num.get(qn("w:numId"))] = {
            int(lvl.get(qn("w:ilvl"))): lvl.find(qn("w:numFmt")).get(qn("w:val"))
            for lvl in definition.findall(qn("w:lvl"))
        }
    found = []
    for paragraph in word.paragraphs:
        numpr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
        if numpr is not None:
            level = numpr.ilvl.val
            found.append((paragraph.text, formats[str(numpr.numId.val)][level], level))
    return found


def test_lists_are_word_lists_not_typed_characters(word: WordDocument) -> None:
    items = {text: (fmt, level) for text, fmt, level in list_paragraphs(word)}
    assert items["Every councillor"] == ("bullet", 0)
    assert items["including independent persons"] == ("bullet", 1)
    assert items["If you are in immediate danger, call 999."] == ("decimal", 0)
    assert items["Use two-step verification."] == ("bullet", 0)
    assert items["First numbered."] == ("decimal", 0)
    assert not [p.text for p in word.paragraphs if re.match(r"\s*([•◦▪-]|\d+\.)\s", p.text)]


def test_each_numbered_list_counts_from_its_own_start(word: WordDocument) -> None:
    numbering = word.part.numbering_part.element
    starts = [
        (num.get(qn("w:numId")), o.find(qn("w:startOverride")).get(qn("w:val")))
        for num in numbering.findall(qn("w:num"))
        for o in num.findall(qn("w:lvlOverride"))
    ]
    ids = [num_id for num_id, _ in starts]
    assert len(ids) == len(set(ids)) and all(start == "1" for _, start in starts)


def test_tables_have_a_header_row_that_repeats(word: WordDocument, document: m.Document) -> None:
    tables = [
        b for b in m.walk_blocks(document.blocks) if isinstance(b, m.Table | m.VersionHistory)
    ]
    assert len(word.tables) == len(tables)  # boxes are never drawn as tables
    platform = word.tables[0]
    assert [c.text for c in platform.rows[0].cells] == ["Platform", "How to report"]
    for table in word.tables:
        header = table.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        assert all(
            p.style.name == "Table Heading" for c in table.rows[0].cells for p in c.paragraphs
        )


def test_links_are_word_hyperlinks(word: WordDocument) -> None:
    links = {link.text: link for p in body_paragraphs(word) for link in p.hyperlinks}
    debate = links["Local Government Association’s Debate Not Hate campaign"]
    assert debate.address == "https://www.local.gov.uk/debate-not-hate"
    rel = next(r for r in word.part.rels.values() if r.target_ref == debate.address)
    assert rel.is_external
    bookmarks = {b.get(qn("w:name")) for b in word.element.iter(qn("w:bookmarkStart"))}
    assert links["Staying safe"].fragment in bookmarks


def test_headings_carry_bookmarks_that_contents_links_reach(word: WordDocument) -> None:
    contents = [p for p in word.paragraphs if p.style.name.startswith("toc ")]
    headings = [p for p in word.paragraphs if heading_level(p) in (1, 2)]
    assert [p.text for p in contents] == [p.text for p in headings]
    for entry, heading in zip(contents, headings, strict=True):
        [link] = entry.hyperlinks
        [mark] = heading._p.findall(qn("w:bookmarkStart"))
        assert link.fragment == mark.get(qn("w:name"))
        assert len(link.fragment) <= 40 and re.fullmatch(r"[A-Za-z]\w*", link.fragment)


def test_contents_need_no_field_update(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        settings = package.read("word/settings.xml").decode()
        document = package.read("word/document.xml").decode()
    assert "updateFields" not in settings
    assert "TOC \\" not in document and 'w:dirty="' not in document


def test_pictures_have_alternative_text(word: WordDocument) -> None:
    [picture] = word.inline_shapes
    assert picture._inline.docPr.get("descr") == "The council logo, a teal rectangle"


def test_boxes_are_bordered_paragraphs_with_their_label(word: WordDocument) -> None:
    texts = {p.text: p.style.name for p in word.paragraphs}
    assert texts["Key point: Think before you post"] == "Box Key Point"
    assert texts["Warning"] == "Box Warning"
    assert texts["Do"] == "Box Do"
    assert texts["Don't"] == "Box Do Not"
    assert texts["Contacts"] == "Box Contacts"
    assert texts["If you are abused online"] == "Box Steps"
    for name in ("Box Warning", "Box Do", "Box Steps", "Box Contacts"):
        ppr = word.styles[name].element.pPr
        assert ppr.find(qn("w:pBdr")) is not None and ppr.find(qn("w:shd")) is not None


def test_paragraphs_of_one_box_share_their_indent(word: WordDocument) -> None:
    """Word draws one box round paragraphs with the same border and indent."""
    steps = [p for p in word.paragraphs if p.style.name == "Box Steps"]
    indents = {
        (p.paragraph_format.left_indent, p.paragraph_format.first_line_indent) for p in steps
    }
    assert len(steps) == 4 and len(indents) == 1


def test_card_only_text_stays_off_the_word_document(word: WordDocument) -> None:
    assert not [p for p in body_paragraphs(word) if "Keep this card" in p.text]


def test_contact_placeholders_are_text_and_addresses_are_links(word: WordDocument) -> None:
    email = next(p for p in word.paragraphs if p.text.startswith("Email: "))
    assert email.text == "Email: TODO: monitoring officer's direct email"
    assert not email.hyperlinks
    web = next(p for p in word.paragraphs if p.text.startswith("Web: "))
    [link] = web.hyperlinks
    assert link.address == "https://www.northants.police.uk"
    assert link.text == "Northamptonshire Police – non-emergency website"


def test_values_still_to_fill_in_are_marked(tmp_path: Path) -> None:
    """Telephone numbers as well as addresses: a placeholder is in the Placeholder style."""
    settings = tmp_path / "settings.yml"
    text = SETTINGS.read_text(encoding="utf-8")
    settings.write_text(text.replace('phone: "101"', 'phone: "TODO: the number"'), "utf-8")
    word = docx.Document(io.BytesIO(render(load(Sources(MINI, settings)).document).data))
    for start in ("Email: TODO", "Telephone: TODO"):
        line = next(p for p in word.paragraphs if p.text.startswith(start))
        assert [r.style.name for r in line.runs if "TODO" in r.text] == ["Placeholder"]
    number = next(p for p in word.paragraphs if p.text.startswith("Telephone: 0"))
    assert all(r.style.name != "Placeholder" for r in number.runs)


def test_emphasis_is_bold_never_italic(word: WordDocument) -> None:
    box = next(p for p in word.paragraphs if p.text.startswith("You are responsible"))
    runs = {run.text: run for run in box.runs}
    assert runs["share"].bold and runs["post"].bold
    assert not any(run.italic for run in box.runs)


def test_first_page_has_the_toolkits_facts(word: WordDocument, document: m.Document) -> None:
    first_page = [p.text for p in word.paragraphs[:12]]
    for fact in (
        "Council: North Northamptonshire Council",
        f"Committee: {document.meeting.committee}",
        "Version: 1.0",
        "Status: Draft",
        "Date of this version: 15 April 2024",
        "Review due: 15 April 2025",
    ):
        assert fact in first_page
    assert any("also available in large print" in text for text in first_page)


# ---- accessibility and clear print --------------------------------------------------------


def test_passes_the_accessibility_and_clear_print_checks(word: WordDocument) -> None:
    assert accessibility_problems(word) == []


def test_the_adopted_word_file_with_the_councils_logo_passes_the_checks(
    built_outputs: BuiltOutputs,
) -> None:
    # The adopted build uses the Riverside settings, whose logo is on the cover.
    word = docx.Document(built_outputs.adopted / FORMATS["docx"].filename)
    logos = [p for p in word.paragraphs if p.style.name == "Cover Logo"]
    assert len(logos) == 1 and logos[0]._p.xpath(".//pic:pic"), "the logo is on the cover"
    assert accessibility_problems(word) == []


def test_the_checker_finds_what_it_looks_for() -> None:
    bad = docx.Document()
    bad.add_paragraph("Main", style="Heading 1")
    bad.add_paragraph("Too deep", style="Heading 3")
    small = bad.add_paragraph("Small justified print")
    small.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    small.runs[0].font.size = Pt(10)
    small.runs[0].italic = True
    small.runs[0].font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)
    link = oxml.add_hyperlink(bad.add_paragraph()._p, anchor="nowhere")
    Run(oxml.add_run(link), small).text = "click here"
    bad.add_paragraph("")
    bad.add_table(rows=2, cols=2)
    bad.add_picture(str(MINI.parent / "images" / "logo.png"))
    found = "\n".join(accessibility_problems(bad))
    for problem in (
        "missing document title",
        "heading level skipped: 1 to 3",
        "justified text",
        "text below 12 pt",
        "italic text",
        "empty paragraph",
        "table without a header row",
        "picture without alternative text",
        "font other than Arial",
        "unclear link text 'click here'",
        "contrast of #aaaaaa on #ffffff is below 4.5:1",
    ):
        assert problem in found


def test_line_spacing_and_body_size(word: WordDocument) -> None:
    defaults = word.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")
    spacing = defaults.find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "auto"
    assert 1.15 <= int(spacing.get(qn("w:line"))) / 240 <= 1.5
    assert word.styles["Normal"].paragraph_format.line_spacing is None  # the default applies
    assert int(default_run_property(word, "sz")) >= 24  # half-points: 12 pt


def test_dark_enough_colours_are_kept_and_light_ones_darkened() -> None:
    assert readable("#005a70", {"#ffffff"}) == "#005a70"
    darker = readable("#66aacc", {"#ffffff", "#f3f6f7"})
    assert contrast_ratio(darker, "#f3f6f7") >= 4.5
    sheet = load_stylesheet("#767676")  # 4.5:1 on white, less on a shaded box
    assert all(
        contrast_ratio(look.colour, "#f3f6f7") >= 4.5
        for look in sheet.paragraphs.values()
        if look.colour
    )


def test_language_is_british_english_everywhere(word: WordDocument) -> None:
    assert default_run_property(word, "lang") == "en-GB"
    for style in word.styles.element.style_lst:
        lang = style.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        if style.get(qn("w:styleId")) not in {"DefaultParagraphFont", "TableNormal", "NoList"}:
            assert lang is not None and lang.get(qn("w:val")) == "en-GB", style.styleId
    assert word.core_properties.language == "en-GB"


def test_document_properties(word: WordDocument, document: m.Document) -> None:
    core = word.core_properties
    assert core.title == document.meta.title
    assert core.subject == document.meta.subtitle
    assert core.author == "North Northamptonshire Council"
    assert core.keywords == "social media, councillors"
    assert core.version == "1.0"
    assert core.created == dt.datetime(2024, 4, 15, tzinfo=dt.UTC)


def test_header_and_footer_show_title_version_and_page_x_of_y(word: WordDocument) -> None:
    section = word.sections[0]
    header = section.header.paragraphs[0]
    assert header.text == "Social Media Toolkit\tDRAFT"  # the fixture is a draft
    assert header.runs[-1].style.name == "Status Mark"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Version 1.0 (draft)")
    fields = [f.get(qn("w:instr")).strip() for f in footer._p.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]


def test_every_paragraph_item_and_cell_appears_in_order(
    word: WordDocument, document: m.Document
) -> None:
    remaining = iter(word_texts(word))
    for text in model_texts(document.blocks):
        assert any(text == found for found in remaining), f"missing or out of order: {text!r}"


MORE_BLOCKS = """
## Odds and ends

> A quoted line from the Code of Conduct,
> with a second line.

```
Code block line one
line two
```

---

3. An item with a loose paragraph.

   A second paragraph in the same item.

4. Another item
   - a nested bullet
     1. a nested number

::: do Things to do
Some words before the list.

- A bullet in the box
:::
"""


def test_every_kind_of_block_keeps_its_words(mini: Project) -> None:
    mini.append(MORE_BLOCKS)
    document = load(Sources(mini.source, mini.settings)).document
    word = docx.Document(io.BytesIO(render(document).data))
    remaining = iter(word_texts(word))
    for text in model_texts(document.blocks):
        assert any(text == found for found in remaining), f"missing or out of order: {text!r}"
    assert accessibility_problems(word) == []
    items = {text: (fmt, level) for text, fmt, level in list_paragraphs(word)}
    assert items["a nested number"] == ("lowerRoman", 2)
    starts = word.part.numbering_part.element.xpath("//w:startOverride/@w:val")
    assert "3" in starts  # the list numbered from 3 starts at 3
    box = [p for p in word.paragraphs if p.style.name == "Box Do"][-3:]
    assert [p.text for p in box] == [
        "Do: Things to do",
        "Some words before the list.",
        "A bullet in the box",
    ]
    assert (
        len({(p.paragraph_format.left_indent, p.paragraph_format.first_line_indent) for p in box})
        == 1
    )


# ---- the file -----------------------------------------------------------------------------


def test_building_twice_gives_identical_bytes(document: m.Document, data: bytes) -> None:
    assert render(document).data == data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {i.date_time for i in package.infolist()} == {(2024, 4, 15, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
        assert "2024-04-15T00:00:00Z" in core and "python-docx" not in core
        assert "docProps/thumbnail.jpeg" not in package.namelist()


def test_source_date_epoch_sets_the_dates(
    document: m.Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1717243200")  # 2024-06-01 12:00 UTC
    first, second = render(document).data, render(document).data
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {i.date_time for i in package.infolist()} == {(2024, 6, 1, 12, 0, 0)}
    modified = docx.Document(io.BytesIO(first)).core_properties.modified
    assert modified == dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)


def test_python_docx_is_not_loaded_until_rendering() -> None:
    code = (
        "import sys, pipeline.cli, pipeline.formats, pipeline.render.docx; "
        "sys.exit('docx' in sys.modules or 'lxml' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


# ---- a second reader: mammoth -------------------------------------------------------------

BOX_STYLE_MAP = """
p[style-name='Box Warning'] => aside.warning > p:fresh
r[style-name='Label'] => strong
"""


def test_mammoth_reads_headings_lists_tables_and_links(mini: Project) -> None:
    mini.append("\n## Keeping records\n\n### What to keep\n\nScreenshots with dates.\n")
    document = load(Sources(mini.source, mini.settings)).document
    data = render(document).data
    html = mammoth.convert_to_html(io.BytesIO(data)).value
    for tag in ("<h1>", "<h2>", "<h3>", "<table>", "<th>", "<ol><li>"):
        assert tag in html, tag
    assert re.search(r'<h3>(<a id="what_to_keep"></a>)?What to keep</h3>', html)
    assert "<ul><li>Every councillor</li><li>Co-opted members<ul><li>including" in html
    assert '<a href="https://www.local.gov.uk/debate-not-hate">' in html
    assert re.search(r'<a href="#staying_safe">Staying safe</a>', html)
    styled = mammoth.convert_to_html(io.BytesIO(data), style_map=BOX_STYLE_MAP).value
    assert '<aside class="warning"><p><strong>Warning</strong></p>' in styled
    assert "<p>Never share exempt information.</p></aside>" in styled


# ---- the pipeline -------------------------------------------------------------------------


def test_docx_is_registered_after_the_appendix() -> None:
    names = list(FORMATS)
    assert names.index("docx") == names.index("appendix") + 1
    assert FORMATS["docx"].filename == "social-media-toolkit.docx"
    assert "docx" in [f.name for f in select([])]


def test_build_docx_writes_it_and_lists_it_in_the_manifest(mini: Project, toolkit) -> None:
    result = toolkit("build", "docx", *mini.args("--out", str(mini.out)))
    assert result.code == 0, result.err
    path = mini.out / "social-media-toolkit.docx"
    assert f"wrote {path}" in result.out
    [entry] = json.loads((mini.out / "manifest.json").read_text())["outputs"]
    assert entry["format"] == "docx" and entry["bytes"] == path.stat().st_size


def test_bad_input_is_rejected_as_for_the_pdf(mini: Project) -> None:
    mini.edit("![The council logo, a teal rectangle]", "![]")
    mini.append("\n::: warnign\nOops.\n:::\n")
    messages = {}
    for name in ("docx", "appendix"):
        with pytest.raises(ToolkitError) as caught:
            build(
                Sources(mini.source, mini.settings), select([name]), mini.out, Progress(quiet=True)
            )
        messages[name] = str(caught.value)
    assert messages["docx"] == messages["appendix"]
    assert "no alternative text" in messages["docx"] and "Unknown box 'warnign'" in messages["docx"]
    assert not (mini.out / "social-media-toolkit.docx").exists()


# ---- a real word processor: LibreOffice ---------------------------------------------------


def test_libreoffice_lays_it_out(data: bytes, tmp_path: Path) -> None:
    source = tmp_path / "toolkit.docx"
    source.write_bytes(data)
    result = libreoffice.convert(source, "pdf", tmp_path)
    pdf = tmp_path / "toolkit.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    pages = [" ".join(page.split()) for page in page_texts(pdf)]
    assert len(pages) >= 3
    assert "Social Media Toolkit for Councillors" in pages[0]
    assert f"Page 1 of {len(pages)}" in pages[0]
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_draft_is_said_on_the_first_page_and_in_the_properties(word: WordDocument) -> None:
    texts = [p.text for p in word.paragraphs[:8]]
    assert any(
        t.startswith("Draft for consideration by the Democracy and Standards") for t in texts
    )
    custom = word.part.package.part_related_by(RT.CUSTOM_PROPERTIES).blob.decode()
    for name, value in (("Version", "1.0"), ("Status", "draft"), ("Review due", "15 April 2025")):
        assert f'name="{name}"><vt:lpwstr>{value}</vt:lpwstr>' in custom


def test_adopted_version_has_no_draft_marking(mini: Project) -> None:
    mini.edit(
        "status: draft\ndate: 2024-04-15",
        "status: adopted\ndate: 2024-04-15\napproved:\n  by: Democracy and Standards Committee"
        "\n  date: 2024-04-15",
    )
    adopted = load(Sources(mini.source, mini.settings)).document
    word = docx.Document(io.BytesIO(render(adopted).data))
    assert "DRAFT" not in word.sections[0].header.paragraphs[0].text
    texts = " ".join(p.text for p in word.paragraphs)
    assert "Draft for consideration" not in texts
    assert "Approved: 15 April 2024 by the Democracy and Standards Committee" in texts


def test_words_in_another_language_carry_it(mini: Project) -> None:
    mini.append("\nSay [Croeso i bawb]{lang=cy} to everyone.\n")
    version = load(Sources(mini.source, mini.settings)).document
    word = docx.Document(io.BytesIO(render(version).data))
    languages = {
        run.text: run._r.find(f"{qn('w:rPr')}/{qn('w:lang')}")
        for paragraph in word.paragraphs
        for run in paragraph.runs
        if "Croeso" in run.text or "to everyone" in run.text
    }
    assert languages["Croeso i bawb"].get(qn("w:val")) == "cy"
    assert languages[" to everyone."] is None  # the document's own language, from the styles
