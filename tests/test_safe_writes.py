"""Writes are atomic: a build killed at any moment leaves each output old or complete and new."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.errors import ToolkitError
from pipeline.output import LOCK, locked, write_atomic
from pipeline.progress import Progress
from pipeline.release import Approval, verify
from pipeline.release import release as make_release
from pipeline.source import Sources

from conftest import ROOT, Project, fill_placeholders

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
        "--quiet",
        *project.args("--out", str(out)),
    ]


def run(project: Project, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run(command(project, out), check=True, env=env)


def test_killed_builds_leave_old_or_complete_new_files(mini: Project) -> None:
    releases = mini.root / "releases"
    release(mini, releases)
    run(mini, mini.out)
    old = hashes(mini.out)
    mini.edit("2. Do not reply.", "2. Do not answer.")  # on the card and in every document
    run(mini, mini.root / "expected")
    new = hashes(mini.root / "expected")
    assert all(old[name] != new[name] for name in old if name != "manifest.json")

    started = time.perf_counter()
    run(mini, mini.root / "timing")
    duration = time.perf_counter() - started
    chooser = random.Random(20241115)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(20):
        process = subprocess.Popen(command(mini, mini.out), env=env)
        time.sleep(chooser.uniform(0.05, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for name, digest in hashes(mini.out).items():
            if name.endswith(".tmp"):
                continue  # a killed build's temporary file: never a published name
            assert digest in (old.get(name), new.get(name)), f"{name} is damaged"

    assert _builds_left(mini.out) == []  # no render worker outlives its killed build

    run(mini, mini.out)  # the next build completes and clears any leftovers
    assert hashes(mini.out) == new
    assert verify(releases / "1.0") == []  # the release was never touched


def _builds_left(out: Path, wait: float = 5.0) -> list[str]:
    """The processes still building into `out`, after waiting up to `wait` seconds for them."""
    deadline = time.monotonic() + wait
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
    approval = Approval("1.0", dt.date(2024, 4, 22), "Democracy and Standards Committee", "First")
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
