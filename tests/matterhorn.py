"""A checker for the machine-checkable Matterhorn Protocol 1.1 points that veraPDF's PDF/UA-1
profile leaves out, as PAC-style checkers run them; written with pikepdf, independent of the
code that finishes our PDFs (it parses every operator, where pipeline/pdf_finish.py edits bytes).

    findings = check(pikepdf.open(path))
    assert findings == [], "\\n".join(map(str, findings))

Each finding names the Matterhorn checkpoint (e.g. 01-005), or the ISO 32000-1 clause for the
consistency of the parent tree and the bookmarks, and where the problem is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf

# Operators that put marks on the page. `n` ends a path without painting it (clipping), so it
# needs no marked content.
PAINTING = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Tj", "TJ", "'", '"', "Do"}
HEADINGS = {f"/H{level}": level for level in range(1, 7)}
TABLE_PARENTS = {
    "/TR": {"/Table", "/THead", "/TBody", "/TFoot"},
    "/TH": {"/TR"},
    "/TD": {"/TR"},
    "/THead": {"/Table"},
    "/TBody": {"/Table"},
    "/TFoot": {"/Table"},
}
TABLE_CHILDREN = {
    "/Table": {"/TR", "/THead", "/TBody", "/TFoot", "/Caption"},
    "/THead": {"/TR"},
    "/TBody": {"/TR"},
    "/TFoot": {"/TR"},
    "/TR": {"/TH", "/TD"},
}
LIST_PARENTS = {"/LI": {"/L"}, "/Lbl": {"/LI"}, "/LBody": {"/LI"}}
LIST_CHILDREN = {"/L": {"/LI", "/Caption"}, "/LI": {"/Lbl", "/LBody"}}
PARENT_TREE = "ISO 32000-1 14.7.4.4"
OUTLINE = "ISO 32000-1 12.3.3"


@dataclass(frozen=True)
class Finding:
    checkpoint: str  # Matterhorn failure condition, e.g. "13-004", or an ISO 32000-1 clause
    where: str  # "page 3", "page 3, MCID 12", "H3 (object 120)", "annotation (object 40)"
    message: str

    def __str__(self) -> str:
        return f"{self.checkpoint} {self.where}: {self.message}"


def check(pdf: pikepdf.Pdf) -> list[Finding]:
    """Every finding for one PDF; an empty list when it passes."""
    tree = StructTree(pdf)
    return [
        *tree.findings,
        *content_findings(pdf, tree),
        *heading_findings(tree),
        *figure_findings(tree),
        *table_findings(tree),
        *list_findings(tree),
        *annotation_findings(pdf, tree),
        *font_findings(pdf),
        *outline_findings(pdf),
    ]


def _name(element: pikepdf.Object) -> str:
    return f"{element.get('/S')} (object {element.objgen[0]})"


def _kids(element: pikepdf.Object) -> list:
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, pikepdf.Array) else [k]


def _is_element(obj: object) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and "/S" in obj and obj.get("/Type") != "/OBJR"


class StructTree:
    """The structure tree as the root reaches it, and the parent tree beside it."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.findings: list[Finding] = []
        self.order: list[pikepdf.Object] = []  # every reached element, in reading order
        self.parents: dict[tuple[int, int], pikepdf.Object] = {}
        self.mcids: dict[tuple[tuple[int, int], int], pikepdf.Object] = {}  # (page, mcid)
        self.objrs: dict[tuple[int, int], pikepdf.Object] = {}  # annotation -> its element
        self.page_numbers = {page.obj.objgen: n for n, page in enumerate(pdf.pages, 1)}
        root = pdf.Root.get("/StructTreeRoot")
        self.root = root
        self.parent_tree = pikepdf.NumberTree(root["/ParentTree"]) if root is not None else {}
        if root is None:
            self.findings.append(Finding("01-005", "document", "no structure tree"))
            return
        self._walk(root)

    def _walk(self, root: pikepdf.Object) -> None:
        seen: set[tuple[int, int]] = set()
        stack = [(kid, root) for kid in reversed(_kids(root))]
        while stack:
            element, parent = stack.pop()
            if not _is_element(element):
                continue
            if element.objgen in seen:
                self.findings.append(Finding(PARENT_TREE, _name(element), "reached twice"))
                continue
            seen.add(element.objgen)
            self.order.append(element)
            self.parents[element.objgen] = parent
            page = element.get("/Pg")
            for kid in _kids(element):
                self._content_item(element, kid, page)
            stack.extend((kid, element) for kid in reversed(_kids(element)))

    def _content_item(self, element: pikepdf.Object, kid: object, page: object) -> None:
        if isinstance(kid, int):
            if page is None:
                self.findings.append(Finding(PARENT_TREE, _name(element), "an MCID without /Pg"))
                return
            self.mcids[(page.objgen, int(kid))] = element
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            page = kid.get("/Pg", page)
            if page is not None:
                self.mcids[(page.objgen, int(kid["/MCID"]))] = element
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
            self.objrs[kid["/Obj"].objgen] = element

    def parent(self, element: pikepdf.Object) -> pikepdf.Object | None:
        return self.parents.get(element.objgen)

    def children(self, element: pikepdf.Object) -> list[pikepdf.Object]:
        return [kid for kid in _kids(element) if _is_element(kid)]

    def owner(self, key: int, mcid: int | None = None) -> pikepdf.Object | None:
        """The element the parent tree names for a page's MCID, or for an annotation."""
        if key not in self.parent_tree:
            return None
        entry = self.parent_tree[key]
        if mcid is None:
            return entry
        return entry[mcid] if isinstance(entry, pikepdf.Array) and mcid < len(entry) else None


# ---- checkpoint 01: real content tagged -------------------------------------------------------


def _marked(pdf: pikepdf.Pdf) -> Iterator[tuple[int, pikepdf.Page, list, object, str]]:
    """(page number, page, stack of open marked-content tags, operands, operator)."""
    for number, page in enumerate(pdf.pages, 1):
        stack: list[tuple[str, int | None]] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BMC", "BDC"):
                mcid = None
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                    value = operands[1].get("/MCID")
                    mcid = int(value) if value is not None else None
                yield number, page, stack, operands, op
                stack.append((str(operands[0]), mcid))
                continue
            if op == "EMC" and stack:
                stack.pop()
            yield number, page, stack, operands, op


def content_findings(pdf: pikepdf.Pdf, tree: StructTree) -> Iterator[Finding]:
    """Painting only in marked content; no MCID in an artifact or unreachable; the parent tree."""
    seen: dict[int, set[int]] = {}
    for number, page, stack, operands, op in _marked(pdf):
        where = f"page {number}"
        in_artifact = any(tag == "/Artifact" for tag, _ in stack)
        in_tagged = any(mcid is not None for _, mcid in stack)
        if op in PAINTING and not stack:
            yield Finding("01-005", where, f"{op} paints outside any marked content")
        if op not in ("BMC", "BDC"):
            continue
        tag = str(operands[0])
        if tag == "/Artifact":
            if in_tagged:
                yield Finding("01-003", where, "an artifact inside tagged content")
            continue
        mcid = _mcid(operands)
        if mcid is None:
            continue
        if in_artifact:
            yield Finding("01-004", f"{where}, MCID {mcid}", "tagged content inside an artifact")
        seen.setdefault(number, set()).add(mcid)
        yield from _mcid_findings(tree, page, number, mcid)
    for number, page in enumerate(pdf.pages, 1):
        key = page.obj.get("/StructParents")
        entry = tree.owner(int(key)) if key is not None else None
        if isinstance(entry, pikepdf.Array):
            extra = set(range(len(entry))) - seen.get(number, set())
            if extra:
                yield Finding(
                    PARENT_TREE, f"page {number}", f"entries for MCIDs not on the page: {extra}"
                )


def _mcid(operands: list) -> int | None:
    if len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
        value = operands[1].get("/MCID")
        return int(value) if value is not None else None
    return None


def _mcid_findings(
    tree: StructTree, page: pikepdf.Page, number: int, mcid: int
) -> Iterator[Finding]:
    where = f"page {number}, MCID {mcid}"
    key = page.obj.get("/StructParents")
    owner = tree.owner(int(key), mcid) if key is not None else None
    if owner is None or not _is_element(owner):
        yield Finding("01-005", where, "tagged content the parent tree gives no element")
    elif tree.parent(owner) is None:
        yield Finding("01-005", where, f"its element {_name(owner)} is not in the tree")
    elif tree.mcids.get((page.obj.objgen, mcid)) is None:
        yield Finding(PARENT_TREE, where, f"{_name(owner)} does not list this MCID")
    elif tree.mcids[(page.obj.objgen, mcid)].objgen != owner.objgen:
        yield Finding(PARENT_TREE, where, "the parent tree and the tree disagree about its owner")


# ---- checkpoints 13-16: figures, headings, tables, lists ----------------------------------------


def heading_findings(tree: StructTree) -> Iterator[Finding]:
    """14-002: numbered headings start at H1; 14-003: no level is skipped going down."""
    previous = 0
    for element in tree.order:
        level = HEADINGS.get(str(element.get("/S")))
        if level is None:
            continue
        if previous == 0 and level != 1:
            yield Finding("14-002", _name(element), "the first heading is not H1")
        elif level > previous + 1 and previous:
            yield Finding("14-003", _name(element), f"follows H{previous}: a level is skipped")
        previous = level


def figure_findings(tree: StructTree) -> Iterator[Finding]:
    """13-004: every Figure has alternate text (a decorative image is an artifact instead)."""
    for element in tree.order:
        if element.get("/S") == "/Figure" and not (
            str(element.get("/Alt", "")).strip() or str(element.get("/ActualText", "")).strip()
        ):
            yield Finding("13-004", _name(element), "a Figure without alternate text")


def table_findings(tree: StructTree) -> Iterator[Finding]:
    """09-004: table elements nest as ISO 32000-1 Table 337 says; 15-003: every TH has a
    Scope, or has an ID in the IDTree that a cell's Headers refers to."""
    ids = _id_tree(tree)
    referenced = {
        str(header)
        for element in tree.order
        for header in _attribute(element, "/Headers") or ()
        if element.get("/S") in ("/TD", "/TH")
    }
    for element in tree.order:
        kind = str(element.get("/S"))
        yield from _nesting(tree, element, kind, TABLE_PARENTS, TABLE_CHILDREN, "09-004")
        if kind != "/TH" or _attribute(element, "/Scope") is not None:
            continue
        own = element.get("/ID")
        if own is None or str(own) not in referenced:
            yield Finding("15-003", _name(element), "a TH with neither Scope nor Headers to it")
        elif ids.get(str(own)) != element.objgen:
            yield Finding("15-003", _name(element), f"its ID {own} is not in the IDTree")


def list_findings(tree: StructTree) -> Iterator[Finding]:
    """09-005: list elements nest as ISO 32000-1 Table 336 says (a nested L in an LBody)."""
    for element in tree.order:
        kind = str(element.get("/S"))
        yield from _nesting(tree, element, kind, LIST_PARENTS, LIST_CHILDREN, "09-005")


def _nesting(
    tree: StructTree,
    element: pikepdf.Object,
    kind: str,
    parents: dict[str, set[str]],
    children: dict[str, set[str]],
    checkpoint: str,
) -> Iterator[Finding]:
    parent = tree.parent(element)
    if kind in parents and (parent is None or str(parent.get("/S")) not in parents[kind]):
        shown = parent.get("/S") if parent is not None else None
        yield Finding(checkpoint, _name(element), f"inside {shown}")
    for child in tree.children(element) if kind in children else ():
        if str(child.get("/S")) not in children[kind]:
            yield Finding(checkpoint, _name(element), f"contains {_name(child)}")


def _attribute(element: pikepdf.Object, key: str) -> object:
    """A table attribute from the element's /A (a dictionary, or an array of them)."""
    attributes = element.get("/A")
    if attributes is None:
        return None
    items = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
    for item in items:
        if isinstance(item, pikepdf.Dictionary) and key in item:
            return item[key]
    return None


def _id_tree(tree: StructTree) -> dict[str, tuple[int, int]]:
    if tree.root is None or "/IDTree" not in tree.root:
        return {}
    return {str(k): v.objgen for k, v in pikepdf.NameTree(tree.root["/IDTree"]).items()}


# ---- checkpoint 28: annotations ----------------------------------------------------------------


def annotation_findings(pdf: pikepdf.Pdf, tree: StructTree) -> Iterator[Finding]:
    """Links in Link, widgets in Form, all tagged and described; /Tabs /S where there are any."""
    for number, page in enumerate(pdf.pages, 1):
        annotations = list(page.obj.get("/Annots", ()))
        if annotations and page.obj.get("/Tabs") is None:
            yield Finding("28-008", f"page {number}", "annotations but no /Tabs")
        elif annotations and page.obj.get("/Tabs") != "/S":
            yield Finding("28-009", f"page {number}", f"/Tabs is {page.obj.get('/Tabs')}, not /S")
        for annotation in annotations:
            yield from _annotation(tree, number, annotation)


def _annotation(tree: StructTree, number: int, annotation: pikepdf.Object) -> Iterator[Finding]:
    subtype = str(annotation.get("/Subtype"))
    where = f"page {number}, {subtype} annotation (object {annotation.objgen[0]})"
    if subtype in ("/Popup", "/PrinterMark") or _hidden(annotation):
        return
    element = tree.objrs.get(annotation.objgen)
    key = annotation.get("/StructParent")
    named = tree.owner(int(key)) if key is not None else None
    expected = {"/Link": ("/Link", "28-011"), "/Widget": ("/Form", "28-010")}
    tag, checkpoint = expected.get(subtype, ("/Annot", "28-002"))
    if element is None or named is None or named.objgen != element.objgen:
        yield Finding(checkpoint, where, "not tagged (no OBJR, or the parent tree disagrees)")
    elif element.get("/S") != tag:
        yield Finding(checkpoint, where, f"tagged {element.get('/S')}, not {tag}")
    description = str(annotation.get("/Contents", "")).strip()
    if subtype == "/Widget":
        if not (description or str(annotation.get("/TU", "")).strip()):
            yield Finding("28-005", where, "a form field without /TU or /Contents")
    elif not description and not (element is not None and element.get("/Alt")):
        yield Finding("28-012" if subtype == "/Link" else "28-004", where, "no /Contents")
    elif subtype == "/Link" and description in _addresses(annotation):
        yield Finding("28-012", where, f"/Contents is only the raw address {description!r}")


def _hidden(annotation: pikepdf.Object) -> bool:
    return bool(int(annotation.get("/F", 0)) & 2)  # the Hidden flag


def _addresses(annotation: pikepdf.Object) -> set[str]:
    """The raw targets a description must not merely repeat."""
    found = set()
    action = annotation.get("/A")
    if action is not None and "/URI" in action:
        found.add(str(action["/URI"]))
    dest = annotation.get("/Dest")
    if isinstance(dest, pikepdf.String | pikepdf.Name):
        found |= {str(dest), f"#{dest}"}
    return found


# ---- checkpoints 10 and 31: fonts ---------------------------------------------------------------


def font_findings(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    """31-009: every font program is embedded; 10-001: every font maps its codes to Unicode."""
    seen: set[tuple[int, int]] = set()
    for font in _fonts(pdf):
        if font.objgen in seen:
            continue
        seen.add(font.objgen)
        where = f"font {font.get('/BaseFont')} (object {font.objgen[0]})"
        subtype = font.get("/Subtype")
        if subtype == "/Type3":
            continue  # glyphs are content streams in the file
        descendant = font["/DescendantFonts"][0] if subtype == "/Type0" else font
        descriptor = descendant.get("/FontDescriptor")
        if descriptor is None or not any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
        ):
            yield Finding("31-009", where, "the font program is not embedded")
        if "/ToUnicode" not in font:
            yield Finding("10-001", where, "no ToUnicode map")


def _fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Object]:
    """Every font in the resources of the pages and of the forms they draw."""
    stack = [page.obj.get("/Resources") for page in pdf.pages]
    visited: set[tuple[int, int]] = set()
    while stack:
        resources = stack.pop()
        if resources is None:
            continue
        if resources.is_indirect:
            if resources.objgen in visited:
                continue
            visited.add(resources.objgen)
        yield from (font for _, font in resources.get("/Font", {}).items())
        for _, xobject in resources.get("/XObject", {}).items():
            if xobject.get("/Subtype") == "/Form":
                stack.append(xobject.get("/Resources"))


# ---- bookmarks ----------------------------------------------------------------------------------


def outline_findings(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    """Every bookmark goes to a page of this document."""
    pages = {page.obj.objgen for page in pdf.pages}
    names = pdf.Root.get("/Names")
    dests = (
        {str(k): v for k, v in pikepdf.NameTree(names["/Dests"]).items()}
        if names is not None and "/Dests" in names
        else {}
    )
    outlines = pdf.Root.get("/Outlines")
    stack = [outlines.get("/First")] if outlines is not None else []
    while stack:
        item = stack.pop()
        if item is None:
            continue
        action = item.get("/A")
        target = item.get("/Dest", action.get("/D") if action is not None else None)
        if isinstance(target, pikepdf.String | pikepdf.Name):
            target = dests.get(str(target))
        if isinstance(target, pikepdf.Dictionary):
            target = target.get("/D")
        page = target[0] if isinstance(target, pikepdf.Array) and len(target) else None
        if not isinstance(page, pikepdf.Dictionary) or page.objgen not in pages:
            yield Finding(OUTLINE, f"bookmark {item.get('/Title')}", "goes to no page")
        stack.extend([item.get("/Next"), item.get("/First")])
