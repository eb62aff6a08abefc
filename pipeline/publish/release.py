"""Releases: an adopted version stored for good, checkable and rebuildable.

`releases/VERSION/` holds `source/` (a snapshot of content/ as released), `output/` (every
format, as built from that snapshot) and `release.json` (who approved it, when, the tool versions
and a SHA-256 for every file). A release folder is written beside its final place and renamed into
it in one step, and is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path

from .. import model as m
from ..errors import Problem, ToolkitError
from ..formats import FORMATS
from ..model.versions import next_versions, parse_version
from ..read.frontmatter import front_matter_text, split_front_matter
from ..read.source import Sources, display_path, load
from ..read.sourcefile import read_text, saved_as
from .build import build
from .fingerprint import LIBRARIES
from .output import sha256, write_atomic
from .progress import Progress

RECORD = "release.json"


@dataclass(frozen=True)
class Adoption:
    """The committee's decision that `toolkit release` records: which version, when, by whom."""

    version: str
    date: dt.date
    approved_by: str
    summary: str
    minute: str = ""


def released_versions(releases: Path) -> list[str]:
    if not releases.is_dir():
        return []
    found = [p.name for p in releases.iterdir() if (p / RECORD).is_file()]
    return sorted(found, key=parse_version)


def _refuse(where: str, message: str, fix: str = "") -> ToolkitError:
    return ToolkitError(Problem(where, None, message, fix))


def _check_version(approval: Adoption, meta: m.Meta, releases: Path) -> None:
    try:
        new = parse_version(approval.version)
    except ValueError:
        raise _refuse(
            "release",
            f"'{approval.version}' is not a version number.",
            "Write it as numbers and dots, e.g. 1.1.",
        ) from None
    adopted = [e.version for e in meta.history] if meta.status != "draft" else []
    known = released_versions(releases) + adopted
    if approval.version in released_versions(releases):
        raise _refuse(
            str(releases / approval.version),
            f"Version {approval.version} has "
            "already been released, and a release is never overwritten.",
            f"Release a higher version ({next_versions(approval.version)}).",
        )
    if known:
        current = max(known, key=parse_version)
        if new <= parse_version(current):
            raise _refuse(
                "release",
                f"Version {approval.version} is not greater than the current version {current}.",
                f"Use {next_versions(current)}.",
            )


def _released_meta(meta: m.Meta, approval: Adoption) -> m.Meta:
    entry = m.HistoryEntry(approval.version, approval.date, approval.approved_by, approval.summary)
    # A draft's own history entry (the proposal) is replaced by the adopted one.
    history = (*(e for e in meta.history if e.version != approval.version), entry)
    return replace(
        meta,
        version=approval.version,
        status="adopted",
        date=approval.date,
        approved=m.Approval(approval.approved_by, approval.date, approval.minute),
        history=history,
    )


def release(sources: Sources, approval: Adoption, releases: Path, progress: Progress) -> Path:
    """Adopt and store a version; update the source's header. Returns the release folder."""
    loaded = load(sources)  # refuses a source with errors
    placeholders = loaded.document.settings.placeholders()
    if placeholders:
        raise ToolkitError(
            [
                Problem(
                    p.file,
                    p.line,
                    f"{p.name} is still a placeholder ({p.value!r}).",
                    "Fill in the real value before releasing.",
                )
                for p in placeholders
            ]
        )
    meta = loaded.document.meta
    _check_version(approval, meta, releases)

    file = display_path(sources.source)
    text = read_text(sources.source, file)
    _, header_lines = split_front_matter(text, file)
    body = "\n".join(text.split("\n")[header_lines:])
    released_text = front_matter_text(_released_meta(meta, approval)) + body

    releases.mkdir(parents=True, exist_ok=True)
    final = releases / approval.version
    staging = Path(tempfile.mkdtemp(dir=releases, prefix=f".{approval.version}."))
    try:
        snapshot = _snapshot(sources, staging / "source", released_text)
        build(
            Sources(snapshot / "toolkit.md", snapshot / "settings.yml"),
            list(FORMATS.values()),
            staging / "output",
            progress,
        )
        _write_record(staging, approval, meta)
        os.rename(staging, final)  # fails rather than replace an existing release
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # The author's file keeps how it was saved (byte-order mark, line endings).
    write_atomic(sources.source, saved_as(released_text, sources.source.read_bytes()))
    return final


def _snapshot(sources: Sources, folder: Path, released_text: str) -> Path:
    """content/ as released: the source (as toolkit.md) with its new header, settings, images."""
    shutil.copytree(sources.source.parent, folder, ignore=shutil.ignore_patterns(".*"))
    if sources.source.name != "toolkit.md":
        (folder / sources.source.name).unlink()
    (folder / "toolkit.md").write_text(released_text, encoding="utf-8")
    if sources.settings.resolve() != (folder / "settings.yml").resolve():
        shutil.copyfile(sources.settings, folder / "settings.yml")
    return folder


def _write_record(folder: Path, approval: Adoption, meta: m.Meta) -> None:
    files = {
        str(path.relative_to(folder)): _sha256(path)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }
    record = {
        "version": approval.version,
        "status": "adopted",
        "title": meta.title,
        "approved": {
            "by": approval.approved_by,
            "date": approval.date.isoformat(),
            "minute": approval.minute,
        },
        "summary": approval.summary,
        "built_with": _tool_versions(),
        "files": files,
    }
    (folder / RECORD).write_text(
        json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def _tool_versions() -> dict[str, str]:
    tools = {}
    for package in ("councillor-social-media-toolkit", *LIBRARIES):
        try:
            tools[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            continue
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent,
    )
    if commit.returncode == 0:
        tools["project commit"] = commit.stdout.strip()
    return tools


def _sha256(path: Path) -> str:
    return sha256(path.read_bytes())


# ---- verify ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    path: str
    problem: str


def verify(folder: Path) -> list[Difference]:
    """Every way the files of a release differ from its record."""
    record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    differences = []
    for name, expected in record["files"].items():
        path = folder / name
        if not path.is_file():
            differences.append(Difference(name, "is missing"))
        elif _sha256(path) != expected:
            differences.append(Difference(name, "has changed since the release"))
    recorded = set(record["files"]) | {RECORD}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_file() and not path.name.startswith(".") and name not in recorded:
            differences.append(Difference(name, "was added after the release"))
    return differences


def rebuild_differences(folder: Path, progress: Progress) -> list[Difference]:
    """Rebuild a release from its snapshot and compare every output with the record."""
    record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    snapshot = folder / "source"
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        build(
            Sources(snapshot / "toolkit.md", snapshot / "settings.yml"),
            list(FORMATS.values()),
            out,
            progress,
        )
        differences = []
        for name, expected in record["files"].items():
            if not name.startswith("output/"):
                continue
            rebuilt = out / name.removeprefix("output/")
            if not rebuilt.is_file():
                differences.append(Difference(name, "was not produced by the rebuild"))
            elif _sha256(rebuilt) != expected:
                differences.append(Difference(name, "comes out different when rebuilt"))
    return differences


def release_folder(releases: Path, version: str | None) -> list[Path]:
    versions = released_versions(releases)
    if version is None:
        if not versions:
            raise _refuse(
                display_path(releases),
                "There are no releases yet.",
                "Make one with `toolkit release VERSION ...`.",
            )
        return [releases / v for v in versions]
    if version not in versions:
        known = ", ".join(versions) or "none yet"
        raise _refuse(
            display_path(releases), f"There is no release {version}.", f"Releases: {known}."
        )
    return [releases / version]
