"""The PDF engine: WeasyPrint's logged problems are build errors; resources stay in the project."""

from __future__ import annotations

import io

import pikepdf
import pytest

from pipeline.errors import ToolkitError
from pipeline.pdf.engine import LOGO_URL, html_to_pdf, picture_addresses

from conftest import FIXTURES
from pdf_sample import pictures

CONTENT = FIXTURES / "mini"


def page(body: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='en-GB'><head><title>T</title></head><body>{body}</body></html>"
    )


def test_a_clean_page_renders_to_a_tagged_pdf() -> None:
    result = html_to_pdf(page("<h1>Hello</h1><p>Text</p>"), ["print.css"], "test")
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert len(pdf.pages) == result.pages == 1


def test_weasyprint_errors_are_build_errors() -> None:
    with pytest.raises(ToolkitError) as caught:
        html_to_pdf(page("<img src='images/logo.png'>"), ["print.css"], "test", pictures())
    assert "The PDF engine reported" in str(caught.value)
    assert "alt" in str(caught.value).lower()


@pytest.mark.parametrize(
    "src",
    [
        "file:///etc/passwd",
        "../../../conftest.py",
        "http://127.0.0.1:9/logo.png",
        "https://example.com/logo.png",
    ],
)
def test_resources_outside_the_project_are_refused(src: str) -> None:
    with pytest.raises(ToolkitError) as caught:
        html_to_pdf(page(f"<img src='{src}' alt='x'>"), ["print.css"], "test")
    assert "A resource was refused" in str(caught.value)


def test_remote_stylesheet_is_refused() -> None:
    html = page("<p>x</p>").replace(
        "<title>", "<link rel='stylesheet' href='https://example.com/x.css'><title>"
    )
    with pytest.raises(ToolkitError, match="refused"):
        html_to_pdf(html, ["print.css"], "test")


def test_checked_pictures_are_shown() -> None:
    result = html_to_pdf(
        page("<img src='images/logo.png' alt='The logo'>"), ["print.css"], "test", pictures()
    )
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        assert len(pdf.pages[0].get_images()) == 1


@pytest.mark.parametrize("src", ["images/logo.png", "./images/../toolkit.md", LOGO_URL])
def test_a_picture_not_checked_is_never_read_from_the_disk(src: str) -> None:
    """The file exists in the content folder, but only checked pictures are given to a page."""
    assert (CONTENT / "images/logo.png").is_file()
    with pytest.raises(ToolkitError, match="not a checked picture"):
        html_to_pdf(page(f"<img src='{src}' alt='x'>"), ["print.css"], "test", {})


def test_the_logo_is_answered_at_its_own_address() -> None:
    logo = next(iter(pictures().values()))
    html = page(f"<img src='{LOGO_URL}' alt='Riverside District Council'>")
    result = html_to_pdf(html, ["print.css"], "test", picture_addresses({}, logo))
    with pikepdf.open(io.BytesIO(result.data)) as pdf:
        assert len(pdf.pages[0].get_images()) == 1
