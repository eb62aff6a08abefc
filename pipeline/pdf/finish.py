"""The last step of every PDF: what WeasyPrint's tagging leaves undone, then PDF/A-2a.

WeasyPrint 70 tags the text of page-margin boxes (running headers, footers, page numbers, the
DRAFT label) as Span content with an MCID, and gives it structure elements that no element of
the tree reaches (weasyprint/pdf/tags.py: an Artifact in the tree is only allowed in PDF 2.0).
veraPDF accepts that; Matterhorn checks and screen readers see tagged content outside the
document (Kozea/WeasyPrint#1836). Without changing anything that is drawn, this step:

- tidies the structure tree (structure.py): the pieces of one table, list, paragraph or
  link on several pages or lines joined, repeated table headers out, terms paired with their
  descriptions, decorative elements out, nested links merged, nested lists in their item,
  languages only where they change, TH ids in an IDTree;
- turns content whose element the root does not reach into pagination artifacts (a header or
  a footer, by where it sits on the page), the content of repeated table headers into
  pagination artifacts, and the content of decorative elements into layout artifacts
  (content.py);
- renumbers each page's MCIDs from 0 and points the parent tree at the elements that now own
  the content and the annotations;
- gives every link annotation a /Contents that says where the link goes;
- declares PDF/A-2a and stamps the toolkit's version (archive.py).

Borders, backgrounds and crop marks are artifacts already: WeasyPrint draws them that way.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .. import model as m
from ..rendered import Rendered
from .archive import make_archival
from .content import retag_content
from .structure import Tree, is_element, kids, tidy_tree

if TYPE_CHECKING:
    import pikepdf


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


# ---- artifacts and the parent tree ---------------------------------------------------------


def mark_artifacts(pdf: pikepdf.Pdf, tree: Tree) -> None:
    """Content no reached element owns becomes an artifact; the parent tree follows the tree.

    The content of a decorative element is layout; content whose element the root does not
    reach is the content of a page margin: pagination. The other MCIDs of the page are
    renumbered from 0, and what the parent tree gives merged elements goes to their new owner.
    """
    import pikepdf

    parent_tree = pikepdf.NumberTree(pdf.Root["/StructTreeRoot"]["/ParentTree"])
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        if key is not None and int(key) in parent_tree:
            _retag_page(pdf, page, parent_tree, int(key), tree)
        for annotation in page.obj.get("/Annots", ()):
            number = annotation.get("/StructParent")
            if number is not None and int(number) in parent_tree:
                named = parent_tree[int(number)]
                owner = tree.owner(named) if is_element(named) else named
                if is_element(owner) and owner.objgen != named.objgen:
                    parent_tree[int(number)] = owner


def _retag_page(
    pdf: pikepdf.Pdf, page: pikepdf.Page, parent_tree: pikepdf.NumberTree, key: int, tree: Tree
) -> None:
    import pikepdf

    kinds: dict[int, str] = {}
    owners: dict[int, pikepdf.Object] = {}
    moved = False
    for mcid, element in enumerate(parent_tree[key]):
        objgen = element.objgen if isinstance(element, pikepdf.Dictionary) else None
        if objgen in tree.decorative:
            kinds[mcid] = "Layout"
        elif objgen in tree.repeated:
            kinds[mcid] = "Repeated"
        elif objgen in tree.moved:
            owners[mcid], moved = tree.owner(element), True
        elif objgen in tree.reached:
            owners[mcid] = element
        else:
            kinds[mcid] = "Pagination"
    if not kinds and not moved:
        return
    renumber = {old: new for new, old in enumerate(owners)}
    if kinds or any(old != new for old, new in renumber.items()):
        page.obj["/Contents"] = pdf.make_stream(
            retag_content(_content(page), kinds, renumber, _middle(page))
        )
        _renumber_owners(page, list(owners.values()), renumber)
    parent_tree[key] = pikepdf.Array(list(owners.values()))


def _content(page: pikepdf.Page) -> bytes:
    import pikepdf

    contents = page.obj["/Contents"]
    if isinstance(contents, pikepdf.Array):  # several streams are one stream, concatenated
        return b"\n".join(stream.read_bytes() for stream in contents)
    return contents.read_bytes()


def _middle(page: pikepdf.Page) -> float:
    box = [float(v) for v in page.mediabox]
    return (box[1] + box[3]) / 2


def _renumber_owners(
    page: pikepdf.Page, owners: list[pikepdf.Object], renumber: dict[int, int]
) -> None:
    """Each element keeping content on this page points at that content's new MCID."""
    import pikepdf

    if all(old == new for old, new in renumber.items()):
        return
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
