"""What the reviewers changed, read from a Word file's paragraphs.

A paragraph mark can be inserted (Enter pressed) or deleted (two paragraphs joined) like any
other character, so the file is read in groups: the paragraphs up to and including one whose
mark nobody touched. In a group, the paragraphs as they were (every change rejected) and as they
will be (every change accepted) are compared: a paragraph made only of inserted words is a new
paragraph, one made only of deleted words is a deleted paragraph, and a paragraph on both sides
has its words changed. What is left (a paragraph split in two, or two joined) is reported.
Table rows inserted or deleted whole are rows; the revisions of `accepted`, if given (the
monitoring officer's own changes in a redline), count as part of the text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .wordml import Piece, Revision, WordFile, WordParagraph


@dataclass
class BaseParagraph:
    """A paragraph of the file as it was built (every reviewer's change rejected)."""

    text: str
    pieces: list[Piece]  # as they were: kept and deleted pieces


@dataclass
class Edit:
    """Words deleted from, and words inserted into, one base paragraph at one place."""

    start: int  # in the base paragraph's text
    end: int
    inserted: list[Piece]
    revision: Revision


@dataclass
class Found:
    """One change in the file, before it is placed in the source."""

    kind: str  # words, new paragraph, deleted paragraph, new row, deleted row, or unsupported
    revision: Revision
    paragraph: int  # the base paragraph it is in, or after which a new one goes (-1: the start)
    edit: Edit | None = None
    new: list[list[Piece]] = field(default_factory=list)  # a new paragraph's (or row's) pieces
    style: str = ""  # a new paragraph's style
    numbered: bool = False
    why: str = ""  # for an unsupported change: what it is


@dataclass
class Reading:
    """A Word file as it was built, and each change the reviewers made."""

    paragraphs: list[BaseParagraph]
    found: list[Found]
    comments: list[tuple[str, int, int]]  # (comment id, base paragraph, position in it)


def read_changes(word: WordFile, accepted: Callable[[Revision], bool] = lambda r: False) -> Reading:
    paragraphs = [_accepting(p, accepted) for p in word.paragraphs]
    reading = Reading([], [], [])
    group: list[WordParagraph] = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph.row is not None:
            _flush(group, reading)
            group = []
            _row_paragraph(paragraph, reading)
            continue
        group.append(paragraph)
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        cell_ends = following is None or following.cell != paragraph.cell
        if paragraph.mark is None or cell_ends:
            _flush(group, reading)
            group = []
    _flush(group, reading)
    for number, paragraph in enumerate(reading.paragraphs):
        seen: set[str] = set()
        position = 0
        for piece in paragraph.pieces:
            for comment in sorted(piece.comments - seen):
                reading.comments.append((comment, number, position))
            seen |= piece.comments
            position += len(piece.text)
    return reading


def _accepting(paragraph: WordParagraph, accepted: Callable[[Revision], bool]) -> WordParagraph:
    """The paragraph with the accepted revisions made part of its text."""

    def keep(piece: Piece) -> bool:
        return not (piece.revision and accepted(piece.revision) and piece.revision.op == "delete")

    pieces = [
        replace(p, revision=None) if p.revision and accepted(p.revision) else p
        for p in paragraph.pieces
        if keep(p)
    ]
    mark = None if paragraph.mark and accepted(paragraph.mark) else paragraph.mark
    row = None if paragraph.row and accepted(paragraph.row) else paragraph.row
    return replace(paragraph, pieces=pieces, mark=mark, row=row)


def _row_paragraph(paragraph: WordParagraph, reading: Reading) -> None:
    """A paragraph of a table row inserted or deleted whole: the row's cells, in turn."""
    assert paragraph.row is not None and paragraph.cell is not None
    column = paragraph.cell[2]
    words = [p for p in paragraph.pieces if not (p.revision and p.revision.op != paragraph.row.op)]
    if paragraph.row.op == "delete":
        reading.paragraphs.append(_base(paragraph.pieces))
        at = len(reading.paragraphs) - 1
        last = reading.found[-1] if reading.found else None
        if column == 0 or last is None or last.kind != "deleted row":
            reading.found.append(Found("deleted row", paragraph.row, at))
        return
    last = reading.found[-1] if reading.found else None
    if column == 0 or last is None or last.kind != "new row":
        after = len(reading.paragraphs) - 1
        reading.found.append(Found("new row", paragraph.row, after, new=[]))
        last = reading.found[-1]
    last.new.append(words)


def _base(pieces: list[Piece]) -> BaseParagraph:
    kept = [p for p in pieces if not (p.revision and p.revision.op == "insert")]
    return BaseParagraph("".join(p.text for p in kept), kept)


def _flush(group: list[WordParagraph], reading: Reading) -> None:
    """Read one group: the paragraphs up to one whose mark was kept."""
    if not group:
        return
    base: list[list[int]] = [[]]  # piece numbers of each paragraph, as it was and as it will be
    new: list[list[int]] = [[]]
    pieces: list[Piece] = []
    for paragraph in group:
        for piece in paragraph.pieces:
            number = len(pieces)
            pieces.append(piece)
            op = piece.revision.op if piece.revision else ""
            if op != "insert":
                base[-1].append(number)
            if op != "delete":
                new[-1].append(number)
        mark = paragraph.mark.op if paragraph.mark else ""
        if mark != "insert":
            base.append([])
        if mark != "delete":
            new.append([])
    for side in (base, new):  # the paragraph opened by the last mark holds nothing
        if len(side) > 1 and not side[-1]:
            side.pop()
    if all(p.mark and p.mark.op == "insert" for p in group) and not any(base):
        base.clear()  # paragraphs new as a whole at the end of a table cell: none was there
    first = len(reading.paragraphs)
    for numbers in base:
        reading.paragraphs.append(_base([pieces[n] for n in numbers]))
    last = group[-1]

    def kept(numbers: list[int]) -> bool:  # holds words nobody changed
        return any(pieces[n].revision is None for n in numbers)

    # A paragraph as it was with no kept words was deleted, one as it will be with none is
    # new; but the last of each end at the kept mark, so when neither has kept words they are
    # one paragraph whose every word was replaced.
    whole_old = [i for i, numbers in enumerate(base) if numbers and not kept(numbers)]
    whole_new = [j for j, numbers in enumerate(new) if numbers and not kept(numbers)]
    kept_base = [i for i, numbers in enumerate(base) if i not in whole_old and numbers]
    kept_new = [j for j, numbers in enumerate(new) if j not in whole_new and numbers]
    ends_kept = group[-1].mark is None
    if ends_kept and base and not kept(base[-1]) and not kept(new[-1]) and (base[-1] or new[-1]):
        whole_old = [i for i in whole_old if i != len(base) - 1]
        whole_new = [j for j in whole_new if j != len(new) - 1]
        kept_base, kept_new = [len(base) - 1], [len(new) - 1]
    for i in whole_old:
        reading.found.append(Found("deleted paragraph", pieces[base[i][0]].revision, first + i))
    if len(kept_base) > 1 or len(kept_new) > 1:
        revision = next((p.revision for p in pieces if p.revision), None) or last.mark
        reading.found.append(
            Found(
                "unsupported",
                revision or Revision("", "", ""),
                first + kept_base[0],
                why="a paragraph split in two, or two paragraphs joined",
            )
        )
    elif kept_new:
        _words(pieces, base[kept_base[0]], new[kept_new[0]], reading, first + kept_base[0])
    for j in whole_new:
        numbers = new[j]
        after = _paragraph_before(numbers[0], base, first)
        inserted = [pieces[n] for n in numbers]
        reading.found.append(
            Found(
                "new paragraph",
                inserted[0].revision,  # type: ignore[arg-type]
                after,
                new=[inserted],
                style=_style_of(group, numbers[0]),
                numbered=_numbered_of(group, numbers[0]),
            )
        )
    for paragraph in group:
        for change in paragraph.formatting:
            reading.found.append(
                Found(
                    "unsupported",
                    change,
                    first + (kept_base[0] if kept_base else max(len(base) - 1, -1)),
                    why="a change of formatting only",
                )
            )


def _words(pieces: list[Piece], base: list[int], new: list[int], reading: Reading, at: int) -> None:
    """The word changes of one paragraph kept on both sides: runs of changed pieces."""
    numbers = sorted(set(base) | set(new))
    position = 0
    edit: Edit | None = None
    for n in numbers:
        piece = pieces[n]
        revision = piece.revision
        if revision is None:
            if edit is not None:
                reading.found.append(Found("words", edit.revision, at, edit))
                edit = None
            position += len(piece.text)
            continue
        if edit is None or edit.revision.author != revision.author:
            if edit is not None:
                reading.found.append(Found("words", edit.revision, at, edit))
            edit = Edit(position, position, [], revision)
        if revision.op == "delete":
            position += len(piece.text)
            edit.end = position
        else:
            edit.inserted.append(piece)
    if edit is not None:
        reading.found.append(Found("words", edit.revision, at, edit))


def _paragraph_before(number: int, base: list[list[int]], first: int) -> int:
    """The base paragraph a new paragraph follows: the last one with a piece before it."""
    after = first - 1
    for index, numbers in enumerate(base):
        if numbers and numbers[0] < number:
            after = first + index
    return after


def _owner(group: list[WordParagraph], number: int) -> WordParagraph:
    count = 0
    for paragraph in group:
        count += len(paragraph.pieces)
        if number < count:
            return paragraph
    return group[-1]


def _style_of(group: list[WordParagraph], number: int) -> str:
    return _owner(group, number).style


def _numbered_of(group: list[WordParagraph], number: int) -> bool:
    return _owner(group, number).numbered
