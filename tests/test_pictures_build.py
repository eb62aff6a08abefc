"""Pictures and the council's logo through `toolkit build` and `toolkit compare`, read back with
real readers: python-docx for Word, pikepdf for the PDFs' images and Figure tags, Python's HTML
parser for the web page. Every format (SVG, PNG, JPEG, GIF, WebP) reaches all seven outputs and
both redlines; nothing of a hostile SVG reaches any; two builds are byte for byte the same."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pikepdf
import pytest

from pipeline.cli import main
from pipeline.formats import FORMATS
from pipeline.publish.redlines import compare_versions

import matterhorn
from conftest import FIXTURES, ROOT, Project, make_project
from picture_samples import SVG_LOGO, raster, svg
from reader_view import figure_alts

LOGO_ALT = "Riverside District Council"
PICTURES = {  # name in content/images/: (bytes, alt)
    "diagram.svg": (SVG_LOGO, "A purple diagram with a white circle"),
    "photo.png": (raster("png"), "A red and blue PNG"),
    "photo.jpg": (raster("jpeg"), "A red and blue JPEG"),
    "photo.gif": (raster("gif"), "A red and blue GIF"),
    "photo.webp": (raster("webp"), "A red and blue WebP"),
    "hostile.svg": (
        svg(
            '<script>alert("hostile-script")</script>'
            '<rect width="100" height="50" fill="#6b2c91" onload="alert(\'hostile-event\')"/>'
            '<a href="javascript:alert(\'hostile-link\')"><circle cx="50" cy="25" r="10"/></a>'
        ),
        "A purple box",
    ),
}
ALTS = [alt for _, alt in PICTURES.values()]
HOSTILE_WORDS = (b"hostile-", b"javascript:", b"onload")
PDFS = [name for name, fmt in FORMATS.items() if fmt.pdf]


def run(*args: str) -> tuple[int, str]:
    """`toolkit ARGS` in-process: its exit code and what it wrote to stderr."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
    return code, err.getvalue()


def with_pictures(project: Project, logo_folder: Path | None = None) -> None:
    """Every picture in the text, under a heading of its own; the logo in the settings (kept in
    `logo_folder`, or beside the settings file)."""
    lines = ["", "# Pictures", ""]
    for name, (data, alt) in PICTURES.items():
        path = project.source.parent / "images" / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode())
        lines += [f"![{alt}](images/{name})", ""]
    project.append("\n".join(lines))
    folder = logo_folder or project.settings.parent
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "logo.svg").write_bytes((ROOT / "content/examples/riverside-logo.svg").read_bytes())
    logo = os.path.relpath(folder / "logo.svg", project.settings.parent)
    with project.settings.open("a", encoding="utf-8") as settings:
        settings.write(f"\nlogo:\n  file: {logo}\n  alt: {LOGO_ALT}\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("pictures")
    old = make_project(root / "old", FIXTURES / "mini" / "toolkit.md")
    new = make_project(root / "new", FIXTURES / "mini" / "toolkit.md")
    new.edit('version: "1.0"', 'version: "1.1"')
    with_pictures(new)
    first, second = root / "first", root / "second"
    code, err = run("build", *new.args("--out", str(first)))
    assert code == 0, err
    assert run("build", *new.args("--out", str(second)))[0] == 0
    redlines = root / "redlines"
    compare_versions(str(old.source), str(new.source), root / "releases", redlines)
    return {"project": new, "out": first, "again": second, "redlines": redlines, "err": err}


def files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_two_builds_with_pictures_and_a_logo_are_byte_for_byte_the_same(built) -> None:
    first = files(built["out"])
    assert {FORMATS[name].filename for name in FORMATS} < set(first)  # with the manifest
    assert first == files(built["again"])


def test_what_was_taken_out_of_the_hostile_svg_is_a_warning_with_its_line(built) -> None:
    source = built["project"].source
    line = (
        source.read_text(encoding="utf-8").split("\n").index("![A purple box](images/hostile.svg)")
    )
    warnings = [w for w in built["err"].splitlines() if w.startswith("Warning: ")]
    assert warnings and all(f"{source}:{line + 1}: The image 'images/hostile.svg'" in w
                            for w in warnings)  # fmt: skip


# ---- Word ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["social-media-toolkit.docx", "social-media-toolkit-redline.docx"])
def test_word_holds_every_picture_and_the_logo_described(built, name: str) -> None:
    folder = built["redlines"] if "redline" in name else built["out"]
    word = docx.Document(folder / name)
    described = [e.get("descr") for e in word.element.body.iter() if e.tag.endswith("}docPr")]
    if "redline" not in name:
        assert described[0] == LOGO_ALT  # the logo first, above the title
        assert word.paragraphs[0].style.name == "Cover Logo"
        assert word.paragraphs[1].style.name == "Title"
    assert [d for d in described if d in ALTS] == ALTS
    kinds = sorted(p.content_type for p in word.part.package.parts if "media" in str(p.partname))
    # PNG, JPEG, GIF as they are; WebP as PNG; each SVG (and the logo) as a PNG with the SVG beside
    assert "image/webp" not in kinds
    assert {"image/png", "image/jpeg", "image/gif", "image/svg+xml"} <= set(kinds)
    assert kinds.count("image/svg+xml") == 3 - ("redline" in name)  # the redline has no cover


def test_the_word_logo_is_two_centimetres_high_and_sharp(built) -> None:
    word = docx.Document(built["out"] / "social-media-toolkit.docx")
    logo = word.inline_shapes[0]
    assert round(logo.height.cm, 2) == 2.0 and round(logo.width.cm, 2) == 2.0
    blip = logo._inline.graphic.graphicData.pic.blipFill.blip
    png = word.part.related_parts[blip.embed].blob
    from PIL import Image

    width, _ = Image.open(io.BytesIO(png)).size
    assert width >= 2.0 / 2.54 * 300 - 1  # 300 dpi at the size shown


# ---- the web page ----------------------------------------------------------------------------


class Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "img":
            self.found.append({k: v or "" for k, v in attrs})


def test_the_web_page_embeds_every_picture_and_heads_with_the_logo(built) -> None:
    page = Images()
    page.feed((built["out"] / "social-media-toolkit.html").read_text(encoding="utf-8"))
    logo, *rest = [i for i in page.found if not i["src"].startswith("data:image/png;base64,iVBOR")
                   or i.get("alt") in ALTS]  # fmt: skip
    assert logo["class"] == "brand-logo" and logo["alt"] == LOGO_ALT
    assert logo["src"].startswith("data:image/svg+xml;base64,")
    shown = {i["alt"]: i["src"].split(";")[0] for i in rest if i.get("alt") in ALTS}
    assert shown == {
        ALTS[0]: "data:image/svg+xml",
        ALTS[1]: "data:image/png",
        ALTS[2]: "data:image/jpeg",
        ALTS[3]: "data:image/gif",
        ALTS[4]: "data:image/webp",
        ALTS[5]: "data:image/svg+xml",
    }


# ---- the PDFs --------------------------------------------------------------------------------


def pdf_path(built, name: str) -> Path:
    if name == "redline-pdf":
        return built["redlines"] / "social-media-toolkit-redline.pdf"
    return built["out"] / FORMATS[name].filename


@pytest.mark.parametrize("name", [*PDFS, "redline-pdf"])
def test_each_pdf_tags_the_logo_and_every_picture_as_figures_with_their_words(
    built, name: str
) -> None:
    alts = figure_alts(pdf_path(built, name))
    pictures = [a for a in alts if a in ALTS]
    if name.startswith("card"):  # the card shows its own boxes only: the logo, on the front
        assert alts.count(LOGO_ALT) == (2 if name == "card-sheet" else 1)  # two fronts a sheet
        assert pictures == []
        return
    if name != "redline-pdf":
        assert alts[0] == LOGO_ALT
    assert pictures == ALTS


@pytest.mark.parametrize("name", ["appendix", "large-print", "redline-pdf"])
def test_each_raster_is_an_image_in_the_pdf(built, name: str) -> None:
    """PNG, JPEG, GIF and WebP as images, of their own size (the SVGs and the logo are drawn as
    vectors); the text's own PNG too."""
    with pikepdf.open(pdf_path(built, name)) as pdf:
        images = {  # pages may share one resource dictionary: each image once
            image.objgen: (int(image.Width), int(image.Height))
            for page in pdf.pages
            for image in page.get_images().values()
        }
        masks = {
            image.SMask.objgen
            for page in pdf.pages
            for image in page.get_images().values()
            if "/SMask" in image
        }
        sizes = sorted(size for objgen, size in images.items() if objgen not in masks)
    # the text's own PNG and the four rasters; nothing else, so no SVG was turned into pixels
    assert sizes == [(40, 20)] * 5


# ---- nothing of the hostile SVG reaches any output --------------------------------------------


def everything_in(path: Path) -> bytes:
    """Every byte an output holds: a Word package's parts, a PDF's streams decompressed, a web
    page with its data: URLs decoded."""
    data = path.read_bytes()
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as package:
            return b"".join(package.read(name) for name in package.namelist())
    if path.suffix == ".pdf":
        with pikepdf.open(path) as pdf:
            streams = [_decoded(o) for o in pdf.objects if isinstance(o, pikepdf.Stream)]
        return data + b"".join(streams)
    decoded = [
        base64.b64decode(found)
        for found in re.findall(rb"data:[^;]+;base64,([A-Za-z0-9+/=]+)", data)
    ]
    return data + b"".join(decoded)


def _decoded(stream: pikepdf.Stream) -> bytes:
    try:
        return stream.read_bytes()
    except pikepdf.PdfError:  # a JPEG: kept as it is
        return stream.read_raw_bytes()


def test_nothing_of_the_hostile_svg_reaches_any_output(built) -> None:
    outputs = [*built["out"].glob("social-media-toolkit*"), *built["redlines"].glob("*redline*")]
    assert len(outputs) == len(FORMATS) + 2
    for output in outputs:
        held = everything_in(output)
        assert [w for w in HOSTILE_WORDS if w in held] == [], output.name


# ---- a decorative logo, and a logo kept outside the content folder ----------------------------


def test_a_logo_with_empty_alt_is_decorative_in_word_and_an_artifact_in_the_pdf(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path, FIXTURES / "mini" / "toolkit.md")
    (project.settings.parent / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
    with project.settings.open("a", encoding="utf-8") as settings:
        settings.write('\nlogo:\n  file: logo.svg\n  alt: ""\n')
    out = tmp_path / "out"
    assert run("build", "docx", "card", *project.args("--out", str(out)))[0] == 0
    word = docx.Document(out / "social-media-toolkit.docx")
    logo = word.inline_shapes[0]._inline
    assert logo.docPr.get("descr") in (None, "")
    [decorative] = [e for e in logo.docPr.iter() if e.tag.endswith("}decorative")]
    assert decorative.get("val") == "1"
    card = out / FORMATS["card"].filename
    assert figure_alts(card) == []  # not a Figure: an artifact
    with pikepdf.open(card) as pdf:
        assert matterhorn.check(pdf) == []  # everything drawn is tagged, or an artifact


def test_a_changed_logo_outside_the_content_folder_rebuilds_and_a_no_op_imports_nothing_heavy(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path, FIXTURES / "mini" / "toolkit.md")
    with_pictures(project, logo_folder=tmp_path / "brand")
    out = tmp_path / "out"
    assert run("build", "card", *project.args("--out", str(out)))[0] == 0
    first = (out / FORMATS["card"].filename).read_bytes()
    script = (
        "import sys; from pipeline.cli import main; "
        f"code = main(['build', 'card', '--quiet', *{project.args('--out', str(out))!r}]); "
        "heavy = [m for m in ('weasyprint', 'docx', 'lxml', 'pikepdf', 'PIL', 'resvg_py', "
        "'markdown_it') if m in sys.modules]; print(code, heavy)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.split() == ["0", "[]"], done.stderr
    # what was taken out of the hostile SVG is said again, though nothing was read
    assert "Warning: " in done.stderr and "images/hostile.svg" in done.stderr, done.stderr
    logo = tmp_path / "brand" / "logo.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace("#6b2c91", "#005a70"), "utf-8")
    assert run("build", "card", *project.args("--out", str(out)))[0] == 0
    assert (out / FORMATS["card"].filename).read_bytes() != first
