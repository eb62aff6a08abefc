"""A real browser for the tests: Debian's Chromium, driven by Playwright, with no network.

Only the page under test may load; any other request is refused and recorded, so a test can
assert that a page asks for nothing. axe-core comes from the PyPI package
`axe-playwright-python`, which ships `axe.min.js`.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import pytest

from conftest import HANG_SECONDS, require_tool

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require_playwright() -> None:
    if importlib.util.find_spec("playwright") is None:
        _missing("the Python package playwright is not installed (pip install -e '.[test]')")


def axe_source() -> str:
    """axe-core's script, from the axe-playwright-python package."""
    if importlib.util.find_spec("axe_playwright_python") is None:
        _missing("axe-core is missing: pip install axe-playwright-python (see the test extra)")
    return (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium; skips (fails in CI) when Chromium or Playwright is missing."""
    executable = require_tool("chromium")
    require_playwright()
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=HANG_SECONDS * 1000)  # assertions that wait: see offline_page
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, timeout=HANG_SECONDS * 1000
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class OfflinePage:
    """A page in its own browser context that may load `allowed` URLs and nothing else."""

    page: Any
    context: Any
    refused: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def close(self) -> None:
        self.context.close()


def offline_page(browser: Any, allowed: tuple[str, ...], **context_options: Any) -> OfflinePage:
    context = browser.new_context(**context_options)
    # Actions wait for what they need (fonts loaded, an element shown); the limit only stops a
    # hang, so a busy machine never fails a test.
    context.set_default_timeout(HANG_SECONDS * 1000)
    context.set_default_navigation_timeout(HANG_SECONDS * 1000)
    page = context.new_page()
    opened = OfflinePage(page, context)

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.split("#")[0] in allowed:
            request_route.continue_()
        else:
            opened.refused.append(url)
            request_route.abort()

    context.route("**/*", route)
    page.on(
        "console",
        lambda message: (
            opened.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: opened.console_errors.append(str(error)))
    return opened


def axe_violations(page: Any, tags: list[str] = WCAG_TAGS) -> list[dict[str, Any]]:
    """axe-core's violations of the given WCAG levels on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = "{runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}"
    result = page.evaluate(f"tags => axe.run(document, {options})", tags)
    return result["violations"]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}")
    return "\n".join(lines)
