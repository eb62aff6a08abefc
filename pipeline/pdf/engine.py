"""HTML to tagged PDF with WeasyPrint, inside a sandbox.

- The URL fetcher reads only files under layouts/ and the font package, and data: URLs. Pictures
  are never read from the disk here: a page's pictures are the checked ones the document holds
  (the text's under CONTENT_URL by their name in the text, the council's logo at LOGO_URL), and
  the fetcher answers with what each gives a PDF (an SVG sanitised, which WeasyPrint draws as
  vectors). Anything else (other files, ../ paths, http(s)) stops the build with a clear message.
- Errors WeasyPrint logs (such as an image without alt text) are build errors, not noise; an
  image marked decorative with `alt=""` is not one (see hooks.py, which also keeps the spaces
  and carries what the HTML knows into the structure tree).
- The PDF written is tagged PDF/UA-1 as WeasyPrint makes it; pipeline/pdf/finish.py completes it.
"""

from __future__ import annotations

import logging
import posixpath
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlparse

from ..errors import Problem, ToolkitError
from ..layouts import LAYOUTS
from ..rendered import Rendered
from .fonts import font_dir
from .hooks import engine_hooks

if TYPE_CHECKING:
    from .. import model as m
    from ..pictures import Embedded, Picture


class _Refused(Exception):
    pass


# The addresses of pictures inside the PDF engine: the base address of the page, against which
# the text's pictures (src="images/logo.png") resolve, and the council's logo. WeasyPrint names
# images by a hash of their URL, so fixed addresses keep the PDF the same wherever the files are.
CONTENT_URL = "file:///toolkit-content/"
LOGO_URL = "file:///toolkit-settings/logo"


def allowed_roots() -> tuple[Path, ...]:
    return (LAYOUTS.resolve(), font_dir())


def picture_addresses(
    pictures: Mapping[str, Picture], logo: Picture | None = None
) -> dict[str, Picture]:
    """Pictures by the address a page asks for: the text's by their name in it, the logo's."""
    found = {_normal(CONTENT_URL + src): picture for src, picture in pictures.items()}
    if logo is not None:
        found[LOGO_URL] = logo
    return found


def document_pictures(document: m.Document) -> dict[str, Picture]:
    """Every picture a page of `document` may show: the text's, and the council's logo."""
    logo = document.settings.logo
    return picture_addresses(document.pictures, logo.picture if logo else None)


def _normal(url: str) -> str:
    """An address as compared: unquoted, and a picture's name without ./ or ../ steps."""
    url = unquote(url)
    if url.startswith(CONTENT_URL):
        return CONTENT_URL + posixpath.normpath(url.removeprefix(CONTENT_URL))
    return url


def _fetcher_class():  # defined lazily: importing WeasyPrint is slow
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class SandboxFetcher(URLFetcher):
        def __init__(self, roots: tuple[Path, ...], pictures: Mapping[str, Embedded]) -> None:
            super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
            self.roots = roots
            self.pictures = pictures

        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise FatalURLFetchingError(f"refused to fetch {url}: only project files are used")
            address = _normal(url)
            embedded = self.pictures.get(address)
            if embedded is not None:
                return URLFetcherResponse(
                    url, embedded.data, headers={"Content-Type": embedded.mime_type}
                )
            if address.startswith((CONTENT_URL, LOGO_URL)):
                raise FatalURLFetchingError(f"refused {url}: it is not a checked picture")
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise FatalURLFetchingError(f"refused to read {path}: it is outside the project")
            response = super().fetch(path.as_uri(), headers)
            response.url = url  # keep the address the document used
            return response

    return SandboxFetcher


class _LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def html_to_pdf(
    html: str,
    stylesheets: list[str],
    label: str,
    pictures: Mapping[str, Picture] | None = None,
    pdf_variant: str = "pdf/ua-1",
    check_layout: Callable[[Any], None] | None = None,
    finisher: Callable[[Any, Any], None] | None = None,
) -> Rendered:
    """Lay out `html` once and write a tagged PDF; `label` names the output in messages.

    `pictures` are the pictures the page may show, by address (see `document_pictures`).
    `check_layout` may inspect the laid-out WeasyPrint document (and raise ToolkitError) before
    anything is written; `finisher` may adjust the PDF objects, as WeasyPrint's `finisher` does.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    # Converted before the layout (a CMYK JPEG becomes RGB), so that a picture that cannot be
    # converted gets its own message, not the engine's "failed to load image".
    embedded = {url: picture.for_pdf() for url, picture in (pictures or {}).items()}
    fetcher = _fetcher_class()(allowed_roots(), embedded)
    fonts = FontConfiguration()
    capture = _LogCapture()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(capture)
    try:
        sheets = [
            CSS(filename=str(LAYOUTS / name), font_config=fonts, url_fetcher=fetcher)
            for name in stylesheets
        ]
        with engine_hooks() as tagging:
            document = HTML(string=html, base_url=CONTENT_URL, url_fetcher=fetcher).render(
                stylesheets=sheets, font_config=fonts, pdf_variant=pdf_variant
            )
            if check_layout:
                check_layout(document)
            data = document.write_pdf(pdf_variant=pdf_variant, finisher=finisher)
    except FatalURLFetchingError as error:
        cause = error.__cause__ or error
        raise ToolkitError(
            Problem(
                label,
                None,
                f"A resource was refused ({cause}).",
                "Keep pictures in content/images/ and styles in layouts/.",
            )
        ) from None
    finally:
        logger.removeHandler(capture)
    messages = tagging.excused(capture.messages)
    if messages:
        raise ToolkitError(
            [Problem(label, None, f"The PDF engine reported: {msg}") for msg in messages]
        )
    return Rendered(data, len(document.pages))
