"""Picture files read and checked once: the raster formats (PNG, JPEG, GIF, WebP), their sizes,
and every bad file giving a message with the source file and line, never an exception."""

from __future__ import annotations

import io
import os
import struct

import pytest
from PIL import Image

from pipeline.errors import Problem, ToolkitError
from pipeline.pictures import DEFAULT_LIMITS, Limits, read_picture
from pipeline.read.images import MISSING_FIX

from picture_samples import LINE, SOURCE, huge_png, png_chunk, raster, write


def read(path, limits=DEFAULT_LIMITS):
    return read_picture(path, f"images/{path.name}", SOURCE, LINE, limits, missing_fix=MISSING_FIX)


def refused(path, limits=DEFAULT_LIMITS) -> Problem:
    """The one problem reported for the picture at `path`."""
    with pytest.raises(ToolkitError) as caught:
        read(path, limits)
    [problem] = caught.value.problems
    assert (problem.file, problem.line) == (SOURCE, LINE)
    assert problem.message.startswith(f"The image 'images/{path.name}' ")
    assert problem.fix, "every message says what to do"
    return problem


# ---- good pictures ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind", "mime"),
    [
        ("photo.jpg", raster("jpeg"), "jpeg", "image/jpeg"),
        ("photo.jpeg", raster("jpeg"), "jpeg", "image/jpeg"),
        ("chart.png", raster("png", mode="RGBA"), "png", "image/png"),
        ("icon.gif", raster("gif", mode="P"), "gif", "image/gif"),
        ("photo.webp", raster("webp", quality=80), "webp", "image/webp"),
        ("drawing.webp", raster("webp", lossless=True), "webp", "image/webp"),
    ],
)
def test_each_raster_format_is_read_as_it_is(tmp_path, name, data, kind, mime):
    picture = read(write(tmp_path, name, data))
    assert picture.format == kind
    assert picture.mime_type == mime
    assert picture.raster is not None and picture.raster.pixels == (40, 20)
    assert (picture.width_px, picture.height_px) == (40, 20)  # 96 pixels to the inch
    assert picture.for_web().data == data and picture.for_web().mime_type == mime
    assert picture.for_pdf().data == data  # WeasyPrint holds each of them as it is
    assert picture.warnings == ()


def test_natural_size_uses_a_declared_print_resolution_but_never_less_than_96_dpi(tmp_path):
    at_300 = read(write(tmp_path, "logo.png", raster("png", size=(600, 300), dpi=(300, 300))))
    assert at_300.natural_size.width_cm == pytest.approx(600 / 300 * 2.54)
    at_72 = read(write(tmp_path, "screen.png", raster("png", size=(600, 300), dpi=(72, 72))))
    assert at_72.natural_size.width_cm == pytest.approx(600 / 96 * 2.54)


def test_print_size_fits_the_text_width_and_never_enlarges(tmp_path):
    wide = read(write(tmp_path, "wide.png", raster("png", size=(2400, 1200))))
    size = wide.print_size(16.0)
    assert size.width_cm == pytest.approx(16.0) and size.height_cm == pytest.approx(8.0)
    assert wide.print_size(16.0, max_height_cm=4.0).width_cm == pytest.approx(8.0)
    small = read(write(tmp_path, "small.png", raster("png", size=(96, 48))))
    assert small.print_size(16.0).width_cm == pytest.approx(2.54)


def exif_rotated_jpeg(size=(40, 20), orientation=6) -> bytes:
    image = Image.open(io.BytesIO(raster("jpeg", size=size)))
    exif = image.getexif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=95)
    return out.getvalue()


def test_a_photo_turned_by_its_exif_has_the_size_it_is_shown_at_and_word_gets_it_upright(tmp_path):
    picture = read(write(tmp_path, "phone.jpg", exif_rotated_jpeg()))
    assert picture.raster.stored == (40, 20)
    assert picture.raster.pixels == (20, 40) and (picture.width_px, picture.height_px) == (20, 40)
    word = picture.for_word(1.0, fonts=())
    upright = Image.open(io.BytesIO(word.data))
    assert upright.format == "JPEG" and upright.size == (20, 40) == word.pixels
    assert upright.getexif().get(0x0112, 1) == 1
    # turned a quarter clockwise: the red left half is now at the top
    assert upright.convert("RGB").getpixel((10, 5))[0] > 200
    assert upright.convert("RGB").getpixel((10, 35))[2] > 200


def test_webp_becomes_png_or_jpeg_for_word(tmp_path):
    lossless = read(write(tmp_path, "a.webp", raster("webp", mode="RGBA", lossless=True)))
    lossy = read(write(tmp_path, "b.webp", raster("webp", quality=80)))
    for picture, kind in ((lossless, "PNG"), (lossy, "JPEG")):
        word = picture.for_word(2.0, fonts=())
        converted = Image.open(io.BytesIO(word.data))
        assert converted.format == kind and converted.size == (40, 20)
        assert word.extension == {"PNG": ".png", "JPEG": ".jpg"}[kind]
    assert Image.open(io.BytesIO(lossless.for_word(2.0, fonts=()).data)).mode == "RGBA"


def test_png_jpeg_and_gif_go_to_word_as_they_are(tmp_path):
    for name, data in (
        ("a.png", raster("png")),
        ("b.jpg", raster("jpeg")),
        ("c.gif", raster("gif")),
    ):
        word = read(write(tmp_path, name, data)).for_word(2.0, fonts=())
        assert word.data == data and word.svg is None


def test_a_cmyk_jpeg_becomes_rgb_for_the_pdf_which_has_an_srgb_output_intent(tmp_path):
    data = raster("jpeg", mode="CMYK")
    picture = read(write(tmp_path, "print.jpg", data))
    assert picture.for_web().data == data
    pdf_version = Image.open(io.BytesIO(picture.for_pdf().data))
    assert (
        pdf_version.format == "JPEG" and pdf_version.mode == "RGB" and pdf_version.size == (40, 20)
    )


def test_an_animated_gif_counts_its_frames(tmp_path):
    frames = [Image.new("RGB", (10, 10), colour) for colour in ("red", "green", "blue")]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    picture = read(write(tmp_path, "moving.gif", out.getvalue()))
    assert picture.raster.frames == 3
    assert picture.for_word(1.0, fonts=()).data == out.getvalue()  # Word plays GIFs


# ---- bad files -------------------------------------------------------------------------------


def test_an_empty_file(tmp_path):
    assert "is empty (0 bytes)" in refused(write(tmp_path, "logo.png", b"")).message


def test_a_missing_file_and_a_folder(tmp_path):
    missing = refused(tmp_path / "gone.png")
    assert "does not exist" in missing.message
    assert missing.fix == MISSING_FIX  # the caller's: it knows where the picture should be
    (tmp_path / "folder.png").mkdir()
    folder = refused(tmp_path / "folder.png")
    assert "is a folder, not a file" in folder.message
    assert folder.fix == MISSING_FIX


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cut.png", raster("png", size=(200, 100))),
        ("cut.jpg", raster("jpeg", size=(200, 100))),
        ("cut.gif", raster("gif", size=(200, 100))),
        ("cut.webp", raster("webp", size=(200, 100))),
    ],
)
def test_a_truncated_file_is_damaged(tmp_path, name, data):
    problem = refused(write(tmp_path, name, data[: len(data) * 2 // 3]))
    assert "is damaged" in problem.message
    assert "save it again" in problem.fix


def test_a_truncated_jpeg_is_refused_even_after_weasyprint_asks_pillow_to_pad_them(tmp_path):
    import weasyprint  # noqa: F401  (sets ImageFile.LOAD_TRUNCATED_IMAGES = True)
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES is True
    data = raster("jpeg", size=(200, 100))
    problem = refused(write(tmp_path, "cut.jpg", data[: len(data) // 2]))
    assert "the file ends before the picture does" in problem.message
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # as WeasyPrint left it


def test_a_png_whose_data_was_changed_is_damaged(tmp_path):
    data = bytearray(raster("png", size=(200, 100)))
    at = data.index(b"IDAT") + 20
    data[at] ^= 0xFF  # the chunk's checksum no longer matches
    problem = refused(write(tmp_path, "flipped.png", bytes(data)))
    assert "is damaged: its PNG data cannot be decoded" in problem.message


def test_a_file_named_for_another_format_says_what_it_really_is(tmp_path):
    problem = refused(write(tmp_path, "logo.png", raster("jpeg")))
    assert "is really a JPEG file, but its name ends in .png" in problem.message
    assert "Rename it to logo.jpg" in problem.fix and "save it again as PNG" in problem.fix
    svg_named_png = refused(
        write(tmp_path, "crest.png", '<svg xmlns="http://www.w3.org/2000/svg"/>')
    )
    assert "is really an SVG file, but its name ends in .png" in svg_named_png.message
    no_extension = refused(write(tmp_path, "logo", raster("png")))
    assert "is really a PNG file, but its name has no extension" in no_extension.message
    assert no_extension.fix == "Rename it to logo.png and change the link to it."


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("scan.tif", b"II*\x00" + bytes(100), "is a TIFF file, which not every output can show"),
        ("old.bmp", b"BM" + bytes(100), "is a BMP file"),
        ("iphone.jpg", b"\x00\x00\x00\x18ftypheic" + bytes(100), "is an HEIC file"),
        ("logo.png", b"<!DOCTYPE html><html><body>Not found</body></html>", "is a web page"),
        ("notes.txt", b"just some words", "is not in any picture format the toolkit knows"),
        ("logo.svgz", b"\x1f\x8b\x08\x00" + bytes(50), "is a compressed SVG (SVGZ) file"),
        ("data.xml", b"<?xml version='1.0'?><catalogue/>", "is an XML document"),
    ],
)
def test_a_format_the_toolkit_cannot_use_is_named(tmp_path, name, data, says):
    problem = refused(write(tmp_path, name, data))
    assert says in problem.message
    assert "Save it as PNG or JPEG" in problem.fix


def test_random_bytes_named_png_are_not_a_png(tmp_path):
    problem = refused(write(tmp_path, "logo.png", os.urandom(0) + b"\x13\x37" * 200))
    assert "is not a PNG file: its content is not in any picture format" in problem.message


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.png"
    with path.open("wb") as stream:  # sparse: takes no room on disk
        stream.truncate(DEFAULT_LIMITS.max_bytes + 1)
    problem = refused(path)
    assert "is larger than the 10 MB a picture may be (it is 10.0 MB)" in problem.message
    small_limit = refused(write(tmp_path, "b.png", raster("png")), Limits(max_bytes=50))
    assert "is larger than the 50 bytes a picture may be (it is " in small_limit.message


def test_a_decompression_bomb_is_refused_from_its_header(tmp_path):
    data = huge_png()
    assert len(data) < 1_000_000
    problem = refused(write(tmp_path, "huge.png", data))
    assert "is 30,000 × 30,000 pixels (900 million), more than the 50 million" in problem.message
    assert "2,000 pixels across" in problem.fix


def test_pillow_s_own_bomb_check_is_a_message_too(tmp_path):
    """With a limit above Pillow's own, Pillow refuses the picture and says so in words."""
    problem = refused(write(tmp_path, "huge.png", huge_png()), Limits(max_pixels=10**12))
    assert "has far too many pixels to open safely" in problem.message


@pytest.mark.parametrize("kind", ["png", "gif", "webp", "jpeg"])
def test_huge_declared_dimensions_in_each_format_are_refused_before_decoding(tmp_path, kind):
    data = bytearray(raster(kind, size=(16, 16), **({"lossless": True} if kind == "webp" else {})))
    if kind == "png":
        ihdr = struct.pack(">IIBBBBB", 20_000, 20_000, 8, 2, 0, 0, 0)
        data[8:33] = png_chunk(b"IHDR", ihdr)
    elif kind == "gif":
        data[6:10] = struct.pack("<HH", 65_535, 65_535)
    elif kind == "webp":  # a lossless bitstream: 14 bits of width - 1, 14 bits of height - 1
        bits = int.from_bytes(data[21:25], "little") | 0x0FFFFFFF
        data[21:25] = bits.to_bytes(4, "little")
    else:
        at = data.index(b"\xff\xc0")
        data[at + 5 : at + 9] = struct.pack(">HH", 60_000, 60_000)
    problem = refused(write(tmp_path, f"big.{kind}", bytes(data)))
    assert (
        "pixels" in problem.message and "more than the 50 million pixels allowed" in problem.message
    )


def test_a_picture_with_no_pixels(tmp_path):
    data = bytearray(raster("gif", size=(16, 16)))
    data[6:10] = struct.pack("<HH", 0, 16)
    problem = refused(write(tmp_path, "empty.gif", bytes(data)))
    assert "has no pixels" in problem.message or "is damaged" in problem.message
