"""What a build tells the person running it: one line per format, with elapsed time.

On a terminal, a line shows the format being rendered and is completed when it is done; when
output goes to a file or pipe, only finished lines are printed. --quiet prints nothing.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stdout
        self.quiet = quiet
        self.live = not quiet and self.stream.isatty()
        self.started = time.perf_counter()
        self._format_started = self.started

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.stream, flush=True)

    def rendering(self, names: list[str]) -> None:
        """On a terminal, a line naming what is being rendered, replaced as each finishes."""
        self._format_started = time.perf_counter()
        if self.live and names:
            print(f"  rendering {', '.join(names)} …", end="\r", file=self.stream, flush=True)

    def done(
        self, name: str, index: int, total: int, detail: str, seconds: float | None = None
    ) -> None:
        if seconds is None:
            seconds = time.perf_counter() - self._format_started
        if not self.quiet:
            clear = "\x1b[2K" if self.live else ""
            print(
                f"{clear}  [{index}/{total}] {name}: {detail} ({seconds:.1f} s)",
                file=self.stream,
                flush=True,
            )

    def elapsed(self) -> float:
        return time.perf_counter() - self.started
