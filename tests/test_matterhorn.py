"""Our Matterhorn checker: silent on a finished PDF, and each check fails on a PDF made bad."""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf
import pytest

import pdf_sample
from matterhorn import Finding, check


def findings_of(data: bytes, damage: Callable[[pikepdf.Pdf], None] | None = None) -> list[Finding]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if damage:
            damage(pdf)
            out = io.BytesIO()
            pdf.save(out)
            with pikepdf.open(io.BytesIO(out.getvalue())) as saved:
                return check(saved)
        return check(pdf)


def checkpoints(findings: list[Finding]) -> set[str]:
    return {f.checkpoint for f in findings}


def elements(pdf: pikepdf.Pdf, kind: str) -> list[pikepdf.Object]:
    found, stack = [], [pdf.Root.StructTreeRoot]
    while stack:
        element = stack.pop()
        if element.get("/S") == kind:
            found.append(element)
        k = element.get("/K")
        for kid in k if isinstance(k, pikepdf.Array) else [k] if k is not None else []:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                stack.append(kid)
    return found


def links(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [a for page in pdf.pages for a in page.obj.get("/Annots", ()) if a.Subtype == "/Link"]


def append_content(pdf: pikepdf.Pdf, operators: bytes) -> None:
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(page.obj.Contents.read_bytes() + b"\n" + operators)


def font(pdf: pikepdf.Pdf) -> pikepdf.Object:
    return next(iter(pdf.pages[0].obj.Resources.Font.values()))


# ---- the finished sample passes; WeasyPrint's own output does not ----------------------------


def test_a_finished_pdf_has_no_findings() -> None:
    assert findings_of(pdf_sample.finished()) == []


def test_the_pdf_before_finishing_has_the_known_gaps() -> None:
    # Margin content outside the tree, a nested list beside its items, the decorative image
    # still a Figure, raw addresses as link descriptions.
    found = findings_of(pdf_sample.raw())
    assert {"01-005", "09-005", "13-004", "28-012"} <= checkpoints(found)
    margin = [f for f in found if f.checkpoint == "01-005"]
    assert all("not in the tree" in f.message for f in margin), margin


# ---- each check fails on purpose -------------------------------------------------------------


def _retag_first(pdf: pikepdf.Pdf, new: bytes) -> None:
    page = pdf.pages[0]
    data = page.obj.Contents.read_bytes()
    start = data.index(b"/Span")
    end = data.index(b"BDC", start) + 3
    page.obj.Contents = pdf.make_stream(data[:start] + new + data[end:])


DAMAGE: dict[str, Callable[[pikepdf.Pdf], None]] = {
    # 01-005: a line painted outside any marked content
    "01-005": lambda pdf: append_content(pdf, b"0 0 m 10 10 l S"),
    # 01-004: tagged content inside an artifact
    "01-004": lambda pdf: append_content(pdf, b"/Artifact BMC /Span <</MCID 0>> BDC EMC EMC"),
    # 01-003: an artifact inside tagged content
    "01-003": lambda pdf: append_content(pdf, b"/P <</MCID 0>> BDC /Artifact BMC EMC EMC"),
    # 14-002: the first heading is not H1
    "14-002": lambda pdf: elements(pdf, "/H1")[0].__setitem__("/S", pikepdf.Name.H2),
    # 14-003: H2 becomes H4, skipping H3 after H1
    "14-003": lambda pdf: [h.__setitem__("/S", pikepdf.Name.H4) for h in elements(pdf, "/H2")],
    # 13-004: a figure loses its alternate text
    "13-004": lambda pdf: elements(pdf, "/Figure")[0].__delitem__("/Alt"),
    # 09-004: a row becomes a paragraph, so its cells are outside any row
    "09-004": lambda pdf: elements(pdf, "/TR")[0].__setitem__("/S", pikepdf.Name.P),
    # 09-005: a list item becomes a paragraph, so its label and body are outside any item
    "09-005": lambda pdf: elements(pdf, "/LI")[0].__setitem__("/S", pikepdf.Name.P),
    # 15-003: no Scope, and no IDTree to resolve the cells' Headers
    "15-003": lambda pdf: [
        pdf.Root.StructTreeRoot.__delitem__("/IDTree"),
        *(th.A.__delitem__("/Scope") for th in elements(pdf, "/TH")),
    ],
    # 28-011: a link annotation tagged as a Span
    "28-011": lambda pdf: elements(pdf, "/Link")[0].__setitem__("/S", pikepdf.Name.Span),
    # 28-012: the description is the raw address again
    "28-012": lambda pdf: [a.__setitem__("/Contents", a.A.URI) for a in links(pdf) if "/A" in a],
    # 28-008: no /Tabs on a page with annotations
    "28-008": lambda pdf: [p.obj.__delitem__("/Tabs") for p in pdf.pages if "/Annots" in p.obj],
    # 28-009: /Tabs in row order
    "28-009": lambda pdf: [
        p.obj.__setitem__("/Tabs", pikepdf.Name.R) for p in pdf.pages if "/Annots" in p.obj
    ],
    # 31-009: the font program is taken out
    "31-009": lambda pdf: font(pdf).DescendantFonts[0].FontDescriptor.__delitem__("/FontFile2"),
    # 10-001: no Unicode map
    "10-001": lambda pdf: font(pdf).__delitem__("/ToUnicode"),
}


@pytest.mark.parametrize("checkpoint", sorted(DAMAGE))
def test_each_check_fails_on_a_damaged_pdf(checkpoint: str) -> None:
    found = findings_of(pdf_sample.finished(), DAMAGE[checkpoint])
    assert checkpoint in checkpoints(found), found


def test_an_mcid_no_element_owns_is_found() -> None:
    def orphan(pdf: pikepdf.Pdf) -> None:
        _retag_first(pdf, b"/Span <</MCID 999>> BDC")

    found = findings_of(pdf_sample.finished(), orphan)
    assert any(f.checkpoint == "01-005" and "MCID 999" in f.where for f in found), found


def test_an_mcid_whose_element_left_the_tree_is_found() -> None:
    def detach(pdf: pikepdf.Pdf) -> None:
        heading = elements(pdf, "/H1")[0]
        parent = heading.P
        parent.K = pikepdf.Array([k for k in parent.K if k.objgen != heading.objgen])

    found = findings_of(pdf_sample.finished(), detach)
    assert any("is not in the tree" in f.message for f in found), found


def test_a_th_with_headers_through_the_idtree_needs_no_scope() -> None:
    def no_scope(pdf: pikepdf.Pdf) -> None:
        for th in elements(pdf, "/TH"):
            if th.get("/ID") is not None:
                del th.A["/Scope"]

    assert "15-003" not in checkpoints(findings_of(pdf_sample.finished(), no_scope))


def test_an_untagged_widget_is_found() -> None:
    def widget(pdf: pikepdf.Pdf) -> None:
        annotation = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Widget,
                Rect=[0, 0, 10, 10],
                F=4,
            )
        )
        pdf.pages[0].obj.Annots = pikepdf.Array([annotation])
        pdf.pages[0].obj.Tabs = pikepdf.Name.S
        pdf.Root.AcroForm = pikepdf.Dictionary(Fields=pikepdf.Array([annotation]))

    assert {"28-010", "28-005"} <= checkpoints(findings_of(pdf_sample.finished(), widget))


def test_a_bookmark_to_nowhere_is_found() -> None:
    def nowhere(pdf: pikepdf.Pdf) -> None:
        pdf.Root.Outlines.First.Dest = pikepdf.Array([None, pikepdf.Name.Fit])

    found = findings_of(pdf_sample.finished(), nowhere)
    assert any(f.where.startswith("bookmark") for f in found), found
