"""What the checks find: a refusal stops a picture, a removal is reported and the picture used.

The checks raise `Refused` with the words to show; `as_problem` adds the source file, line and
the picture's name, so every message reads `content/toolkit.md:12: The image '…' …`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem


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


def as_problem(found: Refused | Removed, file: str, line: int | None, shown_as: str) -> Problem:
    """What was found in the picture `file` uses at `line` as `shown_as`, as the user reads it."""
    return Problem(file, line, f"The image '{shown_as}' {found.what}", found.fix)
