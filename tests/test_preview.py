"""`toolkit preview` as an editor uses it: started on a free port, then the source is edited."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.layouts import LAYOUTS
from pipeline.preview import watched_paths
from pipeline.read.source import Sources

from browser import chromium, offline_page
from conftest import FIXTURES, HANG_SECONDS, ROOT, Project, make_project


@dataclass
class RunningPreview:
    process: subprocess.Popen
    out: Path
    err: Path
    url: str = ""

    def get(self, path: str = "") -> str:
        with urllib.request.urlopen(self.url + path, timeout=HANG_SECONDS) as response:
            return response.read().decode("utf-8")

    def wait_for(self, what: str, found: Callable[[], bool]) -> None:
        """Until `found()`: however long the machine takes, as long as the preview runs."""
        deadline = time.monotonic() + HANG_SECONDS  # only a hang gets here
        while not found():
            if self.process.poll() is not None:
                raise AssertionError(f"the preview stopped before {what}:\n{self.terminal()}")
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{what}: still not after {HANG_SECONDS} s:\n{self.terminal()}"
                )
            time.sleep(0.1)

    def terminal(self) -> str:
        return self.out.read_text() + self.err.read_text()


@pytest.fixture
def mini(tmp_path: Path) -> Project:
    return make_project(tmp_path, FIXTURES / "mini" / "toolkit.md")


@contextmanager
def started(
    mini: Project, tmp_path: Path, ctrl_c_ignored: bool = False
) -> Iterator[RunningPreview]:
    """`toolkit preview` on a free port, stopped with Ctrl+C (SIGINT) at the end, as a person
    stops it; `ctrl_c_ignored` starts it as a script's background job is started."""
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    ignore = (lambda: signal.signal(signal.SIGINT, signal.SIG_IGN)) if ctrl_c_ignored else None
    with out.open("w") as stdout, err.open("w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.cli", "preview", "--port", "0", *mini.args()],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=stdout,
            stderr=stderr,
            preexec_fn=ignore,
        )
    running = RunningPreview(process, out, err)
    try:
        running.wait_for("the preview said where it is", lambda: "http://" in out.read_text())
        running.url = re.search(r"http://\S+/", out.read_text()).group(0)  # type: ignore[union-attr]
        yield running
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(timeout=HANG_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            raise AssertionError(f"Ctrl+C did not stop it:\n{running.terminal()}") from None
    assert code == 0, running.terminal()
    assert "Preview stopped." in out.read_text()


@pytest.fixture
def preview(mini: Project, tmp_path: Path) -> Iterator[RunningPreview]:
    with started(mini, tmp_path) as running:
        yield running


def test_ctrl_c_stops_it_when_started_in_a_scripts_background(
    mini: Project, tmp_path: Path
) -> None:
    # A background job of a script inherits SIGINT ignored; "Press Ctrl+C to stop" stays true.
    with started(mini, tmp_path, ctrl_c_ignored=True) as running:
        assert "Press Ctrl+C to stop" in running.out.read_text()
        assert "Social Media Toolkit for Councillors" in running.get()


def test_serves_the_page_on_this_computer_only(preview: RunningPreview) -> None:
    assert preview.url.startswith("http://127.0.0.1:")
    page = preview.get()
    assert "<h1>Social Media Toolkit for Councillors</h1>" in page
    assert "connect-src 'self'" in page.replace("&#39;", "'")
    with pytest.raises(urllib.error.HTTPError) as missing:
        preview.get("social-media-toolkit-appendix.pdf")
    assert missing.value.code == 404
    assert "toolkit build" in missing.value.read().decode()


def test_an_edit_to_the_source_or_settings_changes_the_page(
    preview: RunningPreview, mini: Project
) -> None:
    mini.edit("This toolkit helps councillors", "This guide helps every councillor")
    preview.wait_for(
        "the page changed", lambda: "This guide helps every councillor" in preview.get()
    )
    mini.edit("name: North Northamptonshire Council", "name: Nene Valley Council", mini.settings)
    preview.wait_for(
        "the settings changed the page", lambda: "Nene Valley Council" in preview.get()
    )
    assert "built the page after a change to" in preview.out.read_text()


def test_a_build_error_shows_on_the_page_and_in_the_terminal_above_the_last_good_page(
    preview: RunningPreview, mini: Project
) -> None:
    mini.edit("{{ council.phone }}", "{{ council.fone }}")
    preview.wait_for("the page showed the error", lambda: 'class="preview-error"' in preview.get())
    page = preview.get()
    assert "could not be built" in page and "council.fone" in page
    assert "Who it is for" in page, "the last good page is still there"
    assert "council.fone" in preview.err.read_text()
    assert "the page shows the last good build" in preview.err.read_text()

    mini.edit("{{ council.fone }}", "{{ council.phone }}")
    preview.wait_for("the error went away", lambda: 'class="preview-error"' not in preview.get())


def test_watches_the_content_folder_settings_and_layouts(mini: Project, tmp_path: Path) -> None:
    elsewhere = tmp_path / "other-settings.yml"
    elsewhere.write_text(mini.settings.read_text())
    paths = watched_paths(Sources(mini.source, elsewhere))
    assert set(paths) == {mini.source.parent.resolve(), elsewhere.resolve(), LAYOUTS.resolve()}
    assert watched_paths(Sources(mini.source, mini.settings)) == [
        mini.source.parent.resolve(),
        LAYOUTS.resolve(),
    ]


def test_the_open_page_reloads_itself(preview: RunningPreview, mini: Project) -> None:
    with chromium() as browser:
        opened = offline_page(browser, (preview.url, preview.url + "events"))
        page = opened.page
        page.goto(preview.url)
        heading = page.get_by_role("heading", level=1)
        assert heading.inner_text() == "Social Media Toolkit for Councillors"
        mini.edit("title: Social Media Toolkit", "title: Online Safety Toolkit")
        page.wait_for_function(
            "() => document.querySelector('h1').textContent.startsWith('Online Safety')"
        )
        assert opened.refused == [] and opened.console_errors == []
        opened.close()
