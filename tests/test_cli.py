"""The `toolkit` command as a clerk or monitoring officer uses it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.formats import FORMATS

from conftest import ROOT, Project, run_toolkit
from pdf_reading import page_texts


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: digest(p) for p in sorted(folder.iterdir()) if p.is_file()}


def test_help_ends_with_examples(toolkit) -> None:
    for args in (["--help"], ["build", "--help"], ["check", "--help"]):
        result = toolkit(*args)
        assert result.code == 0
        tail = result.out.rstrip().split("\n\n")[-1]
        assert tail.startswith("examples:"), args
        assert "toolkit " in tail


def test_build_help_lists_the_formats(toolkit) -> None:
    assert "appendix" in toolkit("build", "--help").out


def test_usage_errors_exit_2(toolkit) -> None:
    assert toolkit().code == 2
    assert toolkit("publish").code == 2
    unknown = toolkit("build", "apendix")
    assert unknown.code == 2
    assert "Did you mean 'appendix'?" in unknown.err


def test_build_writes_every_format_and_a_true_manifest(mini: Project, toolkit) -> None:
    result = toolkit("build", *mini.args("--out", str(mini.out)))
    assert result.code == 0, result.err
    manifest = json.loads((mini.out / "manifest.json").read_text())
    assert manifest["version"] == "1.0"
    assert {e["format"] for e in manifest["outputs"]} == set(FORMATS)
    for entry in manifest["outputs"]:
        path = mini.out / entry["path"]
        assert entry["sha256"] == digest(path)
        assert entry["bytes"] == path.stat().st_size
        if path.suffix == ".pdf":
            assert entry["pages"] == len(PdfReader(path).pages)
        assert f"wrote {path}" in result.out


def test_building_one_format_keeps_the_others_in_the_manifest(mini: Project, toolkit) -> None:
    assert toolkit("build", *mini.args("--out", str(mini.out))).code == 0
    assert toolkit("build", "appendix", *mini.args("--out", str(mini.out))).code == 0
    manifest = json.loads((mini.out / "manifest.json").read_text())
    assert {e["format"] for e in manifest["outputs"]} == set(FORMATS)


def test_progress_is_plain_lines_when_not_a_terminal(mini: Project, toolkit) -> None:
    out = toolkit("build", "appendix", *mini.args("--out", str(mini.out))).out
    assert "\r" not in out and "\x1b" not in out
    assert any(
        line.strip().startswith("[1/1] appendix:") and line.endswith(" s)")
        for line in out.splitlines()
    )


def test_quiet_prints_nothing(mini: Project, toolkit) -> None:
    result = toolkit("build", "appendix", "--quiet", *mini.args("--out", str(mini.out)))
    assert result.code == 0
    assert result.out == "" and result.err == ""


def test_clerk_sets_label_committee_and_meeting_without_editing_the_source(
    mini: Project, toolkit
) -> None:
    before = digest(mini.source)
    result = toolkit(
        "build",
        "appendix",
        "--appendix",
        "B",
        "--meeting",
        "2025-04-14",
        "--committee",
        "Audit and Governance Committee",
        *mini.args("--out", str(mini.out)),
    )
    assert result.code == 0, result.err
    pages = page_texts(mini.out / "social-media-toolkit-appendix.pdf")
    assert "Appendix B" in pages[0]
    assert "14 April 2025" in pages[0]
    assert "Audit and Governance Committee" in pages[0]
    assert "Appendix B – Social Media Toolkit" in pages[1]  # the running header
    assert digest(mini.source) == before


def test_meeting_file(mini: Project, toolkit) -> None:
    meeting = mini.root / "meeting.yml"
    meeting.write_text("appendix: D\ndate: 2025-10-06\n", encoding="utf-8")
    result = toolkit(
        "build", "appendix", "--meeting-file", str(meeting), *mini.args("--out", str(mini.out))
    )
    assert result.code == 0, result.err
    first = page_texts(mini.out / "social-media-toolkit-appendix.pdf")[0]
    assert "Appendix D" in first and "6 October 2025" in first
    assert "Democracy and Standards Committee" in first  # unchanged default


def test_changing_a_sentence_changes_the_pdf(mini: Project, toolkit) -> None:
    toolkit("build", "appendix", *mini.args("--out", str(mini.out)))
    pdf = mini.out / "social-media-toolkit-appendix.pdf"
    first = digest(pdf)
    mini.edit("Never share exempt information.", "Never share confidential papers.")
    assert toolkit("build", "appendix", *mini.args("--out", str(mini.out))).code == 0
    assert digest(pdf) != first
    text = "".join(page_texts(pdf))
    assert "Never share confidential papers." in text
    assert "Never share exempt information." not in text


BROKEN = {
    "bad YAML in settings": ("settings", "committee: Democracy", "committee: [Democracy"),
    "unknown settings key": ("settings", "brand_colour:", "brand_color:"),
    "heading level skipped": ("source", "## Who it is for", "### Who it is for"),
    "image without alt text": ("source", "![The council logo, a teal rectangle]", "![]"),
    "missing image": ("source", "images/logo.png", "images/missing.png"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_broken_input_gives_one_line_and_leaves_outputs_untouched(mini: Project, case: str) -> None:
    assert run_toolkit("build", "appendix", *mini.args("--out", str(mini.out))).code == 0
    before = snapshot(mini.out)
    which, old, new = BROKEN[case]
    file = mini.settings if which == "settings" else mini.source
    mini.edit(old, new, file)
    line = next(i for i, text in enumerate(file.read_text().splitlines(), 1) if new in text)

    result = run_toolkit("build", "appendix", *mini.args("--out", str(mini.out)))

    assert result.code == 1
    assert "Traceback" not in result.err
    [message] = result.err.strip().splitlines()
    assert message.startswith(f"{file}:{line}: ")
    assert result.out == ""
    assert snapshot(mini.out) == before


def test_check_reports_placeholders_and_writes_nothing(mini: Project, toolkit) -> None:
    result = toolkit("check", *mini.args())
    assert result.code == 0
    assert "no errors" in result.out
    assert "toolkit_url = 'TODO: web address of the online toolkit'" in result.out
    assert not mini.out.exists()


def test_check_reports_every_problem_with_exit_1(mini: Project, toolkit) -> None:
    mini.edit("::: warning", "::: warnin")
    mini.edit("## Who it is for", "### Who it is for")
    result = toolkit("check", *mini.args())
    assert result.code == 1
    assert "Unknown box 'warnin'" in result.err
    assert "Heading level skipped" in result.err
    assert "2 problems found" in result.err


def test_output_folder_that_cannot_be_written(mini: Project, toolkit) -> None:
    blocker = mini.root / "a-file"
    blocker.write_text("not a folder")
    result = toolkit("build", *mini.args("--out", str(blocker / "out")))
    assert result.code == 1
    assert "Cannot write to this folder" in result.err
    assert "--out" in result.err


def test_missing_source_says_how_to_fix(tmp_path: Path) -> None:
    result = run_toolkit("check", cwd=tmp_path)
    assert result.code == 1
    assert "content/toolkit.md: This file does not exist." in result.err
    assert "Traceback" not in result.err


def test_the_real_content_passes_check() -> None:
    result = run_toolkit("check", cwd=ROOT)
    assert result.code == 0, result.err
    assert "no errors" in result.out
