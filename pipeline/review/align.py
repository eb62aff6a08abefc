"""Aligning the texts a change passes through: the reviewed paragraph with the same paragraph
rendered now, and that with the source's own characters; and the edits of the source a change
becomes."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from .sourcemap import Char, Region
from .wordml import Piece


@dataclass(frozen=True)
class SourceEdit:
    """Replace the file's text[start:end] with `text`."""

    start: int
    end: int
    text: str


def pair_paragraphs(reviewed: list[str], fresh: list[str]) -> dict[int, int]:
    """Each reviewed paragraph's counterpart among the paragraphs rendered now, if any."""
    normal = [" ".join(t.split()) for t in reviewed]
    now = [" ".join(t.split()) for t in fresh]
    pairs: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, normal, now, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pairs.update({i1 + k: j1 + k for k in range(i2 - i1)})
        elif op == "replace":
            used = j1
            for i in range(i1, i2):
                best, score = None, 0.6
                for j in range(used, j2):
                    ratio = difflib.SequenceMatcher(None, normal[i], now[j]).ratio()
                    if ratio > score:
                        best, score = j, ratio
                if best is not None:
                    pairs[i] = best
                    used = best + 1
    return pairs


def positions_now(base: str, built: str) -> Callable[[int, int], tuple[int | None, int | None]]:
    """A function that maps a range of the reviewed paragraph onto the same paragraph rendered
    now: (None, None) unless the words there, and the character on each side, are unchanged."""
    if base == built:
        return lambda start, end: (start, end)
    blocks = difflib.SequenceMatcher(None, base, built, autojunk=False).get_matching_blocks()

    def to_now(start: int, end: int) -> tuple[int | None, int | None]:
        low, high = max(start - 1, 0), min(end + 1, len(base))
        for a, b, size in blocks:
            if a <= low and high <= a + size:
                return start - a + b, end - a + b
        return None, None

    return to_now


def aligned_chars(built: str, region: Region) -> list[Char | None]:
    """For each character of the rendered paragraph, the source character it shows (None for
    words the layout adds). Typographic quotes and dashes align with what they come from."""
    shown = region.text
    chars: list[Char | None] = [None] * len(built)
    matcher = difflib.SequenceMatcher(None, _plain(built), _plain(shown), autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for k in range(i2 - i1):
                chars[i1 + k] = region.chars[j1 + k]
        elif op == "replace" and j2 > j1:
            for k in range(i2 - i1):  # "--" shown as "–", "..." as "…"
                chars[i1 + k] = region.chars[min(j1 + k * (j2 - j1) // (i2 - i1), j2 - 1)]
    return chars


def _plain(text: str) -> str:
    return text.translate(str.maketrans("“”‘’–—…", "\"\"''--."))


def char_at(chars: list[Char | None], index: int) -> Char | None:
    return chars[index] if 0 <= index < len(chars) else None


def can_insert_at(chars: list[Char | None], index: int) -> bool:
    return char_at(chars, index - 1) is not None or char_at(chars, index) is not None


def insertion_point(chars: list[Char | None], index: int, new: list[Piece]) -> int:
    """Where new words go: after the character before them, on its side of any `**` or link,
    unless the new words are formatted like the character after them."""
    before, after = char_at(chars, index - 1), char_at(chars, index)
    if before is None:
        return after.start  # type: ignore[union-attr]
    if after is None:
        return before.end
    bold = any(p.bold for p in new) and all(p.bold for p in new if p.text.strip())
    link = any(p.link for p in new)
    if (before.bold, before.link) == (bold, link) or (after.bold, after.link) != (bold, link):
        return before.end
    return after.start


def context_at(chars: list[Char | None], start: int, end: int) -> tuple[bool, bool]:
    """Whether new words at this place would be inside bold text, and inside a link."""
    around = [c for c in (char_at(chars, start - 1), char_at(chars, end)) if c is not None]
    inside = [c for c in chars[start:end] if c is not None] or around
    return all(c.bold for c in inside), all(c.link for c in inside)


def deletions(chars: list[Char], text: str) -> list[SourceEdit]:
    """Remove the characters shown, keeping the Markdown between them (`**`, a link's address);
    a soft line break deleted with a word is kept when a space on its line can go instead."""
    edits: list[SourceEdit] = []
    for char in chars:
        if edits and edits[-1].end == char.start:
            edits[-1] = SourceEdit(edits[-1].start, char.end, "")
        else:
            edits.append(SourceEdit(char.start, char.end, ""))
    if edits and text[edits[-1].end - 1 : edits[-1].end] == "\n":
        last = edits[-1]
        if text[last.start - 1 : last.start] == " ":
            edits[-1] = SourceEdit(last.start - 1, last.end - 1, "")
    return edits
