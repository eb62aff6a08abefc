"""The pocket card (card, card-sheet, card-print), read back with PDF readers and a QR reader.

veraPDF (PDF/UA-1, PDF/A-2a) checks every card format in tests/test_pdf_standards.py."""

from __future__ import annotations

import math
import re
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest

from pipeline import model as m
from pipeline.model.values import contrast_ratio
from pipeline.read.source import Sources, load
from pipeline.render.card_content import CARD_SIZES, card_content
from pipeline.render.card_sheet import MARGIN, NOTE_BAND, SHEET_WIDTH, Slot, sheet_layout

from conftest import FIXTURES, ROOT, Project, require_tool
from pdf_reading import MM, page_texts

FORMATS = ("card", "card-sheet", "card-print")
SAFE = 4 * MM  # text stays this far inside the trim
RIVERSIDE = ROOT / "content" / "examples" / "riverside-settings.yml"
RIVERSIDE_URL = "https://www.riverside.example.gov.uk/councillor-social-media"


def pdf_name(fmt: str) -> str:
    return f"social-media-toolkit-{fmt}.pdf"


def build(*args: str) -> None:
    from pipeline.cli import main

    assert main(["build", "--quiet", *args]) == 0


@pytest.fixture(scope="module")
def riverside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three card formats of the real text with a council whose web address is real."""
    out = tmp_path_factory.mktemp("card")
    build(
        *FORMATS,
        "--out",
        str(out),
        "--source",
        str(ROOT / "content/toolkit.md"),
        "--settings",
        str(RIVERSIDE),
    )
    return out


def font_size(char: dict) -> float:
    # pdfplumber's "size" is the box height, which for sideways text is the advance width.
    return char["size"] if char["upright"] else char["x1"] - char["x0"]


def text_chars(page: pdfplumber.page.Page) -> list[dict]:
    return [c for c in page.chars if c["text"].strip()]


def inside(char: dict, box: tuple[float, float, float, float], slack: float = 0.0) -> bool:
    left, top, right, bottom = box
    return (
        char["x0"] >= left - slack
        and char["x1"] <= right + slack
        and char["top"] >= top - slack
        and char["bottom"] <= bottom + slack
    )


def slot_box(slot: Slot, inset: float = 0.0) -> tuple[float, float, float, float]:
    """A slot's outline in points, top-down, shrunk by `inset` points."""
    x, y = slot.x * MM, slot.y * MM
    return (x + inset, y + inset, x + slot.width * MM - inset, y + slot.height * MM - inset)


def decode_qr(pdf: Path, page: int, tmp_path: Path) -> list[str]:
    """Every QR code zbarimg reads on a page rendered at 150 dpi."""
    pdftoppm, zbarimg = require_tool("pdftoppm"), require_tool("zbarimg")
    stem = tmp_path / f"{pdf.stem}-{page}"
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            "150",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    done = subprocess.run(
        [zbarimg, "-q", "--raw", f"{stem}.png"], capture_output=True, text=True, check=False
    )
    assert done.returncode in (0, 4), done.stderr  # 4: no code found
    return done.stdout.split()


# ---- what goes on the card ----------------------------------------------------------------------


def test_marked_boxes_and_key_contacts_are_selected_in_order() -> None:
    document = load(
        Sources(FIXTURES / "mini" / "toolkit.md", ROOT / "content" / "settings.yml")
    ).document
    content = card_content(document)
    assert [(b.kind, b.title) for b in content.front] == [("steps", "If you are abused online")]
    assert [b.kind for b in content.back] == ["do", "dont", "card"]
    assert all(isinstance(b, m.Callout) for b in content.front + content.back)
    expected = [c.id for c in document.settings.contacts if c.card]
    assert [c.id for c in content.contacts] == expected
    assert content.first_line("front") == content.front[0].line


def test_contacts_already_in_a_card_box_are_not_repeated(mini: Project) -> None:
    mini.edit(
        "::: contact monitoring-officer police", "::: contact monitoring-officer police {card=back}"
    )
    document = load(Sources(mini.source, mini.settings)).document
    content = card_content(document)
    assert isinstance(content.back[-2], m.ContactBlock)
    assert "monitoring-officer" not in [c.id for c in content.contacts]
    assert "police-emergency" in [c.id for c in content.contacts]


# ---- the card -----------------------------------------------------------------------------------


def test_card_is_two_a6_pages_front_then_back(riverside: Path) -> None:
    with pdfplumber.open(riverside / pdf_name("card")) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert (round(page.width / MM), round(page.height / MM)) == (105, 148)
    front, back = (" ".join(t.split()) for t in page_texts(riverside / pdf_name("card")))
    assert "If you are abused or threatened online" in front
    assert "In danger? Call 999 now." in front
    assert "Version 1.0 (draft)" in front and "Review due 15 April 2025" in front
    assert "Don't" in back and "Use two-step verification on every account." in back
    assert "Monitoring Officer 01234 567801" in back
    assert RIVERSIDE_URL in back.replace("/ ", "/")


@pytest.mark.parametrize("fmt", FORMATS)
def test_text_is_sans_serif_9pt_or_more_and_high_contrast(riverside: Path, fmt: str) -> None:
    with pdfplumber.open(riverside / pdf_name(fmt)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            chars = text_chars(page)
            assert chars, f"page {number} has no text"
            for char in chars:
                assert font_size(char) >= 8.95, f"page {number}: {char['text']!r} {font_size(char)}"
                assert "Source-Sans-Pro" in char["fontname"]
                colour = char["non_stroking_color"]
                colour = tuple(colour) * 3 if len(colour) == 1 else tuple(colour)
                hex_colour = "#" + "".join(f"{round(v * 255):02x}" for v in colour)
                assert contrast_ratio(hex_colour, "#ffffff") >= 7, (char["text"], hex_colour)


def test_card_text_stays_4mm_inside_the_trim(riverside: Path) -> None:
    with pdfplumber.open(riverside / pdf_name("card")) as pdf:
        for page in pdf.pages:
            safe = (SAFE, SAFE, page.width - SAFE, page.height - SAFE)
            for char in text_chars(page):
                assert inside(char, safe), (char["text"], char["x0"], char["top"])


def test_card_is_tagged_with_title_and_language(riverside: Path) -> None:
    with pikepdf.open(riverside / pdf_name("card")) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert "pocket card" in str(pdf.docinfo["/Title"])
        assert bool(pdf.Root.MarkInfo.Marked)
        assert "/StructTreeRoot" in pdf.Root


@pytest.mark.parametrize("fmt", FORMATS)
def test_qr_code_reads_as_the_toolkit_address(riverside: Path, fmt: str, tmp_path: Path) -> None:
    pdf = riverside / pdf_name(fmt)
    assert decode_qr(pdf, 1, tmp_path) == []  # the front has none
    codes = decode_qr(pdf, 2, tmp_path)
    copies = sheet_layout(CARD_SIZES["a6"]).count if fmt == "card-sheet" else 1
    assert codes == [RIVERSIDE_URL] * copies


def test_placeholder_address_is_printed_and_not_encoded(tmp_path: Path) -> None:
    build("card", "--out", str(tmp_path), "--source", str(ROOT / "content/toolkit.md"))
    pdf = tmp_path / pdf_name("card")
    assert decode_qr(pdf, 2, tmp_path) == []
    back = " ".join(page_texts(pdf)[1].split())
    assert "Full toolkit online: TODO: web address of the online toolkit" in back


# ---- the A4 sheet -------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "count"), [("a6", 2), ("a7", 4), ("business", 9)])
def test_sheet_layout_fits_most_cards_and_mirrors_the_backs(size: str, count: int) -> None:
    sheet = sheet_layout(CARD_SIZES[size])
    assert sheet.count == count
    for front, back in zip(sheet.fronts, sheet.backs, strict=True):
        # Long-edge duplex: x -> sheet width - x; a turned card is turned the other way.
        assert back.x == pytest.approx(SHEET_WIDTH - front.x - front.width)
        assert (back.y, back.width, back.height) == (front.y, front.width, front.height)
        assert back.rotation == -front.rotation
        assert front.x >= MARGIN and front.x + front.width <= SHEET_WIDTH - MARGIN
        assert front.y >= NOTE_BAND and front.y + front.height <= 297 - MARGIN


def _up(char: dict) -> tuple[int, int]:
    """Which way is up for a character, in page coordinates (x right, y up)."""
    _a, _b, c, d, _e, _f = char["matrix"]
    return (round(c / math.hypot(c, d)), round(d / math.hypot(c, d)))


def test_each_back_prints_behind_its_front_upright(riverside: Path) -> None:
    sheet = sheet_layout(CARD_SIZES["a6"])
    with pdfplumber.open(riverside / pdf_name("card-sheet")) as pdf:
        front_page, back_page = pdf.pages
        assert (round(front_page.width / MM), round(front_page.height / MM)) == (210, 297)
        for front, back in zip(sheet.fronts, sheet.backs, strict=True):
            front_chars = [c for c in text_chars(front_page) if inside(c, slot_box(front))]
            back_chars = [c for c in text_chars(back_page) if inside(c, slot_box(back))]
            assert front_chars and back_chars
            assert "Ifyouareabused" in "".join(c["text"] for c in front_chars)
            front_up = {_up(c) for c in front_chars}
            back_up = {_up(c) for c in back_chars}
            assert len(front_up) == len(back_up) == 1
            # Seen through the paper after the long-edge flip (x mirrored), up is the same way:
            # the cut card, turned over left to right, reads upright on both sides.
            (fx, fy), (bx, by) = front_up.pop(), back_up.pop()
            assert (-bx, by) == (fx, fy)


def test_sheet_says_how_to_print_outside_the_cards(riverside: Path) -> None:
    sheet = sheet_layout(CARD_SIZES["a6"])
    first = " ".join(page_texts(riverside / pdf_name("card-sheet"))[0].split())
    for words in ("double-sided", "flip on long edge", "actual size", "105 × 148 mm"):
        assert words in first
    with pdfplumber.open(riverside / pdf_name("card-sheet")) as pdf:
        for page, slots in zip(pdf.pages, (sheet.fronts, sheet.backs), strict=True):
            for char in text_chars(page):
                boxes = [slot_box(s) for s in slots]
                safe = [slot_box(s, SAFE) for s in slots]
                in_card = any(inside(char, b, slack=-0.01) for b in boxes)
                if in_card:
                    assert any(inside(char, b) for b in safe), (char["text"], char["top"])
                else:
                    assert not any(_overlaps(char, b) for b in boxes), char["text"]


def _overlaps(obj: dict, box: tuple[float, float, float, float]) -> bool:
    left, top, right, bottom = box
    return obj["x0"] < right and obj["x1"] > left and obj["top"] < bottom and obj["bottom"] > top


def _middle(obj: dict, low: str, high: str) -> float:
    """The middle of an object between two of its edges, in mm."""
    return (obj[low] + obj[high]) / 2 / MM


def test_sheet_has_crop_marks_at_every_cut_outside_the_cards(riverside: Path) -> None:
    sheet = sheet_layout(CARD_SIZES["a6"])
    cuts_x = sorted({round(v, 1) for s in sheet.fronts for v in (s.x, s.x + s.width)})
    cuts_y = sorted({round(v, 1) for s in sheet.fronts for v in (s.y, s.y + s.height)})
    with pdfplumber.open(riverside / pdf_name("card-sheet")) as pdf:
        for page, slots in zip(pdf.pages, (sheet.fronts, sheet.backs), strict=True):
            thin = [o for o in page.lines + page.rects if min(o["width"], o["height"]) < 1]
            marks = [o for o in thin if not any(_overlaps(o, slot_box(s)) for s in slots)]
            vertical = [o for o in marks if o["height"] > 3 * MM]
            horizontal = [o for o in marks if o["width"] > 3 * MM]
            for x in cuts_x:
                hits = {round(o["top"]) for o in vertical if abs(_middle(o, "x0", "x1") - x) < 0.2}
                assert len(hits) == 2, f"vertical crop marks at x = {x} mm"  # above and below
            for y in cuts_y:
                hits = {
                    round(o["x0"]) for o in horizontal if abs(_middle(o, "top", "bottom") - y) < 0.2
                }
                assert len(hits) == 2, f"horizontal crop marks at y = {y} mm"  # left and right


# ---- the print-shop file ------------------------------------------------------------------------


def test_print_file_has_trim_bleed_and_crop_marks(riverside: Path) -> None:
    with pikepdf.open(riverside / pdf_name("card-print")) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            media, trim, bleed = (
                [float(v) / MM for v in page.obj[key]]
                for key in ("/MediaBox", "/TrimBox", "/BleedBox")
            )
            assert trim[2] - trim[0] == pytest.approx(105) and trim[3] - trim[1] == pytest.approx(
                148
            )
            for side in range(4):
                sign = -1 if side < 2 else 1
                assert (bleed[side] - trim[side]) * sign == pytest.approx(3)
                assert (media[side] - trim[side]) * sign >= 3 + 5  # room for the marks
            assert "/Annots" not in page.obj  # no links in a file for the press
    with pdfplumber.open(riverside / pdf_name("card-print")) as pdf:
        for page in pdf.pages:
            trim = [float(v) for v in page.page_obj.attrs["TrimBox"]]
            media = [float(v) for v in page.page_obj.attrs["MediaBox"]]
            # pdfplumber keeps x as in the PDF and measures top down from the page's top edge,
            # which it places at bbox[1].
            left, right = trim[0], trim[2]
            top, bottom = page.bbox[1] + media[3] - trim[3], page.bbox[1] + media[3] - trim[1]
            for char in text_chars(page):
                assert inside(char, (left + SAFE, top + SAFE, right - SAFE, bottom - SAFE))
            outside = [
                o
                for o in page.curves + page.lines + page.rects
                if not _overlaps(o, (left - 3 * MM, top - 3 * MM, right + 3 * MM, bottom + 3 * MM))
            ]
            assert len(outside) >= 8, "crop marks outside the bleed"


# ---- sizes, changes, and content that does not fit ----------------------------------------------


def _small_content(project: Project) -> None:
    """Just the marked steps and do's and don'ts: little enough for a business card."""
    text = project.settings.read_text(encoding="utf-8").replace("card: true", "card: false")
    project.settings.write_text(text, encoding="utf-8")
    project.edit("::: card {card=back}\nKeep this card with you.\n:::\n", "")


@pytest.mark.parametrize(("size", "mm", "count"), [("a7", (74, 105), 4), ("business", (85, 55), 9)])
def test_card_size_setting(mini: Project, size: str, mm: tuple[int, int], count: int) -> None:
    _small_content(mini)
    mini.edit("toolkit_url:", f"card:\n  size: {size}\n\ntoolkit_url:", file=mini.settings)
    build(*FORMATS, *mini.args("--out", str(mini.out)))
    with pdfplumber.open(mini.out / pdf_name("card")) as pdf:
        assert [(round(p.width / MM), round(p.height / MM)) for p in pdf.pages] == [mm, mm]
        for page in pdf.pages:
            safe = (SAFE, SAFE, page.width - SAFE, page.height - SAFE)
            for char in text_chars(page):
                assert font_size(char) >= 8.95 and inside(char, safe), char["text"]
    with pikepdf.open(mini.out / pdf_name("card-print")) as pdf:
        trim = [float(v) / MM for v in pdf.pages[0].obj["/TrimBox"]]
        assert (round(trim[2] - trim[0]), round(trim[3] - trim[1])) == mm
    first = page_texts(mini.out / pdf_name("card-sheet"))[0]
    assert f"fronts of {count} cards" in " ".join(first.split())


def test_unknown_card_size_is_a_settings_error(mini: Project, toolkit) -> None:
    mini.edit("toolkit_url:", "card:\n  size: a5\n\ntoolkit_url:", file=mini.settings)
    result = toolkit("check", *mini.args())
    assert result.code == 1
    assert "'card.size' should be one of a6, a7, business, not 'a5'" in result.err


def test_changing_a_marked_step_changes_the_card_and_the_appendix(mini: Project) -> None:
    mini.edit("2. Do not reply.", "2. Do not reply to anyone who abuses you.")
    build("card", "appendix", *mini.args("--out", str(mini.out)))
    card = " ".join(page_texts(mini.out / pdf_name("card"))[0].split())
    appendix = " ".join(" ".join(page_texts(mini.out / pdf_name("appendix"))).split())
    assert "Do not reply to anyone who abuses you." in card
    assert "Do not reply to anyone who abuses you." in appendix


def _line_of(project: Project, text: str) -> int:
    lines = project.source.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("side", "after", "extra"),
    [
        (
            "front",
            "3. Keep evidence: screenshots with dates and links.\n",
            "".join(f"{n}. Another step that the author added.\n" for n in range(4, 40)),
        ),
        (
            "back",
            "- Use two-step verification.\n",
            "".join("- Another thing to do that the author added.\n" for _ in range(40)),
        ),
    ],
)
def test_too_much_for_a_side_fails_the_build(
    mini: Project, toolkit, side: str, after: str, extra: str
) -> None:
    first_box = "::: steps If you are abused online" if side == "front" else "::: do {card=back}"
    mini.edit(after, after + extra)
    result = toolkit("build", "card", *mini.args("--out", str(mini.out)))
    assert result.code == 1
    line = _line_of(mini, first_box)
    pattern = (
        rf"toolkit\.md:{line}: The {side} of the card is too full by about (\d+) lines "
        rf"\((\d+) mm\)\. Shorten the boxes marked \{{card={side}\}}"
    )
    found = re.search(pattern, result.err)
    assert found, result.err
    lines, mm = int(found[1]), int(found[2])
    assert 20 <= lines <= 80 and lines * 3.5 <= mm * 1.05 + 4  # a line of 10pt text is ~4.2 mm
    assert not mini.out.exists() or not (mini.out / pdf_name("card")).exists()


def test_nothing_marked_for_the_card_fails_the_build(mini: Project, toolkit) -> None:
    text = mini.source.read_text(encoding="utf-8")
    text = text.replace(" {card=front}", "").replace(" {card=back}", "")
    text = re.sub(r"::: card\n.*?\n:::\n", "", text, flags=re.S)
    mini.source.write_text(text, encoding="utf-8")
    result = toolkit("build", "card-sheet", *mini.args("--out", str(mini.out)))
    assert result.code == 1
    assert "Nothing in the text is marked for the pocket card." in result.err


def test_the_layout_is_made_once_per_format(mini: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint

    calls: list[str] = []
    render = weasyprint.HTML.render

    def counting_render(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append("render")
        return render(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "render", counting_render)
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda *a, **k: pytest.fail("second layout"))
    build(*FORMATS, "--jobs", "1", *mini.args("--out", str(mini.out)))  # counted in-process
    assert calls == ["render"] * len(FORMATS)


def test_formats_are_registered_and_in_the_manifest(riverside: Path) -> None:
    import json

    from pipeline.formats import FORMATS as REGISTRY

    assert [REGISTRY[f].filename for f in FORMATS] == [pdf_name(f) for f in FORMATS]
    manifest = json.loads((riverside / "manifest.json").read_text())
    entries = {e["format"]: e for e in manifest["outputs"]}
    for fmt in FORMATS:
        assert entries[fmt]["path"] == pdf_name(fmt)
        assert entries[fmt]["pages"] == 2
