"""Several reviewers' changes together: numbered, checked against each other, applied at once.

Two reviewers who, in their own copies, change the same characters of the source differently
are in conflict: both changes are reported and neither is applied. Two who make the very same
change have it applied once. Changes in one file stand together, as the file shows them.
Everything chosen is applied to the text in one go; the result must read without a problem
before the file is written (atomically), so an apply is all or nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from .align import SourceEdit
from .placing import Placed
from .sourcemap import SourceFile

EMPTY_MARKUP = re.compile(r"\*\*\*\*|(?<!!)\[\]\([^)]*\)")  # bold or a link left with no words


@dataclass
class Outcome:
    number: int
    reviewer: str
    file: str
    placed: Placed
    status: str = ""  # "can be applied", "applied", "not applied", "conflict", "left out", "same"
    others: list[int] = field(default_factory=list)  # the changes it conflicts with or repeats

    @property
    def applicable(self) -> bool:
        return not self.placed.problem and bool(self.placed.edits)


def number_changes(per_file: list[tuple[str, list[Placed]]]) -> list[Outcome]:
    outcomes = []
    for file, placed in per_file:
        for change in placed:
            reviewer = change.found.revision.author or "Unknown reviewer"
            outcomes.append(Outcome(len(outcomes) + 1, reviewer, file, change))
    for outcome in outcomes:
        outcome.status = "can be applied" if outcome.applicable else "not applied"
    _find_conflicts(outcomes)
    return outcomes


def _find_conflicts(outcomes: list[Outcome]) -> None:
    candidates = [o for o in outcomes if o.applicable]
    for a, b in combinations(candidates, 2):
        if a.file == b.file:  # changes in one file stand together, whoever made them
            continue
        if not _overlap(a.placed.edits, b.placed.edits):
            continue
        if a.placed.edits == b.placed.edits:
            if b.status != "conflict":
                b.status = "same"
                b.others.append(a.number)
            continue
        for one, other in ((a, b), (b, a)):
            one.status = "conflict"
            one.others.append(other.number)


def _overlap(first: list[SourceEdit], second: list[SourceEdit]) -> bool:
    for a in first:
        for b in second:
            if a.start == a.end and b.start == b.end:
                if a.start == b.start:
                    return True
            elif (
                max(a.start, b.start) < min(a.end, b.end)
                or (a.start == a.end and b.start < a.start < b.end)
                or (b.start == b.end and a.start < b.start < a.end)
            ):
                return True
    return False


def choose(outcomes: list[Outcome], reviewers: list[str], skipped: set[int]) -> list[Outcome]:
    """The changes to apply: applicable, not in conflict, by the reviewers asked for (all if
    none), not left out by number."""
    chosen = []
    wanted = {name.casefold() for name in reviewers}
    for outcome in outcomes:
        if outcome.status != "can be applied":
            continue
        if outcome.number in skipped or (wanted and outcome.reviewer.casefold() not in wanted):
            outcome.status = "left out"
            continue
        chosen.append(outcome)
    return chosen


def applied_text(text: str, chosen: list[Outcome]) -> str:
    """The source with every chosen change made; empty `**` or links they leave are removed."""
    edits = sorted(
        ((edit, outcome.number) for outcome in chosen for edit in outcome.placed.edits),
        key=lambda item: (item[0].start, item[0].end, item[1]),
    )
    pieces, last = [], 0
    touched: list[int] = []
    for edit, _ in edits:
        if edit.start < last:  # overlapping edits of one reviewer: keep the first
            continue
        pieces.append(text[last : edit.start])
        touched.append(sum(len(p) for p in pieces))
        pieces.append(edit.text)
        last = edit.end
    pieces.append(text[last:])
    result = "".join(pieces)
    return _without_empty_markup(result, touched)


def _without_empty_markup(text: str, places: list[int]) -> str:
    """Remove `****` and `[](...)` on the lines where edits were made."""
    lines, source = text.split("\n"), SourceFile(text)
    numbers = set()
    for place in places:
        index = source.line_of(place) - 1
        numbers |= {index, min(index + 1, len(lines) - 1)}
    for index in numbers:
        lines[index] = EMPTY_MARKUP.sub("", lines[index])
    return "\n".join(lines)
