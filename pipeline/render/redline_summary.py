"""What a comparison comes to in words: the first page of both redlines, and `toolkit compare`'s
own line. Kept apart from the renderers so that a PDF-only comparison never loads python-docx."""

from __future__ import annotations

from ..compare.diff import Comparison
from ..dates import long_date


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def summary_lines(comparison: Comparison) -> list[str]:
    """The first page's words: what was compared, and how much changed."""
    old, new = comparison.old.meta, comparison.new.meta
    lines = [
        f"Version {new.version} ({long_date(new.date)}) compared with version {old.version} "
        f"({long_date(old.date)})."
    ]
    if not comparison.changed:
        lines.append("No changes: the two versions have the same text.")
        return lines
    lines.append(
        f"{counted(comparison.insertions, 'insertion')} and "
        f"{counted(comparison.deletions, 'deletion')}, marked in the text."
    )
    return lines
