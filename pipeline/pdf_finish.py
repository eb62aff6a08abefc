"""The last step of every PDF: what WeasyPrint's tagging leaves undone, then PDF/A-2a.

WeasyPrint 70 tags the text of page-margin boxes (running headers, footers, page numbers, the
DRAFT label) as Span content with an MCID, and gives it structure elements that no element of
the tree reaches (weasyprint/pdf/tags.py: an Artifact in the tree is only allowed in PDF 2.0).
veraPDF accepts that; Matterhorn checks and screen readers see tagged content outside the
document (Kozea/WeasyPrint#1836). Without changing anything that is drawn, this step:

- turns content whose structure element the structure root cannot reach into a pagination
  artifact, a header or a footer by where it sits on the page;
- turns a Figure without alternate text (an `<img alt="">`, decorative) into a layout artifact
  and takes it out of the tree;
- renumbers each page's marked-content ids so that the parent tree stays dense and consistent;
- drops a /Lang that repeats the language an element inherits (render/tagging.py carries
  element languages into the tree);
- gives every link annotation a /Contents that says where the link goes;
- declares PDF/A-2a and stamps the toolkit's version (pdf_archive.py).

Borders, backgrounds and crop marks are artifacts already: WeasyPrint draws them that way.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from . import model as m
from .formats import Rendered
from .pdf_archive import make_archival

if TYPE_CHECKING:
    import pikepdf

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def finish(rendered: Rendered, meta: m.Meta) -> Rendered:
    return Rendered(finish_pdf(rendered.data, meta), rendered.pages)


def finish_pdf(data: bytes, meta: m.Meta) -> bytes:
    """The tagged PDF/UA-1 file from WeasyPrint, fixed as above; deterministic."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/StructTreeRoot" not in pdf.Root:
            raise ValueError("finish_pdf needs a tagged PDF (pdf_variant pdf/ua-1)")
        mark_artifacts(pdf, tidy_tree(pdf))
        describe_links(pdf)
        make_archival(pdf, meta)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


# ---- the structure tree ---------------------------------------------------------------------


def kids(element: pikepdf.Object) -> list:
    """An element's /K as a list: MCIDs (int), marked-content or object references, elements."""
    import pikepdf

    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def is_element(obj: object) -> bool:
    import pikepdf

    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj


@dataclass
class Tree:
    """What one walk of the structure tree finds."""

    reached: set[tuple[int, int]] = field(default_factory=set)
    decorative: set[tuple[int, int]] = field(default_factory=set)


def tidy_tree(pdf: pikepdf.Pdf) -> Tree:
    """Walk the tree once: take decorative figures out, drop each /Lang that changes nothing.

    A Figure with neither /Alt nor /ActualText can only come from an `<img alt="">` (an image
    without alt stops the build), so it is decorative. A /Lang is kept only where it changes the
    language, e.g. on a Welsh phrase in English text.
    """
    import pikepdf

    tree = Tree()
    root = pdf.Root["/StructTreeRoot"]
    stack = [(kid, root, str(pdf.Root.get("/Lang", ""))) for kid in reversed(kids(root))]
    while stack:
        element, parent, inherited = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            continue  # an MCID, or a reference to marked content or an annotation
        key = element.objgen
        if key in tree.reached or key in tree.decorative:  # shared or cyclic: visit once
            continue
        if _is_decorative(element):
            tree.decorative.add(key)
            _detach(element, parent)
            continue
        tree.reached.add(key)
        language = element.get("/Lang")
        if language is not None and str(language) == inherited:
            del element["/Lang"]
        language = inherited if language is None else str(language)
        stack.extend((kid, element, language) for kid in reversed(kids(element)))
    return tree


def _is_decorative(element: pikepdf.Object) -> bool:
    return element.get("/S") == "/Figure" and not ("/Alt" in element or "/ActualText" in element)


def _detach(element: pikepdf.Object, parent: pikepdf.Object) -> None:
    import pikepdf

    parent["/K"] = pikepdf.Array(
        [k for k in kids(parent) if not is_element(k) or k.objgen != element.objgen]
    )


# ---- artifacts ------------------------------------------------------------------------------


def mark_artifacts(pdf: pikepdf.Pdf, tree: Tree) -> None:
    """Content no reached element owns becomes an artifact; MCIDs are renumbered to match."""
    import pikepdf

    parent_tree = pikepdf.NumberTree(pdf.Root["/StructTreeRoot"]["/ParentTree"])
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        if key is None or int(key) not in parent_tree:
            continue
        owners = list(parent_tree[int(key)])
        kinds = {
            mcid: "Layout" if owner.objgen in tree.decorative else "Pagination"
            for mcid, owner in enumerate(owners)
            if not is_element(owner) or owner.objgen not in tree.reached
        }
        if not kinds:
            continue
        kept = [mcid for mcid in range(len(owners)) if mcid not in kinds]
        renumber = {old: new for new, old in enumerate(kept)}
        page.obj["/Contents"] = pdf.make_stream(
            retag_content(_content(page), kinds, renumber, _middle(page))
        )
        if any(old != new for old, new in renumber.items()):
            _renumber_owners(page, [owners[old] for old in kept], renumber)
        parent_tree[int(key)] = pikepdf.Array([owners[old] for old in kept])


def _content(page: pikepdf.Page) -> bytes:
    import pikepdf

    contents = page.obj["/Contents"]
    if isinstance(contents, pikepdf.Array):  # several streams are one stream, concatenated
        return b"\n".join(stream.read_bytes() for stream in contents)
    return contents.read_bytes()


def _middle(page: pikepdf.Page) -> float:
    box = [float(v) for v in page.mediabox]
    return (box[1] + box[3]) / 2


# WeasyPrint's content streams (pydyf) use a small part of the syntax, one operator with its
# operands to a line: numbers, names, hex strings, and a dictionary only as `<</MCID n>>` on the
# line before BDC. In that part these patterns are exact, so the stream is edited as bytes:
# parsing every operator of the 53-page large print would cost ten times as much. A stream with
# anything else (literal strings, comments, inline images) is refused rather than guessed at.
MARKS = re.compile(
    rb"^(?:/\w+\n<<\s*/MCID (?P<mcid>\d+)\s*>>\nBDC"
    rb"|(?P<numbers>[-+\d. ]+) (?P<op>cm|Tm)"
    rb"|(?P<q>[qQ])"
    rb"|(?P<emc>EMC))$",
    re.MULTILINE,
)


def _outside_subset(data: bytes) -> bool:
    return b"(" in data or b"%" in data or b"\nBI\n" in data or data.startswith(b"BI\n")


def retag_content(
    data: bytes, kinds: dict[int, str], renumber: dict[int, int], middle: float
) -> bytes:
    """The stream with MCIDs in `kinds` made artifacts and the others renumbered.

    A pagination artifact is a /Header or /Footer by whether its first text sits above or below
    `middle`, in default user space; everything that draws is left byte for byte.
    """
    if _outside_subset(data):
        raise ValueError("the page's content stream has syntax this step does not edit")
    pieces: list[bytes] = []
    last = 0
    ctm, saved = IDENTITY, []
    pending: int | None = None  # the piece of a pagination artifact awaiting its position
    found: list[int] = []
    for match in MARKS.finditer(data):
        if match["q"]:
            if match["q"] == b"q":
                saved.append(ctm)
            elif saved:
                ctm = saved.pop()
        elif match["op"] == b"cm":
            ctm = _multiply(_matrix(match["numbers"]), ctm)
        elif match["op"]:  # Tm: the first text of a pending artifact says where it is
            if pending:
                y = _transform(ctm, *_matrix(match["numbers"])[4:])[1]
                pieces[pending] = _artifact("Pagination", "Header" if y > middle else "Footer")
                pending = None
        elif match["emc"]:
            pending = None
        else:
            mcid = int(match["mcid"])
            found.append(mcid)
            if renumber.get(mcid) == mcid:
                continue  # kept with its number: nothing to edit
            pieces.append(data[last : match.start()])
            last = match.end()
            if mcid in kinds:
                pending = len(pieces) if kinds[mcid] == "Pagination" else None
                pieces.append(_artifact(kinds[mcid], None))
            else:
                at, end = match.span("mcid")
                pieces.append(data[match.start() : at] + b"%d" % renumber[mcid] + data[end:last])
    pieces.append(data[last:])
    if sorted(found) != sorted([*kinds, *renumber]):
        raise ValueError("the page's marked content does not match its parent tree entry")
    return b"".join(pieces)


def _matrix(numbers: bytes) -> Matrix:
    values = tuple(float(v) for v in numbers.split())
    if len(values) != 6:
        raise ValueError("a cm or Tm operator without six operands")
    return values  # type: ignore[return-value]


def _artifact(kind: str, subtype: str | None) -> bytes:
    extra = f" /Subtype /{subtype}" if subtype else ""
    return f"/Artifact <</Type /{kind}{extra}>> BDC".encode()


def _renumber_owners(
    page: pikepdf.Page, owners: list[pikepdf.Object], renumber: dict[int, int]
) -> None:
    """Each element keeping content on this page points at that content's new MCID."""
    import pikepdf

    done: set[tuple[int, int]] = set()
    for owner in owners:
        if owner.objgen in done:
            continue
        done.add(owner.objgen)
        on_page = owner.get("/Pg") is not None and owner["/Pg"].objgen == page.obj.objgen
        new_kids = []
        for kid in kids(owner):
            if isinstance(kid, int) and on_page:
                kid = renumber.get(int(kid), kid)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                pg = kid.get("/Pg", owner.get("/Pg"))
                if pg is not None and pg.objgen == page.obj.objgen:
                    kid["/MCID"] = renumber.get(int(kid["/MCID"]), int(kid["/MCID"]))
            new_kids.append(kid)
        owner["/K"] = pikepdf.Array(new_kids)


def _multiply(a: Matrix, b: Matrix) -> Matrix:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _transform(ctm: Matrix, x: float, y: float) -> tuple[float, float]:
    return (ctm[0] * x + ctm[2] * y + ctm[4], ctm[1] * x + ctm[3] * y + ctm[5])


# ---- links ----------------------------------------------------------------------------------


def describe_links(pdf: pikepdf.Pdf) -> None:
    """Every link annotation's /Contents says where it goes, not its raw address."""
    import pikepdf

    numbers = {page.obj.objgen: index + 1 for index, page in enumerate(pdf.pages)}
    dests = _named_destinations(pdf)
    titles = _bookmark_titles(pdf, dests)
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", ()):
            if annotation.get("/Subtype") != "/Link":
                continue
            action = annotation.get("/A")
            if action is not None and action.get("/S") == "/URI":
                text = link_description(uri=str(action["/URI"]))
            else:
                key = _destination_key(_target(annotation, dests))
                text = link_description(
                    page=numbers.get(key[0]) if key else None,
                    title=titles.get(key) if key else None,
                )
            annotation["/Contents"] = pikepdf.String(text)


def link_description(
    uri: str | None = None, page: int | None = None, title: str | None = None
) -> str:
    """Words for where a link goes: a section and page, a web page, an email or a phone call."""
    if uri is None:
        if title and page:
            return f"Go to ‘{title}’, page {page}"
        return f"Go to page {page}" if page else "Go to another part of this document"
    parts = urlsplit(uri)
    if parts.scheme == "mailto":
        return f"Write an email to {unquote(parts.path)}"
    if parts.scheme == "tel":
        return f"Call {unquote(parts.path)}"
    shown = (parts.netloc + parts.path).rstrip("/") + (f"?{parts.query}" if parts.query else "")
    return f"Open the web page {unquote(shown)} in a web browser"


def _named_destinations(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    import pikepdf

    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    return {str(k): v for k, v in pikepdf.NameTree(names["/Dests"]).items()}


def _target(item: pikepdf.Object, dests: dict[str, pikepdf.Object]) -> object:
    """Where a link or bookmark goes: its /Dest or GoTo action, a named destination resolved."""
    import pikepdf

    action = item.get("/A")
    target = item.get("/Dest", action.get("/D") if action is not None else None)
    if isinstance(target, pikepdf.String | pikepdf.Name):
        return dests.get(str(target))
    return target


def _destination_key(target: object) -> tuple[tuple[int, int], float, float] | None:
    """(page, x, y) of an explicit destination [page /XYZ x y zoom], rounded to match."""
    import pikepdf

    if isinstance(target, pikepdf.Dictionary):
        target = target.get("/D")
    if not isinstance(target, pikepdf.Array) or len(target) < 4:
        return None
    if not isinstance(target[0], pikepdf.Dictionary) or target[1] != pikepdf.Name.XYZ:
        return None
    return (target[0].objgen, round(float(target[2] or 0), 1), round(float(target[3] or 0), 1))


def _bookmark_titles(pdf: pikepdf.Pdf, dests: dict[str, pikepdf.Object]) -> dict[tuple, str]:
    """The bookmark title of every place a bookmark goes: the heading at that place."""
    titles: dict[tuple, str] = {}
    seen: set[tuple[int, int]] = set()
    outlines = pdf.Root.get("/Outlines")
    stack = [outlines.get("/First")] if outlines is not None else []
    while stack:
        item = stack.pop()
        if item is None or item.objgen in seen:
            continue
        seen.add(item.objgen)
        key = _destination_key(_target(item, dests))
        if key and key not in titles:
            titles[key] = str(item.get("/Title", ""))
        stack.extend([item.get("/Next"), item.get("/First")])
    return titles
