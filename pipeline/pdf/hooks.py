"""Every use of WeasyPrint's private workings, in one place (as render/docx/oxml.py holds all
raw WordprocessingML): if an upgrade changes one, it fails here, loudly.

- `page_boxes`: the laid-out box tree of each page (the card's fit check measures it);
- `bleed_box_finisher`: a finisher that sets each page's BleedBox (WeasyPrint puts it at 10 pt);
- `srgb_profile`: the sRGB ICC profile WeasyPrint ships (PDF/A's output intent);
- `engine_hooks`: what only the HTML and the layout know, put into the PDF while it is made.

WeasyPrint 70's tags lose what the page shows in ways that cannot be repaired from the PDF
afterwards, because the link from a structure element to its HTML element, and from a line of
text to the words around it, exists only while the document is laid out and written. So, for
the duration of one layout and one `write_pdf`, three private functions of WeasyPrint are
wrapped (all in this module, so that an upgrade that changes them fails here, loudly):

- `layout.block.iter_line_boxes`, which makes each line of a block: where the source has a
  space between two lines (a soft wrap, a `<br>`), between two boxes of a line (a space of its
  own, such as the one between `<strong>` and `<a>`), or before a contents leader, the text
  box before it is marked, because WeasyPrint draws no glyph for any of these spaces and the
  tags would read "hasnot" or "About this toolkit3";
- `draw.text.draw_first_line`, which draws a text box: a marked one is drawn with one space
  glyph after its text. A space draws nothing and nothing follows it on its line, so the page
  looks exactly the same; the text in the tags (and any text extraction) keeps the space;
- `pdf.tags._build_box_tree`, which makes the structure elements:
  - every element gets the number of the HTML element it comes from (ELEMENT), so that
    pdf/structure.py can join the pieces WeasyPrint makes of one table, list, paragraph or
    link on each page or line, and recognise a table header repeated on a later page;
  - `dl`, `dt` and `dd` are named (TAG), so that a term and its descriptions become one item;
  - an element with a `lang` (e.g. `<span lang="cy">`) gets /Lang;
  - a TH gets /Scope /Column, or /Row for `scope="row"` (as WeasyPrint's own Headers assume);
  - the element of an `<img alt="">` or of a leader is marked DECORATIVE: pdf/structure.py
    turns its content into artifacts; html_to_pdf does not report the empty alt.

The private keys are removed again by pdf/structure.py. Rendering happens in one process per
format, one document at a time, so the wraps are safe.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SKIPPED_TAGS = ("html", "body")  # the root's language is the document's, already in /Lang
DECORATIVE = "/ToolkitDecorative"  # private keys, removed again by pipeline/pdf/structure.py
ELEMENT = "/ToolkitElement"
TAG = "/ToolkitTag"
NAMED_TAGS = ("dl", "dt", "dd")
ROW_SCOPES = ("row", "rowgroup")
SPACE_AFTER = "toolkit_space_after"  # on a text box: draw one space glyph after its text


PT_PER_MM = 72 / 25.4


def page_boxes(document: Any) -> Iterator[Any]:
    """The box tree of each laid-out page of a WeasyPrint document."""
    for page in document.pages:
        yield page._page_box


def bleed_box_finisher(bleed_mm: float) -> Callable[[Any, Any], None]:
    """A WeasyPrint finisher that makes each page's BleedBox its TrimBox plus `bleed_mm`."""

    def finish(_document: Any, pdf: Any) -> None:
        import pydyf

        bleed = bleed_mm * PT_PER_MM
        for page in pdf.objects:
            if isinstance(page, pydyf.Dictionary) and page.get("Type") == "/Page":
                left, top, right, bottom = page["TrimBox"]
                page["BleedBox"] = pydyf.Array(
                    [left - bleed, top - bleed, right + bleed, bottom + bleed]
                )

    return finish


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile WeasyPrint ships, found without importing WeasyPrint."""
    spec = importlib.util.find_spec("weasyprint")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("WeasyPrint is not installed: its sRGB profile is needed for PDF/A")
    return (Path(spec.submodule_search_locations[0]) / "pdf" / "sRGB2014.icc").read_bytes()


@dataclass
class Tagging:
    decorative: Counter[str] = field(default_factory=Counter)  # src of each <img alt="">
    elements: dict[int, int] = field(default_factory=dict)  # id(HTML element) -> its number

    def excused(self, messages: list[str]) -> list[str]:
        """The messages WeasyPrint logged, less one "no alt" error per decorative image."""
        left, kept = Counter(self.decorative), []
        for message in messages:
            src = _missing_alt(message)
            if src is not None and left[src] > 0:
                left[src] -= 1
            else:
                kept.append(message)
        return kept

    def number(self, element: Any) -> int:
        """A number for each HTML element, in the order the tagger meets them."""
        return self.elements.setdefault(id(element), len(self.elements) + 1)


def _missing_alt(message: str) -> str | None:
    prefix, suffix = 'Image "', '" has no required alt description'
    if message.startswith(prefix) and message.endswith(suffix):
        return message[len(prefix) : -len(suffix)]
    return None


@contextmanager
def engine_hooks() -> Iterator[Tagging]:
    """Wrap WeasyPrint's line making, text drawing and tagging for one layout and write."""
    tagging = Tagging()
    with ExitStack() as stack:
        stack.enter_context(_line_spaces())
        stack.enter_context(_space_glyphs())
        stack.enter_context(_element_tagging(tagging))
        yield tagging


@contextmanager
def _wrapped(module: Any, name: str, make: Any) -> Iterator[None]:
    original = getattr(module, name, None)
    if original is None:  # the engine changed: fail loudly rather than lose tags silently
        raise RuntimeError(f"{module.__name__}.{name} is gone: update pipeline/pdf/hooks.py")
    setattr(module, name, make(original))  # callers look the name up at each call
    try:
        yield
    finally:
        setattr(module, name, original)


# ---- spaces the source has and WeasyPrint draws no glyph for -------------------------------


@contextmanager
def _line_spaces() -> Iterator[None]:
    from weasyprint.layout import block

    def make(original: Any) -> Any:
        texts: dict[int, tuple[Any, str, dict[int, int]]] = {}

        def iter_line_boxes(context: Any, box: Any, *args: Any) -> Iterator[Any]:
            for line, resume_at in original(context, box, *args):
                _mark_spaces(line, _space_at(box, resume_at, texts))
                yield line, resume_at

        return iter_line_boxes

    with _wrapped(block, "iter_line_boxes", make):
        yield


def _mark_spaces(line: Any, wrapped_at_space: bool) -> None:
    """Mark each text box of a laid-out line that the source follows with a space."""
    from weasyprint.formatting_structure import boxes

    last = None  # the last text box with words
    for box in _line_boxes(line, boxes):
        if isinstance(box, boxes.TextBox):
            if box.text and not box.text.strip():  # a space of its own: drawn as nothing
                if last is not None:
                    setattr(last, SPACE_AFTER, True)
                continue
            if box.text:
                last = box
        elif getattr(box, "is_leader", False) and last is not None:
            setattr(last, SPACE_AFTER, True)
            last = None
        else:  # an image or inline block: what follows it is not joined to the text before
            last = None
    if wrapped_at_space and last is not None:
        setattr(last, SPACE_AFTER, True)


def _line_boxes(box: Any, boxes: Any) -> Iterator[Any]:
    """The text boxes, leaders and atomic boxes of a line, in order."""
    for child in box.children:
        if isinstance(child, boxes.TextBox) or getattr(child, "is_leader", False):
            yield child
        elif isinstance(child, boxes.InlineBox):
            yield from _line_boxes(child, boxes)
        else:
            yield child


def _space_at(box: Any, resume_at: dict | None, texts: dict) -> bool:
    """Whether the source has a space (or a line break) where a line of `box` ends."""
    if resume_at is None:
        return False
    cached = texts.get(id(box))
    if cached is None or cached[0] is not box:
        cached = texts[id(box)] = (box, *_flat_text(box))
    _, text, starts = cached
    offset = _offset(box, resume_at, starts)
    if offset is None:
        return False
    before = text[offset - 1 : offset]
    return before.isspace() or text[offset : offset + 1].isspace()


def _flat_text(box: Any) -> tuple[str, dict[int, int]]:
    """All the text of a line box's inline content, and where each text box starts in it."""
    from weasyprint.formatting_structure import boxes

    parts: list[str] = []
    starts: dict[int, int] = {}
    length = 0

    def walk(node: Any) -> None:
        nonlocal length
        starts[id(node)] = length
        if isinstance(node, boxes.TextBox):
            parts.append(node.text)
            length += len(node.text)
        elif isinstance(node, boxes.InlineBox | boxes.LineBox):
            for child in node.children:
                walk(child)
        else:  # an atomic box stands for something that is not a space
            parts.append("\ufffc")
            length += 1

    walk(box)
    return "".join(parts), starts


def _offset(box: Any, skip: dict | None, starts: dict[int, int]) -> int | None:
    """Where a skip stack (a path of child indexes, then a UTF-8 byte offset) points."""
    from weasyprint.formatting_structure import boxes

    node = box
    while skip:
        index, skip = min(skip.items(), key=lambda item: item[0])
        if isinstance(node, boxes.TextBox):
            return starts[id(node)] + len(node.text.encode()[:index].decode(errors="ignore"))
        if not isinstance(node, boxes.ParentBox) or index >= len(node.children):
            return None
        node = node.children[index]
    return starts.get(id(node))


@contextmanager
def _space_glyphs() -> Iterator[None]:
    from weasyprint.draw import text as draw_text

    def make(original: Any) -> Any:
        def draw_first_line(stream: Any, textbox: Any, *args: Any) -> Any:
            layout = textbox.pango_layout
            words = layout.text
            if not getattr(textbox, SPACE_AFTER, False) or words[-1:].isspace():
                return original(stream, textbox, *args)
            layout.set_text(words + " ", justify=True)
            try:
                return original(stream, textbox, *args)
            finally:
                layout.set_text(words, justify=True)

        return draw_first_line

    with _wrapped(draw_text, "draw_first_line", make):
        yield


# ---- structure elements ------------------------------------------------------------------


@contextmanager
def _element_tagging(tagging: Tagging) -> Iterator[None]:
    import pydyf
    from weasyprint.pdf import tags

    def make(original: Any) -> Any:
        def build_box_tree(box: Any, *args: Any) -> Iterator[Any]:
            element = getattr(box, "element", None)
            skipped = getattr(box, "element_tag", None) in SKIPPED_TAGS
            for made in original(box, *args):
                if element is not None and not skipped:
                    _annotate(made, box, element, tagging, pydyf)
                yield made

        return build_box_tree

    with _wrapped(tags, "_build_box_tree", make):
        yield


def _annotate(made: Any, box: Any, element: Any, tagging: Tagging, pydyf: Any) -> None:
    made[ELEMENT[1:]] = tagging.number(element)
    if element.tag in NAMED_TAGS:
        made[TAG[1:]] = f"/{element.tag}"
    lang = element.get("lang") or element.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang and "Lang" not in made:
        made["Lang"] = pydyf.String(lang)
    if made.get("S") == "/TH" and "A" in made:
        made["A"]["Scope"] = "/Row" if element.get("scope") in ROW_SCOPES else "/Column"
    decorative_image = element.tag == "img" and element.get("alt") == ""
    if decorative_image:
        tagging.decorative[element.get("src", "unknown")] += 1
    if decorative_image or getattr(box, "is_leader", False):
        made[DECORATIVE[1:]] = True
