"""Where the words of a block come from in content/toolkit.md, character by character.

The source is parsed again (without filling in the settings, so that `{{ name }}` stays where it
is written) to find each block's lines: markdown-it gives every paragraph, heading, list item and
table row its lines, and a paragraph's text without its list marker, indentation or quote marks.
The inline Markdown of that text is then read into the characters a reader sees, each with the
place in the file it comes from: `**` and `[`…`](address)` show nothing, `\\*` shows `*`, and a
setting shows its value (marked as coming from the settings, so that it is never rewritten).
Typographic quotes and dashes that markdown-it makes are left for the alignment with the Word
text to absorb.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from ..read.variables import VARIABLE
from .wordml import PICTURE

PUNCTUATION = set(string.punctuation)  # what a backslash escapes (CommonMark: ASCII punctuation)
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\s]*)>")


@dataclass(frozen=True)
class Char:
    """A character a reader sees, and the characters of the file it comes from."""

    text: str
    start: int  # offsets in the file's text
    end: int
    setting: str = ""  # the setting whose value it is part of
    bold: bool = False
    link: bool = False


@dataclass
class Region:
    """The part of the file a paragraph of the Word file comes from."""

    chars: list[Char]
    start: int  # where its text starts in the file

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


@dataclass
class SourceFile:
    """The source's text, with where each line starts."""

    text: str
    header_lines: int = 0  # the front matter's lines, not part of the body
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts = [0]
        for line in self.text.split("\n")[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def line_text(self, number: int) -> str:
        """Line `number` (1-based) without its newline."""
        start = self.starts[number - 1]
        end = self.starts[number] - 1 if number < len(self.starts) else len(self.text)
        return self.text[start:end]

    def line_of(self, offset: int) -> int:
        """The line (1-based) the character at `offset` is on."""
        low, high = 0, len(self.starts) - 1
        while low < high:
            middle = (low + high + 1) // 2
            if self.starts[middle] <= offset:
                low = middle
            else:
                high = middle - 1
        return low + 1

    def line_end(self, number: int) -> int:
        """The offset just after line `number`'s newline (or the end of the text)."""
        return self.starts[number] if number < len(self.starts) else len(self.text)


class SourceMap:
    """Regions of the source by the line a block starts on."""

    def __init__(self, source: SourceFile, values: dict[str, str]) -> None:
        from ..read.frontmatter import blank_header
        from ..read.parse import markdown_parser

        self.source = source
        self.values = values
        tokens = markdown_parser().parse(blank_header(source.text, source.header_lines))
        self.paragraphs: dict[int, tuple[int, int, str]] = {}  # start line -> (first, last, text)
        self.headings: dict[int, str] = {}
        self.rows: dict[int, list[tuple[int, int]]] = {}  # line -> cells' (start, end) offsets
        self.item_ends: dict[int, int] = {}  # a list item's first line -> its last line
        for index, token in enumerate(tokens):
            if token.map is None:
                continue
            first, last = token.map[0] + 1, token.map[1]
            if token.type == "paragraph_open":
                self.paragraphs[first] = (first, last, tokens[index + 1].content)
            elif token.type == "heading_open":
                self.headings[first] = tokens[index + 1].content
            elif token.type == "list_item_open":
                while last > first and not source.line_text(last).strip():
                    last -= 1  # the blank line after a list belongs to no item
                self.item_ends[first] = last
            elif token.type == "tr_open":
                self.rows[first] = _cells(source, first)

    # ---- regions -------------------------------------------------------------------------

    def paragraph(self, line: int) -> Region | None:
        found = self.paragraphs.get(line)
        if found is None:
            return None
        first, last, content = found
        spans = []
        for number, text in zip(range(first, last + 1), content.split("\n"), strict=False):
            whole = self.source.line_text(number).rstrip()
            text = text.rstrip()
            if not whole.endswith(text):
                return None
            start = self.source.starts[number - 1] + len(whole) - len(text)
            spans.append((start, start + len(text)))
        return self._region(spans)

    def heading(self, line: int) -> Region | None:
        content = self.headings.get(line)
        if content is None:
            return None
        whole = self.source.line_text(line)
        at = whole.find(content)
        if at < 0:
            return None
        start = self.source.starts[line - 1] + at
        return self._region([(start, start + len(content))])

    def cell(self, table_line: int, row: int, column: int) -> Region | None:
        """A table's cell (rows counted as in row_line)."""
        line = row_line(table_line, row)
        cells = self.rows.get(line)
        if cells is None or column >= len(cells):
            return None
        return self._region([cells[column]])

    def box_title(self, line: int) -> Region | None:
        """A box's title: the words after `::: kind`, before any `{card=...}`."""
        whole = self.source.line_text(line)
        match = re.match(r"^\s*:{3,}\s*\S+\s+(.*?)\s*(\{[^}]*\})?\s*$", whole)
        if match is None or not match.group(1):
            return None
        start = self.source.starts[line - 1] + match.start(1)
        return self._region([(start, start + len(match.group(1)))])

    def _region(self, spans: list[tuple[int, int]]) -> Region:
        text = self.source.text
        chars: list[Char] = []
        for number, (start, end) in enumerate(spans):
            if number:  # a soft line break shows as a space
                chars.append(Char(" ", spans[number - 1][1], start))
            chars += read_inline(text, start, end, self.values)
        return Region(chars, spans[0][0])


def row_line(table_line: int, row: int) -> int:
    """The line of a table's row: row 0 is the header, and the delimiter row is not counted."""
    return table_line + (row if row == 0 else row + 1)


def _cells(source: SourceFile, line: int) -> list[tuple[int, int]]:
    """The offsets of each cell's words on a table row's line (pipes and padding left out)."""
    whole = source.line_text(line)
    base = source.starts[line - 1]
    bounds = [i for i, c in enumerate(whole) if c == "|" and (i == 0 or whole[i - 1] != "\\")]
    stripped = whole.strip()
    if stripped.startswith("|"):
        bounds = bounds[1:]
        begin = whole.index("|") + 1
    else:
        begin = len(whole) - len(whole.lstrip())
    cells = []
    for end in [*bounds, len(whole)]:
        piece = whole[begin:end]
        if piece.strip() or end != len(whole):
            left = begin + len(piece) - len(piece.lstrip())
            right = begin + len(piece.rstrip())
            cells.append((base + left, base + max(left, right)))
        begin = end + 1
    if stripped.endswith("|") and cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    return cells


def read_inline(text: str, start: int, end: int, values: dict[str, str]) -> list[Char]:
    """The characters inline Markdown text[start:end] shows, each with where it comes from."""
    chars: list[Char] = []
    bold = link = False
    i = start
    while i < end:
        c = text[i]
        if c == "\\" and i + 1 < end and text[i + 1] in PUNCTUATION:
            chars.append(Char(text[i + 1], i, i + 2, bold=bold, link=link))
            i += 2
        elif (variable := VARIABLE.match(text, i, end)) is not None:
            name = variable.group(1)
            for shown in values.get(name, ""):
                chars.append(Char(shown, i, variable.end(), name, bold, link))
            i = variable.end()
        elif c in "*_" and _is_delimiter(text, i, start, end):
            run = i
            while run < end and text[run] == c:
                run += 1
            if run - i >= 2:
                bold = not bold
            i = run
        elif c == "`":
            ticks = re.match(r"`+", text[i:end]).group(0)  # type: ignore[union-attr]
            close = text.find(ticks, i + len(ticks), end)
            if close < 0:
                chars.append(Char(c, i, i + 1, bold=bold, link=link))
                i += 1
                continue
            for at in range(i + len(ticks), close):
                chars.append(Char(text[at], at, at + 1, bold=bold, link=link))
            i = close + len(ticks)
        elif c == "!" and text.startswith("[", i + 1):
            close = _link_end(text, i + 1, end)
            chars.append(Char(PICTURE, i, close))
            i = close
        elif c == "[":
            link = _link_end(text, i, end) > i + 1
            i += 1
        elif c == "]" and text.startswith(("(", "{"), i + 1):
            closer = ")" if text[i + 1] == "(" else "}"
            close = text.find(closer, i + 1, end)
            i = (close + 1) if close >= 0 else end
            link = False
        elif c == "]":
            i += 1
        elif c == "<" and (auto := AUTOLINK.match(text, i, end)) is not None:
            for at in range(auto.start(1), auto.end(1)):
                chars.append(Char(text[at], at, at + 1, bold=bold, link=True))
            i = auto.end()
        elif c == "\n":
            chars.append(Char(" ", i, i + 1, bold=bold, link=link))
            i += 1
        else:
            chars.append(Char(c, i, i + 1, bold=bold, link=link))
            i += 1
    return chars


def _is_delimiter(text: str, at: int, start: int, end: int) -> bool:
    """Whether a * or _ at `at` opens or closes emphasis (an _ inside a word does not)."""
    if text[at] == "*":
        return True
    before = text[at - 1] if at > start else " "
    run_end = at
    while run_end < end and text[run_end] == "_":
        run_end += 1
    after = text[run_end] if run_end < end else " "
    return not (before.isalnum() and after.isalnum())


def _link_end(text: str, opening: int, end: int) -> int:
    """Where a link or picture starting at `[` ends (after its `(...)`), or opening + 1."""
    depth, i = 0, opening
    while i < end:
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "[":
            depth += 1
        elif text[i] == "]":
            depth -= 1
            if depth == 0:
                if text.startswith("(", i + 1):
                    close = text.find(")", i + 1, end)
                    return close + 1 if close >= 0 else end
                if text.startswith("{", i + 1):
                    close = text.find("}", i + 1, end)
                    return close + 1 if close >= 0 else end
                return opening + 1
        i += 1
    return opening + 1
