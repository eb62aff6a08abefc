"""WeasyPrint's structure tree, tidied in one walk from the root.

- An element render/tagging.py marked decorative (an `<img alt="">`, the dots of a leader in
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

from .render.tagging import DECORATIVE

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
    moved: dict[ObjGen, pikepdf.Object] = field(default_factory=dict)  # merged into another

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
            _drop(element, parent, tree)
            continue
        tree.reached.add(key)
        kind = str(element["/S"])
        if kind == "/L":
            _nest_lists(pdf, element)
        elif kind == "/Link":
            _merge_links(element, tree)
        elif kind == "/TH" and "/ID" in keys:
            headers[str(element["/ID"])] = element
        language = inherited
        if "/Lang" in keys:
            language = str(element["/Lang"])
            if language == inherited:
                del element["/Lang"]
        if "/K" in keys:
            stack.extend((kid, element, language) for kid in reversed(kids(element)))
    if headers:
        names = [item for id_ in sorted(headers) for item in (pikepdf.String(id_), headers[id_])]
        root["/IDTree"] = pikepdf.Dictionary(Names=pikepdf.Array(names))
    return tree


def _drop(element: pikepdf.Object, parent: pikepdf.Object, tree: Tree) -> None:
    """Take a decorative element out; its annotations, if any, stay with its parent."""
    import pikepdf

    references = []
    stack = [element]
    while stack:
        item = stack.pop()
        tree.decorative.add(item.objgen)
        tree.moved[item.objgen] = parent  # for its annotations; its MCIDs become artifacts
        for kid in kids(item):
            if is_element(kid):
                stack.append(kid)
            elif _is_reference(kid, "/OBJR"):
                references.append(kid)
    del element[DECORATIVE]
    replaced = []
    for kid in kids(parent):
        if is_element(kid) and kid.objgen == element.objgen:
            replaced.extend(references)
        else:
            replaced.append(kid)
    parent["/K"] = pikepdf.Array(replaced)


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
