"""A small HTML page with everything the finishing step handles, as WeasyPrint renders it
(through html_to_pdf) and as pipeline/pdf_finish.py finishes it."""

from __future__ import annotations

import datetime as dt
from functools import cache

from pipeline import model as m
from pipeline.pdf.engine import html_to_pdf, picture_addresses
from pipeline.pdf.finish import finish_pdf
from pipeline.pdf.fonts import font_face_css
from pipeline.pictures import read_picture
from pipeline.read.images import MISSING_FIX

from conftest import FIXTURES

CONTENT = FIXTURES / "mini"  # has images/logo.png


@cache
def pictures() -> dict:
    """The pictures the sample shows, checked, by the addresses the PDF engine answers."""
    logo = read_picture(
        CONTENT / "images/logo.png", "images/logo.png", "sample.md", 1, missing_fix=MISSING_FIX
    )
    return picture_addresses({"images/logo.png": logo})


META = m.Meta(
    title="Sample",
    short_title="Sample",
    subtitle="",
    language="en-GB",
    version="2.3",
    status="draft",
    date=dt.date(2024, 4, 15),
)
WELSH = "Croeso i Gymru"
BODY = f"""
<h1>Sample document</h1>
<nav class="contents"><ol>
  <li><a href="#first">First part</a></li>
  <li><a href="#second">Second part</a></li>
</ol></nav>
<h2 id="first">First part</h2>
<p>English text with a Welsh phrase, <span lang="cy">{WELSH}</span>, and
<span lang="en-GB">English again</span>.</p>
<p>Write to <a href="mailto:clerk@example.gov.uk">the clerk</a>, call
<a href="tel:01234%20567890">the office</a> or read
<a href="https://www.example.gov.uk/guide/">the guide</a>.</p>
<p><img src="images/logo.png" alt="The council logo" style="width: 20mm">
<img src="images/logo.png" alt="" style="width: 5mm"></p>
<ul><li>One<ul><li>Nested</li></ul></li><li>Two</li></ul>
<table><thead><tr><th>Name</th><th>Phone</th></tr></thead>
<tbody><tr><td>Clerk</td><td>01234 567890</td></tr></tbody></table>
<table><tbody><tr><th scope="row">Row header</th><td>Value</td></tr></tbody></table>
<h2 id="second">Second part</h2>
<h3>A subsection</h3>
<p>Back to <a href="#first">the first part</a>.</p>
"""
STYLE = """
@page {
  size: A5; margin: 25mm 15mm;
  @top-left { content: "Running header"; }
  @top-right { content: "DRAFT"; }
  @bottom-left { content: "Page " counter(page) " of " counter(pages); }
}
.contents ol { list-style: none; padding: 0; }
.contents a::after { content: leader(".") " " target-counter(attr(href), page); }
h2 { break-before: page; }
"""


def page(body: str = BODY, style: str = STYLE) -> str:
    return (
        "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>Sample</title>"
        f"<style>{font_face_css()}{style}</style></head><body>{body}</body></html>"
    )


@cache
def raw() -> bytes:
    """The sample as WeasyPrint writes it (tagged PDF/UA-1, before the finishing step)."""
    return html_to_pdf(page(), ["print.css"], "sample", pictures()).data


@cache
def finished() -> bytes:
    return finish_pdf(raw(), META)
