"""HTML to tagged PDF with WeasyPrint, inside a sandbox.

- The URL fetcher reads only files under layouts/, content/ and the font package, and data: URLs.
  Anything else (other files, ../ paths, http(s)) stops the build with a clear message.
- Errors WeasyPrint logs (such as an image without alt text) are build errors, not noise; an
  image marked decorative with `alt=""` is not one (see hooks.py, which also keeps the spaces
  and carries what the HTML knows into the structure tree).
- The PDF written is tagged PDF/UA-1 as WeasyPrint makes it; pipeline/pdf/finish.py completes it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..errors import Problem, ToolkitError
from ..layouts import LAYOUTS
from ..rendered import Rendered
from .fonts import font_dir
from .hooks import engine_hooks


class _Refused(Exception):
    pass


# The content folder's address inside the PDF engine. WeasyPrint names images by a hash of their
# URL, so a fixed address keeps the PDF the same wherever the content folder happens to be.
CONTENT_URL = "file:///toolkit-content/"


def allowed_roots(content_dir: Path) -> tuple[Path, ...]:
    return (LAYOUTS.resolve(), content_dir.resolve(), font_dir())


def _fetcher_class():  # defined lazily: importing WeasyPrint is slow
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class SandboxFetcher(URLFetcher):
        def __init__(self, roots: tuple[Path, ...], content_dir: Path) -> None:
            super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
            self.roots = roots
            self.content_dir = content_dir.resolve()

        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise FatalURLFetchingError(f"refused to fetch {url}: only project files are used")
            if url.startswith(CONTENT_URL):
                path = (self.content_dir / unquote(url.removeprefix(CONTENT_URL))).resolve()
            else:
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
    content_dir: Path,
    label: str,
    pdf_variant: str = "pdf/ua-1",
    check_layout: Callable[[Any], None] | None = None,
    finisher: Callable[[Any, Any], None] | None = None,
) -> Rendered:
    """Lay out `html` once and write a tagged PDF; `label` names the output in messages.

    `check_layout` may inspect the laid-out WeasyPrint document (and raise ToolkitError) before
    anything is written; `finisher` may adjust the PDF objects, as WeasyPrint's `finisher` does.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    fetcher = _fetcher_class()(allowed_roots(content_dir), content_dir)
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
                "Keep images in content/ and styles in layouts/.",
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
