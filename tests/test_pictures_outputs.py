"""What each output gets from a picture, read back with real readers: python-docx, mammoth and
LibreOffice for Word, WeasyPrint with pikepdf and poppler for the PDFs, Chromium for the web page.
Every format (SVG, PNG, JPEG, GIF, WebP) goes into each, and nothing of a hostile SVG does."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import font_source_sans_pro
import mammoth
import pikepdf
import pytest
from docx.shared import Cm
from PIL import Image

from pipeline.pictures import Picture, read_picture
from pipeline.read.images import MISSING_FIX
from pipeline.render.docx.oxml.pictures import ASVG, add_svg_beside

from browser import chromium, offline_page
from conftest import HANG_SECONDS, require_tool
from libreoffice import convert
from picture_samples import LINE, SOURCE, SVG_LOGO, raster, svg, write

TEXT_WIDTH_CM = 16.0
# The PDFs' pinned typeface, from its package (as the PDFs take it)
FONT_DIR = Path(font_source_sans_pro.__file__).resolve().parent / "files"
FONTS = (FONT_DIR / "SourceSansPro-Regular.ttf", FONT_DIR / "SourceSansPro-Bold.ttf")
PURPLE = (0x6B, 0x2C, 0x91)
HOSTILE = svg(
    '<script>alert("script")</script>'
    '<rect width="100" height="50" fill="#6b2c91" onload="alert(\'onload\')"/>'
    '<a href="javascript:alert(\'link\')"><circle cx="50" cy="25" r="10" fill="#fff"/></a>'
    '<set attributeName="fill" to="red"/>',
    'width="100" height="50"',
)


def picture(folder: Path, name: str, data: bytes | str) -> Picture:
    path = write(folder, name, data)
    return read_picture(path, f"images/{name}", SOURCE, LINE, missing_fix=MISSING_FIX)


@pytest.fixture
def pictures(tmp_path) -> dict[str, Picture]:
    return {
        name: picture(tmp_path, name, data)
        for name, data in (
            ("logo.svg", SVG_LOGO),
            ("photo.jpg", raster("jpeg", size=(400, 200))),
            ("chart.png", raster("png", size=(400, 200), mode="RGBA")),
            ("icon.gif", raster("gif", size=(400, 200))),
            ("photo.webp", raster("webp", size=(400, 200))),
        )
    }


def near(colour, expected, slack: int = 12) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(colour[:3], expected, strict=True))


# ---- Word --------------------------------------------------------------------------------------


def word_document(pictures: dict[str, Picture]) -> docx.document.Document:
    document = docx.Document()
    for item in pictures.values():
        width = item.print_size(TEXT_WIDTH_CM).width_cm
        word = item.for_word(width, fonts=FONTS)
        shape = document.add_picture(io.BytesIO(word.data), width=Cm(width))
        if word.svg is not None:
            add_svg_beside(shape._inline, document.part, word.svg)
    return document


def blip_parts(document) -> list[tuple[object, object | None]]:
    """For each picture: the part its blip shows, and the SVG part beside it (if any)."""
    found = []
    for shape in document.inline_shapes:
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        svg_ids = [
            e.get(f"{{{docx.oxml.ns.nsmap['r']}}}embed") for e in blip.iter(f"{{{ASVG}}}svgBlip")
        ]
        svg_part = document.part.related_parts[svg_ids[0]] if svg_ids else None
        found.append((document.part.related_parts[blip.embed], svg_part))
    return found


def test_word_holds_each_format_as_a_picture_python_docx_reads_back(pictures, tmp_path):
    path = tmp_path / "pictures.docx"
    word_document(pictures).save(path)
    reopened = docx.Document(path)
    assert len(reopened.inline_shapes) == 5
    parts = blip_parts(reopened)
    types = [part.content_type for part, _ in parts]
    assert types == ["image/png", "image/jpeg", "image/png", "image/gif", "image/jpeg"]
    for (part, _), item, shape in zip(
        parts, pictures.values(), reopened.inline_shapes, strict=True
    ):
        shown = item.print_size(TEXT_WIDTH_CM)
        assert shape.width == Cm(shown.width_cm)
        assert Image.open(io.BytesIO(part.blob)).size[0] > 0
    svg_part = parts[0][1]
    assert svg_part is not None and svg_part.content_type == "image/svg+xml"
    assert svg_part.blob == pictures["logo.svg"].data
    assert all(svg is None for _, svg in parts[1:])


def test_the_word_png_of_an_svg_is_drawn_at_300_dpi_for_the_size_it_is_shown(pictures):
    logo = pictures["logo.svg"]
    shown = logo.print_size(TEXT_WIDTH_CM)  # 4 cm: its natural size
    word = logo.for_word(shown.width_cm, fonts=FONTS)
    image = Image.open(io.BytesIO(word.data)).convert("RGBA")
    assert image.size == word.pixels == (473, 236)  # 4 cm and 2 cm at 300 dpi
    assert near(image.getpixel((20, 20)), PURPLE)  # the drawing, not an empty canvas
    assert near(image.getpixel((236, 118)), (255, 255, 255))
    wide = logo.for_word(TEXT_WIDTH_CM, fonts=FONTS)
    assert wide.pixels[0] == 1890  # full text width at 300 dpi: sharp in print, no larger


def test_a_huge_or_tall_svg_is_never_drawn_absurdly_large(tmp_path):
    huge = picture(
        tmp_path,
        "huge.svg",
        svg('<rect width="10" height="10"/>', 'width="1000cm" height="500cm" viewBox="0 0 10 5"'),
    )
    shown = huge.print_size(TEXT_WIDTH_CM)
    assert shown.width_cm == pytest.approx(TEXT_WIDTH_CM)
    assert huge.for_word(shown.width_cm, fonts=FONTS).pixels == (1890, 945)
    tall = picture(
        tmp_path, "tall.svg", svg('<rect width="1" height="100"/>', 'viewBox="0 0 1 100"')
    )
    width, height = tall.for_word(TEXT_WIDTH_CM, fonts=FONTS).pixels
    assert width * height <= 16_000_000


def test_svg_text_is_drawn_with_the_fonts_given_and_the_same_on_every_run(tmp_path):
    text = picture(
        tmp_path,
        "label.svg",
        svg(
            '<text x="4" y="36" font-family="Arial" font-size="30">Riverside</text>',
            'width="200" height="50"',
        ),
    )
    first = text.for_word(4.0, fonts=FONTS).data
    assert first == text.for_word(4.0, fonts=FONTS).data
    image = Image.open(io.BytesIO(first)).convert("RGBA")
    assert image.getextrema()[3][1] == 255  # the words are drawn (with Source Sans, for Arial)


def test_mammoth_reads_every_picture_of_the_word_document(pictures, tmp_path):
    path = tmp_path / "pictures.docx"
    word_document(pictures).save(path)
    with path.open("rb") as stream:
        html = mammoth.convert_to_html(stream).value
    kinds = [part.split(";")[0] for part in html.split('src="data:')[1:]]
    assert kinds == ["image/png", "image/jpeg", "image/png", "image/gif", "image/jpeg"]


def test_libreoffice_shows_the_pictures_of_the_word_document(pictures, tmp_path):
    path = tmp_path / "pictures.docx"
    chosen = {name: pictures[name] for name in ("logo.svg", "photo.webp")}
    word_document(chosen).save(path)
    result = convert(path, "pdf", tmp_path)
    pdf = tmp_path / "pictures.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    colours = page_colours(pdf)
    assert any(near(c, PURPLE) for c in colours), "the logo is on the page"
    assert any(near(c, (255, 0, 0), 30) for c in colours), "the photo is on the page"


def test_the_svg_beside_a_word_picture_is_stored_once(tmp_path):
    logo = picture(tmp_path, "logo.svg", SVG_LOGO)
    document = docx.Document()
    for _ in range(2):
        word = logo.for_word(4.0, fonts=FONTS)
        shape = document.add_picture(io.BytesIO(word.data), width=Cm(4))
        add_svg_beside(shape._inline, document.part, word.svg)
    path = tmp_path / "twice.docx"
    document.save(path)
    with zipfile.ZipFile(path) as package:
        assert [n for n in package.namelist() if n.endswith(".svg")] == ["word/media/image1.svg"]
        assert "image/svg+xml" in package.read("[Content_Types].xml").decode()


# ---- PDF ---------------------------------------------------------------------------------------


def pdf_of(pictures: list[Picture], tmp_path: Path) -> tuple[Path, list[str]]:
    """A tiny page holding the pictures as the PDFs will (each at its print size), laid out by
    WeasyPrint; and every address WeasyPrint asked for."""
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    asked: list[str] = []

    class Recording(URLFetcher):
        def fetch(self, url: str, headers: dict | None = None):
            asked.append(url)
            if not url.startswith("data:"):
                raise FatalURLFetchingError(f"refused {url}")
            return super().fetch(url, headers)

    fetcher = Recording(allowed_protocols=("data",), fail_on_errors=True)
    images = "".join(
        f'<p><img src="{p.for_pdf().data_url()}" alt="{p.shown_as}" '
        f'style="width: {p.print_size(TEXT_WIDTH_CM).width_cm:.3f}cm"></p>'
        for p in pictures
    )
    html = f"<!DOCTYPE html><html lang='en'><title>Pictures</title><body>{images}</body></html>"
    path = tmp_path / "pictures.pdf"
    path.write_bytes(HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1"))
    return path, asked


def page_colours(pdf: Path, resolution: int = 30) -> set[tuple[int, int, int]]:
    """Every colour on the first page, drawn by poppler."""
    pdftoppm = require_tool("pdftoppm")
    png = subprocess.run(
        [pdftoppm, "-png", "-r", str(resolution), "-f", "1", "-l", "1", str(pdf)],
        capture_output=True, timeout=HANG_SECONDS, check=True,
    ).stdout  # fmt: skip
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return {colour for _, colour in image.getcolors(image.width * image.height)}


def test_weasyprint_lays_out_each_raster_format_as_an_image(pictures, tmp_path):
    rasters = [p for name, p in pictures.items() if not name.endswith(".svg")]
    path, asked = pdf_of(rasters, tmp_path)
    with pikepdf.open(path) as pdf:
        images = [
            obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"
        ]
        masks = {image.SMask.objgen for image in images if "/SMask" in image}
        shown = [(int(i.Width), int(i.Height)) for i in images if i.objgen not in masks]
    assert len(masks) == 1  # the PNG's transparency
    assert shown.count((400, 200)) == 4  # JPEG, PNG, GIF and WebP: each one image of 400 × 200
    assert all(url.startswith("data:") for url in asked)
    listed = subprocess.run(
        [require_tool("pdfimages"), "-list", str(path)], capture_output=True, text=True, check=True,
        timeout=HANG_SECONDS,
    ).stdout.splitlines()[2:]  # fmt: skip
    assert sum(1 for row in listed if row.split()[2] == "image") == 4


def test_weasyprint_draws_the_svg_as_vectors(pictures, tmp_path):
    path, _ = pdf_of([pictures["logo.svg"]], tmp_path)
    with pikepdf.open(path) as pdf:
        assert not [
            o
            for o in pdf.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
        ]
        operators = set()
        streams = [pdf.pages[0].obj] + [
            o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Form"
        ]
        for stream in streams:
            operators |= {str(op) for _, op in pikepdf.parse_content_stream(stream)}
    assert {"re", "f"} <= operators or {"c", "f"} <= operators  # filled paths
    assert any(near(c, PURPLE) for c in page_colours(path))


def test_a_cmyk_jpeg_reaches_the_pdf_as_rgb(tmp_path):
    cmyk = picture(tmp_path, "print.jpg", raster("jpeg", size=(400, 200), mode="CMYK"))
    path, _ = pdf_of([cmyk], tmp_path)
    with pikepdf.open(path) as pdf:
        spaces = {
            str(o.get("/ColorSpace"))
            for o in pdf.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
        }
    assert spaces == {"/DeviceRGB"}


# ---- the web page ------------------------------------------------------------------------------


def test_a_browser_shows_every_format_from_its_data_url(pictures, tmp_path):
    images = "".join(
        f'<img src="{p.for_web().data_url()}" alt="{p.shown_as}">' for p in pictures.values()
    )
    page_file = tmp_path / "page.html"
    page_file.write_text(
        f"<!DOCTYPE html><html lang='en'><title>t</title><body>{images}</body></html>"
    )
    with chromium() as browser:
        opened = offline_page(browser, allowed=(page_file.as_uri(),))
        opened.page.goto(page_file.as_uri())
        opened.page.wait_for_function("() => [...document.images].every(i => i.complete)")
        sizes = opened.page.evaluate(
            "() => [...document.images].map(i => [i.naturalWidth, i.naturalHeight])"
        )
        opened.close()
    assert sizes == [[151, 76], [400, 200], [400, 200], [400, 200], [400, 200]]
    assert opened.refused == [] and opened.console_errors == []


# ---- nothing of a hostile SVG reaches any output -----------------------------------------------


def test_nothing_of_a_hostile_svg_reaches_word_the_pdf_or_the_browser(tmp_path):
    hostile = picture(tmp_path, "hostile.svg", HOSTILE)
    assert len(hostile.warnings) == 4  # script, event, link, animation: each reported
    path = tmp_path / "hostile.docx"
    word_document({"hostile.svg": hostile}).save(path)
    with zipfile.ZipFile(path) as package:
        stored = b"".join(package.read(name) for name in package.namelist())
    assert b"alert" not in stored and b"javascript" not in stored and b"<script" not in stored

    pdf, asked = pdf_of([hostile], tmp_path)
    assert all(url.startswith("data:") for url in asked)
    assert b"alert" not in pdf.read_bytes() and b"JavaScript" not in pdf.read_bytes()

    svg_file = tmp_path / "opened.svg"
    svg_file.write_bytes(hostile.for_web().data)  # opened on its own, where scripts would run
    with chromium() as browser:
        opened = offline_page(browser, allowed=(svg_file.as_uri(),))
        dialogs: list[str] = []
        opened.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        opened.page.goto(svg_file.as_uri())
        opened.page.mouse.click(50, 25)  # on the former link
        fill = opened.page.evaluate("() => document.querySelector('rect').getAttribute('fill')")
        opened.close()
    assert dialogs == [] and opened.refused == [] and fill == "#6b2c91"
