"""Picture bytes fuzzed with hypothesis: truncated, mutated, random, empty, wrongly named, with
huge declared dimensions, and SVG built from hostile parts. Only a Problem (in a ToolkitError)
or a valid Picture within the limits ever comes out, and a sanitised SVG holds nothing active
or outside itself."""

from __future__ import annotations

import math
import re
import struct
import tempfile
from html import escape
from pathlib import Path

from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from lxml import etree

from pipeline.errors import ToolkitError
from pipeline.pictures import Limits, Picture, read_picture
from pipeline.pictures.svg_vocabulary import ALLOWED, SVG, XLINK
from pipeline.read.images import MISSING_FIX

from picture_samples import LINE, SOURCE, SVG_LOGO, png_chunk, raster, svg

# Small limits keep each example quick; the property is that they hold.
LIMITS = Limits(max_bytes=200_000, max_pixels=1_000_000, max_svg_elements=2_000)
NAMES = ["a.png", "a.jpg", "a.jpeg", "a.gif", "a.webp", "a.svg", "a.bmp", "a.PNG", "a", "a.txt"]

SAMPLES = {
    "png": raster("png", size=(24, 12)),
    "png-rgba": raster("png", size=(24, 12), mode="RGBA"),
    "png-palette": raster("png", size=(24, 12), mode="P"),
    "jpeg": raster("jpeg", size=(24, 12)),
    "jpeg-progressive": raster("jpeg", size=(24, 12), progressive=True),
    "gif": raster("gif", size=(24, 12)),
    "webp": raster("webp", size=(24, 12)),
    "webp-lossless": raster("webp", size=(24, 12), lossless=True),
    "svg": SVG_LOGO.encode(),
}
EXTENSION = {"png": ".png", "jpeg": ".jpg", "gif": ".gif", "webp": ".webp", "svg": ".svg"}


def outcome(data: bytes, name: str) -> Picture | ToolkitError:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            picture = read_picture(
                path, f"images/{name}", SOURCE, LINE, LIMITS, missing_fix=MISSING_FIX
            )
        except ToolkitError as error:
            assert error.problems
            note_outcome("refused:" + error.problems[0].message.split("'", 2)[2])
            for problem in error.problems:
                assert (problem.file, problem.line) == (SOURCE, LINE)
                assert problem.message.startswith(f"The image 'images/{name}' ")
                assert problem.fix
            return error
    note_outcome(f"read as {picture.format}" + (" with warnings" if picture.warnings else ""))
    assert_valid(picture, data)
    return picture


def note_outcome(text: str) -> None:
    """What came out, for --hypothesis-show-statistics (numbers left out, to group alike)."""
    if currently_in_test_context():
        event(re.sub(r"[\d,.]+", "N", text)[:60])


def assert_valid(picture: Picture, data: bytes) -> None:
    assert picture.format in ("png", "jpeg", "gif", "webp", "svg")
    assert math.isfinite(picture.width_px) and picture.width_px > 0
    assert math.isfinite(picture.height_px) and picture.height_px > 0
    assert len(data) <= LIMITS.max_bytes
    if picture.raster is not None:
        width, height = picture.raster.pixels
        assert 0 < width * height <= LIMITS.max_pixels
        assert picture.for_web().data == data
        word = picture.for_word(1.0, fonts=())
        assert word.extension in (".png", ".jpg", ".gif")
        assert picture.for_pdf().mime_type in ("image/png", "image/jpeg", "image/gif", "image/webp")
    else:
        assert_sanitised(picture.data)


def assert_sanitised(data: bytes) -> None:
    """Only allowed SVG elements; no event attribute; links only inside the picture or to an
    embedded raster picture; url() only to a part of the picture."""
    root = etree.fromstring(data)
    for element in root.iter():
        assert isinstance(element.tag, str), "no comment, entity or instruction is left"
        namespace, _, local = element.tag[1:].partition("}")
        assert namespace == SVG and local in ALLOWED, element.tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), name
            if name in ("href", f"{{{XLINK}}}href"):
                assert value.strip().startswith("#") or re.match(
                    r"\s*data:image/(png|jpeg|gif|webp)", value, re.I
                ), value
            for address in re.findall(r"url\(\s*['\"]?([^'\")]*)", value, re.I):
                assert address.strip().startswith("#"), address
        if local == "style":
            assert "@import" not in (element.text or "").lower()


# ---- raster and any bytes ----------------------------------------------------------------------

samples = st.sampled_from(sorted(SAMPLES))


@st.composite
def truncated(draw) -> tuple[bytes, str]:
    kind = draw(samples)
    data = SAMPLES[kind]
    return data[: draw(st.integers(0, len(data) - 1))], "a" + EXTENSION[kind.split("-")[0]]


@st.composite
def mutated(draw) -> tuple[bytes, str]:
    kind = draw(samples)
    data = bytearray(SAMPLES[kind])
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        if action == "replace":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif len(data) > 1:
            del data[at]
    name = draw(st.sampled_from(["a" + EXTENSION[kind.split("-")[0]], *NAMES]))
    return bytes(data), name


def with_dimensions(kind: str, width: int, height: int) -> bytes:
    """The sample with its header saying width × height (checksums kept valid for PNG)."""
    data = bytearray(SAMPLES[kind])
    if kind.startswith("png"):
        header = bytearray(data[16:29])
        header[0:8] = struct.pack(">II", width % 2**32, height % 2**32)
        data[8:33] = png_chunk(b"IHDR", bytes(header))
    elif kind == "gif":
        data[6:10] = struct.pack("<HH", width % 2**16, height % 2**16)
    elif kind == "webp-lossless":
        bits = ((width - 1) % 2**14) | (((height - 1) % 2**14) << 14)
        old = int.from_bytes(data[21:25], "little") & ~0x0FFFFFFF
        data[21:25] = (old | bits).to_bytes(4, "little")
    elif kind.startswith("jpeg"):
        at = data.index(b"\xff\xc0") if b"\xff\xc0" in data else data.index(b"\xff\xc2")
        data[at + 5 : at + 9] = struct.pack(">HH", height % 2**16, width % 2**16)
    return bytes(data)


dimensions = st.one_of(st.integers(0, 70_000), st.sampled_from([0, 1, 2**14, 2**16 - 1, 2**31]))


@settings(max_examples=150)
@given(st.one_of(truncated(), mutated()))
def test_truncated_and_mutated_files_give_a_problem_or_a_valid_picture(case):
    outcome(*case)


@settings(max_examples=100)
@given(
    st.sampled_from(["png", "png-rgba", "gif", "webp-lossless", "jpeg", "jpeg-progressive"]),
    dimensions,
    dimensions,
)
def test_huge_declared_dimensions_give_a_problem_or_stay_within_the_limit(kind, width, height):
    result = outcome(with_dimensions(kind, width, height), "a" + EXTENSION[kind.split("-")[0]])
    if width * height > LIMITS.max_pixels:
        assert isinstance(result, ToolkitError)


@settings(max_examples=100)
@given(st.binary(max_size=2000), st.sampled_from(NAMES))
def test_random_bytes_give_a_problem_or_a_valid_picture(data, name):
    outcome(data, name)


@settings(max_examples=30)
@given(st.sampled_from(sorted(SAMPLES)), st.sampled_from(NAMES))
def test_a_good_file_under_any_name_is_read_or_named_for_what_it_is(kind, name):
    result = outcome(SAMPLES[kind], name)
    if name.lower().endswith(EXTENSION[kind.split("-")[0]]) or (
        kind.startswith("jpeg") and name.endswith(".jpeg")
    ):
        assert isinstance(result, Picture)
    else:
        assert isinstance(result, ToolkitError)
        assert "is really" in str(result) or "which not every output can show" in str(result)


def test_an_empty_file_under_any_name_is_a_problem():
    for name in NAMES:
        assert "is empty (0 bytes)" in str(outcome(b"", name))


# ---- SVG built from hostile parts --------------------------------------------------------------

ELEMENTS = [
    "g", "rect", "circle", "path", "text", "use", "image", "a", "script", "style", "set",
    "animate", "foreignObject", "defs", "symbol", "mask", "pattern", "marker", "filter",
    "feImage", "feTurbulence", "feMorphology", "iframe", "metadata", "switch", "h:script",
    "inkscape:grid",
]  # fmt: skip
ATTRIBUTES = [
    "id", "href", "xlink:href", "style", "fill", "onload", "onclick", "OnMouseOver", "transform",
    "mask", "filter", "marker-mid", "xml:base", "numOctaves", "width", "height", "d",
    "inkscape:label",
]  # fmt: skip
VALUES = [
    "#a", "#b", "#c", "url(#a)", "url(http://evil.example/x)", "url('file:///etc/passwd')",
    "javascript:alert(1)", "http://evil.example/x.png", "../x.svg#a", "/etc/passwd",
    "data:image/svg+xml;base64,PHN2Zz4=", "data:text/html,<script>alert(1)</script>",
    "data:image/png;base64,iVBORw0KGgo=", "fill: \\75 rl(http://evil.example/)", "red", "10",
    "100000", "M0 0 L10 10 L20 0", "@import 'x.css'", "alert(1)",
]  # fmt: skip
TEXTS = ["", "Riverside", "alert(1)", "@import url(http://evil.example/a.css);", ".a{fill:url(#a)}"]


@st.composite
def svg_element(draw, depth: int = 0) -> str:
    name = draw(st.sampled_from(ELEMENTS))
    attributes = "".join(
        f' {attribute}="{escape(draw(st.sampled_from(VALUES)))}"'
        for attribute in draw(st.lists(st.sampled_from(ATTRIBUTES), max_size=4, unique=True))
    )
    children = "".join(draw(st.lists(svg_element(depth + 1), max_size=3))) if depth < 3 else ""
    text = escape(draw(st.sampled_from(TEXTS)))
    return f"<{name}{attributes}>{text}{children}</{name}>"


@settings(max_examples=200)
@given(st.lists(svg_element(), min_size=1, max_size=4), st.sampled_from(["", "<!DOCTYPE svg>"]))
def test_hostile_svg_gives_a_problem_or_a_sanitised_picture(elements, head):
    namespaces = (
        'xmlns:h="http://www.w3.org/1999/xhtml" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="50" height="20"'
    )
    result = outcome(svg("".join(elements), namespaces, head).encode(), "a.svg")
    if isinstance(result, Picture):
        again = outcome(result.data, "a.svg")  # sanitising the sanitised changes nothing
        assert isinstance(again, Picture) and again.data == result.data and again.warnings == ()


@settings(max_examples=100)
@given(st.integers(0, len(SVG_LOGO)), st.sampled_from(VALUES + TEXTS + ["<", ">", "&", "&x;", '"']))
def test_svg_with_text_inserted_anywhere_gives_a_problem_or_a_sanitised_picture(at, text):
    outcome((SVG_LOGO[:at] + text + SVG_LOGO[at:]).encode(), "a.svg")
