"""The review in words: for the terminal, and as a Markdown file to work through."""

from __future__ import annotations

from ..render.redline_summary import counted
from .merge import Outcome
from .session import Review

STATUS = {
    "can be applied": "can be applied as it stands",
    "applied": "applied",
    "left out": "left out (not chosen)",
    "not applied": "cannot be applied as it stands",
    "conflict": "conflict",
    "same": "the same as",
}


def report_lines(review: Review) -> list[str]:
    lines = [f"Review of {len(review.files)} file(s) against {review.source} (version "
             f"{review.version}):"]  # fmt: skip
    for note in review.files:
        lines.append(f"  {note.name}: built from {note.built_from}.")
    for reviewer, outcomes in _by_reviewer(review.outcomes).items():
        lines.append("")
        lines.append(f"{reviewer}: {counted(len(outcomes), 'change')}")
        for outcome in outcomes:
            lines += ["  " + line for line in _outcome(outcome, review)]
    for note in review.files:
        for comment, line, on in note.comments:
            where = f"{review.source}:{line}" if line else on
            lines.append("")
            lines.append(f"Comment by {comment.author or 'an unknown reviewer'} ({note.name}), "
                         f"{where}:")  # fmt: skip
            lines.append(f"  “{comment.text}”")
        for part, revision in note.outside:
            lines.append("")
            lines.append(
                f"{revision.author or 'A reviewer'} changed {_part(part)} ({note.name}): "
                "these are made by the layout and are not applied."
            )
    if not review.outcomes and not any(n.comments or n.outside for n in review.files):
        lines.append("")
        lines.append("No tracked changes and no comments: nothing to do.")
    return lines


def report_markdown(review: Review) -> str:
    """The same, as a Markdown checklist with a heading per reviewer: each change an item to
    tick, with its words before and after and what became of it as a list inside it."""
    out = [f"# Review of {review.source}, version {review.version}", ""]
    for note in review.files:
        out.append(f"- `{note.name}`: built from {note.built_from}.")
    for reviewer, outcomes in _by_reviewer(review.outcomes).items():
        out += ["", f"## {reviewer}", ""]
        for outcome in outcomes:
            where, details = _where(outcome, review), _details(outcome)
            shown = f"`{where}`" if outcome.placed.line or outcome.placed.settings_line else where
            out.append(f"- [ ] **{outcome.number}.** {shown}, {outcome.placed.found.kind}")
            out += [f"  - {line}" for line in details]
    comments = [(n, c) for n in review.files for c in n.comments]
    if comments:
        out += ["", "## Comments", ""]
        for note, (comment, line, on) in comments:
            where = f"`{review.source}:{line}`" if line else on
            out.append(
                f"- [ ] {comment.author or 'Unknown reviewer'} ({note.name}), {where}: "
                f"“{comment.text}”"
            )
    outside = [(n, part, r) for n in review.files for part, r in n.outside]
    if outside:
        out += ["", "## Changes to the header and footer (not applied)", ""]
        for note, part, revision in outside:
            out.append(
                f"- [ ] {revision.author or 'A reviewer'} changed {_part(part)} ({note.name}): "
                "made by the layout; change the settings or the layout if it should change."
            )
    return "\n".join(out) + "\n"


def _outcome(outcome: Outcome, review: Review) -> list[str]:
    lines = [f"{outcome.number}. {_where(outcome, review)}  {outcome.placed.found.kind}"]
    return lines + [f"   {line}" for line in _details(outcome)]


def _where(outcome: Outcome, review: Review) -> str:
    placed = outcome.placed
    if placed.settings_line:
        return f"{review.settings_file}:{placed.settings_line}"
    if placed.line:
        return f"{review.source}:{placed.line}"
    return "(no place in the source)"


def _details(outcome: Outcome) -> list[str]:
    """The words before and after, and what became of the change."""
    placed = outcome.placed
    lines = []
    if placed.before:
        lines.append(f"before: “{_short(placed.before)}”")
    if placed.after:
        lines.append(f"after:  “{_short(placed.after)}”")
    status = STATUS.get(outcome.status, outcome.status)
    if outcome.status in ("conflict", "same"):
        others = ", ".join(str(n) for n in outcome.others)
        status = (
            f"conflict with change {others}: not applied; choose by hand"
            if outcome.status == "conflict"
            else f"the same as change {others}: applied once"
        )
    elif placed.problem:
        status = f"{status}: {placed.problem}"
    return [*lines, status]


def _by_reviewer(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    grouped: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        grouped.setdefault(f"{outcome.reviewer} ({outcome.file})", []).append(outcome)
    return grouped


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _part(part: str) -> str:
    return "the header" if "header" in part else "the footer"
