"""The first page, the contents list, and the running header and footer."""

from __future__ import annotations

from docx.enum.text import WD_TAB_ALIGNMENT
from docx.section import Section
from docx.shared import Cm

from ... import model as m
from ...model.stamps import facts, stamp_label, status_note
from ..contents import contents, other_formats_note
from . import oxml
from .styles import StyleSheet
from .writer import DocxWriter


def write_cover(writer: DocxWriter, document: m.Document) -> None:
    """The council's logo, title, subtitle, the facts a reader checks first, and how to ask for
    other formats."""
    if logo := document.settings.logo:
        width_mm, height_mm = logo.size("word")
        paragraph = writer.new_paragraph("Cover Logo")
        size_cm = (width_mm / 10, height_mm / 10)
        writer.picture(writer.runs(paragraph), logo.picture, size_cm, logo.alt, logo.file)
    writer.paragraph((m.Text(document.meta.title),), "Title")
    if document.meta.subtitle:
        writer.paragraph((m.Text(document.meta.subtitle),), "Subtitle")
    lead, rest = status_note(document.meta, document.meeting.committee)
    if lead:
        writer.paragraph((m.Text(f"{lead} {rest}"),), "Status Note")
    for fact in facts(document, "word").values():
        paragraph = writer.new_paragraph("Cover Detail")
        writer.label(paragraph, f"{fact.label}: ")
        paragraph.add_run(fact.value)
    writer.paragraph((m.Text(other_formats_note(document)),), "Cover Note")


def write_contents(writer: DocxWriter, document: m.Document) -> None:
    """Links to the headings' bookmarks: a contents list that needs no field update."""
    writer.paragraph((m.Text("Contents"),), "TOC Heading")
    for entry in contents(document):
        with writer.revising(entry.revision):  # a heading a comparison found added or removed
            writer.paragraph((m.Link(f"#{entry.anchor}", entry.runs),), f"toc {entry.level}")


def write_header_footer(section: Section, document: m.Document, sheet: StyleSheet) -> None:
    """The short title above; the version and "Page X of Y" below."""
    meta = document.meta
    header = section.header.paragraphs[0]
    header.style = "Header"
    header.text = meta.short_title
    if mark := stamp_label(meta):
        # On every page, in words: a banner in the header hides no text and reads as text.
        header.paragraph_format.tab_stops.add_tab_stop(
            Cm(sheet.page.text_width_cm), WD_TAB_ALIGNMENT.RIGHT
        )
        header.add_run("\t")
        header.add_run(mark, style="Status Mark")
    footer = section.footer.paragraphs[0]
    footer.style = "Footer"
    footer.paragraph_format.tab_stops.add_tab_stop(
        Cm(sheet.page.text_width_cm), WD_TAB_ALIGNMENT.RIGHT
    )
    footer.add_run(f"Version {meta.version} ({meta.status})\tPage ")
    oxml.add_field(footer._p, "PAGE", "1")
    footer.add_run(" of ")
    oxml.add_field(footer._p, "NUMPAGES", "1")
