"""Real Word lists: one definition for bullets and one for numbers, and a fresh list (w:num) for
each list in the text, so every numbered list starts counting at its own first number."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.shared import Cm

from . import oxml
from .styles import Lists

LEVELS = 9  # Word's lists have nine levels
BULLETS, NUMBERS = 1, 2  # abstractNumId of each definition


class ListNumbering:
    def __init__(self, word: WordDocument, lists: Lists, font: str) -> None:
        self.lists = lists
        self.element = word.part.numbering_part.element
        oxml.clear_numbering(self.element)
        bullets = [
            self._level(i, "bullet", lists.bullets[i % len(lists.bullets)], font)
            for i in range(LEVELS)
        ]
        numbers = [
            self._level(i, lists.numbers[i % len(lists.numbers)], f"%{i + 1}.", font)
            for i in range(LEVELS)
        ]
        oxml.add_numbering(self.element, oxml.abstract_numbering(BULLETS, bullets))
        oxml.add_numbering(self.element, oxml.abstract_numbering(NUMBERS, numbers))
        self.count = 0

    def new_list(self, ordered: bool, start: int, level: int) -> int:
        """The numId of a new list whose items sit at `level` (0 = not nested)."""
        self.count += 1
        definition = NUMBERS if ordered else BULLETS
        oxml.add_numbering(
            self.element, oxml.numbering_instance(self.count, definition, start, level)
        )
        return self.count

    def indent_pt(self, level: int) -> tuple[float, float]:
        """Left indent of an item's text at `level`, and the hanging room for its marker."""
        return (
            Cm(self.lists.indent_cm).pt * (level + 1),
            Cm(self.lists.hanging_cm).pt,
        )

    def _level(self, index: int, fmt: str, text: str, font: str) -> oxml.ListLevel:
        left, hanging = self.indent_pt(index)
        return oxml.ListLevel(fmt, text, left, hanging, font)
