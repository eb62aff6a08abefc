"""What only the HTML knows, put into WeasyPrint's structure tree while it is built.

WeasyPrint 70 drops `lang` on elements (only the root's reaches the PDF, as the catalog's /Lang),
writes no Scope on TH cells, tags the dots of a `leader()` as text, and logs an error for
`<img alt="">` although an empty alt is how HTML marks an image as decorative. None of this can
be recovered from the PDF afterwards: the link from a structure element to its HTML element
exists only while `weasyprint.pdf.tags._build_box_tree` runs. So, for the duration of one
`write_pdf`, that function is wrapped:

- an element with a `lang` (e.g. `<span lang="cy">`) gets /Lang on its structure element;
- a TH gets /Scope /Column, or /Row for `scope="row"` (as WeasyPrint's own Headers assume);
- the structure element of an `<img alt="">` or of a leader is marked DECORATIVE: pipeline's
  pdf_structure.py turns its content into artifacts; html_to_pdf does not report the empty alt.

Rendering happens in one process per format, one document at a time, so the wrap is safe.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

SKIPPED_TAGS = ("html", "body")  # the root's language is the document's, already in /Lang
DECORATIVE = "/ToolkitDecorative"  # a private key, removed again by pipeline/pdf_structure.py
ROW_SCOPES = ("row", "rowgroup")


@dataclass
class Tagging:
    decorative: Counter[str] = field(default_factory=Counter)  # src of each <img alt="">

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


def _missing_alt(message: str) -> str | None:
    prefix, suffix = 'Image "', '" has no required alt description'
    if message.startswith(prefix) and message.endswith(suffix):
        return message[len(prefix) : -len(suffix)]
    return None


@contextmanager
def element_tagging() -> Iterator[Tagging]:
    import pydyf
    from weasyprint.pdf import tags

    original = getattr(tags, "_build_box_tree", None)
    if original is None:  # the tagger changed: fail loudly rather than lose languages silently
        raise RuntimeError("weasyprint.pdf.tags._build_box_tree is gone: update render/tagging.py")
    tagging = Tagging()

    def build_box_tree(box: Any, *args: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        skipped = getattr(box, "element_tag", None) in SKIPPED_TAGS
        for made in original(box, *args):
            if element is not None and not skipped:
                _annotate(made, box, element, tagging, pydyf)
            yield made

    tags._build_box_tree = build_box_tree  # the recursion inside looks the name up each call
    try:
        yield tagging
    finally:
        tags._build_box_tree = original


def _annotate(made: Any, box: Any, element: Any, tagging: Tagging, pydyf: Any) -> None:
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
