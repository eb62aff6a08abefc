"""Where a build's inputs are. Kept apart from source.py so that a build with nothing to do can
name its inputs without loading the parser, the settings or YAML."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sources:
    """Where the inputs are, and a clerk's choices for this agenda."""

    source: Path
    settings: Path
    appendix: str | None = None
    committee: str | None = None
    meeting_date: dt.date | None = None
    meeting_file: Path | None = None
