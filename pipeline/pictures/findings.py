"""What the checks find: a refusal stops a picture, a removal is reported and the picture used.

The checks raise `Refused` with the words to show; `reading.py` adds the source file, line and
the picture's name, so every message reads `content/toolkit.md:12: The image '…' …`.
"""

from __future__ import annotations

from dataclasses import dataclass


class Refused(Exception):
    """The picture cannot be used: `what` is wrong with it, `fix` says what to do."""

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(what)
        self.what = what
        self.fix = fix


class RefusedMany(Exception):
    """Several reasons to refuse one picture (an SVG can have more than one), reported together."""

    def __init__(self, refusals: list[Refused]) -> None:
        super().__init__("; ".join(r.what for r in refusals))
        self.refusals = refusals


@dataclass(frozen=True)
class Removed:
    """Something taken out of an SVG that changes nothing on the page, reported as a warning."""

    what: str
    fix: str = "Nothing else changes; save the picture again without it to stop this message."
