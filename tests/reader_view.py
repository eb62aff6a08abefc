"""A strict screen reader's view of a tagged PDF, compared with the page it was made from.

The PDF side is what poppler's `pdfinfo -struct-text` reads from the structure tree: roles,
nesting and the text of every marked-content item exactly as tagged, in logical order, with no
space added anywhere (so "has" + "not" reads "hasnot"), plus each Figure's /Alt (pikepdf). The
page side is the HTML that WeasyPrint laid out, read as a browser's accessibility tree would:
whitespace collapsed, `<br>` a space, blocks apart.

Both sides give the same View: headings (level, words), paragraphs, lists (items each),
tables (rows, header cells), links, label-value pairs, figures' alternate text, and every word
in order. `compare` names each difference with the heading it follows. Text is compared
case-folded (CSS may print a label in capitals), and a number standing alone is compared as a
number (the contents' page numbers exist only on the page).

`broken_words` reads the page itself (poppler's `pdftotext -bbox-layout`): every line end of
every text block, and the start of the next line, against the words of the source.
"""

from __future__ import annotations

import difflib
import re
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from conftest import require_tool

MARKER = re.compile(r"\s*(\d+[.)]|[•◦▪–-])\s*")  # a list item's generated number or bullet
NUMBER = re.compile(r"\d+")
BLOCK_ROLES = {
    "Document", "Part", "Art", "Sect", "Div", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6",
    "L", "LI", "Lbl", "LBody", "Table", "THead", "TBody", "TFoot", "TR", "TH", "TD",
    "Caption", "BlockQuote", "Figure", "TOC", "TOCI", "Index",
}  # fmt: skip
BLOCK_TAGS = {
    "html", "body", "div", "section", "article", "main", "header", "footer", "nav", "aside",
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table",
    "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "blockquote", "pre", "figure",
    "figcaption", "hr",
}  # fmt: skip
SKIPPED_TAGS = {"head", "script", "style", "template", "title"}


def normal(text: str) -> str:
    """Text as compared: whitespace collapsed, case-folded, lone numbers as '#'."""
    return " ".join(
        NUMBER.sub("#", w) if NUMBER.fullmatch(w) else w for w in text.split()
    ).casefold()


@dataclass
class View:
    """What a reader meets, in order; each entry with the heading it follows."""

    headings: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[tuple[str, str]] = field(default_factory=list)
    lists: list[tuple[str, str]] = field(default_factory=list)
    tables: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    figures: list[tuple[str, str]] = field(default_factory=list)
    words: list[tuple[str, str]] = field(default_factory=list)
    where: str = "the start"

    def add(self, kind: str, value: str) -> None:
        getattr(self, kind).append((value, self.where))

    def follow(self, heading: str) -> None:
        self.where = heading

    def runs(self, runs: Iterator[str]) -> None:
        for run in runs:
            for word in normal(run).split():
                self.words.append((word, self.where))


def compare(page: View, tags: View, limit: int = 4) -> list[str]:
    """Each difference between what the page shows and what the tags say, in words."""
    problems = []
    for kind in ("headings", "paragraphs", "lists", "tables", "links", "pairs", "figures"):
        problems += _differences(kind, getattr(page, kind), getattr(tags, kind), limit)
    problems += _differences("words", page.words, tags.words, limit, context=6)
    return problems


def _differences(
    kind: str,
    page: list[tuple[str, str]],
    tags: list[tuple[str, str]],
    limit: int,
    context: int = 0,
) -> list[str]:
    a, b = [v for v, _ in page], [v for v, _ in tags]
    if a == b:
        return []
    found = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        where = page[i1][1] if i1 < len(page) else (tags[j1][1] if j1 < len(tags) else "")
        before = " ".join(a[max(0, i1 - context) : i1]) if context else ""
        lead = f" after “{before}”" if before else ""
        shown = " ".join if context else _listed
        found.append(
            f"{kind} under ‘{where}’{lead}: the page has {shown(a[i1:i2]) or 'nothing'}, "
            f"the tags have {shown(b[j1:j2]) or 'nothing'}"
        )
        if len(found) == limit:
            found.append(f"{kind}: … and more")
            break
    return found


def _listed(values: list[str]) -> str:
    return "; ".join(f"[{v}]" for v in values)


# ---- the tags ------------------------------------------------------------------------------


@dataclass
class Element:
    role: str
    kids: list[Element | str] = field(default_factory=list)  # str: one item's text as tagged


def struct_tree(pdf: Path) -> Element:
    """The structure tree as poppler reads it (`pdfinfo -struct-text`)."""
    pdfinfo = require_tool("pdfinfo")
    out = subprocess.run(
        [pdfinfo, "-struct-text", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    root = Element("Root")
    stack: list[tuple[int, Element]] = [(-1, root)]
    lines = iter(out.splitlines())
    for line in lines:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if not stripped or stripped.startswith(("/", "Object ", "(No content)")):
            continue  # attributes, references to annotations
        while stack[-1][0] >= indent:
            stack.pop()
        if stripped.startswith('"'):
            text = line.lstrip(" ")
            while not (len(text) > 1 and text.endswith('"')):
                text += "\n" + next(lines)
            stack[-1][1].kids.append(text[1:-1])
            continue
        element = Element(stripped.split(" ")[0].rstrip(":"))
        stack[-1][1].kids.append(element)
        stack.append((indent, element))
    return root


def figure_alts(pdf: Path) -> list[str]:
    """The /Alt of every Figure the structure root reaches, in logical order."""
    import pikepdf

    alts = []
    with pikepdf.open(pdf) as document:
        stack = [document.Root.StructTreeRoot]
        while stack:
            element = stack.pop()
            if element.get("/S") == "/Figure":
                alts.append(str(element.get("/Alt", "")))
            k = element.get("/K")
            kids = list(k) if isinstance(k, pikepdf.Array) else [k]
            stack.extend(
                kid for kid in reversed(kids) if isinstance(kid, pikepdf.Dictionary) and "/S" in kid
            )
    return alts


def tags_view(pdf: Path) -> View:
    view = View()
    _read_tags(struct_tree(pdf), view)
    for alt in figure_alts(pdf):
        view.figures.append((normal(alt), ""))
    return view


def _text(element: Element) -> str:
    """An element's text exactly as tagged: its items' texts joined with nothing between."""
    return "".join(kid if isinstance(kid, str) else _text(kid) for kid in element.kids)


def _runs(element: Element, heading: Callable[[str], None] | None = None) -> Iterator[str]:
    """The text of each block in turn; a list item's generated number or bullet left out.
    `heading` is told the words of each heading once they have been given."""
    run: list[str] = []
    for kid in element.kids:
        if isinstance(kid, str):
            run.append(kid)
        elif kid.role in BLOCK_ROLES:
            yield "".join(run)
            run = []
            if not (kid.role == "Lbl" and MARKER.fullmatch(_text(kid))):
                yield from _runs(kid, heading)
            if heading and re.fullmatch(r"H[1-6]", kid.role):
                heading(normal(" ".join(_runs(kid))))
        else:
            run.append(_inline_words(kid))
    yield "".join(run)


def _inline_words(element: Element) -> str:
    return " ".join(_runs(element)) if _has_blocks(element) else _text(element)


def _has_blocks(element: Element) -> bool:
    return any(
        isinstance(k, Element) and (k.role in BLOCK_ROLES or _has_blocks(k)) for k in element.kids
    )


def _read_tags(root: Element, view: View) -> None:
    view.runs(_runs(root, view.follow))
    view.where = View.where
    _walk_tags(root, view)


def _walk_tags(element: Element, view: View) -> None:
    role = element.role
    if re.fullmatch(r"H[1-6]", role):
        text = normal(" ".join(_runs(element)))
        view.add("headings", f"{role[1]} {text}")
        view.where = text
    elif role == "P":
        view.add("paragraphs", normal(" ".join(_runs(element))))
    elif role == "L":
        items = [kid for kid in element.kids if isinstance(kid, Element) and kid.role == "LI"]
        view.add("lists", f"{len(items)} items")
    elif role == "LI":
        parts = [kid for kid in element.kids if isinstance(kid, Element)]
        label = next((k for k in parts if k.role == "Lbl"), None)
        if label is not None and not MARKER.fullmatch(_text(label)):
            value = " ".join(" ".join(_runs(k)) for k in parts if k.role == "LBody")
            view.add("pairs", f"{normal(_text(label))} = {normal(value)}")
    elif role == "Table":
        rows = list(_descendants(element, "TR", stop="Table"))
        heads = [normal(" ".join(_runs(c))) for c in _descendants(element, "TH", stop="Table")]
        view.add("tables", f"{len(rows)} rows, headers: {' | '.join(heads)}")
    elif role == "Link":
        view.add("links", normal(" ".join(_runs(element))))
    for kid in element.kids:
        if isinstance(kid, Element):
            _walk_tags(kid, view)


def _descendants(element: Element, role: str, stop: str) -> Iterator[Element]:
    for kid in element.kids:
        if isinstance(kid, Element):
            if kid.role == role:
                yield kid
            if kid.role != stop:
                yield from _descendants(kid, role, stop)


# ---- the page ------------------------------------------------------------------------------


def page_view(html: str) -> View:
    """What the page shows, from the HTML WeasyPrint laid out."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    for skipped in list(root.iter(*SKIPPED_TAGS)):
        skipped.drop_tree()
    view = View()
    view.runs(_html_runs(root, view.follow))
    view.where = View.where
    _walk_html(root, view)
    return view


def _html_text(element, contents_link: bool = False) -> str:
    parts = [element.text or ""]
    for kid in element:
        if not isinstance(kid.tag, str):  # a comment
            parts.append(kid.tail or "")
            continue
        parts.append(" " if kid.tag == "br" else _html_text(kid))
        parts.append(kid.tail or "")
    text = "".join(parts)
    return text + " 0" if contents_link else text


def _is_contents_link(element) -> bool:
    """A link of the contents, which the print layout follows with its page number."""
    return element.tag == "a" and any(
        "contents" in (a.get("class") or "").split() for a in element.iterancestors()
    )


def _html_runs(element, heading: Callable[[str], None] | None = None) -> Iterator[str]:
    run = [element.text or ""]
    for kid in element:
        if not isinstance(kid.tag, str):
            run.append(kid.tail or "")
            continue
        if kid.tag in BLOCK_TAGS:
            yield "".join(run)
            run = []
            yield from _html_runs(kid, heading)
            if heading and re.fullmatch(r"h[1-6]", kid.tag):
                heading(normal(_html_text(kid)))
        elif kid.tag == "br":
            run.append(" ")
        elif kid.tag == "img":
            pass
        else:
            run.append(" ".join(_html_runs(kid)) if _html_has_blocks(kid) else _inline_text(kid))
        run.append(kid.tail or "")
    yield "".join(run)


def _inline_text(element) -> str:
    return _html_text(element, _is_contents_link(element)) + "".join(
        " 0" for a in element.iterdescendants("a") if _is_contents_link(a)
    )


def _html_has_blocks(element) -> bool:
    return any(isinstance(k.tag, str) and k.tag in BLOCK_TAGS for k in element.iterdescendants())


def _walk_html(element, view: View) -> None:
    tag = element.tag
    if not isinstance(tag, str):
        return
    if re.fullmatch(r"h[1-6]", tag):
        text = normal(_html_text(element))
        view.add("headings", f"{tag[1]} {text}")
        view.where = text
    elif tag == "p" or (tag == "dd" and not _html_has_blocks(element)):
        view.add("paragraphs", normal(_html_text(element)))
    elif tag in ("ul", "ol"):
        view.add("lists", f"{len(element.findall('li'))} items")
    elif tag == "dl":
        view.add("lists", f"{len(element.findall('dt'))} items")
        for term in element.findall("dt"):
            values = []
            for sibling in term.itersiblings():
                if sibling.tag != "dd":
                    break
                values.append(_html_text(sibling))
            view.add("pairs", f"{normal(_html_text(term))} = {normal(' '.join(values))}")
    elif tag == "table":
        rows = [r for r in element.iter("tr") if _owner_table(r) is element]
        heads = [normal(_html_text(c)) for c in element.iter("th") if _owner_table(c) is element]
        view.add("tables", f"{len(rows)} rows, headers: {' | '.join(heads)}")
    elif tag == "a" and element.get("href"):
        view.add("links", normal(_html_text(element, _is_contents_link(element))))
    elif tag == "img" and element.get("alt"):
        view.figures.append((normal(element.get("alt")), view.where))
    for kid in element:
        _walk_html(kid, view)


def _owner_table(element):
    return next(element.iterancestors("table"), None)


# ---- words broken across lines -------------------------------------------------------------

ADDRESS = re.compile(r"[@/]|\w\.\w")  # an email or web address may break anywhere
PUNCTUATION = "()[]{}“”‘’\"'.,;:!?…"


def source_words(html: str) -> set[str]:
    """Every word of the page's text, case-folded and without the punctuation around it."""
    view = page_view(html)
    return {w.strip(PUNCTUATION) for w, _ in view.words} - {""}


def broken_words(pdf: Path, words: set[str]) -> list[str]:
    """Each place where a line of the page ends inside a word of the source.

    Each line's last word is joined to the first word of the line under it (the nearest line
    just below that overlaps it, starting nearest the same left edge: poppler may put one
    letter on a line of its own into a block of its own). If together they make a word of the
    source that the two halves are not, the word was broken. A break after a hyphen, or
    inside an address, is allowed.
    """
    pdftotext = require_tool("pdftotext")
    xhtml = subprocess.run(
        [pdftotext, "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    namespace = {"x": "http://www.w3.org/1999/xhtml"}
    found = []
    for number, page in enumerate(ET.fromstring(xhtml).iterfind(".//x:page", namespace), 1):
        lines = [
            _Line(*(float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")), texts)
            for line in page.iterfind(".//x:line", namespace)
            if (texts := [w.text or "" for w in line.iterfind("x:word", namespace)])
        ]
        for line in lines:
            below = line.next_in(lines)
            if below is None:
                continue
            head, tail = line.words[-1], below.words[0]
            if head.endswith(("-", "‑", "–", "—")) or ADDRESS.search(head + tail):
                continue
            joined = (head + tail).casefold().strip(PUNCTUATION)
            halves = {head.casefold().strip(PUNCTUATION), tail.casefold().strip(PUNCTUATION)}
            if joined in words and not halves <= words:
                found.append(f"page {number}: “{head}|{tail}” breaks the word “{joined}”")
    return found


@dataclass
class _Line:
    x0: float
    y0: float
    x1: float
    y1: float
    words: list[str]

    def next_in(self, lines: list[_Line]) -> _Line | None:
        height = self.y1 - self.y0
        under = [
            other
            for other in lines
            if self.y1 - 0.3 * height <= other.y0 <= self.y1 + 0.8 * height
            and other.x0 < self.x1
            and other.x1 > self.x0
            and other is not self
        ]
        return min(under, key=lambda other: abs(other.x0 - self.x0), default=None)
