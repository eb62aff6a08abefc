"""WeasyPrint's structure tree, tidied in one walk from the root.

WeasyPrint tags each page on its own, and each line of a link on its own: a table, list,
paragraph or box that runs onto the next page is two elements, the header row repeated on
the next page is tagged as the header of a second table, and a link over two lines is two
links. pdf/hooks.py numbers every element by the HTML element it comes from, so here:

- Pieces of one HTML element that stand side by side (on consecutive pages or lines) become
  one element again; content of another page is referred to with its page (an MCR). An
  anonymous block WeasyPrint tags as its own element inside it (a paragraph in a paragraph,
  where a `display: block` span splits it) becomes a Div of that element.
- A table header or footer repeated on a later page leaves the tree: its content becomes a
  pagination artifact, and the cells after it point at the headers of the first page.
- A term and its descriptions (`<dt>`, `<dd>`) become one list item: the term its Lbl, each
  description a P in its LBody, so that a reader hears each label with its value.
- An element pdf/hooks.py marked decorative (an `<img alt="">`, the dots of a leader in
  the contents) leaves the tree; its content becomes layout artifacts and any link annotation
  it held passes to its parent.
- A Link inside a Link (a contents entry, its `::after` page number) becomes one Link.
- A list nested in a list moves into the LBody of the item before it (ISO 32000-1 Table 336;
  WeasyPrint puts it beside the items).
- A /Lang that repeats the language an element inherits is dropped.
- Every TH's ID goes into the IDTree, so that the Headers of the cells resolve.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .hooks import DECORATIVE, ELEMENT, TAG

if TYPE_CHECKING:
    import pikepdf

ObjGen = tuple[int, int]


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


def _is(obj: object, kind: str) -> bool:
    return is_element(obj) and obj.get("/S") == kind  # type: ignore[union-attr]


@dataclass
class Tree:
    """What the walk found and changed."""

    reached: set[ObjGen] = field(default_factory=set)
    decorative: set[ObjGen] = field(default_factory=set)  # their content becomes artifacts
    repeated: set[ObjGen] = field(default_factory=set)  # repeated table headers: artifacts
    moved: dict[ObjGen, pikepdf.Object] = field(default_factory=dict)  # merged into another
    header_ids: dict[int, str] = field(default_factory=dict)  # HTML element -> its TH's ID
    repeated_ids: dict[str, int] = field(default_factory=dict)  # a repeated TH's ID -> element

    def owner(self, element: pikepdf.Object) -> pikepdf.Object:
        """The element that now owns what the parent tree gives `element`."""
        seen: set[ObjGen] = set()
        while element.objgen in self.moved and element.objgen not in seen:
            seen.add(element.objgen)
            element = self.moved[element.objgen]
        return element


def tidy_tree(pdf: pikepdf.Pdf) -> Tree:
    """Walk the tree from the root once, tidying it as the module says; what was reached."""
    import pikepdf

    tree = Tree()
    headers: dict[str, pikepdf.Object] = {}
    cells: list[pikepdf.Object] = []  # cells with Headers, to point past repeated headers
    root = pdf.Root["/StructTreeRoot"]
    stack = [(kid, root, str(pdf.Root.get("/Lang", ""))) for kid in reversed(kids(root))]
    while stack:
        element, parent, inherited = stack.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue  # an MCID
        keys = element.keys()  # one call into pikepdf instead of one per key
        if "/S" not in keys:
            continue  # a reference to marked content or to an annotation
        key = element.objgen
        if key in tree.reached or key in tree.decorative:  # shared or cyclic: visit once
            continue
        if DECORATIVE in keys:
            _drop(element, parent, tree, tree.decorative)
            continue
        tree.reached.add(key)
        kind = str(element["/S"])
        if kind == "/L":
            _nest_lists(pdf, element)
        if "/K" in keys:
            _join_pieces(pdf, element, tree)
        if kind == "/L" and TAG in keys and element[TAG] == "/dl":
            _pair_terms(pdf, element, tree)
        elif kind == "/Link":
            _merge_links(element, tree)
        elif kind == "/TH" and "/ID" in keys:
            headers[str(element["/ID"])] = element
            if ELEMENT in keys:
                tree.header_ids.setdefault(int(element[ELEMENT]), str(element["/ID"]))
        if kind in ("/TD", "/TH") and "/A" in keys and "/Headers" in element["/A"]:
            cells.append(element)
        for private in (ELEMENT, TAG):
            if private in keys:
                del element[private]
        language = inherited
        if "/Lang" in keys:
            language = str(element["/Lang"])
            if language == inherited:
                del element["/Lang"]
        if "/K" in keys:
            stack.extend((kid, element, language) for kid in reversed(kids(element)))
    _point_past_repeats(cells, tree)
    if headers:
        names = [item for id_ in sorted(headers) for item in (pikepdf.String(id_), headers[id_])]
        root["/IDTree"] = pikepdf.Dictionary(Names=pikepdf.Array(names))
    return tree


def _drop(element: pikepdf.Object, parent: pikepdf.Object, tree: Tree, into: set[ObjGen]) -> None:
    """Take an element out, its content to become artifacts (`into` says which); its
    annotations, if any, stay with its parent."""
    import pikepdf

    references = []
    stack = [element]
    while stack:
        item = stack.pop()
        into.add(item.objgen)
        tree.moved[item.objgen] = parent  # for its annotations; its MCIDs become artifacts
        if item.get("/S") == "/TH" and "/ID" in item and ELEMENT in item:
            tree.repeated_ids[str(item["/ID"])] = int(item[ELEMENT])
        for kid in kids(item):
            if is_element(kid):
                stack.append(kid)
            elif _is_reference(kid, "/OBJR"):
                references.append(kid)
    if DECORATIVE in element:
        del element[DECORATIVE]
    replaced = []
    for kid in kids(parent):
        if is_element(kid) and kid.objgen == element.objgen:
            replaced.extend(references)
        else:
            replaced.append(kid)
    parent["/K"] = pikepdf.Array(replaced)


REPEATED_GROUPS = ("/THead", "/TFoot")  # what WeasyPrint draws again on every page of a table


def _join_pieces(pdf: pikepdf.Pdf, element: pikepdf.Object, tree: Tree) -> None:
    """Join side-by-side pieces of one HTML element among the kids; drop repeated headers."""
    import pikepdf

    kept: list = []
    first: dict[int, pikepdf.Object] = {}
    changed = False
    for kid in kids(element):
        number = _number(kid)
        if number is None or DECORATIVE in kid:
            kept.append(kid)
            continue
        if number == _number(element) and kid["/S"] == element["/S"] != "/Link":
            # an anonymous block WeasyPrint made inside its element (a paragraph holding a
            # `display: block` span): a block of the element, not an element of its own
            kid["/S"] = pikepdf.Name.Div
        elif _is_piece_of(kept[-1] if kept else None, number, kid["/S"]):
            _append_piece(pdf, kept[-1], kid, tree)
            changed = True
            continue
        elif number in first and kid["/S"] in REPEATED_GROUPS:
            _drop(kid, element, tree, tree.repeated)
            changed = True
            continue
        first.setdefault(number, kid)
        kept.append(kid)
    if changed:
        element["/K"] = pikepdf.Array(kept)


def _is_piece_of(before: object, number: int, role: object) -> bool:
    """Whether a kid of this element number and role continues the kid before it."""
    return (
        _number(before) == number
        and before["/S"] == role  # type: ignore[index]
        and DECORATIVE not in before  # type: ignore[operator]
    )


def _number(kid: object) -> int | None:
    """The number of the HTML element a structure element comes from, if it has one."""
    if is_element(kid) and ELEMENT in kid:  # type: ignore[operator]
        return int(kid[ELEMENT])  # type: ignore[index]
    return None


def _append_piece(
    pdf: pikepdf.Pdf, target: pikepdf.Object, piece: pikepdf.Object, tree: Tree
) -> None:
    """Everything `piece` holds goes to the end of `target`; `piece` is merged away."""
    import pikepdf

    page = piece.get("/Pg")
    elsewhere = not _same_page(page, target.get("/Pg"))
    added = []
    for kid in kids(piece):
        if isinstance(kid, int) and elsewhere:  # an MCID of another page: say which page
            kid = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page, MCID=kid)
        elif is_element(kid):
            kid["/P"] = target
        added.append(kid)
    target["/K"] = pikepdf.Array([*kids(target), *added])
    tree.moved[piece.objgen] = target


def _pair_terms(pdf: pikepdf.Pdf, element: pikepdf.Object, tree: Tree) -> None:
    """A description list's items as one item per term: Lbl the term, LBody its descriptions.

    WeasyPrint makes an LI with an LBody of each `<dt>` and of each `<dd>`.
    """
    import pikepdf

    kept: list = []
    body = None
    for kid in kids(element):
        tag = kid.get(TAG) if _is(kid, "/LI") else None
        inner = [k for k in kids(kid) if _is(k, "/LBody")] if tag is not None else []
        if tag == "/dt" and len(inner) == 1:
            inner[0]["/S"] = pikepdf.Name.Lbl
            body = None
            kept.append(kid)
        elif tag == "/dd" and len(inner) == 1 and kept and _is(kept[-1], "/LI"):
            if body is None:
                body = pdf.make_indirect(
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.StructElem, S=pikepdf.Name.LBody, P=kept[-1]
                    )
                )
                kept[-1]["/K"] = pikepdf.Array([*kids(kept[-1]), body])
            description = inner[0]
            description["/S"] = pikepdf.Name.P if _inline_only(description) else pikepdf.Name.Div
            description["/P"] = body
            body["/K"] = pikepdf.Array([*kids(body), description])
            tree.moved[kid.objgen] = kept[-1]
        else:
            body = None
            kept.append(kid)
    element["/K"] = pikepdf.Array(kept)


BLOCK_ROLES = ("/P", "/Div", "/L", "/Table", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6")


def _inline_only(element: pikepdf.Object) -> bool:
    return not any(is_element(kid) and kid.get("/S") in BLOCK_ROLES for kid in kids(element))


def _point_past_repeats(cells: list, tree: Tree) -> None:
    """Cells whose Headers name a repeated header cell name the first page's cell instead."""
    import pikepdf

    if not tree.repeated_ids:
        return
    for cell in cells:
        names = cell["/A"]["/Headers"]
        cell["/A"]["/Headers"] = pikepdf.Array(
            [
                pikepdf.String(tree.header_ids.get(tree.repeated_ids.get(str(n), -1), str(n)))
                for n in names
            ]
        )


def _merge_links(link: pikepdf.Object, tree: Tree) -> None:
    """Links inside this Link, on the same page, become part of it."""
    import pikepdf

    page = link.get("/Pg")
    merged, changed = [], False
    pending = list(kids(link))
    while pending:
        kid = pending.pop(0)
        if _is(kid, "/Link") and DECORATIVE not in kid and _same_page(kid.get("/Pg"), page):
            tree.moved[kid.objgen] = link
            inner = kids(kid)
            for grandchild in inner:
                if is_element(grandchild):
                    grandchild["/P"] = link
            pending[:0] = inner
            changed = True
        else:
            merged.append(kid)
    if changed:
        link["/K"] = pikepdf.Array(merged)


def _nest_lists(pdf: pikepdf.Pdf, element: pikepdf.Object) -> None:
    """A list beside the items of a list moves into the body of the item before it."""
    import pikepdf

    kept, item, changed = [], None, False
    for kid in kids(element):
        body = _body(pdf, item) if _is(kid, "/L") and item is not None else None
        if body is not None:
            body["/K"] = pikepdf.Array([*kids(body), kid])
            kid["/P"] = body
            changed = True
            continue
        if _is(kid, "/LI"):
            item = kid
        kept.append(kid)
    if changed:
        element["/K"] = pikepdf.Array(kept)


def _body(pdf: pikepdf.Pdf, item: pikepdf.Object) -> pikepdf.Object:
    import pikepdf

    bodies = [kid for kid in kids(item) if _is(kid, "/LBody")]
    if bodies:
        return bodies[-1]
    body = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.LBody, P=item)
    )
    item["/K"] = pikepdf.Array([*kids(item), body])
    return body


def _is_reference(obj: object, kind: str) -> bool:
    import pikepdf

    return isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == kind


def _same_page(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is b
    return a.objgen == b.objgen  # type: ignore[attr-defined]
