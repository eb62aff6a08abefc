"""The interactive web page, read as HTML and used in a real browser as a councillor would."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import os
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from pipeline import model as m
from pipeline.formats import FORMATS, select
from pipeline.read.source import Sources, load
from pipeline.render.html_page import (
    DOWNLOADS,
    account_security_list,
    page_html,
    split_sections,
)

from browser import axe_violations, chromium, describe, offline_page
from conftest import FIXTURES, ROOT, BuiltOutputs, Project, make_project

NAME = "social-media-toolkit.html"


def build_html(out: Path, *extra: str) -> Path:
    from pipeline.cli import main

    source = ("--source", str(ROOT / "content/toolkit.md"))
    assert main(["build", "html", "--quiet", "--out", str(out), *source, *extra]) == 0
    return out / NAME


@pytest.fixture(scope="module")
def built(built_outputs: BuiltOutputs) -> Path:
    return built_outputs.draft / NAME


@pytest.fixture(scope="module")
def page_text(built: Path) -> str:
    return built.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def document(real_document: m.Document) -> m.Document:
    return real_document


class Tags(HTMLParser):
    """Every start tag with its attributes, in document order, and the text of headings."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[int, str]] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [tag]

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == self._heading[0]:
            level = int(tag[1])
            self.headings.append((level, " ".join("".join(self._heading[1:]).split())))
            self._heading = None


def parse(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    return tags


# ---- the file -------------------------------------------------------------------------------


def test_html_and_large_print_are_built_by_default() -> None:
    names = [f.name for f in select([])]
    assert "html" in names and "large-print" in names
    assert FORMATS["html"].filename == NAME


def test_the_page_loads_nothing_from_anywhere_else(page_text: str) -> None:
    tags = parse(page_text)
    for tag, attrs in tags.tags:
        for name in ("src", "srcset", "poster", "data"):
            value = attrs.get(name)
            assert value is None or value.startswith("data:"), (tag, name, value)
        if tag == "link":
            assert attrs.get("rel") == "icon" and attrs.get("href") == "data:,", attrs
    assert not re.search(r"url\((?!\s*['\"]?data:)", page_text), "a CSS url() to a file"
    assert "@import" not in page_text


def test_content_security_policy_allows_only_the_pages_own_style_and_script(
    page_text: str,
) -> None:
    [quoted] = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page_text)
    policy = html.unescape(quoted)
    assert "default-src 'none'" in policy
    assert "connect-src 'none'" in policy
    for tag in ("style", "script"):
        for body in re.findall(rf"<{tag}>(.*?)</{tag}>", page_text, re.S):
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy, f"the {tag} element's hash is not allowed"


def test_language_title_landmarks_and_skip_link(page_text: str, document: m.Document) -> None:
    tags = parse(page_text)
    assert ("html", {"lang": "en-GB"}) in tags.tags
    assert f"<title>{document.meta.title} – North Northamptonshire Council</title>" in page_text
    names = [tag for tag, _ in tags.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert names.count(landmark) == 1, landmark
    first_in_body = tags.tags[names.index("body") + 1]
    assert first_in_body == ("a", {"class": "skip-link", "href": "#main"})
    assert ("main", {"id": "main", "tabindex": "-1"}) in tags.tags


def test_headings_are_in_order(page_text: str, document: m.Document) -> None:
    headings = parse(page_text).headings
    assert headings[0] == (1, document.meta.title)
    assert [level for level, _ in headings].count(1) == 1
    for (before, _), (after, text) in itertools.pairwise(headings):
        assert after <= before + 1, f"'{text}' skips a level"
    texts = {text for _, text in headings}
    for heading in document.headings():
        assert m.plain_text(heading.children) in texts


def test_every_paragraph_of_the_source_is_on_the_page(page_text: str, document: m.Document) -> None:
    text = " ".join(re.sub(r"<[^>]+>", " ", page_text).split())
    text = text.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"')
    for block in m.walk_blocks(document.blocks):
        if isinstance(block, m.Paragraph):
            words = " ".join(m.plain_text(block.children).split())
            assert words[:40] in text, words[:60]


def test_links_to_the_other_formats_and_the_version_stamp(
    page_text: str, document: m.Document
) -> None:
    hrefs = {attrs.get("href") for tag, attrs in parse(page_text).tags if tag == "a"}
    for fmt, filename, _, _ in DOWNLOADS:
        assert filename in hrefs
        if fmt in FORMATS:
            assert FORMATS[fmt].filename == filename
    assert {f for _, f, _, _ in DOWNLOADS} >= {
        "social-media-toolkit-appendix.pdf",
        "social-media-toolkit.docx",
        "social-media-toolkit-card.pdf",
        "social-media-toolkit-large-print.pdf",
    }
    assert f"Version {document.meta.version}, 15 April 2024." in page_text
    assert "Next review due by 15 April 2025." in page_text


def test_checklists_are_the_steps_box_and_the_account_security_list(page_text: str) -> None:
    lists = re.findall(r'<div class="checklist" id="([^"]+)"[^>]*?( data-remember)?>', page_text)
    assert lists == [
        ("keeping-your-accounts-secure-checklist", " data-remember"),
        ("if-you-are-abused-or-threatened-online", ""),
    ]
    boxes = re.findall(r'<input type="checkbox" class="check-box" id="([^"]+)"', page_text)
    assert len(boxes) == 6 + 7
    assert len(set(boxes)) == len(boxes)


def test_account_security_list_is_the_first_list_under_its_heading(
    document: m.Document,
) -> None:
    found = account_security_list(document.blocks)
    assert isinstance(found, m.BulletList)
    first = m.plain_text(found.items[0].children[0].children)  # type: ignore[union-attr]
    assert first.startswith("Use strong passwords.")
    mini = load(Sources(FIXTURES / "mini/toolkit.md", ROOT / "content/settings.yml")).document
    assert account_security_list(mini.blocks) is None


def test_sections_follow_the_main_headings(document: m.Document) -> None:
    lead, sections = split_sections(document.blocks)
    assert lead == ()
    main_headings = [h for h in document.headings() if h.level == 1]
    assert [s.heading for s in sections] == main_headings
    for section in sections:
        assert all(isinstance(part[0], m.Heading) and part[0].level == 2 for part in section.parts)


def test_qr_code_only_for_a_real_address(tmp_path: Path, page_text: str) -> None:
    assert "TODO: web address of the online toolkit" in page_text
    assert 'class="qr"' not in page_text
    riverside = build_html(
        tmp_path, "--settings", str(ROOT / "content/examples/riverside-settings.yml")
    ).read_text(encoding="utf-8")
    assert re.search(r'<img class="qr" src="data:image/svg\+xml;charset=utf-8,', riverside)
    assert '<a href="https://www.riverside.example.gov.uk/councillor-social-media">' in riverside
    assert "--brand: #6b2c91;" in riverside


def test_images_are_inside_the_page_and_only_from_content(tmp_path: Path, toolkit) -> None:
    mini: Project = make_project(tmp_path, FIXTURES / "mini" / "toolkit.md")
    assert toolkit("build", "html", *mini.args("--out", str(mini.out))).code == 0
    logo = base64.b64encode((mini.root / "content/images/logo.png").read_bytes()).decode()
    assert f'src="data:image/png;base64,{logo}"' in (mini.out / NAME).read_text()

    shutil.copy(mini.root / "content/images/logo.png", tmp_path / "outside.png")
    mini.edit("(images/logo.png)", "(../outside.png)")
    result = toolkit("build", "html", *mini.args("--out", str(mini.out)))
    assert result.code == 1
    assert "'../outside.png' is outside the content folder" in result.err


# ---- in a real browser ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as running:
        yield running


@pytest.fixture
def open_page(browser: Any, built: Path) -> Iterator[Any]:
    """Open the built page with the network off; fail if it asked for anything else."""
    opened: list[Any] = []

    def open_(path: Path = built, hash_: str = "", **options: Any) -> Any:
        url = path.as_uri()
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("reduced_motion", "reduce")  # no smooth scrolling to wait for
        page = offline_page(browser, (url,), **options)
        page.page.goto(url + hash_)
        opened.append(page)
        return page

    yield open_
    for page in opened:
        assert page.refused == [], f"the page asked for {page.refused}"
        assert page.console_errors == [], page.console_errors
        page.close()


def show_all(page: Any) -> None:
    page.get_by_role("button", name="Show all sections").click()


def assert_no_axe_violations(page: Any, state: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{state}:\n{describe(violations)}"


@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_no_wcag_22_aa_problems(open_page, width: int) -> None:
    page = open_page(viewport={"width": width, "height": 900}).page
    assert_no_axe_violations(page, "sections closed")
    show_all(page)
    assert_no_axe_violations(page, "every section open")
    page.get_by_role("searchbox", name="Search the toolkit").fill("password")
    page.locator("#search-status").filter(has_text=re.compile(r"\bmatch(es)?\b")).wait_for()
    assert_no_axe_violations(page, "searching")


def test_axe_finds_no_problems_without_script(browser: Any, built: Path) -> None:
    url = built.as_uri()
    without_script = re.sub(r"<script>.*?</script>", "", built.read_text(), flags=re.S)
    opened = offline_page(browser, (url,))
    opened.page.route(
        url, lambda route: route.fulfill(body=without_script, content_type="text/html")
    )
    opened.page.goto(url)
    assert_no_axe_violations(opened.page, "without script")
    opened.close()


def test_axe_finds_no_problems_with_another_councils_colours(open_page, tmp_path: Path) -> None:
    riverside = build_html(
        tmp_path, "--settings", str(ROOT / "content/examples/riverside-settings.yml")
    )
    page = open_page(riverside).page
    show_all(page)
    assert_no_axe_violations(page, "Riverside's settings")
    assert page.get_by_role("img", name="QR code that opens the toolkit online").is_visible()


def focused(page: Any) -> dict[str, str]:
    return page.evaluate(
        "() => ({tag: document.activeElement.tagName, id: document.activeElement.id,"
        " text: document.activeElement.textContent.trim(),"
        " outline: getComputedStyle(document.activeElement).outlineStyle,"
        " shadow: getComputedStyle(document.activeElement).boxShadow})"
    )


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_the_content(open_page) -> None:
    page = open_page().page
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert focused(page)["text"] == "Skip to main content"
    assert skip.is_visible()
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the skip link must show when focused"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"


def test_focus_is_always_visible(open_page) -> None:
    page = open_page().page
    for _ in range(12):
        page.keyboard.press("Tab")
        now = focused(page)
        assert now["outline"] != "none" or now["shadow"] != "none", now


def tab_to(page: Any, name: str, tag: str, limit: int = 40) -> None:
    """Press Tab until a `tag` element whose text or label is `name` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(
            "() => { const e = document.activeElement;"
            " const text = e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent;"
            " return [e.tagName, text.trim()]; }"
        )
        if now == [tag, name]:
            return
    raise AssertionError(f"Tab never reached the {tag} '{name}'")


def test_search_filters_the_sections_as_you_type(open_page) -> None:
    page = open_page().page
    tab_to(page, "Search the toolkit", "INPUT")
    page.keyboard.type("two-step verification")
    page.get_by_role("status").filter(has_text="match").wait_for()
    assert page.get_by_role("heading", name="Keeping your accounts secure").is_visible()
    assert not page.get_by_role("heading", name="Training and induction").is_visible()
    assert not page.get_by_role("heading", name="Protecting your home address").is_visible()
    page.keyboard.press("Escape")
    assert page.get_by_role("heading", name="Training and induction").is_visible()
    page.get_by_role("searchbox", name="Search the toolkit").fill("zzzqqq")
    page.get_by_text("Nothing matches").wait_for()
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Training and induction").click()
    assert page.get_by_role("heading", name="The legal session").is_visible()
    assert page.get_by_role("searchbox", name="Search the toolkit").input_value() == ""


def test_sections_open_and_close_by_keyboard(open_page) -> None:
    page = open_page().page
    toggle = page.get_by_role("button", name="Using social media well")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.get_by_role("heading", name="Sharing and reposting").is_visible()
    tab_to(page, "Using social media well", "BUTTON")
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.get_by_role("heading", name="Sharing and reposting").is_visible()
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-expanded") == "false"


def test_a_link_into_a_closed_section_opens_it(open_page) -> None:
    from playwright.sync_api import expect

    page = open_page().page
    page.get_by_role("link", name="If you are abused or threatened online").click()
    expect(page.locator("#if-you-are-abused-or-threatened-online")).to_be_in_viewport()
    assert (
        page.get_by_role("button", name=re.compile("^Dealing with online abuse")).get_attribute(
            "aria-expanded"
        )
        == "true"
    )


def tick_count(page: Any, checklist: str) -> int:
    return page.locator(f"#{checklist} .check-box:checked").count()


def test_account_security_ticks_survive_a_reload(open_page) -> None:
    page = open_page(hash_="#keeping-your-accounts-secure").page
    checklist = "keeping-your-accounts-secure-checklist"
    first = page.locator(f"#{checklist} .check-box").first
    first.focus()
    page.keyboard.press("Space")
    assert page.locator(f"#{checklist}").get_by_text("1 of 6 done").is_visible()
    page.get_by_role("link", name="If you are abused or threatened online").click()
    page.get_by_role("checkbox", name=re.compile("^In danger")).check()
    page.reload()
    assert tick_count(page, checklist) == 1
    assert first.is_checked()
    assert tick_count(page, "if-you-are-abused-or-threatened-online") == 0
    page.locator(f"#{checklist}").get_by_role("button", name="Clear all ticks").click()
    page.reload()
    assert tick_count(page, checklist) == 0


def test_without_script_everything_is_open_and_nothing_is_broken(open_page) -> None:
    page = open_page(java_script_enabled=False).page
    assert page.get_by_role("heading", name="Sharing and reposting").is_visible()
    assert page.get_by_role("heading", name="Keeping records").is_visible()
    assert page.get_by_role("list").filter(has_text="Use strong passwords").is_visible()
    assert not page.locator("#search").is_visible()
    assert page.get_by_role("button").count() == 0
    page.get_by_role("checkbox", name=re.compile("^Use strong passwords")).check()


def test_prints_every_section_and_no_controls(open_page) -> None:
    page = open_page().page
    page.emulate_media(media="print")
    assert page.get_by_role("heading", name="Sharing and reposting").is_visible()
    assert not page.get_by_role("navigation").is_visible()
    assert not page.get_by_role("button", name="Show all sections").is_visible()
    assert not page.get_by_role("button", name="Clear all ticks").first.is_visible()


def overflows(page: Any) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("width", [320, 390])
def test_fits_a_phone_and_400_percent_zoom_without_sideways_scrolling(
    open_page, width: int
) -> None:
    page = open_page(viewport={"width": width, "height": 256}).page
    assert not overflows(page)
    show_all(page)
    assert not overflows(page)


def test_reduced_motion_turns_off_smooth_scrolling(open_page) -> None:
    still = open_page(reduced_motion="reduce").page
    assert still.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "auto"
    moving = open_page(reduced_motion="no-preference").page
    assert moving.evaluate("getComputedStyle(document.documentElement).scrollBehavior") == "smooth"


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("TOOLKIT_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots(open_page, screenshot_dir: Path, width: int) -> None:
    """Screenshots to look at (set TOOLKIT_SCREENSHOTS=folder to keep them)."""
    page = open_page(viewport={"width": width, "height": 900}).page
    page.screenshot(path=screenshot_dir / f"html-{width}.png", full_page=True)
    show_all(page)
    page.screenshot(path=screenshot_dir / f"html-{width}-open.png", full_page=True)
    for name in (f"html-{width}.png", f"html-{width}-open.png"):
        assert (screenshot_dir / name).stat().st_size > 10_000


def test_words_in_another_language_carry_it(mini: Project) -> None:
    mini.append("\nSay [Croeso i bawb]{lang=cy} to everyone.\n")
    page = page_html(load(Sources(mini.source, mini.settings)).document)
    assert 'Say <span lang="cy">Croeso i bawb</span> to everyone.' in page


FOCUS_STYLE = (
    "() => { const e = document.activeElement; const s = getComputedStyle(e);"
    " return {tag: e.tagName, text: (e.textContent || e.value || '').trim().slice(0, 40),"
    " style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor}; }"
)


def test_focus_shows_with_forced_colours(open_page) -> None:
    """Windows High Contrast drops backgrounds and shadows: every element Tab reaches must
    still show its focus, as an outline in a colour that is not transparent."""
    page = open_page(forced_colors="active").page
    show_all(page)
    page.evaluate("() => document.activeElement.blur()")
    seen, hidden = [], []
    for _ in range(600):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUS_STYLE)
        if now["tag"] == "BODY" or (seen and now == seen[0]):
            break  # past the last element: back to the page or the first element
        seen.append(now)
        if now["style"] == "none" or now["width"] < 2 or now["colour"] in TRANSPARENT:
            hidden.append(now)
    assert len(seen) > 50, "Tab should reach every link, button and checkbox of the page"
    assert hidden == [], hidden


TRANSPARENT = ("transparent", "rgba(0, 0, 0, 0)")


def test_a_focused_link_is_outlined_with_forced_colours(open_page) -> None:
    """What is drawn just left and right of a focused one-line link (where an outline goes;
    an underline does not reach there) changes when it takes focus, with forced colours."""
    from PIL import Image, ImageChops

    page = open_page(forced_colors="active").page
    one_line_link = (
        "() => { const e = document.activeElement;"
        " return e.tagName === 'A' && !!e.closest('main') && e.getClientRects().length === 1; }"
    )
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate(one_line_link):
            break
    margin = 6
    box = page.evaluate(
        f"() => {{ const r = document.activeElement.getBoundingClientRect();"
        f" return {{x: r.x - {margin}, y: r.y - {margin}, width: r.width + {2 * margin},"
        f" height: r.height + {2 * margin}}}; }}"
    )
    focused_look = page.screenshot(clip=box, animations="disabled")
    page.evaluate("() => document.activeElement.blur()")
    plain_look = page.screenshot(clip=box, animations="disabled")
    looks = [Image.open(io.BytesIO(png)).convert("RGB") for png in (focused_look, plain_look)]
    width, height = looks[0].size
    for side in (
        (0, margin, margin, height - margin),
        (width - margin, margin, width, height - margin),
    ):
        focused, plain = (look.crop(side) for look in looks)
        assert ImageChops.difference(focused, plain).getbbox() is not None, "no outline is drawn"


def test_values_still_to_fill_in_are_marked(page_text: str) -> None:
    """A contact's telephone number, like its addresses, is marked while it is a placeholder,
    and a real number is a link to call it."""
    marked = re.findall(r'<span class="placeholder">([^<]*)</span>', page_text)
    assert any(value.startswith("TODO: telephone number") for value in marked)
    assert any(value.startswith("TODO:") and "email" in value for value in marked)
    assert '<a href="tel:101">101</a>' in page_text
