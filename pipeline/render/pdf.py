"""HTML to tagged PDF with WeasyPrint, inside a sandbox.

- The URL fetcher reads only files under layouts/, content/ and the font package, and data: URLs.
  Anything else (other files, ../ paths, http(s)) stops the build with a clear message.
- Errors WeasyPrint logs (such as an image without alt text) are build errors, not noise.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..errors import Problem, ToolkitError
from ..fonts import font_dir
from ..formats import Rendered
from ..templates import LAYOUTS


class _Refused(Exception):
    pass


def allowed_roots(content_dir: Path) -> tuple[Path, ...]:
    return (LAYOUTS.resolve(), content_dir.resolve(), font_dir())


def _fetcher_class():  # defined lazily: importing WeasyPrint is slow
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

    class SandboxFetcher(URLFetcher):
        def __init__(self, roots: tuple[Path, ...]) -> None:
            super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
            self.roots = roots

        def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            if parsed.scheme != "file":
                raise FatalURLFetchingError(f"refused to fetch {url}: only project files are used")
            path = Path(unquote(parsed.path)).resolve()
            if not any(path.is_relative_to(root) for root in self.roots):
                raise FatalURLFetchingError(f"refused to read {path}: it is outside the project")
            return super().fetch(url, headers)

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
) -> Rendered:
    """Lay out `html` once and write a tagged PDF; `label` names the output in messages."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    fetcher = _fetcher_class()(allowed_roots(content_dir))
    fonts = FontConfiguration()
    capture = _LogCapture()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(capture)
    try:
        sheets = [
            CSS(filename=str(LAYOUTS / name), font_config=fonts, url_fetcher=fetcher)
            for name in stylesheets
        ]
        document = HTML(
            string=html, base_url=content_dir.resolve().as_uri() + "/", url_fetcher=fetcher
        ).render(stylesheets=sheets, font_config=fonts, pdf_variant=pdf_variant)
        data = document.write_pdf(pdf_variant=pdf_variant)
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
    if capture.messages:
        raise ToolkitError(
            [Problem(label, None, f"The PDF engine reported: {msg}") for msg in capture.messages]
        )
    return Rendered(data, len(document.pages))
