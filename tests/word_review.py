"""A reviewer's tracked changes and comments, made in a Word file as Word itself records them.

For the review tests: each function edits the WordprocessingML of a built DOCX in place, the
way Word stores an edit made with Track Changes on (runs split at the edit, deleted text in
`w:del`/`w:delText`, new text in `w:ins`, a deleted paragraph's mark in `w:rPr/w:del`, a new
paragraph's mark in `w:rPr/w:ins`, rows in `w:trPr`, comments in word/comments.xml).
"""

from __future__ import annotations

import copy
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
DATE = "2025-03-01T10:00:00Z"


@dataclass
class WordEdit:
    """A built DOCX opened for editing; `save` writes it back as a reviewed copy."""

    parts: dict[str, bytes]
    document: etree._Element
    last: bool = False  # find the last paragraph with the words (a heading, not its contents entry)
    next_id: int = 9000
    comments: list[etree._Element] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, last: bool = False) -> WordEdit:
        with zipfile.ZipFile(path) as package:
            parts = {name: package.read(name) for name in package.namelist()}
        return cls(parts, etree.fromstring(parts["word/document.xml"]), last)

    def save(self, path: Path) -> None:
        self.parts["word/document.xml"] = etree.tostring(
            self.document, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        if self.comments:
            self._write_comments()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in self.parts.items():
                package.writestr(name, data)

    # ---- finding text ------------------------------------------------------------------

    def paragraphs(self) -> list[etree._Element]:
        return list(self.document.iter(f"{W}p"))

    def paragraph(self, containing: str) -> etree._Element:
        found = [p for p in self.paragraphs() if containing in text_of(p)]
        assert found, f"no paragraph contains {containing!r}"
        return found[-1] if self.last else found[0]

    # ---- edits ---------------------------------------------------------------------------

    def replace(self, containing: str, old: str, new: str, author: str) -> None:
        """Delete `old` (a part of the paragraph's words) and insert `new` in its place."""
        paragraph = self.paragraph(containing)
        start = text_of(paragraph).index(old)
        runs = self._isolate(paragraph, start, start + len(old))
        anchor = self._delete(runs, author) if runs else self._split_at(paragraph, start)
        if new:
            insertion = self._mark("ins", author)
            template = runs[0] if runs else None
            insertion.append(_run(new, template))
            anchor.addnext(insertion)

    def insert(self, containing: str, after: str, new: str, author: str) -> None:
        """Insert `new` just after the words `after` of the paragraph."""
        paragraph = self.paragraph(containing)
        at = text_of(paragraph).index(after) + len(after)
        anchor = self._split_at(paragraph, at)
        insertion = self._mark("ins", author)
        insertion.append(_run(new, None))
        anchor.addnext(insertion)

    def new_paragraph_after(self, containing: str, new: str, author: str) -> None:
        paragraph = self.paragraph(containing)
        added = etree.Element(f"{W}p")
        ppr = paragraph.find(f"{W}pPr")
        if ppr is not None:
            added.append(copy.deepcopy(ppr))
        mark = added.find(f"{W}pPr")
        if mark is None:
            mark = etree.SubElement(added, f"{W}pPr")
        rpr = mark.find(f"{W}rPr")
        if rpr is None:
            rpr = etree.SubElement(mark, f"{W}rPr")
        rpr.append(self._mark("ins", author))
        insertion = self._mark("ins", author)
        insertion.append(_run(new, None))
        added.append(insertion)
        paragraph.addnext(added)

    def delete_paragraph(self, containing: str, author: str) -> None:
        paragraph = self.paragraph(containing)
        self._delete(list(paragraph.iterchildren(f"{W}r", f"{W}hyperlink")), author)
        ppr = paragraph.find(f"{W}pPr")
        if ppr is None:
            ppr = etree.Element(f"{W}pPr")
            paragraph.insert(0, ppr)
        rpr = ppr.find(f"{W}rPr")
        if rpr is None:
            rpr = etree.SubElement(ppr, f"{W}rPr")
        rpr.append(self._mark("del", author))

    def delete_row(self, containing: str, author: str) -> None:
        row = next(self.paragraph(containing).iterancestors(f"{W}tr"))
        for paragraph in row.iter(f"{W}p"):
            self._delete(list(paragraph.iterchildren(f"{W}r", f"{W}hyperlink")), author)
        _row_properties(row).append(self._mark("del", author))

    def new_row_after(self, containing: str, cells: list[str], author: str) -> None:
        row = next(self.paragraph(containing).iterancestors(f"{W}tr"))
        added = copy.deepcopy(row)
        for tc, words in zip(added.iterchildren(f"{W}tc"), cells, strict=True):
            for paragraph in tc.iterchildren(f"{W}p"):
                for child in list(paragraph):
                    if child.tag != f"{W}pPr":
                        paragraph.remove(child)
            first = tc.find(f"{W}p")
            insertion = self._mark("ins", author)
            insertion.append(_run(words, None))
            first.append(insertion)
        properties = _row_properties(added)
        for old in properties.findall(f"{W}del") + properties.findall(f"{W}ins"):
            properties.remove(old)
        properties.append(self._mark("ins", author))
        row.addnext(added)

    def move(self, containing: str, words: str, to: str, after: str, author: str) -> None:
        """Move `words` to just after `after` in the paragraph holding `to`, as Word records a
        move (w:moveFrom where they were, w:moveTo where they go)."""
        paragraph = self.paragraph(containing)
        start = text_of(paragraph).index(words)
        runs = self._isolate(paragraph, start, start + len(words))
        moved_from = self._mark("moveFrom", author)
        runs[0].addprevious(moved_from)
        for run in runs:
            moved_from.append(run)
        target = self.paragraph(to)
        at = text_of(target).index(after) + len(after)
        anchor = self._split_at(target, at)
        moved_to = self._mark("moveTo", author)
        moved_to.append(_run(words, None))
        anchor.addnext(moved_to)

    def reformat(self, containing: str, author: str) -> None:
        """Make the paragraph's first run bold, recorded as a formatting change only."""
        run = _runs(self.paragraph(containing))[0]
        properties = run.find(f"{W}rPr")
        if properties is None:
            properties = etree.Element(f"{W}rPr")
            run.insert(0, properties)
        change = self._mark("rPrChange", author)
        change.append(copy.deepcopy(properties))
        properties.append(etree.Element(f"{W}b"))
        properties.append(change)

    def delete_picture(self, author: str) -> None:
        """Delete the first picture, leaving its paragraph."""
        drawing = next(self.document.iter(f"{W}drawing"))
        run = drawing.getparent()
        deletion = self._mark("del", author)
        run.addprevious(deletion)
        deletion.append(run)

    def change_header(self, new: str, author: str) -> None:
        """Insert words into the running header."""
        name = next(n for n in self.parts if n.startswith("word/header") and n.endswith(".xml"))
        header = etree.fromstring(self.parts[name])
        insertion = self._mark("ins", author)
        insertion.append(_run(new, None))
        next(header.iter(f"{W}p")).append(insertion)
        self.parts[name] = etree.tostring(header, xml_declaration=True, encoding="UTF-8")

    def comment(self, containing: str, words: str, text: str, author: str) -> None:
        paragraph = self.paragraph(containing)
        start = text_of(paragraph).index(words)
        runs = self._isolate(paragraph, start, start + len(words))
        number = str(len(self.comments))
        runs[0].addprevious(etree.Element(f"{W}commentRangeStart", {f"{W}id": number}))
        runs[-1].addnext(etree.Element(f"{W}commentRangeEnd", {f"{W}id": number}))
        comment = etree.Element(
            f"{W}comment", {f"{W}id": number, f"{W}author": author, f"{W}date": DATE}
        )
        etree.SubElement(comment, f"{W}p").append(_run(text, None))
        self.comments.append(comment)

    # ---- helpers -------------------------------------------------------------------------

    def _delete(self, runs: list[etree._Element], author: str) -> etree._Element | None:
        """Put the runs (or hyperlinks) in one tracked deletion, their text as deleted text."""
        if not runs:
            return None
        deletion = self._mark("del", author)
        runs[0].addprevious(deletion)
        for run in runs:
            for t in run.iter(f"{W}t"):
                t.tag = f"{W}delText"
            deletion.append(run)
        return deletion

    def _mark(self, tag: str, author: str) -> etree._Element:
        self.next_id += 1
        return etree.Element(
            f"{W}{tag}", {f"{W}id": str(self.next_id), f"{W}author": author, f"{W}date": DATE}
        )

    def _isolate(self, paragraph: etree._Element, start: int, end: int) -> list[etree._Element]:
        """The runs that hold exactly the characters start..end, splitting runs as needed."""
        self._split_at(paragraph, start)
        self._split_at(paragraph, end)
        found, position = [], 0
        for run in _runs(paragraph):
            length = len(run_text(run))
            if start <= position and position + length <= end and length:
                found.append(run)
            position += length
        return found

    def _split_at(self, paragraph: etree._Element, at: int) -> etree._Element:
        """Split the run that holds character `at` there; the run ending just before `at`."""
        position = 0
        last = None
        for run in _runs(paragraph):
            text = run_text(run)
            if position < at < position + len(text):
                first, rest = text[: at - position], text[at - position :]
                second = copy.deepcopy(run)
                _set_text(run, first)
                _set_text(second, rest)
                run.addnext(second)
                return run
            position += len(text)
            if position <= at:
                last = run
        if last is None:
            ppr = paragraph.find(f"{W}pPr")
            return ppr if ppr is not None else paragraph[0]
        return last

    def _write_comments(self) -> None:
        root = etree.Element(f"{W}comments", nsmap={"w": W_NS})
        root.extend(self.comments)
        self.parts["word/comments.xml"] = etree.tostring(
            root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        rels = etree.fromstring(self.parts["word/_rels/document.xml.rels"])
        etree.SubElement(
            rels,
            "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship",
            {"Id": "rIdComments", "Type": COMMENTS_TYPE, "Target": "comments.xml"},
        )
        self.parts["word/_rels/document.xml.rels"] = etree.tostring(
            rels, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        types = etree.fromstring(self.parts["[Content_Types].xml"])
        etree.SubElement(
            types,
            "{http://schemas.openxmlformats.org/package/2006/content-types}Override",
            {"PartName": "/word/comments.xml", "ContentType": COMMENTS_CONTENT},
        )
        self.parts["[Content_Types].xml"] = etree.tostring(
            types, xml_declaration=True, encoding="UTF-8", standalone=True
        )


def text_of(paragraph: etree._Element) -> str:
    return "".join(run_text(run) for run in _runs(paragraph))


def run_text(run: etree._Element) -> str:
    return "".join(t.text or "" for t in run if t.tag in (f"{W}t", f"{W}delText"))


def _runs(paragraph: etree._Element) -> list[etree._Element]:
    """The runs of a paragraph whose text shows now (not those already deleted)."""
    return [
        r
        for r in paragraph.iter(f"{W}r")
        if not any(a.tag in (f"{W}del", f"{W}moveFrom") for a in r.iterancestors()) and run_text(r)
    ]


def _set_text(run: etree._Element, text: str) -> None:
    texts = [t for t in run if t.tag in (f"{W}t", f"{W}delText")]
    texts[0].text = text
    texts[0].set(XML_SPACE, "preserve")
    for extra in texts[1:]:
        run.remove(extra)


def _run(text: str, template: etree._Element | None) -> etree._Element:
    run = etree.Element(f"{W}r")
    if template is not None and template.find(f"{W}rPr") is not None:
        run.append(copy.deepcopy(template.find(f"{W}rPr")))
    t = etree.SubElement(run, f"{W}t")
    t.text = text
    t.set(XML_SPACE, "preserve")
    return run


def _row_properties(row: etree._Element) -> etree._Element:
    properties = row.find(f"{W}trPr")
    if properties is None:
        properties = etree.Element(f"{W}trPr")
        row.insert(0, properties)
    return properties


def edited_copy(path: Path, out: Path, edits) -> Path:
    """A copy of the DOCX at `path`, with `edits(WordEdit)` made, saved at `out`."""
    word = WordEdit.open(path)
    edits(word)
    word.save(out)
    return out


def accepted_paragraphs(path: Path) -> list[str]:
    """The words of every paragraph (those in tables too) with every tracked change accepted,
    read by a walk of the XML of its own: deleted text, rows and paragraph marks go, inserted
    ones stay. Empty paragraphs and the contents list (made from the headings) are left out;
    runs of spaces count as one."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    texts, pending = [], ""
    for paragraph in root.find(f"{W}body").iter(f"{W}p"):
        row = next(paragraph.iterancestors(f"{W}tr"), None)
        if row is not None and row.find(f"{W}trPr/{W}del") is not None:
            continue
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is not None and re.fullmatch(r"(?i)(toc|contents)\d", style.get(f"{W}val", "")):
            continue
        text = "".join(_accepted_text(paragraph))
        if paragraph.find(f"{W}pPr/{W}rPr/{W}del") is not None:
            pending += text
            continue
        texts.append(pending + text)
        pending = ""
    # Compared as a reader sees them: a space left at a paragraph's end, or two in a row where
    # a word was deleted, is no difference Markdown can keep.
    return [" ".join(text.split()) for text in texts if text.strip()]


def body_paragraphs(path: Path) -> list[str]:
    """The words of every paragraph of a file without tracked changes."""
    return accepted_paragraphs(path)


def _accepted_text(paragraph: etree._Element):
    for element in paragraph.iter(f"{W}t", f"{W}br", f"{W}tab"):
        if any(a.tag in (f"{W}del", f"{W}moveFrom") for a in element.iterancestors()):
            continue
        if element.tag == f"{W}t":
            yield element.text or ""
        elif element.tag == f"{W}tab":
            yield "\t"
        elif element.get(f"{W}type") in (None, "textWrapping"):  # not a page break
            yield "\n"
