"""A Word file's text with its tracked changes and comments, as Word and LibreOffice save it.

The body is read as paragraphs in order (those in table cells too), each a list of pieces of
text that are kept, inserted or deleted. What a file may hold beyond our own writer's output is
read as well: text split into many runs, revision ids (rsids), bookmarks, hyperlinks around or
inside changes, moved text (`w:moveFrom`, `w:moveTo`), fields, content controls, smart tags.
Formatting-only changes (`w:rPrChange`, `w:pPrChange`) and changes in headers and footers are
noted, never applied.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem, ToolkitError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
PICTURE = "\ufffc"  # a picture stands in the text as one object character
TRANSPARENT = (  # elements whose children are read as if they stood in their place
    "smartTag", "customXml", "sdt", "sdtContent", "fldSimple", "bdo", "dir",
)  # fmt: skip
REVISIONS = {"ins": "insert", "del": "delete", "moveTo": "insert", "moveFrom": "delete"}
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # an encrypted (password-protected) file or an old .doc


@dataclass(frozen=True)
class Revision:
    op: str  # "insert" or "delete"
    author: str
    date: str


@dataclass(frozen=True)
class Piece:
    text: str
    revision: Revision | None = None
    bold: bool = False
    link: str = ""  # a web address, or "#bookmark" for a link inside the document
    comments: frozenset[str] = frozenset()


@dataclass
class WordParagraph:
    element: Any  # the w:p
    pieces: list[Piece] = field(default_factory=list)
    mark: Revision | None = None  # the paragraph mark inserted or deleted
    style: str = ""  # the paragraph style's id
    numbered: bool = False  # a list item
    cell: tuple[int, int, int] | None = None  # table, row and column, counted from 0
    row: Revision | None = None  # the table row inserted or deleted
    formatting: list[Revision] = field(default_factory=list)  # formatting-only changes
    comments: frozenset[str] = frozenset()  # comments anchored at the paragraph's end

    def text(self, side: str) -> str:
        """The words as they were ("base": every change rejected) or will be ("new")."""
        dropped = "insert" if side == "base" else "delete"
        return "".join(
            p.text for p in self.pieces if p.revision is None or p.revision.op != dropped
        )


@dataclass(frozen=True)
class Comment:
    id: str
    author: str
    date: str
    text: str


@dataclass
class WordFile:
    name: str  # as shown in messages
    paragraphs: list[WordParagraph]
    comments: dict[str, Comment]
    properties: dict[str, str]  # custom properties
    outside_body: list[tuple[str, Revision]]  # (part, revision) in headers and footers


def read_word_file(path: Path) -> WordFile:
    """A reviewed Word file, or a ToolkitError that says what is wrong with it."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _problem(
            name, f"The file cannot be read ({error.strerror}).", "Check the path."
        ) from None
    if data.startswith(OLE_SIGNATURE):
        raise _problem(
            name,
            "This file is password-protected, or an old Word (.doc) file.",
            "Remove the password (File > Info > Protect Document) or save it as .docx.",
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            parts = {item: package.read(item) for item in package.namelist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError):
        raise _problem(
            name,
            "This is not a Word document (.docx), or it is damaged.",
            "Save the reviewed file from Word or LibreOffice as a Word document (.docx).",
        ) from None
    if "word/document.xml" not in parts:
        raise _problem(
            name,
            "This file is not a Word document: it has no document text.",
            "Save the reviewed file from Word or LibreOffice as a Word document (.docx).",
        )
    from lxml import etree

    try:
        body = etree.fromstring(parts["word/document.xml"]).find(f"{W}body")
        comments = _comments(parts.get("word/comments.xml"))
        properties = _properties(parts.get("docProps/custom.xml"))
        links = _links(parts.get("word/_rels/document.xml.rels"))
        outside = [
            (part, revision)
            for part, xml in sorted(parts.items())
            if part.startswith(("word/header", "word/footer")) and part.endswith(".xml")
            for revision in _revisions_in(etree.fromstring(xml))
        ]
    except etree.XMLSyntaxError:
        raise _problem(
            name,
            "This Word file is damaged: part of it cannot be read.",
            "Open it in Word or LibreOffice, save it again as .docx, and try again.",
        ) from None
    if body is None:
        raise _problem(name, "This Word file has no body text.", "Check that it is the right file.")
    return WordFile(name, read_body(body, links), comments, properties, outside)


def read_body(body: Any, links: dict[str, str] | None = None) -> list[WordParagraph]:
    """The paragraphs of a `w:body` in order, those in tables included."""
    reader = _Reader(links or {})
    reader.block(body)
    return reader.paragraphs


def _problem(name: str, message: str, fix: str) -> ToolkitError:
    return ToolkitError(Problem(name, None, message, fix))


class _Reader:
    def __init__(self, links: dict[str, str]) -> None:
        self.links = links
        self.paragraphs: list[WordParagraph] = []
        self.open_comments: set[str] = set()
        self.tables = 0

    def block(self, parent: Any, cell: tuple[int, int, int] | None = None, row: Any = None):
        for child in parent:
            tag = _local(child)
            if tag == "p":
                self.paragraph(child, cell, row)
            elif tag == "tbl":
                self.table(child)
            elif tag in ("sdt", "sdtContent", "customXml"):
                self.block(child, cell, row)

    def table(self, table: Any) -> None:
        number = self.tables
        self.tables += 1
        for row_index, tr in enumerate(table.iterchildren(f"{W}tr")):
            row = _revision_of(tr.find(f"{W}trPr"), ("ins", "del"))
            for column, tc in enumerate(tr.iterchildren(f"{W}tc")):
                self.block(tc, (number, row_index, column), row)

    def paragraph(self, p: Any, cell: tuple[int, int, int] | None, row: Revision | None) -> None:
        ppr = p.find(f"{W}pPr")
        paragraph = WordParagraph(p, cell=cell, row=row)
        if ppr is not None:
            style = ppr.find(f"{W}pStyle")
            paragraph.style = style.get(f"{W}val", "") if style is not None else ""
            paragraph.numbered = ppr.find(f"{W}numPr") is not None
            paragraph.mark = _revision_of(ppr.find(f"{W}rPr"), ("ins", "del"))
            paragraph.formatting += [
                _revision(change, "format") for change in ppr.iter(f"{W}pPrChange")
            ]
        self.inline(p, paragraph, None, "")
        paragraph.comments = frozenset(self.open_comments)
        self.paragraphs.append(paragraph)

    def inline(self, parent: Any, paragraph: WordParagraph, revision: Revision | None, link: str):
        for child in parent:
            tag = _local(child)
            if tag == "r":
                self.run(child, paragraph, revision, link)
            elif tag in REVISIONS:
                inner = _revision(child, REVISIONS[tag])
                self.inline(child, paragraph, inner, link)
            elif tag == "hyperlink":
                target = child.get(f"{W}anchor")
                address = f"#{target}" if target else self.links.get(child.get(f"{R}id"), "")
                self.inline(child, paragraph, revision, address)
            elif tag in TRANSPARENT:
                self.inline(child, paragraph, revision, link)
            elif tag == "commentRangeStart":
                self.open_comments.add(child.get(f"{W}id", ""))
            elif tag == "commentRangeEnd":
                self.open_comments.discard(child.get(f"{W}id", ""))

    def run(self, r: Any, paragraph: WordParagraph, revision: Revision | None, link: str):
        rpr = r.find(f"{W}rPr")
        bold = False
        if rpr is not None:
            b = rpr.find(f"{W}b")
            bold = b is not None and b.get(f"{W}val", "true") not in ("0", "false", "off")
            paragraph.formatting += [
                _revision(change, "format") for change in rpr.iter(f"{W}rPrChange")
            ]
        parts: list[str] = []
        in_field_code = False
        for child in r:
            tag = _local(child)
            if tag in ("t", "delText"):
                parts.append(child.text or "")
            elif tag == "tab":
                parts.append("\t")
            elif tag == "cr" or (tag == "br" and child.get(f"{W}type") in (None, "textWrapping")):
                parts.append("\n")  # a line break; a page or column break is not text
            elif tag == "noBreakHyphen":
                parts.append("-")
            elif tag == "sym":
                parts.append(chr(int(child.get(f"{W}char", "20"), 16)))
            elif tag in ("drawing", "pict", "object"):
                parts.append(PICTURE)
            elif tag == "fldChar":
                in_field_code = child.get(f"{W}fldCharType") == "begin"
            elif tag == "instrText" and in_field_code:
                continue
        text = "".join(parts)
        if text:
            comments = frozenset(self.open_comments)
            paragraph.pieces.append(Piece(text, revision, bold, link, comments))


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _revision(element: Any, op: str) -> Revision:
    return Revision(op, element.get(f"{W}author", ""), element.get(f"{W}date", ""))


def _revision_of(properties: Any, tags: tuple[str, ...]) -> Revision | None:
    if properties is None:
        return None
    for tag in tags:
        found = properties.find(f"{W}{tag}")
        if found is not None:
            return _revision(found, REVISIONS[tag])
    return None


def _revisions_in(root: Any) -> list[Revision]:
    found = []
    for tag, op in (*REVISIONS.items(), ("rPrChange", "format"), ("pPrChange", "format")):
        found += [_revision(element, op) for element in root.iter(f"{W}{tag}")]
    return found


def _comments(xml: bytes | None) -> dict[str, Comment]:
    if not xml:
        return {}
    from lxml import etree

    found = {}
    for comment in etree.fromstring(xml).iter(f"{W}comment"):
        paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p")]
        id_ = comment.get(f"{W}id", "")
        found[id_] = Comment(
            id_,
            comment.get(f"{W}author", ""),
            comment.get(f"{W}date", ""),
            "\n".join(paragraphs).strip(),
        )
    return found


def _properties(xml: bytes | None) -> dict[str, str]:
    if not xml:
        return {}
    from lxml import etree

    return {
        prop.get("name", ""): "".join(prop.itertext())
        for prop in etree.fromstring(xml).iter(f"{CUSTOM}property")
    }


def _links(xml: bytes | None) -> dict[str, str]:
    if not xml:
        return {}
    from lxml import etree

    return {
        rel.get("Id", ""): rel.get("Target", "")
        for rel in etree.fromstring(xml)
        if "hyperlink" in rel.get("Type", "")
    }
