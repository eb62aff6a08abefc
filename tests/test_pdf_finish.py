"""The finishing step on a small page rendered through html_to_pdf: artifacts, languages, links,
the tree, PDF/A-2a beside PDF/UA-1, the same pixels and the same bytes every time."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from pipeline.errors import ToolkitError
from pipeline.pdf.content import retag_content
from pipeline.pdf.engine import html_to_pdf
from pipeline.pdf.finish import finish_pdf, link_description
from pipeline.publish.build import render_one
from pipeline.read.source import Sources, load

import pdf_sample
from conftest import Project, assert_pdf_standards, require_tool


@pytest.fixture(scope="module")
def pdf() -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(pdf_sample.finished()))


def walk(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """Every element the structure root reaches, in reading order."""
    found, stack = [], list(reversed(list(pdf.Root.StructTreeRoot.K)))
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            continue
        found.append(element)
        k = element.get("/K")
        stack.extend(reversed(list(k)) if isinstance(k, pikepdf.Array) else [k])
    return found


def content(pdf: pikepdf.Pdf) -> bytes:
    return b"\n".join(page.obj.Contents.read_bytes() for page in pdf.pages)


def mcids(element: pikepdf.Object) -> list[int]:
    k = element.get("/K")
    return [int(x) for x in (k if isinstance(k, pikepdf.Array) else [k]) if isinstance(x, int)]


# ---- artifacts ---------------------------------------------------------------------------------


def test_running_headers_and_footers_are_pagination_artifacts(pdf: pikepdf.Pdf) -> None:
    pages = len(pdf.pages)
    stream = content(pdf)
    # "Running header" and "DRAFT" on every page, the page number at the foot of every page.
    assert stream.count(b"/Artifact <</Type /Pagination /Subtype /Header>> BDC") == 2 * pages
    assert stream.count(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC") == pages


def test_every_mcid_left_is_owned_by_an_element_in_the_tree(pdf: pikepdf.Pdf) -> None:
    parent_tree = pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree)
    reached = {e.objgen for e in walk(pdf)}
    for page in pdf.pages:
        in_stream = [
            int(n) for n in re.findall(rb"<</MCID (\d+)>>", page.obj.Contents.read_bytes())
        ]
        owners = list(parent_tree[int(page.obj.StructParents)])
        assert sorted(in_stream) == list(range(len(owners)))  # renumbered from 0, dense
        for mcid, owner in enumerate(owners):
            assert owner.objgen in reached and mcid in mcids(owner)


def test_a_decorative_image_is_a_layout_artifact_and_no_figure(pdf: pikepdf.Pdf) -> None:
    figures = [e for e in walk(pdf) if e.S == "/Figure"]
    assert [str(f.Alt) for f in figures] == ["The council logo"]
    assert b"/Artifact <</Type /Layout>> BDC" in content(pdf)
    assert pdf.pages[1].obj.Contents.read_bytes().count(b" Do\n") == 2  # both still drawn


def test_an_image_without_any_alt_still_stops_the_build() -> None:
    with pytest.raises(ToolkitError, match="no required alt"):
        html_to_pdf(
            pdf_sample.page("<p><img src='images/logo.png' alt=''><img src='images/logo.png'></p>"),
            ["print.css"],
            "test",
            pdf_sample.pictures(),
        )


def test_contents_leaders_are_artifacts_and_each_entry_is_one_link(pdf: pikepdf.Pdf) -> None:
    items = [e for e in walk(pdf) if e.S == "/LI"][:2]
    for item in items:
        links = [e for e in walk_from(item) if e.S == "/Link"]
        assert len(links) == 1  # the text, the page number and their annotations, together
        references = [k for k in links[0].K if isinstance(k, pikepdf.Dictionary)]
        assert len(references) >= 2 and all(r.Type == "/OBJR" for r in references)
    assert b"/Artifact <</Type /Layout>> BDC" in pdf.pages[0].obj.Contents.read_bytes()


def walk_from(element: pikepdf.Object) -> list[pikepdf.Object]:
    found, stack = [], [element]
    while stack:
        item = stack.pop()
        if isinstance(item, pikepdf.Dictionary) and "/S" in item:
            found.append(item)
            k = item.get("/K")
            stack.extend(list(k) if isinstance(k, pikepdf.Array) else [k])
    return found


def test_no_private_marks_are_left(pdf: pikepdf.Pdf) -> None:
    assert all("/ToolkitDecorative" not in element for element in walk(pdf))


# ---- languages, lists, tables, links --------------------------------------------------------


def test_a_welsh_phrase_is_tagged_cy_and_nothing_repeats_the_document_language(
    pdf: pikepdf.Pdf,
) -> None:
    assert str(pdf.Root.Lang) == "en-GB"
    languages = [(e.S, str(e.Lang)) for e in walk(pdf) if "/Lang" in e]
    assert languages == [("/Span", "cy")]


def test_the_welsh_span_holds_the_welsh_words() -> None:
    pdftotext = require_tool("pdftotext")
    raw = pikepdf.open(io.BytesIO(pdf_sample.finished()))
    (welsh,) = [e for e in walk(raw) if "/Lang" in e]
    page = [p.obj.objgen for p in raw.pages].index(welsh.Pg.objgen) + 1
    text = subprocess.run(
        [pdftotext, "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf_sample.finished(),
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert pdf_sample.WELSH in text
    assert len(walk_from(welsh)) >= 2  # the Span and the text it holds


def test_a_nested_list_is_inside_the_body_of_its_item(pdf: pikepdf.Pdf) -> None:
    assert [e for e in walk(pdf) if e.S == "/L" and e.P.S == "/LBody"]
    for lst in (e for e in walk(pdf) if e.S == "/L"):
        assert all(kid.S in ("/LI", "/Caption") for kid in lst.K)


def test_th_cells_have_scope_and_their_ids_are_in_the_idtree(pdf: pikepdf.Pdf) -> None:
    headers = [e for e in walk(pdf) if e.S == "/TH"]
    assert [str(e.A.Scope) for e in headers] == ["/Column", "/Column", "/Row"]
    ids = dict(pikepdf.NameTree(pdf.Root.StructTreeRoot.IDTree).items())
    assert {str(e.ID) for e in headers} == set(ids)
    assert all(ids[str(e.ID)].objgen == e.objgen for e in headers)


def test_links_say_where_they_go(pdf: pikepdf.Pdf) -> None:
    descriptions = {
        str(a.Contents)
        for page in pdf.pages
        for a in page.obj.get("/Annots", ())
        if "/Contents" in a
    }
    assert "Go to ‘First part’, page 2" in descriptions
    assert "Go to ‘Second part’, page 3" in descriptions
    assert "Write an email to clerk@example.gov.uk" in descriptions
    assert "Call 01234 567890" in descriptions
    assert "Open the web page www.example.gov.uk/guide in a web browser" in descriptions


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"uri": "mailto:a%40b.gov.uk"}, "Write an email to a@b.gov.uk"),
        ({"uri": "tel:+441234"}, "Call +441234"),
        ({"uri": "https://x.gov.uk/a?b=1"}, "Open the web page x.gov.uk/a?b=1 in a web browser"),
        ({"page": 4, "title": "Getting support"}, "Go to ‘Getting support’, page 4"),
        ({"page": 4}, "Go to page 4"),
        ({}, "Go to another part of this document"),
    ],
)
def test_link_description(kwargs: dict, expected: str) -> None:
    assert link_description(**kwargs) == expected


# ---- standards, reproducibility, pixels ---------------------------------------------------------


def test_declares_pdf_ua_1_and_pdf_a_2a_with_an_srgb_output_intent(pdf: pikepdf.Pdf) -> None:
    xmp = pdf.Root.Metadata.read_bytes().decode()
    assert 'pdfuaid:part="1"' in xmp
    assert 'pdfaid:part="2"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>" in xmp
    assert pdf.open_metadata()["xmpMM:VersionID"] == "2.3"
    assert str(pdf.docinfo["/Version"]) == "2.3" and str(pdf.docinfo["/Status"]) == "draft"
    (intent,) = pdf.Root.OutputIntents
    assert intent.S == "/GTS_PDFA1" and int(intent.DestOutputProfile.N) == 3
    assert all(int(a.F) == 4 for page in pdf.pages for a in page.obj.get("/Annots", ()))
    images = pdf.pages[1].get_images().values()
    assert images and all(not image.get("/Interpolate", False) for image in images)


def test_passes_verapdf_pdf_ua_1_and_pdf_a_2a(tmp_path: Path) -> None:
    path = tmp_path / "sample.pdf"
    path.write_bytes(pdf_sample.finished())
    assert_pdf_standards(path)


def test_finishing_is_deterministic() -> None:
    assert finish_pdf(pdf_sample.raw(), pdf_sample.META) == pdf_sample.finished()


def test_pages_look_the_same_before_and_after(tmp_path: Path) -> None:
    before, after = tmp_path / "before.pdf", tmp_path / "after.pdf"
    before.write_bytes(pdf_sample.raw())
    after.write_bytes(pdf_sample.finished())
    assert render(before, tmp_path / "b") == render(after, tmp_path / "a")


def render(pdf: Path, stem: Path, dpi: int = 50) -> list[bytes]:
    """Every page as raw pixels (PPM), at a low resolution."""
    pdftoppm = require_tool("pdftoppm")
    subprocess.run([pdftoppm, "-r", str(dpi), str(pdf), str(stem)], check=True)
    pages = sorted(stem.parent.glob(f"{stem.name}-*.ppm"))
    assert pages
    return [page.read_bytes() for page in pages]


# ---- the content stream is edited only where it is understood -----------------------------------


def test_retagging_keeps_every_drawing_operator() -> None:
    data = b"q\n1 0 0 -1 0 800 cm\n/Span\n<</MCID 0>>\nBDC\nBT\n1 0 0 -1 10 20 Tm\nET\nEMC\nQ"
    out = retag_content(data, {0: "Pagination"}, {}, middle=400.0)
    assert out == data.replace(
        b"/Span\n<</MCID 0>>\nBDC", b"/Artifact <</Type /Pagination /Subtype /Header>> BDC"
    )


def test_retagging_refuses_syntax_it_does_not_know() -> None:
    with pytest.raises(ValueError, match="syntax"):
        retag_content(b"/Span\n<</MCID 0>>\nBDC\n(text) Tj\nEMC", {0: "Pagination"}, {}, 0.0)
    with pytest.raises(ValueError, match="parent tree"):
        retag_content(b"/Span\n<</MCID 3>>\nBDC\nEMC", {0: "Pagination"}, {}, 0.0)


def test_a_welsh_phrase_in_the_source_is_tagged_cy_in_the_appendix(mini: Project) -> None:
    mini.append("\nSay [Croeso i bawb]{lang=cy} to everyone.\n")
    document = load(Sources(mini.source, mini.settings)).document
    rendered, _ = render_one("appendix", document)
    with pikepdf.open(io.BytesIO(rendered.data)) as appendix:
        languages = [(str(e.S), str(e.Lang)) for e in walk(appendix) if "/Lang" in e]
    assert languages == [("/Span", "cy")]
