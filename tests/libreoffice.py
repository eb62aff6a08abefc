"""LibreOffice for the tests: a document converted headless, as a real word processor reads it."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from conftest import HANG_SECONDS, require_tool


def convert(document: Path, to: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """Convert `document` with LibreOffice (`to` as --convert-to takes it: pdf, fodt,
    "docx:MS Word 2007 XML"), into `folder`, with a profile of its own there. The result's
    file has the document's name with the new extension."""
    soffice = require_tool("soffice")
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(folder),
            str(document),
        ],
        capture_output=True,
        text=True,
        timeout=HANG_SECONDS,
        check=False,
        env={**os.environ, "HOME": str(folder)},
    )
