"""The pictures of the text, as the parser meets them: `![what it shows](images/name.svg)` is
checked (words, a name inside the content folder) and the file read and checked once, at its
first use, by pipeline/pictures (format, size, and for SVG what it holds)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from markdown_it.tree import SyntaxTreeNode

from .. import model as m
from ..errors import Collector, Problem, ToolkitError

if TYPE_CHECKING:
    from ..pictures import Picture

# What read_picture says to do when a picture's file is not there.
MISSING_FIX = "Check the file name, or add the image to content/images/."


class PictureReading:
    """The parser's part that reads pictures (pipeline/read/parse.py: Parser)."""

    file: str
    content_dir: Path
    problems: Collector
    pictures: dict[str, Picture]  # each picture read once, by its name in the text
    refused_pictures: set[str]  # reported once, at their first use
    warnings: list[Problem]  # what was removed from a picture

    if TYPE_CHECKING:  # the Parser's own

        def inlines(self, node: SyntaxTreeNode, line: int) -> tuple[m.Inline, ...]: ...
        def find_line(self, start: int, needle: str) -> int: ...
        def report(self, line: int, message: str, fix: str = "") -> None: ...

    def image(self, node: SyntaxTreeNode, line: int) -> m.Image | None:
        src = str(node.attrs.get("src", ""))
        alt = m.plain_text(self.inlines(node, line)).strip()
        where = self.find_line(line, src)
        if not alt:
            self.report(
                where,
                f"The image '{src}' has no alternative text.",
                "Describe it between the brackets: ![What the image shows](" + src + ").",
            )
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE):
            self.report(
                where,
                f"The image '{src}' is not in the project.",
                "Save the image in content/images/ and link to it as images/name.png.",
            )
            return None
        path = (self.content_dir / src).resolve()
        if not path.is_relative_to(self.content_dir):
            self.report(
                where,
                f"The image '{src}' is outside the content folder.",
                "Move it into content/images/.",
            )
            return None
        if not path.is_file():
            self.report(
                where,
                f"The image '{src}' does not exist.",
                "Check the file name, or add the image to content/.",
            )
            return None
        if not self.picture(path, src, where):
            return None
        return m.Image(src, alt)

    def picture(self, path: Path, src: str, line: int) -> bool:
        """Read and check the picture once, at its first use; False if it cannot be shown."""
        if src in self.pictures:
            return True
        if src in self.refused_pictures:
            return False
        from ..pictures import read_picture  # only for a text that has pictures

        try:
            picture = read_picture(path, src, self.file, line, missing_fix=MISSING_FIX)
        except ToolkitError as refused:
            self.problems.extend(refused.problems)
            self.refused_pictures.add(src)
            return False
        self.pictures[src] = picture
        self.warnings.extend(picture.warnings)
        return True
