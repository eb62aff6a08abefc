"""Shared test helpers: a throw-away copy of the project's content, the CLI run in-process, and
the real content's outputs built once for the whole test session (`built_outputs`)."""

from __future__ import annotations

import fcntl
import importlib
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
# No test waits on the clock for something to happen: it waits for the thing itself. Where a
# wait needs a limit (a browser action, a child process, a page that should change), this one
# only stops a hang; nothing that works takes a tenth of it on a machine busy with other work.
HANG_SECONDS = 600


def _hypothesis_on_a_busy_machine() -> None:
    """Hypothesis judges no example by its time (no deadline, no "too slow" health check) and
    tries the same examples in every run, so that a run passes or fails by the code alone, not
    by chance. To search new examples: pytest --hypothesis-profile=explore."""
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "busy-machine",
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        derandomize=True,
    )
    settings.register_profile(
        "explore", deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.load_profile("busy-machine")


_hypothesis_on_a_busy_machine()
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


def assert_pdf_standards(*paths: Path, flavours: tuple[str, ...] = ("ua1", "2a")) -> None:
    """Every PDF passes each of veraPDF's profiles (PDF/UA-1 and PDF/A-2a unless told), in one
    run that parses each file once (in CI, a missing validator fails the test)."""
    import verapdf_runner

    ok, reason = verapdf_runner.available()
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    reports = verapdf_runner.validate_profiles(list(paths), flavours)
    for flavour in flavours:
        for path in paths:
            report = reports[flavour][path]
            assert report.compliant, f"{path.name}: {report.summary()}"


def assert_pdf_ua(*paths: Path) -> None:
    """Every PDF passes veraPDF's PDF/UA-1 profile."""
    assert_pdf_standards(*paths, flavours=("ua1",))


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
    from pipeline.read.settings import LINK_NAMES, load_settings

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
    from pipeline.read.source import Sources, load

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


# ---- the real content's outputs, built once per test session -------------------------------

RIVERSIDE = ROOT / "content" / "examples" / "riverside-settings.yml"


@dataclass(frozen=True)
class BuiltOutputs:
    """The outputs of the real content, as `toolkit build` and `toolkit compare` write them.

    - `draft`: every format of content/toolkit.md with content/settings.yml (a draft);
    - `adopted`: every format of the same text adopted (ADOPTED_HEADER), with the Riverside
      example settings, whose web address is real (QR codes, live links on the card);
    - `redline`: `toolkit compare` of an annual review of the real content (annual_review.py):
      social-media-toolkit-redline.pdf and .docx;
    - `raw(variant, name)`: a PDF as WeasyPrint wrote it, before the finishing step
      (variant "draft", "adopted" or "redline"; name a format, or "redline-pdf");
    - `html(variant, name)`: the HTML that PDF was laid out from.

    Read them, never change them: every test of the session sees the same files.
    """

    root: Path

    @property
    def draft(self) -> Path:
        return self.root / "draft"

    @property
    def adopted(self) -> Path:
        return self.root / "adopted"

    @property
    def redline(self) -> Path:
        return self.root / "redline" / "out"

    def pdf(self, variant: str, name: str) -> Path:
        """A finished PDF: `pdf("draft", "appendix")`, `pdf("redline", "redline-pdf")`."""
        if variant == "redline":
            return self.redline / "social-media-toolkit-redline.pdf"
        from pipeline.formats import FORMATS

        return self.root / variant / FORMATS[name].filename

    def raw(self, variant: str, name: str) -> Path:
        return self.root / "raw" / variant / f"{name}.pdf"

    def html(self, variant: str, name: str) -> str:
        """The HTML a PDF was laid out from (what WeasyPrint was given)."""
        return (self.root / "html" / variant / f"{name}.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built_outputs(tmp_path_factory: pytest.TempPathFactory) -> BuiltOutputs:
    """The real content's outputs (see BuiltOutputs), built once for the session: the first
    test process of the run that asks builds them, under a lock; the others wait and share."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # the folder above is this run's, shared by all
        root = root.parent
    built = BuiltOutputs(root / "built-outputs")
    with open(root / "built-outputs.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (built.root / "complete").exists():
            shutil.rmtree(built.root, ignore_errors=True)
            _build_outputs(built)
            (built.root / "complete").touch()
    return built


def _build_outputs(built: BuiltOutputs) -> None:
    from pipeline.cli import main
    from pipeline.pdf import finish as pdf_finish
    from pipeline.publish.redlines import compare_versions

    from annual_review import annual_review

    seen: list[tuple[bytes, bytes]] = []  # (raw, finished) of every PDF made
    pages: list[tuple[str, str]] = []  # (label, HTML) of every PDF laid out
    original = pdf_finish.finish

    def finish(rendered, meta):  # type: ignore[no-untyped-def]
        result = original(rendered, meta)
        seen.append((rendered.data, result.data))
        return result

    def laid_out(html, *args, **kwargs):  # type: ignore[no-untyped-def]
        pages.append((kwargs["label"], html))
        return html_to_pdf(html, *args, **kwargs)

    adopted = make_project(built.root / "adopted-source", ROOT / "content" / "toolkit.md")
    adopted.edit("status: draft\ndate: 2024-04-15", ADOPTED_HEADER)
    sources = {
        "draft": (ROOT / "content" / "toolkit.md", ROOT / "content" / "settings.yml"),
        "adopted": (adopted.source, RIVERSIDE),
    }
    from pipeline.formats import FORMATS
    from pipeline.pdf.engine import html_to_pdf

    renderers = [f"pipeline.render.{f.module}" for f in FORMATS.values()] + [
        "pipeline.render.redline_pdf"
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_finish, "finish", finish)
        for module in map(importlib.import_module, renderers):
            if hasattr(module, "html_to_pdf"):
                patch.setattr(module, "html_to_pdf", laid_out)
        for variant, (source, settings) in sources.items():
            args = ["--quiet", "--jobs", "1", "--out", str(built.root / variant)]
            args += ["--source", str(source), "--settings", str(settings)]
            assert main(["build", *args]) == 0, variant
            _keep_pages(built.root / "html" / variant, pages)
        old, new = annual_review(built.root / "redline")
        compare_versions(
            str(old.source), str(new.source), built.root / "redline" / "releases", built.redline
        )
        _keep_pages(built.root / "html" / "redline", pages)
    raw_of = {finished: raw for raw, finished in seen}

    pdfs = [
        (v, name) for v in sources for name, f in FORMATS.items() if f.filename.endswith(".pdf")
    ]
    for variant, name in [*pdfs, ("redline", "redline-pdf")]:
        path = built.raw(variant, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw_of[built.pdf(variant, name).read_bytes()])


def _keep_pages(folder: Path, pages: list[tuple[str, str]]) -> None:
    """Write the HTML of the PDFs laid out since the last call, by format, and forget them."""
    folder.mkdir(parents=True, exist_ok=True)
    for label, html in pages:
        (folder / f"{label}.html").write_text(html, encoding="utf-8")
    pages.clear()
