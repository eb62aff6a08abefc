"""Writes are atomic: a build killed at any moment leaves each output old or complete and new."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.errors import ToolkitError
from pipeline.publish.output import LOCK, locked, write_atomic
from pipeline.publish.progress import Progress
from pipeline.publish.release import Adoption, verify
from pipeline.publish.release import release as make_release
from pipeline.read.source import Sources

from conftest import HANG_SECONDS, ROOT, Project, fill_placeholders

FORMATS = ("appendix", "docx", "card")


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.is_file() and p.name != LOCK
    }


def command(project: Project, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "pipeline.cli",
        "build",
        *FORMATS,
        *project.args("--out", str(out)),
    ]


ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def run(project: Project, out: Path) -> None:
    subprocess.run([*command(project, out), "--quiet"], check=True, env=ENV)


# Where a build is killed: at its start, after each format is rendered (its progress line), and
# while it writes each of its files (when the temporary file appears). Each is an event the
# test waits for, never a time, so a slow or busy machine kills at the same points.
KILL_POINTS = [
    ("start", 0),
    *(("rendered", n) for n in range(1, len(FORMATS) + 1)),
    *(("writing", n) for n in range(1, len(FORMATS) + 2)),  # the outputs, then the manifest
]


def test_killed_builds_leave_old_or_complete_new_files(mini: Project) -> None:
    releases = mini.root / "releases"
    release(mini, releases)
    run(mini, mini.out)
    old = hashes(mini.out)
    mini.edit("2. Do not reply.", "2. Do not answer.")  # on the card and in every document
    run(mini, mini.root / "expected")
    new = hashes(mini.root / "expected")
    assert all(old[name] != new[name] for name in old if name != "manifest.json")

    for point in KILL_POINTS:
        left_before = set(temporaries(mini.out))  # by an earlier killed build
        process = subprocess.Popen(
            command(mini, mini.out), env=ENV, stdout=subprocess.PIPE, text=True
        )
        reached = _wait_for(process, *point, mini.out, left_before)
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()  # type: ignore[union-attr]
        for name, digest in hashes(mini.out).items():
            if name.endswith(".tmp"):
                continue  # a killed build's temporary file: never a published name
            assert digest in (old.get(name), new.get(name)), f"{name} is damaged ({point})"
        if point[0] != "writing":  # a write can end before it is seen; the rest is certain
            assert reached, f"the build ended before {point}"

    assert _builds_left(mini.out) == []  # no render worker outlives its killed build

    run(mini, mini.out)  # the next build completes and clears any leftovers
    assert hashes(mini.out) == new
    assert verify(releases / "1.0") == []  # the release was never touched


def temporaries(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".tmp")]


def _wait_for(
    process: subprocess.Popen, event: str, count: int, out: Path, left_before: set[str]
) -> bool:
    """Block until the build reaches the point; False if it ended first."""
    if event == "start":
        return True
    rendered = 0
    for line in process.stdout:  # type: ignore[union-attr]
        rendered += bool(re.match(r"\s*\[\d+/\d+\]", line))
        if rendered == (count if event == "rendered" else len(FORMATS)):
            break
    else:
        return False
    if event == "rendered":
        return True
    # Every format is rendered: the files are now written, one temporary file at a time.
    seen: set[str] = set()
    while process.poll() is None:
        seen.update(name for name in temporaries(out) if name not in left_before)
        if len(seen) >= count:
            return True
    return False


def _builds_left(out: Path) -> list[str]:
    """The processes still building into `out`, once they have had the chance to end."""
    deadline = time.monotonic() + HANG_SECONDS  # a worker ends within 0.2 s of its build
    while True:
        found = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                args = cmdline.read_bytes().split(b"\0")
            except OSError:  # the process ended meanwhile
                continue
            if b"--out" in args and str(out).encode() in args:
                found.append(cmdline.parent.name)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def release(project: Project, releases: Path) -> None:
    fill_placeholders(project.settings)
    approval = Adoption("1.0", dt.date(2024, 4, 22), "Democracy and Standards Committee", "First")
    make_release(
        Sources(project.source, project.settings), approval, releases, Progress(quiet=True)
    )
    project.edit("status: adopted", "status: draft")  # carry on editing, as after a release


def test_a_second_build_into_the_same_folder_is_refused(tmp_path: Path) -> None:
    with (
        locked(tmp_path),
        pytest.raises(ToolkitError, match="Another build is writing"),
        locked(tmp_path),
    ):
        pass


def test_atomic_write_replaces_whole_files(tmp_path: Path) -> None:
    target = tmp_path / "file.pdf"
    write_atomic(target, b"old")
    write_atomic(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert [p.name for p in tmp_path.iterdir()] == ["file.pdf"]
