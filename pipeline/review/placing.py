"""Each change a reviewer made, placed in the source: the characters of content/toolkit.md to
replace, or why it cannot be applied as it stands.

Three texts meet here for a paragraph. The reviewed file's paragraph as it was built (every
change rejected), the same paragraph rendered now from the current source, and the source's
own characters. The first two are aligned to find out whether the source has changed since the
file was built (a three-way merge: a change whose words are the same now applies; one whose
words have changed is a conflict); the last two are aligned to find, for each word, the
characters it comes from. Words that come from a setting, or that the layout adds (a box's
label, the cover, the contents), are never rewritten: the change is reported instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import model as m
from ..render.docx.writer import Origin
from .align import (
    SourceEdit,
    aligned_chars,
    can_insert_at,
    char_at,
    context_at,
    deletions,
    insertion_point,
    pair_paragraphs,
    positions_now,
)
from .changes import Found, Reading
from .sourcemap import Region, SourceMap, row_line
from .wordml import PICTURE, Piece, WordParagraph

HEADING_STYLES = {"Heading1": 1, "Heading2": 2, "Heading3": 3}
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|])")
GENERATED = (  # why a change to words the layout makes cannot be applied
    "the words are made by the layout (the cover, the contents, a box's label, the version "
    "history), not written in the source"
)
GENERATED_WORDS = (
    "the words are made by the layout (such as a box's label), not written in the source"
)


@dataclass
class Placed:
    """A change as the monitoring officer sees it."""

    found: Found
    before: str  # the words before and after the change
    after: str
    line: int  # of content/toolkit.md; 0 when the change is about another file or nowhere
    edits: list[SourceEdit] = field(default_factory=list)
    problem: str = ""  # why it cannot be applied as it stands ("" when it can)
    settings_line: int = 0  # when the words come from the settings file: its line


@dataclass
class Fresh:
    """The current source rendered to Word: each paragraph's text and where it comes from."""

    paragraph: WordParagraph
    origin: Origin


class Placer:
    def __init__(
        self,
        reading: Reading,
        fresh: list[Fresh],
        sources: SourceMap,
        document: m.Document,
        bookmarks: dict[str, str],
    ) -> None:
        self.reading = reading
        self.fresh = fresh
        self.sources = sources
        self.document = document
        self.anchors = {name: anchor for anchor, name in bookmarks.items()}
        self.pairs = pair_paragraphs(
            [p.text for p in reading.paragraphs], [f.paragraph.text("base") for f in fresh]
        )

    # ---- the whole file ------------------------------------------------------------------

    def place_all(self) -> list[Placed]:
        return [self.place(found) for found in self.reading.found]

    def place(self, found: Found) -> Placed:
        handlers = {
            "words": self.words,
            "new paragraph": self.new_paragraph,
            "deleted paragraph": self.deleted_paragraph,
            "new row": self.new_row,
            "deleted row": self.deleted_row,
        }
        handler = handlers.get(found.kind)
        if handler is None:
            return self._refused(found, found.why or "a change of a kind that cannot be applied")
        return handler(found)

    # ---- words ---------------------------------------------------------------------------

    def words(self, found: Found) -> Placed:
        assert found.edit is not None
        edit = found.edit
        base = self.reading.paragraphs[found.paragraph]
        inserted = "".join(p.text for p in edit.inserted)
        placed = Placed(found, base.text[edit.start : edit.end], inserted, 0)
        fresh = self._fresh(found.paragraph)
        if fresh is None:
            return self._problem(placed, "the source no longer has this paragraph")
        origin = fresh.origin
        placed.line = self._line(origin)
        if _is_generated(origin):
            return self._problem(placed, GENERATED)
        if isinstance(origin.part, tuple) and origin.part[0] == "contact":
            _, contact, line = origin.part
            return self._settings(placed, f"contacts.{contact}.{line}")
        if PICTURE in placed.before or PICTURE in inserted:
            return self._problem(placed, "a change to a picture: change the picture by hand")
        region = self._region(origin)
        if region is None:
            return self._problem(placed, "this part of the source cannot be edited by review")
        built = fresh.paragraph.text("base")
        to_now = positions_now(base.text, built)
        start, end = to_now(edit.start, edit.end)
        if start is None:
            return self._problem(
                placed,
                "the source has changed here since the file was built (a conflict): "
                "make this change by hand",
            )
        return self._in_region(placed, region, built, start, end, edit.inserted)

    def _in_region(
        self, placed: Placed, region: Region, built: str, start: int, end: int, new: list[Piece]
    ) -> Placed:
        chars = aligned_chars(built, region)
        placed.line = self.sources.source.line_of(region.start)
        touched = [chars[i] for i in range(start, end)]
        if any(c is None for c in touched) or (start == end and not can_insert_at(chars, start)):
            return self._problem(placed, GENERATED_WORDS)
        settings = {c.setting for c in touched if c is not None and c.setting}
        neighbours = [c for c in (char_at(chars, start - 1), char_at(chars, end)) if c is not None]
        if start == end and neighbours and all(c.setting for c in neighbours):
            settings |= {neighbours[0].setting}
        if settings:
            return self._settings(placed, sorted(settings)[0])
        placed.line = self.sources.source.line_of(
            touched[0].start if touched else insertion_point(chars, start, new)
        )
        edits = deletions([c for c in touched if c is not None], self.sources.source.text)
        if new:
            at = touched[0].start if touched else insertion_point(chars, start, new)
            context = context_at(chars, start, end)
            text = self._markdown(new, context)
            edits.append(SourceEdit(at, at, text))
        placed.edits = _tidy(edits)
        return placed

    # ---- paragraphs ----------------------------------------------------------------------

    def new_paragraph(self, found: Found) -> Placed:
        words = "".join(p.text for p in found.new[0])
        placed = Placed(found, "", words, 0)
        if not words.strip():
            return self._problem(placed, "an empty paragraph: nothing to add")
        before = self._fresh(found.paragraph) if found.paragraph >= 0 else None
        if before is None:
            return self._problem(placed, "a new paragraph where the source has none to follow")
        origin = before.origin
        placed.line = self._line(origin)
        markdown = self._markdown(found.new[0], (False, False))
        source = self.sources.source
        node = origin.node
        if origin.item is not None and node is origin.item.children[0]:
            if not found.numbered:
                return self._problem(placed, "a paragraph after a list item: add it by hand")
            last = self.sources.item_ends.get(origin.item.line, origin.item.line)
            first = source.line_text(origin.item.line)
            marker = re.match(r"^(\s*)([-*+]|\d+[.)])(\s+)", first)
            if marker is None:
                return self._problem(placed, "the list item's marker cannot be read")
            indent, bullet, gap = marker.groups()
            if bullet[0].isdigit():
                bullet = f"{int(bullet[:-1]) + 1}{bullet[-1]}"
            at = source.line_end(last)
            placed.edits = [SourceEdit(at, at, f"{indent}{bullet}{gap}{markdown}\n")]
            placed.line = last + 1
            return placed
        if isinstance(node, m.Table):
            return self._problem(placed, "a second paragraph in a table cell: add it by hand")
        if isinstance(node, m.Callout) and origin.part == "title":
            at = source.line_end(node.line)
            placed.edits = [SourceEdit(at, at, f"{markdown}\n\n")]
            placed.line = node.line + 1
            return placed
        if isinstance(node, m.Paragraph | m.Heading):
            last = self._last_line(node)
            level = HEADING_STYLES.get(found.style, 0)
            text = f"{'#' * level} {markdown}" if level else markdown
            at = source.line_end(last)
            placed.edits = [SourceEdit(at, at, f"\n{text}\n")]
            placed.line = last + 2
            return placed
        return self._problem(placed, GENERATED)

    def deleted_paragraph(self, found: Found) -> Placed:
        base = self.reading.paragraphs[found.paragraph]
        placed = Placed(found, base.text, "", 0)
        fresh = self._fresh(found.paragraph)
        if fresh is None:
            return self._problem(placed, "the source no longer has this paragraph")
        origin = fresh.origin
        placed.line = self._line(origin)
        if fresh.paragraph.text("base") != base.text:
            return self._problem(placed, "the source has changed here since the file was built")
        node = origin.node
        source = self.sources.source
        if origin.item is not None and len(origin.item.children) == 1:
            first, last = origin.item.line, self.sources.item_ends.get(origin.item.line, 0)
        elif isinstance(node, m.Paragraph | m.Heading) and origin.part is None:
            # a paragraph; in a list item that holds more (a nested list), only its own lines
            first, last = node.line, self._last_line(node)
        else:
            return self._problem(placed, GENERATED)
        start, end = source.starts[first - 1], source.line_end(last)
        if _blank(source, last + 1) and (first == 1 or _blank(source, first - 1)):
            end = source.line_end(last + 1)  # and one of the blank lines around it
        placed.edits = [SourceEdit(start, end, "")]
        placed.line = first
        return placed

    # ---- table rows ----------------------------------------------------------------------

    def new_row(self, found: Found) -> Placed:
        cells = ["".join(p.text for p in cell) for cell in found.new]
        placed = Placed(found, "", " | ".join(cells), 0)
        before = self._fresh(found.paragraph) if found.paragraph >= 0 else None
        if before is None or not isinstance(before.origin.node, m.Table):
            return self._problem(placed, "a new table row where the source has no row before it")
        table, (row, _) = before.origin.node, before.origin.part  # type: ignore[misc]
        line = row_line(table.line, row)
        if row == 0:
            line += 1  # after the header, below its delimiter row
        markdown = [self._markdown(cell, (False, False), table=True) for cell in found.new]
        at = self.sources.source.line_end(line)
        placed.edits = [SourceEdit(at, at, "| " + " | ".join(markdown) + " |\n")]
        placed.line = line + 1
        return placed

    def deleted_row(self, found: Found) -> Placed:
        base = self.reading.paragraphs[found.paragraph]
        placed = Placed(found, base.text, "", 0)
        fresh = self._fresh(found.paragraph)
        if fresh is None or not isinstance(fresh.origin.node, m.Table):
            return self._problem(placed, "the source no longer has this table row")
        table, (row, _) = fresh.origin.node, fresh.origin.part  # type: ignore[misc]
        if row == 0:
            return self._problem(placed, "the header row of a table: change the table by hand")
        line = row_line(table.line, row)
        placed.before = self.sources.source.line_text(line).strip()
        source = self.sources.source
        placed.edits = [SourceEdit(source.starts[line - 1], source.line_end(line), "")]
        placed.line = line
        return placed

    def comment_place(self, paragraph: int, position: int) -> tuple[int, str]:
        """The source line a comment is on, and "" or what made the words it is on."""
        fresh = self._fresh(paragraph)
        if fresh is None:
            return 0, "text the source no longer has"
        origin = fresh.origin
        if _is_generated(origin):
            return 0, "words made by the layout"
        if isinstance(origin.part, tuple) and origin.part[0] == "contact":
            _, contact, line = origin.part
            return 0, f"the setting contacts.{contact}.{line}"
        region = self._region(origin)
        if region is None:
            return self._line(origin), ""
        chars = aligned_chars(fresh.paragraph.text("base"), region)
        char = next((c for c in chars[position:] if c is not None), None)
        return self.sources.source.line_of(char.start if char else region.start), ""

    # ---- helpers -------------------------------------------------------------------------

    def _fresh(self, paragraph: int) -> Fresh | None:
        index = self.pairs.get(paragraph)
        return self.fresh[index] if index is not None else None

    def _region(self, origin: Origin) -> Region | None:
        node = origin.node
        if isinstance(node, m.Heading):
            return self.sources.heading(node.line)
        if isinstance(node, m.Paragraph):
            return self.sources.paragraph(node.line)
        if isinstance(node, m.Table) and isinstance(origin.part, tuple):
            return self.sources.cell(node.line, *origin.part)
        if isinstance(node, m.Callout) and origin.part == "title":
            return self.sources.box_title(node.line)
        return None

    def _line(self, origin: Origin) -> int:
        node = origin.node
        line = getattr(node, "line", 0)
        if isinstance(node, m.Table) and isinstance(origin.part, tuple):
            return row_line(line, origin.part[0])
        return line

    def _last_line(self, node: m.Paragraph | m.Heading) -> int:
        found = self.sources.paragraphs.get(node.line)
        return found[1] if found else node.line

    def _settings(self, placed: Placed, name: str) -> Placed:
        placed.settings_line = self.document.settings.line_of(name) or 0
        placed.problem = (
            f"the words come from the setting {name} in {self.document.settings.file}: "
            "change them there"
        )
        return placed

    def _problem(self, placed: Placed, why: str) -> Placed:
        placed.problem = why
        placed.edits = []
        return placed

    def _refused(self, found: Found, why: str) -> Placed:
        base = self.reading.paragraphs[found.paragraph] if found.paragraph >= 0 else None
        fresh = self._fresh(found.paragraph) if found.paragraph >= 0 else None
        line = self._line(fresh.origin) if fresh else 0
        return Placed(found, base.text[:80] if base else "", "", line, problem=why)

    def _markdown(
        self, pieces: list[Piece], context: tuple[bool, bool], table: bool = False
    ) -> str:
        """New words as Markdown: bold and links kept, unless the place is bold or a link."""
        in_bold, in_link = context
        parts = []
        for piece in pieces:
            text = MARKDOWN_SPECIAL.sub(r"\\\1", piece.text.replace("\n", " "))
            if piece.link and not in_link:
                target = piece.link
                if target.startswith("#"):
                    target = "#" + self.anchors.get(target[1:], target[1:])
                text = f"[{text}]({target})"
            if piece.bold and not in_bold and text.strip():
                lead = text[: len(text) - len(text.lstrip())]
                tail = text[len(text.rstrip()) :]
                text = f"{lead}**{text.strip()}**{tail}"
            parts.append(text)
        return "".join(parts)


def _is_generated(origin: Origin) -> bool:
    """Words the layout makes: the cover, the contents, a box's label, the version history."""
    return (
        origin.node is None or origin.part == "label" or isinstance(origin.node, m.VersionHistory)
    )


def _tidy(edits: list[SourceEdit]) -> list[SourceEdit]:
    return sorted(edits, key=lambda e: (e.start, e.end))


def _blank(source, number: int) -> bool:
    return 1 <= number <= len(source.starts) and not source.line_text(number).strip()
