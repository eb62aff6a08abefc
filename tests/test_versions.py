"""Versions: the history's rules, stamps on every page, releases, verify, reproducible bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from pipeline import model as m
from pipeline.errors import ToolkitError
from pipeline.model.versions import parse_version
from pipeline.publish.schedule import review
from pipeline.read.source import Sources, load

from conftest import ADOPTED_HEADER, ROOT, Project, fill_placeholders, require_tool, run_toolkit
from pdf_reading import page_texts

APPENDIX = "social-media-toolkit-appendix.pdf"


def adopt(project: Project) -> None:
    project.edit("status: draft\ndate: 2024-04-15", ADOPTED_HEADER)


def problems(project: Project) -> list[str]:
    with pytest.raises(ToolkitError) as caught:
        load(Sources(project.source, project.settings))
    return [str(p) for p in caught.value.problems]


# ---- the version data -------------------------------------------------------------------


def test_versions_compare_as_numbers() -> None:
    assert parse_version("1.10") > parse_version("1.9")
    assert parse_version("2.0") > parse_version("1.99")


def test_review_is_due_after_the_interval_from_approval(mini: Project) -> None:
    adopt(mini)
    mini.edit("date: 2024-04-15\n  minute", "date: 2024-05-20\n  minute")
    meta = load(Sources(mini.source, mini.settings)).document.meta
    assert meta.review_due == dt.date(2025, 5, 20)
    assert review(meta, dt.date(2025, 5, 10)).describe() == "in 10 days"
    assert review(meta, dt.date(2025, 6, 1)).describe() == "overdue by 12 days"


def test_history_must_increase(mini: Project) -> None:
    mini.edit("history:\n", 'history:\n  - version: "1.1"\n    date: 2024-01-01\n    summary: x\n')
    found = problems(mini)
    assert any("Version 1.0 does not come after 1.1" in p for p in found)
    assert any("newer than this version" in p for p in found)


def test_adopted_version_needs_approval_and_history(mini: Project) -> None:
    mini.edit("status: draft", "status: adopted")
    mini.edit('version: "1.0"', 'version: "1.1"')
    found = problems(mini)
    assert any("toolkit.md:7:" in p and "needs 'approved'" in p for p in found)
    assert any("history's last entry must be this version (1.1)" in p for p in found)


# ---- stamps and draft marking --------------------------------------------------------------


def test_draft_is_marked_on_every_page(mini: Project, toolkit) -> None:
    assert toolkit("build", "appendix", *mini.args("--out", str(mini.out))).code == 0
    pages = page_texts(mini.out / APPENDIX)
    assert all("DRAFT" in page for page in pages)
    assert "Draft for consideration by the Democracy and Standards Committee" in " ".join(
        pages[0].split()
    )


def test_adopted_version_shows_no_draft_marking_and_its_approval(mini: Project, toolkit) -> None:
    adopt(mini)
    assert toolkit("build", "appendix", *mini.args("--out", str(mini.out))).code == 0
    pages = page_texts(mini.out / APPENDIX)
    assert not any("DRAFT" in page or "Draft" in page for page in pages)
    first = " ".join(pages[0].split())
    assert (
        "Approved 15 April 2024 by the Democracy and Standards Committee (minute DSC/24/7)" in first
    )
    assert "Next review due 15 April 2025" in first
    assert all("Version 1.0 (adopted)" in page for page in pages)


def test_pdf_metadata_carries_title_subject_keywords_and_version(mini: Project, toolkit) -> None:
    assert toolkit("build", "appendix", *mini.args("--out", str(mini.out))).code == 0
    with pikepdf.open(mini.out / APPENDIX) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "Social Media Toolkit for Councillors"
        assert "version 1.0" in str(info["/Subject"])
        assert "councillors" in str(info["/Keywords"])
        assert str(info["/Version"]) == "1.0"
        xmp = pdf.open_metadata()
        assert xmp["xmpMM:VersionID"] == "1.0"
        assert xmp["dc:title"] == "Social Media Toolkit for Councillors"
        assert "pdfuaid:part" in str(pdf.Root.Metadata.read_bytes())


# ---- reproducible builds ---------------------------------------------------------------------


def build_bytes(project: Project, out: Path, env: dict[str, str], clock: str | None) -> bytes:
    command = [
        sys.executable,
        "-m",
        "pipeline.cli",
        "build",
        "appendix",
        "--quiet",
        *project.args("--out", str(out)),
    ]
    if clock:
        command = [require_tool("faketime"), clock, *command]
    subprocess.run(command, check=True, env={**os.environ, "PYTHONPATH": str(ROOT), **env})
    return (out / APPENDIX).read_bytes()


def test_same_source_gives_the_same_bytes_on_another_day(mini: Project) -> None:
    today = build_bytes(mini, mini.root / "a", {}, None)
    later = build_bytes(mini, mini.root / "b", {}, "2031-06-01 12:00:00")
    assert today == later
    with pikepdf.open(io.BytesIO(today)) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20240415")


def test_source_date_epoch_sets_the_dates(mini: Project) -> None:
    data = build_bytes(mini, mini.root / "a", {"SOURCE_DATE_EPOCH": "1735689600"}, None)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.docinfo["/CreationDate"]).startswith("D:20250101")


# ---- release, status, verify -------------------------------------------------------------------


def release_args(project: Project, version: str = "1.0") -> list[str]:
    return [
        "release",
        version,
        "--date",
        "2024-04-22",
        "--approved-by",
        "Democracy and Standards Committee",
        "--summary",
        "First version adopted.",
        "--minute",
        "DSC/24/7",
        "--releases",
        str(project.root / "releases"),
        "--source",
        str(project.source),
        "--settings",
        str(project.settings),
        "--quiet",
    ]


@pytest.fixture
def released(mini: Project, toolkit) -> Project:
    fill_placeholders(mini.settings)
    result = toolkit(*release_args(mini))
    assert result.code == 0, result.err
    return mini


def test_release_stores_source_outputs_and_checksums(released: Project) -> None:
    folder = released.root / "releases" / "1.0"
    record = json.loads((folder / "release.json").read_text())
    assert record["version"] == "1.0"
    assert record["approved"] == {
        "by": "Democracy and Standards Committee",
        "date": "2024-04-22",
        "minute": "DSC/24/7",
    }
    assert "source/toolkit.md" in record["files"] and "source/settings.yml" in record["files"]
    assert f"output/{APPENDIX}" in record["files"]
    for name, sha in record["files"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == sha
    assert "DRAFT" not in " ".join(page_texts(folder / "output" / APPENDIX))


def test_release_updates_the_source_header(released: Project) -> None:
    meta = load(Sources(released.source, released.settings)).document.meta
    assert (meta.version, meta.status, meta.date) == ("1.0", "adopted", dt.date(2024, 4, 22))
    assert meta.approved == m.Approval(
        "Democracy and Standards Committee", dt.date(2024, 4, 22), "DSC/24/7"
    )
    assert [(e.version, e.summary) for e in meta.history] == [("1.0", "First version adopted.")]
    assert "# About this toolkit" in released.source.read_text()


def test_release_keeps_how_the_source_was_saved(mini: Project, toolkit) -> None:
    # A Windows editor's file: byte-order mark and CRLF line endings, kept when the header is
    # rewritten, so that only the header's lines differ.
    original = b"\xef\xbb\xbf" + mini.source.read_bytes().replace(b"\n", b"\r\n")
    mini.source.write_bytes(original)
    fill_placeholders(mini.settings)
    result = toolkit(*release_args(mini))
    assert result.code == 0, result.err
    saved = mini.source.read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf") and saved.count(b"\n") == saved.count(b"\r\n")
    body = original.split(b"\r\n---\r\n", 1)[1]
    assert saved.endswith(body) and b"status: adopted" in saved


def test_a_draft_names_no_approver_and_release_records_it(mini: Project, toolkit) -> None:
    mini.edit("    approved_by: Democracy and Standards Committee\n", "")
    draft = load(Sources(mini.source, mini.settings)).document.meta
    assert draft.status == "draft" and draft.approved is None
    assert [(e.version, e.approved_by) for e in draft.history] == [("1.0", "Not yet approved")]
    fill_placeholders(mini.settings)
    result = toolkit(*release_args(mini))
    assert result.code == 0, result.err
    header = mini.source.read_text(encoding="utf-8").split("\n---\n", 1)[0]
    assert "    approved_by: Democracy and Standards Committee" in header
    meta = load(Sources(mini.source, mini.settings)).document.meta
    assert [(e.version, e.approved_by) for e in meta.history] == [
        ("1.0", "Democracy and Standards Committee")
    ]


def test_a_version_adopted_in_its_header_names_its_approver_in_the_history(
    mini: Project,
) -> None:
    mini.edit("    approved_by: Democracy and Standards Committee\n", "")
    mini.edit(
        "status: draft",
        "status: adopted\napproved:\n  by: Standards Committee\n  date: 2024-04-22",
    )
    meta = load(Sources(mini.source, mini.settings)).document.meta
    assert [(e.version, e.approved_by) for e in meta.history] == [("1.0", "Standards Committee")]


def test_not_yet_approved_is_never_written_into_a_header(mini: Project) -> None:
    from pipeline.read.frontmatter import front_matter_text

    mini.edit("    approved_by: Democracy and Standards Committee\n", "")
    meta = load(Sources(mini.source, mini.settings)).document.meta
    assert meta.history[-1].approved_by == "Not yet approved"
    assert "approved_by" not in front_matter_text(meta)


def test_release_refuses_a_version_that_is_not_greater(released: Project, toolkit) -> None:
    for version in ("1.0", "0.9"):
        result = toolkit(*release_args(released, version))
        assert result.code == 1
        assert "not greater than the current version 1.0" in result.err or (
            "already been released" in result.err
        )


def test_release_never_overwrites(released: Project, toolkit) -> None:
    record = (released.root / "releases" / "1.0" / "release.json").read_bytes()
    released.edit("status: adopted", "status: draft")
    result = toolkit(*release_args(released, "1.0"))
    assert result.code == 1 and "already been released" in result.err
    assert (released.root / "releases" / "1.0" / "release.json").read_bytes() == record


def test_release_refuses_placeholders(mini: Project, toolkit) -> None:
    result = toolkit(*release_args(mini))
    assert result.code == 1
    assert "toolkit_url is still a placeholder" in result.err
    assert not (mini.root / "releases" / "1.0").exists()


def test_release_refuses_a_source_with_errors(mini: Project, toolkit) -> None:
    fill_placeholders(mini.settings)
    mini.edit("## Who it is for", "### Who it is for")
    result = toolkit(*release_args(mini))
    assert result.code == 1 and "Heading level skipped" in result.err
    assert not (mini.root / "releases").exists() or not any((mini.root / "releases").iterdir())


def test_verify_reports_the_changed_file(released: Project, toolkit) -> None:
    releases = str(released.root / "releases")
    assert toolkit("verify", "--releases", releases).code == 0
    pdf = released.root / "releases" / "1.0" / "output" / APPENDIX
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    result = toolkit("verify", "1.0", "--releases", releases)
    assert result.code == 1
    assert f"{pdf}: has changed since the release" in result.err
    assert result.err.count("\n") == 1


def test_rebuilding_a_release_gives_identical_files(released: Project, toolkit) -> None:
    result = toolkit("verify", "1.0", "--rebuild", "--releases", str(released.root / "releases"))
    assert result.code == 0, result.err
    assert "rebuilds identically" in result.out


def test_verify_refuses_an_unknown_version(released: Project, toolkit) -> None:
    result = toolkit("verify", "3.0", "--releases", str(released.root / "releases"))
    assert result.code == 1
    assert "There is no release 3.0" in result.err and "Releases: 1.0" in result.err


def test_status_after_release(released: Project) -> None:
    result = run_toolkit(
        "status",
        "--today",
        "2025-05-01",
        "--releases",
        str(released.root / "releases"),
        "--source",
        str(released.source),
    )
    assert result.code == 0
    assert "Version:     1.0 (adopted)" in result.out
    assert "Review due:  22 April 2025 (overdue by 9 days)" in result.out
    assert "Releases:    1.0" in result.out


def test_build_warns_when_the_review_is_overdue(released: Project) -> None:
    result = run_toolkit("build", "appendix", *released.args("--out", str(released.out)))
    assert result.code == 0
    assert "Warning: the annual review of version 1.0 was due on 22 April 2025" in result.err
