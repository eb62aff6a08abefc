"""The examples of the CommonMark specification, from the npm package that publishes the spec."""

from __future__ import annotations

import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

from conftest import ROOT, require_tool

VERSION = "0.31.2"
CACHE = ROOT / ".toolkit-cache" / f"commonmark-spec-{VERSION}.txt"
EXAMPLE = re.compile(r"^`{32} example\n(.*?)^\.\n", re.M | re.S)


def spec_text() -> str:
    """spec.txt, fetched once with `npm pack` and kept in .toolkit-cache/ (not committed)."""
    if not CACHE.is_file():
        npm = require_tool("npm")
        with tempfile.TemporaryDirectory() as scratch:
            subprocess.run(
                [npm, "pack", f"commonmark-spec@{VERSION}", "--silent"],
                cwd=scratch,
                check=True,
                capture_output=True,
            )
            [archive] = Path(scratch).glob("*.tgz")
            with tarfile.open(archive) as tar:
                member = tar.extractfile("package/spec.txt")
                assert member is not None
                CACHE.parent.mkdir(exist_ok=True)
                CACHE.write_bytes(member.read())
    return CACHE.read_text(encoding="utf-8")


def examples() -> list[str]:
    """The Markdown of every example, with the spec's → restored to a tab."""
    return [m.group(1).replace("→", "\t") for m in EXAMPLE.finditer(spec_text())]
