"""Shared test helpers: a throw-away copy of the project's content, and the CLI run in-process."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The header lines that turn the real content's draft 1.0 into the adopted 1.0
ADOPTED_HEADER = """status: adopted
date: 2024-04-15
approved:
  by: Democracy and Standards Committee
  date: 2024-04-15
  minute: DSC/24/7"""


def require_tool(name: str) -> str:
    """The path of a command-line tool; in CI a missing tool fails the test instead of skipping."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (see .ci/system-packages)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def assert_pdf_ua(*paths: Path) -> None:
    """Every PDF passes veraPDF's PDF/UA-1 profile (in CI, a missing validator fails the test)."""
    import verapdf_runner

    ok, reason = verapdf_runner.available()
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    reports = verapdf_runner.validate(list(paths), "ua1")
    for path in paths:
        assert reports[path].compliant, f"{path.name}: {reports[path].summary()}"


@dataclass
class Project:
    """A copy of content/ in a temporary folder, safe to edit."""

    root: Path

    @property
    def source(self) -> Path:
        return self.root / "content" / "toolkit.md"

    @property
    def settings(self) -> Path:
        return self.root / "content" / "settings.yml"

    @property
    def out(self) -> Path:
        return self.root / "output"

    def edit(self, old: str, new: str, file: Path | None = None) -> None:
        path = file or self.source
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def append(self, text: str) -> None:
        with self.source.open("a", encoding="utf-8") as file:
            file.write(text)

    def args(self, *extra: str) -> list[str]:
        return [*extra, "--source", str(self.source), "--settings", str(self.settings)]


def make_project(tmp_path: Path, source: Path) -> Project:
    content = tmp_path / "content"
    shutil.copytree(source.parent, content)
    if source.name != "toolkit.md":
        shutil.move(content / source.name, content / "toolkit.md")
    shutil.copy(ROOT / "content" / "settings.yml", content / "settings.yml")
    return Project(tmp_path)


def fill_placeholders(settings: Path) -> None:
    """Give every TODO placeholder in a settings file a value of its kind, as before a release."""
    from pipeline.settings import LINK_NAMES, load_settings

    web = {"toolkit_url", "web", *LINK_NAMES}

    def filled(match: re.Match[str]) -> str:
        key = match.group(2)
        if key == "phone":
            value = "0300 126 0000"
        elif key == "email":
            value = "someone@example.gov.uk"
        elif key in web:
            value = "https://example.gov.uk/page"
        else:
            value = "A sentence the council wrote before the release."
        return f"{match.group(1)}{key}: {value}"

    text = settings.read_text(encoding="utf-8")
    placeholder = r"^(\s*(?:- )?)(\w+): (?:\"TODO:[^\"]*\"|'TODO:[^']*')$"
    settings.write_text(re.sub(placeholder, filled, text, flags=re.M), encoding="utf-8")
    assert not load_settings(settings).placeholders(), "a placeholder this helper did not fill"


@pytest.fixture(scope="session")
def real_document():
    """The model of the real content/toolkit.md with content/settings.yml, read once."""
    from pipeline.source import Sources, load

    content = ROOT / "content"
    return load(Sources(content / "toolkit.md", content / "settings.yml")).document


@pytest.fixture
def mini(tmp_path: Path) -> Project:
    """The small fixture that uses every Markdown feature, with the real settings."""
    return make_project(tmp_path, FIXTURES / "mini" / "toolkit.md")


@dataclass
class Run:
    code: int
    out: str
    err: str


def run_toolkit(*args: str, cwd: Path | None = None) -> Run:
    """Run the real `toolkit` command in a subprocess: exit code, stdout and stderr as users see."""
    result = subprocess.run(
        [sys.executable, "-m", "pipeline.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    return Run(result.returncode, result.stdout, result.stderr)


@pytest.fixture
def toolkit(capsys: pytest.CaptureFixture[str]):
    """Run `toolkit` in-process (fast); returns exit code, stdout and stderr."""
    from pipeline.cli import main

    def call(*args: str) -> Run:
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return call
